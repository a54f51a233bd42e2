/** @file
 * @brief The indexing pipeline's first stage: inputs to documents with ids, terms and record hashes.
 */
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include <newsdex/core/diagnostics.hpp>
#include <newsdex/index/indexer.hpp>
#include <newsdex/ingest/chunk_parser.hpp>
#include <newsdex/ingest/input_reader.hpp>
#include <newsdex/ingest/parser.hpp>

#include "index/file_state.hpp"
#include "index/item.hpp"

namespace newsdex {

/// Where the producer's time went (Producer::stats()), for `indexer --stats`.
struct ProducerStats {
    /// Wall time the producer thread spent working serially: walking, reading, decoding, splitting,
    /// parsing the inputs it parses whole, and the per-document logic (ids, hashes, claims); not the
    /// time it waited on the full output queue or for chunks other threads were parsing.
    double read_busy_s = 0;
    /// Time spent parsing the chunks of big inputs, summed over the threads that did (the producer's too).
    double parse_busy_s = 0;
    /// The threads that may parse chunks at once, the producer's own included (1: all on the producer).
    unsigned parse_threads = 1;
};

/**
 * Walks the inputs in sorted order, skips unchanged files (per-file state metadata), reads, decodes
 * and parses them (ingest/input_reader.hpp); gives each document its id, its unique id term, its
 * record hash and a writer; skips unchanged records of changed files (same record hash as the
 * database already holds for that file). A JSON Lines record's hash is that of its raw line, so an
 * unchanged line is skipped before it is even parsed (RecordFilter). Runs on one thread, but for
 * the parsing of a big input whose format splits into chunks (Parser::split), done by up to
 * --threads threads (ChunkParser) and replayed here in input order, so that ids, lines, diagnostics,
 * skipping and segments come out as a parse on this thread gives them.
 */
class Producer {
public:
    using Emit = std::function<void(std::unique_ptr<Item>)>;

    /**
     * @p shards writers; @p segment_base > 0: a fresh merged build, documents go in segments (runs
     * of the input of about segment_bytes() of text, segment k to writer k mod shards), and the
     * earlier copies of repeated ids that another segment replaces are listed in @p stale.
     * Otherwise document n (ids seen for the first time) goes to writer n mod shards.
     */
    Producer(const IndexOptions& options, DiagnosticSink& diag, SharedStats& stats,
             std::optional<Xapian::Database> reader, std::set<std::string> tag_fields, std::filesystem::path db_dir,
             std::size_t shards, std::size_t segment_base, StaleCopies* stale, Emit emit);

    ~Producer();

    /// Read every input, emitting documents and ends of files in input order.
    void run();
    /// Where the time of run() went (filled when it returns).
    [[nodiscard]] const ProducerStats& stats() const noexcept { return m_time; }

private:
    /// What this run did with a document of the database as it was (none, until a record claims it).
    enum class Claim : std::uint8_t { none, kept, replaced };

    struct SeenId {
        std::shared_ptr<const std::string> path;  ///< the file of its last occurrence
        std::size_t line;                         ///< and its line there (0: none)
        std::size_t shard;                        ///< its writer
        std::size_t segment;                      ///< the segment of its last copy (fresh merged build)
    };

    bool stopped() const { return m_options.stop && m_options.stop->load(std::memory_order_relaxed); }
    void index_input(const std::string& input);
    /// The database being written, or its scratch directory: never input.
    bool is_own_directory(const std::filesystem::path& dir) const;
    /// Metadata of the database as it was when the run started ("" when fresh).
    std::string db_metadata(const std::string& key);
    template <typename F>
    auto with_reader(F&& f) -> decltype(f());
    void index_file(const std::filesystem::path& path, const std::filesystem::path& root);
    /// Whether the file's state says it is unchanged since it was indexed (it is then skipped).
    bool unchanged(const FileState& now, const std::string& key, const std::string& display);
    void index_stdin();
    const Parser& parser_for(std::string_view format);
    std::size_t parse(const std::shared_ptr<FileContext>& fc, const InputText& input);
    std::size_t parse_chunks(const std::shared_ptr<FileContext>& fc, const Parser& parser,
                             std::vector<TextChunk> chunks, std::uint64_t seed);
    void replay(ParsedChunk& chunk, const Parser& parser, FileContext& fc, const DocumentSink& emit, std::size_t& docs);
    void emit(std::unique_ptr<Item> item);
    bool keep_unchanged(FileContext& fc, std::uint64_t h);
    Claim& claim(Xapian::docid did);
    const std::unordered_map<std::uint64_t, Xapian::docid>& known_hashes(FileContext& fc);
    bool add(Document&& doc, const std::shared_ptr<FileContext>& fc);
    bool look_up(Item& item, const Document& doc, FileContext& fc);
    std::unordered_map<std::uint64_t, Xapian::docid> hashes_of(const std::string& path_term) const;
    void assign_segment(Item& item, SeenId& seen);

    const IndexOptions& m_options;
    DiagnosticSink& m_diag;
    SharedStats& m_stats;
    std::optional<Xapian::Database> m_reader;  ///< the database as it was, for skipping (none when fresh)
    std::set<std::string> m_tag_fields;
    std::filesystem::path m_db_dir;
    std::size_t m_shards;
    std::size_t m_segment_base;
    StaleCopies* m_stale;
    Emit m_emit;
    std::size_t m_next_seq = 0;
    std::size_t m_segment = 0;
    std::size_t m_segment_fill = 0;
    std::map<std::string, std::unique_ptr<Parser>, std::less<>> m_parsers;
    std::unordered_map<std::string, SeenId> m_seen_ids;
    std::shared_ptr<const std::string> m_last_path;  ///< the path of the last record (SeenId::path)
    std::unordered_set<std::string> m_done_files;
    /// The raw record the parser is about to parse (RecordFilter): its line and raw hash.
    struct {
        std::size_t line = 0;
        std::uint64_t hash = 0;
    } m_raw;
    std::vector<Claim> m_claims;  ///< a re-run: by docid of the database as it was
    unsigned m_parse_threads;
    std::unique_ptr<tbb::task_arena> m_arena;  ///< the chunk parsers' threads (made when first needed)
    ProducerStats m_time;
    double m_waited_s = 0;  ///< on the output queue, and for chunks other threads were parsing
};

}  // namespace newsdex
