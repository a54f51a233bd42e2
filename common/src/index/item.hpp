/** @file
 * @brief What the indexing pipeline's stages hand each other: the items (a document to write, or the
 *        end of a file), the file they come from, the run's statistics, and the segment sizes of a
 *        fresh build.
 */
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <xapian.h>

#include <newsdex/index/indexer.hpp>
#include <newsdex/ingest/input_reader.hpp>
#include <newsdex/schema/document.hpp>

namespace newsdex {

/// Suffix of the scratch directory next to the database where a fresh build writes its shards.
inline constexpr std::string_view build_dir_suffix = ".newsdex-build";

/// Text waiting in a writer's queue, in segments: two, so that handing a segment to one writer
/// never blocks the pipeline while the other writers still have work.
inline constexpr std::size_t writer_queue_segments = 2;

/// One input file (or stdin) being indexed; shared by the producer and the writer.
struct FileContext {
    std::string display;    ///< path as given / as walked (for diagnostics and Document::path)
    InputIds ids;           ///< ids of documents without one: based on the path relative to the corpus root
    std::string abs_path;   ///< "" for stdin
    std::string path_term;  ///< "P<abs path>", "" for stdin
    /// Producer: documents of this file found unchanged in the database (kept as they are).
    std::vector<Xapian::docid> kept;
    /// Writer: documents written from this file in this run.
    std::unordered_set<Xapian::docid> docids;
    /// Producer, a changed file: record hash -> docid of the documents it had (read once).
    std::optional<std::unordered_map<std::uint64_t, Xapian::docid>> known_hashes;
};

/// One token of the pipeline: a document to write, or the end of a file.
struct Item {
    enum class Kind { document, file_done } kind = Kind::document;
    std::shared_ptr<FileContext> fc;
    // --- document (filled by the producer) ---
    Document doc;
    std::string term;             ///< unique id term
    Xapian::docid old_docid = 0;  ///< the document with this id in the database as it was (first time only)
    std::uint64_t hash = 0;       ///< record hash
    bool first_time = true;       ///< the id was not seen before in this run
    std::size_t shard = 0;        ///< fresh build: the writer it goes to
    std::size_t segment = 0;      ///< fresh build, merged: its segment (a run of the input in order)
    std::size_t text_bytes = 0;
    std::vector<std::string> new_tag_fields;  ///< tag fields this document is the first to use
    // --- document (filled by the parallel stage) ---
    Xapian::Document xdoc;
    std::vector<std::string> spelling;
    std::vector<std::pair<std::string, std::string>> synonyms;
    // --- file_done ---
    std::string state_key;
    std::string state;
};

/// Ids repeated in a fresh, merged build: segment -> unique id terms whose later copy went elsewhere.
using StaleCopies = std::map<std::size_t, std::vector<std::string>>;

/**
 * The text size of segment @p k of a fresh, merged build: @p base (the segment budget), twice that
 * after segments_per_size segments (once), so that a very big corpus still makes a few thousand
 * segments, not tens of thousands (each open one takes ~8 file descriptors during the merge, which
 * raises the soft limit as far as the hard one allows). Bigger segments make slower writers (Xapian's
 * in-memory maps per segment grow): 16x Reuters, ~1,040 segments, took 138 s with every segment at
 * 0.25 MB against 163-184 s growing to 2x after 64, and 165-195 s to 4x.
 */
[[nodiscard]] inline std::size_t segment_bytes(std::size_t base, std::size_t k) noexcept {
    constexpr std::size_t segments_per_size = 1024;
    constexpr unsigned max_segment_growth = 1;  // shift
    return base << std::min<std::size_t>(k / segments_per_size, max_segment_growth);
}

/// Run statistics, updated from several threads.
class SharedStats {
public:
    template <typename F>
    void update(F&& f) {
        std::lock_guard lock(m_mutex);
        f(m_stats);
    }
    IndexStats get() const {
        std::lock_guard lock(m_mutex);
        return m_stats;
    }

private:
    mutable std::mutex m_mutex;
    IndexStats m_stats;
};

}  // namespace newsdex
