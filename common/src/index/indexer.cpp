/** @file
 * @brief build_index: a bounded parallel pipeline that walks the inputs, parses, analyzes and tags
 *        documents on N threads, and writes them into one database or N shards merged at the end.
 *
 * Stages (see README "Indexing throughput"):
 *  1. producer (one thread): walk the inputs in sorted order, skip unchanged files (per-file state
 *     metadata), read (big files are mapped), decode, parse; give each document its id, its unique id
 *     term, its record hash and a sequence number; skip unchanged records of changed files (same
 *     record hash as the database already holds for that file). A JSON Lines record's hash is that of
 *     its raw line, so an unchanged line is skipped before it is even parsed (RecordFilter). Pushes
 *     into a bounded queue.
 *  2. oneTBB parallel_pipeline: a serial input filter pops the queue; a parallel filter annotates
 *     entities (EntityExtractor::annotate is const and thread-safe), builds the Xapian document with a
 *     per-thread Analyzer, its spelling words and alias synonyms; a serial in-order filter hands each
 *     document to its writer thread. At most 4 tokens a thread are in flight, and every queue is
 *     bounded, so memory does not grow with the corpus.
 *  3. writers, each on a thread of its own. Direct mode (an existing database): one writer updates
 *     the database itself inside transactions, in input order (docids follow the input order).
 *     Segment mode (a fresh database): the producer cuts the input into segments (runs of about
 *     segment_bytes of text, in order; segment_bytes()); segment k goes to writer k mod N, which writes
 *     it into `<db>.newsdex-build/seg-NNNNNN`, a database of its own. At the end the segments are
 *     compacted in segment order into one database that replaces `<db>`: docids follow the input
 *     order whatever N is. An id repeated in a later segment deletes its earlier copy before the
 *     merge (StaleCopies). Shard mode (fresh, `--no-merge`): document n goes to shard n mod N,
 *     `shard-K`, kept behind a stub, whose interleaved docids are the input order again.
 *
 * Commit policy: direct mode writes inside a Xapian transaction committed every commit_bytes of text,
 * when the stop flag is seen and at the end; a file's state metadata is written after its last
 * document in the same transaction, so an interrupted or crashed run never marks a half-indexed file
 * as done (the next run re-indexes it, replacing by id). Segment mode commits each segment when it is
 * complete, shard mode each shard every commit_bytes / N (scratch space until the merge); the file
 * states go into the merged database. An interrupted fresh build still merges what was written (a usable database without the
 * unfinished file's state); a crashed one leaves `<db>` empty and `<db>.newsdex-build` behind, which
 * the next run (seeing a fresh database) deletes and redoes.
 *
 * File state: metadata `newsdex:file:<abs path>` = "<mtime_ns> <size> <docs> <failed records>" (plus
 * " <abs path>" when the key had to be shortened). An unchanged file is skipped without being read;
 * when it had failed records, a warning says so (they are not re-reported, the file is not re-read).
 */
#include <newsdex/index/indexer.hpp>

#include <pthread.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>
#include <xapian.h>
#define XXH_STATIC_LINKING_ONLY  // XXH3_state_t on the stack
#include <xxhash.h>

#include <newsdex/index/document_builder.hpp>
#include <newsdex/ingest/encoding.hpp>
#include <newsdex/entities/entity_extractor.hpp>
#include <newsdex/core/error.hpp>
#include <newsdex/ingest/parser.hpp>
#include <newsdex/schema/schema.hpp>
#include <newsdex/analysis/spelling.hpp>
#include <newsdex/analysis/terms.hpp>
#include <newsdex/schema/stored.hpp>

#include "ingest/formats/formats.hpp"
#include "core/text_util.hpp"

namespace newsdex {

std::uint64_t stable_id_hash(std::string_view id) noexcept { return detail::fnv1a64(id); }

unsigned default_index_threads() noexcept {
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : n;
}

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr auto progress_interval = std::chrono::milliseconds(500);
/// How much decoded text detect_format() gets to look at.
constexpr std::size_t detect_head_bytes = 4096;
/// Display name of standard input in diagnostics.
constexpr std::string_view stdin_name = "<stdin>";
/// Tokens in flight in the pipeline, per thread.
constexpr std::size_t tokens_per_thread = 4;
/// Text waiting in a writer's queue, in segments: two, so that handing a segment to one writer
/// never blocks the pipeline while the other writers still have work (see SegmentPlan).
constexpr std::size_t writer_queue_segments = 2;
/// After this many segments, segments get twice as big (once), so that a very big corpus still makes
/// a few thousand segments, not tens of thousands (each open one takes ~8 file descriptors during the
/// merge, which raises the soft limit as far as the hard one allows). Bigger segments make slower
/// writers (Xapian's in-memory maps per segment grow): 16x Reuters, ~1,040 segments, took 138 s with
/// every segment at 0.25 MB against 163-184 s growing to 2x after 64, and 165-195 s to 4x.
constexpr std::size_t segments_per_size = 1024;
constexpr unsigned max_segment_growth = 1;  // shift
/// Distinct spelling words a shard writer buffers before writing them (about 100 bytes each).
constexpr std::size_t spelling_buffer_words = 500'000;
/**
 * The most text one document gets indexed (title and body): a bigger one is cut there, with a
 * warning. A file that is one document (news, memo, HTML, one e-mail) and bigger than this is read
 * only up to it, so a huge stray file costs neither minutes nor its size in memory (README,
 * "Diagnostics and exit codes"). Files of many records (JSON Lines, SGML, mbox, archives) are read
 * whole, and each of their records is cut alike.
 */
constexpr std::size_t max_document_bytes = std::size_t{8} << 20;
/// Entity tagging takes about 90 bytes of memory per byte of text (a document is tagged at once):
/// entities and date mentions are looked for in the first 1 MiB of a bigger body only.
constexpr std::size_t max_tagged_bytes = std::size_t{1} << 20;
/// How much of a big file is read first to tell whether it is one document.
constexpr std::size_t big_file_head_bytes = 64 << 10;
/// Suffix of the scratch directory next to the database where a fresh build writes its shards.
constexpr std::string_view build_dir_suffix = ".newsdex-build";

/// What the database remembers about an indexed file.
struct FileState {
    std::int64_t mtime_ns = 0;
    std::uint64_t size = 0;
    std::size_t docs = 0;
    std::size_t failed = 0;  ///< records reported as errors when the file was indexed
    std::string path;        ///< only when the metadata key was shortened
};

std::string format_state(const FileState& s, bool with_path) {
    std::string v = fmt::format("{} {} {} {}", s.mtime_ns, s.size, s.docs, s.failed);
    if (with_path) v.append(" ").append(s.path);
    return v;
}

std::optional<FileState> parse_state(std::string_view v) {
    FileState s;
    std::istringstream in{std::string(v)};
    if (!(in >> s.mtime_ns >> s.size)) return std::nullopt;
    if (!(in >> s.docs >> s.failed)) return s;
    if (in.get() == ' ') std::getline(in, s.path);
    return s;
}

/// The metadata key of a file (bounded like terms, since Xapian keys have the same length limit).
std::string state_key(std::string_view abs_path) { return bounded_term(schema::meta_file_prefix, abs_path); }

bool key_was_shortened(std::string_view abs_path) { return abs_path.size() > max_term_value_bytes; }

bool is_hidden(const fs::path& p) {
    const std::string name = p.filename().string();
    return !name.empty() && name[0] == '.' && name != "." && name != "..";
}

/// A Xapian database directory (ours or any other) is never input.
bool is_xapian_database(const fs::path& dir) {
    std::error_code ec;
    return fs::exists(dir / "iamglass", ec) || fs::exists(dir / "iamchert", ec) || fs::exists(dir / "XAPIANDB", ec);
}

/**
 * The bytes of an input file, or of its first bytes: mapped when big (no copy, and no fresh memory
 * to fault in: reading 20 MB into new pages took 95 ms on the 2-core VMs, mapping them 11 ms), read
 * when small or not mappable (a pipe). A mapped file cut short by another process while it is
 * read would end the indexer with SIGBUS; the database then stays at its last commit.
 */
class FileBytes {
public:
    /// At most @p max bytes of @p path from its start; nullopt with errno set on failure.
    static std::optional<FileBytes> read(const fs::path& path, std::size_t max = SIZE_MAX) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return std::nullopt;
        std::optional<FileBytes> out = read_fd(fd, max);
        const int saved = errno;
        ::close(fd);
        errno = saved;
        return out;
    }

    FileBytes(FileBytes&& o) noexcept
        : m_map(std::exchange(o.m_map, nullptr)),
          m_map_size(o.m_map_size),
          m_read(std::move(o.m_read)),
          m_view(m_map ? o.m_view : std::string_view(m_read).substr(0, o.m_view.size())) {}
    FileBytes& operator=(FileBytes&&) = delete;
    FileBytes(const FileBytes&) = delete;
    FileBytes& operator=(const FileBytes&) = delete;
    ~FileBytes() {
        if (m_map) ::munmap(m_map, m_map_size);
    }

    [[nodiscard]] std::string_view view() const noexcept { return m_view; }
    /// Keep only the first @p n bytes.
    void cut(std::size_t n) noexcept { m_view = m_view.substr(0, n); }

private:
    /// Files from this size on are mapped (below it a read is as cheap as the mapping's set-up).
    static constexpr std::size_t map_min_bytes = 256 << 10;

    FileBytes() = default;

    static std::optional<FileBytes> read_fd(int fd, std::size_t max) {
        struct stat st {};
        if (::fstat(fd, &st) != 0) return std::nullopt;
        const std::size_t size = std::min(static_cast<std::size_t>(st.st_size), max);
        FileBytes out;
        if (S_ISREG(st.st_mode) && size >= map_min_bytes) {
            void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
            if (map != MAP_FAILED) {
                out.m_map = map;
                out.m_map_size = size;
                out.m_view = std::string_view(static_cast<const char*>(map), size);
                return out;
            }
        }
        // Read up to the end, wherever it is now: the file may have grown since stat (or be a pipe).
        std::string& bytes = out.m_read;
        bytes.resize(std::min(std::max<std::size_t>(size, 4096), max));
        std::size_t got = 0;
        while (got < max) {
            if (got == bytes.size()) bytes.resize(std::min(bytes.size() * 2, max));
            const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) return std::nullopt;
            if (n == 0) break;
            got += static_cast<std::size_t>(n);
        }
        bytes.resize(got);
        out.m_view = bytes;
        return out;
    }

    void* m_map = nullptr;
    std::size_t m_map_size = 0;
    std::string m_read;
    std::string_view m_view;
};

/// Where to cut text at or before @p max: after the last white space of the last 64 KB, else at a
/// UTF-8 character boundary (never inside a multi-byte sequence).
std::size_t text_cut(std::string_view text, std::size_t max) {
    if (text.size() <= max) return text.size();
    const std::size_t floor = max > big_file_head_bytes ? max - big_file_head_bytes : 0;
    for (std::size_t i = max; i > floor; --i)
        if (text[i - 1] == ' ' || text[i - 1] == '\n' || text[i - 1] == '\t') return i;
    std::size_t i = max;
    while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
    return i;
}

/// EntityExtractor::annotate on at most max_tagged_bytes of the body (offsets stay valid: a prefix).
void annotate_bounded(const EntityExtractor& extractor, Document& doc) {
    if (doc.body.size() <= max_tagged_bytes) {
        extractor.annotate(doc);
        return;
    }
    std::string body = std::move(doc.body);
    doc.body.assign(body, 0, text_cut(body, max_tagged_bytes));
    try {
        extractor.annotate(doc);
    } catch (...) {
        doc.body = std::move(body);
        throw;
    }
    doc.body = std::move(body);
}

std::string mib(std::size_t bytes) { return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1 << 20)); }

/// Does a charset name mean "already UTF-8" (or its ASCII subset)?
bool is_utf8_charset(std::string_view cs) {
    return cs.empty() || cs == "UTF-8" || cs == "utf-8" || cs == "US-ASCII" || cs == "ASCII";
}

std::vector<std::string> split_lines(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(line);
    return out;
}

std::string join_lines(const std::set<std::string>& lines) {
    std::string v;
    for (const auto& l : lines) v.append(l).append("\n");
    return v;
}

/**
 * Record hashes, stored in schema::slot_record_hash (16 hex digits): equal hash = nothing to redo.
 * Two kinds, both XXH3 (stable across platforms and versions):
 * - raw_record_hash: the raw bytes of a record (a JSON Lines line), where they were (the input and
 *   line) and how they are indexed (format, entities). A re-run recognizes an unchanged record
 *   before parsing it (RecordFilter). Its lowest bit tells whether the record had no id of its own.
 * - record_hash: what a parser read from a record of another format, as a Document.
 */
class RecordHasher {
public:
    explicit RecordHasher(std::uint64_t seed) { XXH3_64bits_reset_withSeed(&m_state, seed); }
    void bytes(std::string_view s) { XXH3_64bits_update(&m_state, s.data(), s.size()); }
    void number(std::uint64_t n) {
        std::array<unsigned char, 8> b{};
        for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<unsigned char>(n >> (8 * i));
        XXH3_64bits_update(&m_state, b.data(), b.size());
    }
    void text(std::string_view s) {
        number(s.size());
        bytes(s);
    }
    [[nodiscard]] std::uint64_t digest() const { return XXH3_64bits_digest(&m_state); }

private:
    XXH3_state_t m_state{};
};

/// The seed of the raw record hashes of one input (@p display, a file at @p abs_path).
std::uint64_t raw_record_seed(std::string_view format, std::string_view display, std::string_view abs_path,
                              bool entities) {
    RecordHasher h(0);
    h.text("newsdex raw record v1");
    h.text(format);
    h.text(display);
    h.text(abs_path);
    h.text(entities ? "E" : "-");
    return h.digest();
}

/// The hash of raw record @p raw at line @p line of the input of @p seed; lowest bit clear.
std::uint64_t raw_record_hash(std::uint64_t seed, std::size_t line, std::string_view raw) {
    return XXH3_64bits_withSeed(raw.data(), raw.size(), seed + 0x9E3779B97F4A7C15ULL * line) & ~std::uint64_t{1};
}

/// The record hash of a parsed record: what the parser read (as stored, before entities), where from,
/// and whether entities were extracted.
std::uint64_t record_hash(const Document& doc, std::string_view abs_path, bool entities) {
    // Every field, each with its length, in a fixed order: what encode_stored would store, without
    // building it (a re-run hashes every record of a changed file).
    RecordHasher h(0);
    const auto list = [&](const std::vector<std::string>& v) {
        h.number(v.size());
        for (const auto& s : v) h.text(s);
    };
    const auto date = [&](const std::optional<Date>& d) {
        h.number(d ? 1 : 0);
        if (d)
            h.number(static_cast<std::uint64_t>(d->year) << 16 | static_cast<std::uint64_t>(d->month) << 8 |
                     static_cast<std::uint64_t>(d->day));
    };
    h.text("newsdex record v3");
    h.text(doc.id);
    h.text(doc.path);
    h.number(doc.line);
    h.text(doc.type);
    h.text(doc.title);
    date(doc.date);
    date(doc.updated);
    list(doc.authors);
    h.text(doc.source);
    list(doc.from);
    list(doc.to);
    list(doc.cc);
    h.text(doc.subject);
    h.text(doc.url);
    h.text(doc.body);
    h.number(doc.meta.size());
    for (const auto& [k, v] : doc.meta) {
        h.text(k);
        h.text(v);
    }
    h.number(doc.tags.size());
    for (const auto& [k, v] : doc.tags) {
        h.text(k);
        list(v);
    }
    h.number(doc.entities.size());  // found by the tagger later: only a parser's own entities count here
    for (const auto& e : doc.entities) {
        h.number(static_cast<std::uint64_t>(e.type));
        h.text(e.canonical);
        list(e.aliases);
        h.number(e.mentions.size());
        for (const auto& m : e.mentions) {
            h.number(m.offset);
            h.number(m.length);
            h.text(m.field);
        }
    }
    h.number(doc.date_mentions.size());
    for (const auto& m : doc.date_mentions) {
        h.text(m.text);
        date(m.date);
        h.number(m.offset);
    }
    h.text(abs_path);
    h.text(entities ? "E" : "-");
    return h.digest();
}

/// A record hash as stored in schema::slot_record_hash.
std::string hash_value(std::uint64_t h) { return fmt::format("{:016x}", h); }

/// A stored record hash (nullopt: none, or of an older version).
std::optional<std::uint64_t> parse_hash_value(std::string_view v) {
    std::uint64_t h = 0;
    if (v.size() != 16 || std::from_chars(v.data(), v.data() + v.size(), h, 16).ptr != v.data() + v.size())
        return std::nullopt;
    return h;
}

/// One input file (or stdin) being indexed; shared by the producer and the writer.
struct FileContext {
    std::string display;    ///< path as given / as walked (for diagnostics and Document::path)
    std::string id_base;    ///< path relative to the corpus root, for documents without an id
    std::string abs_path;   ///< "" for stdin
    std::string path_term;  ///< "P<abs path>", "" for stdin
    std::size_t without_id = 0;
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

/**
 * The extractor of @p paths, loading in the background: loaded once per process and never freed.
 * It is ~100 MB of small allocations (gazetteers, weights): freeing them took ~0.1 s, a sixth of a
 * small update's run, just before the process exits; a second build in the process reuses it.
 */
std::shared_future<std::shared_ptr<const EntityExtractor>> process_extractor(const EntityModelPaths& paths) {
    using Loading = std::shared_future<std::shared_ptr<const EntityExtractor>>;
    static std::mutex mutex;
    static auto* const loaded = new std::map<std::string, Loading>;  // intentionally never destroyed
    std::lock_guard lock(mutex);
    auto [it, added] = loaded->try_emplace(paths.model_file().string() + '\n' + paths.iso_codes_dir().string());
    if (added)
        it->second = std::async(std::launch::async, [paths] {
                         return std::make_shared<const EntityExtractor>(EntityExtractor::load(paths));
                     }).share();
    return it->second;
}

/**
 * The text size of segment @p k of a fresh, merged build (README, "Indexing throughput"): @p base
 * (the commit budget), twice that after segments_per_size segments.
 */
std::size_t segment_bytes(std::size_t base, std::size_t k) noexcept {
    return base << std::min<std::size_t>(k / segments_per_size, max_segment_growth);
}

/// Ids repeated in a fresh, merged build: segment -> unique id terms whose later copy went elsewhere.
using StaleCopies = std::map<std::size_t, std::vector<std::string>>;

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

/// Spelling words added up between commits: one add_spelling per distinct word and commit instead of
/// one per word and document (Xapian keeps a std::map of pending spelling changes: this is cheaper).
class SpellingBuffer {
public:
    void add(std::vector<std::string>& words) {
        for (auto& w : words) ++m_counts[std::move(w)];
    }
    void add(std::string&& word, Xapian::termcount n = 1) { m_counts[std::move(word)] += n; }
    [[nodiscard]] std::size_t size() const noexcept { return m_counts.size(); }

    /// Move the counts into @p into (adding them up).
    void move_into(SpellingBuffer& into) {
        if (into.m_counts.empty()) {
            into.m_counts.swap(m_counts);
            return;
        }
        for (auto& node : m_counts) into.m_counts[node.first] += node.second;
        m_counts.clear();
    }

    void flush(Xapian::WritableDatabase& db) {
        std::vector<std::pair<std::string, Xapian::termcount>> sorted(m_counts.begin(), m_counts.end());
        std::sort(sorted.begin(), sorted.end());
        for (const auto& [word, n] : sorted) db.add_spelling(word, n);
        m_counts.clear();
    }

private:
    std::unordered_map<std::string, Xapian::termcount> m_counts;
};

// =================================================================================================
// Producer: inputs -> documents with ids, terms and hashes
// =================================================================================================

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
             std::optional<Xapian::Database> reader, std::set<std::string> tag_fields, fs::path db_dir,
             std::size_t shards, std::size_t segment_base, StaleCopies* stale, Emit emit)
        : m_options(options),
          m_diag(diag),
          m_stats(stats),
          m_reader(std::move(reader)),
          m_tag_fields(std::move(tag_fields)),
          m_db_dir(std::move(db_dir)),
          m_shards(shards),
          m_segment_base(segment_base),
          m_stale(stale),
          m_emit(std::move(emit)) {}

    void run() {
        for (const auto& input : m_options.inputs) {
            if (stopped()) break;
            index_input(input);
        }
    }

private:
    bool stopped() const { return m_options.stop && m_options.stop->load(std::memory_order_relaxed); }

    void index_input(const std::string& input) {
        if (input == "-") {
            index_stdin();
            return;
        }
        std::error_code ec;
        const fs::file_status st = fs::status(input, ec);
        if (ec || !fs::exists(st)) {
            m_diag.error(input, 0, "no such file or directory");
            return;
        }
        if (fs::is_directory(st)) {
            walk(fs::path(input), fs::path(input));
        } else {
            const fs::path p(input);
            index_file(p, p.has_parent_path() ? p.parent_path() : fs::path("."));
        }
    }

    /// Recursive walk in sorted order, skipping hidden entries and database directories.
    void walk(const fs::path& dir, const fs::path& root) {
        if (is_database_dir(dir)) return;
        std::vector<fs::directory_entry> entries;
        std::error_code ec;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
            if (!is_hidden(it->path())) entries.push_back(*it);
        if (ec) {
            m_diag.error(dir.string(), 0, fmt::format("cannot read directory: {}", ec.message()));
            return;
        }
        std::sort(entries.begin(), entries.end(),
                  [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
        for (const auto& e : entries) {
            if (stopped()) return;
            std::error_code ec2;
            if (e.is_directory(ec2))
                walk(e.path(), root);
            else if (e.is_regular_file(ec2) && is_input_file_name(e.path().filename().string()))
                index_file(e.path(), root);
        }
    }

    bool is_database_dir(const fs::path& dir) const {
        if (is_xapian_database(dir)) return true;
        std::error_code ec;
        const fs::path c = fs::weakly_canonical(fs::absolute(dir), ec);
        if (ec) return false;
        if (c == m_db_dir) return true;
        // The scratch directory of a fresh sharded build.
        return c.string() == m_db_dir.string() + std::string(build_dir_suffix);
    }

    /// Metadata of the database as it was when the run started ("" when fresh).
    std::string db_metadata(const std::string& key) {
        if (!m_reader) return {};
        return with_reader([&] { return m_reader->get_metadata(key); });
    }

    /// Run a read on the snapshot, reopening it when the writer's commits have overtaken it.
    template <typename F>
    auto with_reader(F&& f) -> decltype(f()) {
        for (int attempt = 0;; ++attempt) {
            try {
                return f();
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt >= 5) throw;
                m_reader->reopen();
            }
        }
    }

    void index_file(const fs::path& path, const fs::path& root) {
        const std::string display = path.string();
        const std::string abs = fs::absolute(path).lexically_normal().string();
        if (!m_done_files.insert(abs).second) return;  // named twice on the command line

        struct stat st {};
        if (::stat(abs.c_str(), &st) != 0) {
            m_diag.error(display, 0, fmt::format("cannot read: {}", std::strerror(errno)));
            return;
        }
        FileState now;
        now.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
        now.size = static_cast<std::uint64_t>(st.st_size);
        now.path = abs;

        const std::string key = state_key(abs);
        if (const auto old = parse_state(db_metadata(key));
            old && old->mtime_ns == now.mtime_ns && old->size == now.size) {
            m_stats.update([&](IndexStats& s) {
                s.unchanged += old->docs;
                ++s.skipped_files;
            });
            if (old->failed > 0)
                m_diag.warning(display, 0,
                               fmt::format("unchanged, not re-read: {} record{} failed when it was indexed",
                                           old->failed, old->failed == 1 ? "" : "s"));
            return;
        }

        auto bytes = now.size > max_document_bytes ? read_big_file(path, display, now.size) : FileBytes::read(path);
        if (!bytes) {
            m_diag.error(display, 0, fmt::format("cannot read: {}", std::strerror(errno)));
            return;
        }
        m_stats.update([&](IndexStats& s) {
            ++s.files;
            s.bytes += bytes->view().size();
        });

        auto fc = std::make_shared<FileContext>();
        fc->display = display;
        fc->abs_path = abs;
        fc->path_term = bounded_term(schema::path_prefix, abs);
        std::error_code ec;
        fs::path rel = fs::relative(path, root, ec);
        fc->id_base = (ec || rel.empty() ? path.filename() : rel).generic_string();

        const std::size_t errors_before = m_diag.errors();
        std::size_t docs = 0;
        if (is_archive(display, bytes->view())) {
            // Each member is an input of its own, named "archive:member" (display and id base); the
            // archive's file state and stale-document removal cover them all.
            const std::string id_base = fc->id_base;
            read_archive(display, bytes->view(), m_diag, [&](ArchiveMember&& m) {
                fc->display = archive_member_path(display, m.name);
                fc->id_base = archive_member_path(id_base, m.name);
                fc->without_id = 0;
                docs += parse_bytes(fc, m.bytes).value_or(0);
                return !stopped();
            });
            fc->display = display;
            fc->id_base = id_base;
        } else {
            const auto parsed = parse_bytes(fc, bytes->view());
            if (!parsed) return;  // binary: not recorded, as before
            docs = *parsed;
        }
        bytes.reset();
        if (stopped()) return;  // half-done: do not record the file as indexed

        now.docs = docs;
        now.failed = m_diag.errors() - errors_before;
        auto done = std::make_unique<Item>();
        done->kind = Item::Kind::file_done;
        done->fc = std::move(fc);
        done->state_key = key;
        done->state = format_state(now, key_was_shortened(abs));
        m_emit(std::move(done));
    }

    /**
     * Read a file bigger than max_document_bytes: whole when it holds many records (or is an
     * archive), else (one document) only its first max_document_bytes, cut at a character
     * boundary, with a warning.
     */
    std::optional<FileBytes> read_big_file(const fs::path& path, const std::string& display, std::size_t size) {
        auto head = FileBytes::read(path, big_file_head_bytes);
        if (!head) return head;
        if (is_archive(display, head->view())) return FileBytes::read(path);
        const DecodedText text = decode_to_utf8(head->view());
        if (text.binary) return head;  // skipped as binary anyway
        const std::string_view format = m_options.format == "auto"
            ? detect_format(display, std::string_view(text.utf8).substr(0, detect_head_bytes))
            : std::string_view(m_options.format);
        const bool one_document = format == "news" || format == "memo" || format == "html" ||
            (format == "email" && !detail::looks_like_mbox(text.utf8));
        if (!one_document) return FileBytes::read(path);
        auto bytes = FileBytes::read(path, max_document_bytes);
        if (!bytes) return bytes;
        const bool utf16 = text.charset.starts_with("UTF-16");
        const std::size_t n = bytes->view().size();
        bytes->cut(utf16 ? n & ~std::size_t{1} : text_cut(bytes->view(), n - 1));
        m_diag.warning(display, 0,
                       fmt::format("{} file of one document: only its first {} indexed (the limit of one "
                                   "document)",
                                   mib(size), mib(max_document_bytes)));
        return bytes;
    }

    void index_stdin() {
        std::string bytes((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
        m_stats.update([&](IndexStats& s) {
            s.bytes += bytes.size();
            ++s.files;
        });
        DecodedText text = decode_to_utf8(bytes);
        bytes.clear();
        if (const std::string repairs = describe_repairs(text); !repairs.empty())
            m_diag.warning(std::string(stdin_name), 0, repairs);
        auto fc = std::make_shared<FileContext>();
        fc->display = std::string(stdin_name);
        fc->id_base = "stdin";
        parse(fc, m_options.format == "auto" ? std::string_view("jsonl") : std::string_view(m_options.format),
              text.utf8);
    }

    /**
     * Decode one input (a file, or an archive member named fc->display), detect its format and parse it;
     * the number of its documents, or nullopt for a binary input (skipped with a warning).
     */
    std::optional<std::size_t> parse_bytes(const std::shared_ptr<FileContext>& fc, std::string_view bytes) {
        const std::string& display = fc->display;
        std::string_view utf8 = bytes;  // plain UTF-8, the usual case, is parsed where it lies
        DecodedText text;
        if (!is_plain_utf8(bytes)) {
            text = decode_to_utf8(bytes);
            if (text.binary) {
                m_diag.warning(display, 0, "binary file skipped");
                return std::nullopt;
            }
            if (const std::string repairs = describe_repairs(text); !repairs.empty())
                m_diag.warning(display, 0, repairs);
            else if (!is_utf8_charset(text.charset))  // a legitimate legacy encoding: worth a note, not a warning
                m_diag.report({Severity::note, display, 0, fmt::format("read as {}", text.charset)});
            utf8 = text.utf8;
        }
        const std::string_view head = utf8.substr(0, detect_head_bytes);
        const std::string_view format =
            m_options.format == "auto" ? detect_format(display, head) : std::string_view(m_options.format);
        return parse(fc, format, utf8);
    }

    const Parser& parser_for(std::string_view format) {
        auto it = m_parsers.find(format);
        if (it == m_parsers.end()) it = m_parsers.emplace(std::string(format), make_parser(format)).first;
        return *it->second;
    }

    /// Parse one input; returns the number of its documents in this shard (written or kept).
    std::size_t parse(const std::shared_ptr<FileContext>& fc, std::string_view format, std::string_view text) {
        const Parser& parser = parser_for(format);
        std::size_t docs = 0;
        const std::uint64_t seed = raw_record_seed(parser.name(), fc->display, fc->abs_path, m_options.entities);
        const bool rerun = m_reader && !fc->path_term.empty();
        m_raw = {};
        // Once the stop flag is seen the remaining records are ignored (the parser has no cancel).
        parser.parse_wanted(
            fc->display, text, m_diag,
            [&](Document&& doc) {
                if (!stopped() && add(std::move(doc), fc)) ++docs;
            },
            [&](std::string_view raw, std::size_t line) {
                if (stopped()) return false;
                const std::uint64_t h = raw_record_hash(seed, line, raw);
                if (rerun && keep_unchanged(*fc, h)) {
                    ++docs;
                    return false;  // not even parsed
                }
                m_raw = {line, h};
                return true;
            });
        return docs;
    }

    /**
     * A re-run, a record of raw hash @p h (lowest bit clear): whether it is in the database as it is
     * (same bytes, same place); its document is then kept. Not when a changed record of this run has
     * already taken its id (it is parsed then, and replaces that record: the last copy of an id wins).
     */
    bool keep_unchanged(FileContext& fc, std::uint64_t h) {
        const auto& known = known_hashes(fc);
        for (const std::uint64_t key : {h, h | 1}) {  // lowest bit set: the record has no id of its own
            const auto it = known.find(key);
            if (it == known.end()) continue;
            if (claim(it->second) == Claim::replaced) return false;
            claim(it->second) = Claim::kept;
            fc.kept.push_back(it->second);
            if (key & 1) ++fc.without_id;  // as if its id had been given to it: numbering goes on
            m_stats.update([](IndexStats& s) { ++s.unchanged; });
            return true;
        }
        return false;
    }

    /// What this run did with a document of the database as it was (none, until a record claims it).
    enum class Claim : std::uint8_t { none, kept, replaced };
    Claim& claim(Xapian::docid did) {
        if (did >= m_claims.size()) m_claims.resize(std::max<std::size_t>(did + 1, m_reader->get_lastdocid() + 1));
        return m_claims[did];
    }

    /// The record hashes of the documents of @p fc's file (a changed file), read once.
    const std::unordered_map<std::uint64_t, Xapian::docid>& known_hashes(FileContext& fc) {
        if (!fc.known_hashes) fc.known_hashes = with_reader([&] { return hashes_of(fc.path_term); });
        return *fc.known_hashes;
    }

    /// Prepare one parsed document; false when it belongs to another shard (--shard K/N) or repeats an
    /// id of this run (it replaces that document: the file's document count stays).
    bool add(Document&& doc, const std::shared_ptr<FileContext>& fc) {
        if (doc.path.empty()) doc.path = fc->display;
        const bool without_id = doc.id.empty();
        if (without_id) {
            // The relative path; further id-less records of the same file get "#line" (or "#n").
            doc.id = fc->without_id == 0
                ? fc->id_base
                : fmt::format("{}#{}", fc->id_base, doc.line > 0 ? doc.line : fc->without_id + 1);
            ++fc->without_id;
        }
        auto item = std::make_unique<Item>();
        item->term = id_term(doc.id);
        if (m_options.shard_count > 1 && stable_id_hash(item->term) % m_options.shard_count != m_options.shard_index)
            return false;

        // Where the id was seen, kept for a duplicate's warning: the path is shared by the records
        // of a file (formatting "path:line" for every record cost more than the rest of a re-run's
        // look-up of an unchanged record).
        if (!m_last_path || *m_last_path != doc.path) m_last_path = std::make_shared<const std::string>(doc.path);
        auto [seen, first_time] = m_seen_ids.try_emplace(item->term, SeenId{m_last_path, doc.line, 0, 0});
        if (!first_time) {
            const SeenId& was = seen->second;
            m_diag.warning(doc.path, doc.line,
                           fmt::format("duplicate id '{}' (replaces {}{})", doc.id, *was.path,
                                       was.line > 0 ? fmt::format(":{}", was.line) : ""));
            seen->second.path = m_last_path;
            seen->second.line = doc.line;
        } else if (m_segment_base == 0) {
            seen->second.shard = m_next_seq++ % m_shards;  // shards: input order, round robin
        }
        item->first_time = first_time;
        item->shard = seen->second.shard;
        // A raw record (the parser asked about it just before): its raw hash, and whether it had an id.
        item->hash = m_raw.line != 0 && m_raw.line == doc.line ? m_raw.hash | (without_id ? 1 : 0)
                                                               : record_hash(doc, fc->abs_path, m_options.entities);
        m_raw = {};

        if (first_time && m_reader && !look_up(*item, doc, *fc)) {
            // A changed file: its records that did not change stay as they are.
            fc->kept.push_back(item->old_docid);
            m_stats.update([](IndexStats& s) { ++s.unchanged; });
            return true;
        }
        for (const auto& [key, values] : doc.tags)
            if (!values.empty() && m_tag_fields.insert(key).second) item->new_tag_fields.push_back(key);
        if (doc.text_bytes() > max_document_bytes) {
            const std::size_t was = doc.text_bytes();
            const std::size_t keep = max_document_bytes > doc.title.size() ? max_document_bytes - doc.title.size() : 0;
            doc.body.resize(text_cut(doc.body, keep));
            doc.body.shrink_to_fit();  // the rest of the pipeline holds 8 MiB, not the whole record
            m_diag.warning(doc.path, doc.line,
                           fmt::format("document '{}' of {}: only its first {} indexed (the limit of one document)",
                                       doc.id, mib(was), mib(max_document_bytes)));
        }
        item->text_bytes = doc.text_bytes();
        if (m_segment_base > 0) assign_segment(*item, seen->second);
        item->doc = std::move(doc);
        item->fc = fc;
        m_emit(std::move(item));
        return first_time;
    }

    /**
     * Find the document already holding the id (item.old_docid); false when it is unchanged (same
     * record hash). Warns when it came from another file, whose copy is then lost.
     */
    bool look_up(Item& item, const Document& doc, FileContext& fc) {
        // Most records of a changed file are unchanged: their hash (which covers the id, the file
        // and the line) is among those the file's documents have, found in one pass over the file.
        if (!fc.path_term.empty()) {
            const auto& known = known_hashes(fc);
            if (const auto it = known.find(item.hash); it != known.end()) {
                item.old_docid = it->second;
                return false;
            }
        }
        return with_reader([&]() -> bool {
            auto it = m_reader->postlist_begin(item.term);
            if (it == m_reader->postlist_end(item.term)) return true;
            item.old_docid = *it;
            const Xapian::Document old = m_reader->get_document(item.old_docid, Xapian::DOC_ASSUME_VALID);
            if (claim(item.old_docid) == Claim::kept) {
                // A record of this run kept it unparsed (so its id was never seen): a repeated id.
                const Document was = decode_stored(old.get_data());
                m_diag.warning(doc.path, doc.line,
                               fmt::format("duplicate id '{}' (replaces {}{})", doc.id, was.path,
                                           was.line > 0 ? fmt::format(":{}", was.line) : ""));
                return true;
            }
            claim(item.old_docid) = Claim::replaced;
            if (parse_hash_value(old.get_value(schema::slot_record_hash)) == item.hash) return false;
            auto t = old.termlist_begin();
            t.skip_to(std::string(schema::path_prefix));
            const bool from_a_file = t != old.termlist_end() && (*t).starts_with(schema::path_prefix);
            const bool same_file = from_a_file ? *t == fc.path_term : fc.path_term.empty();
            if (!same_file) {
                const Document was = decode_stored(old.get_data());
                m_diag.warning(doc.path, doc.line,
                               fmt::format("duplicate id '{}' (replaces {}{}, indexed earlier)", doc.id,
                                           was.path.empty() ? std::string(stdin_name) : was.path,
                                           was.line > 0 ? fmt::format(":{}", was.line) : ""));
            }
            return true;
        });
    }

    /// The record hashes (value slot) of the documents holding @p path_term, with their docids.
    std::unordered_map<std::uint64_t, Xapian::docid> hashes_of(const std::string& path_term) const {
        std::unordered_map<std::uint64_t, Xapian::docid> out;
        out.reserve(m_reader->get_termfreq(path_term));
        auto v = m_reader->valuestream_begin(schema::slot_record_hash);
        const auto v_end = m_reader->valuestream_end(schema::slot_record_hash);
        for (auto p = m_reader->postlist_begin(path_term); p != m_reader->postlist_end(path_term) && v != v_end; ++p) {
            v.skip_to(*p);
            if (v != v_end && v.get_docid() == *p)
                if (const auto h = parse_hash_value(*v)) out.emplace(*h, *p);
        }
        return out;
    }

    struct SeenId {
        std::shared_ptr<const std::string> path;  ///< the file of its last occurrence
        std::size_t line;                         ///< and its line there (0: none)
        std::size_t shard;                        ///< its writer
        std::size_t segment;                      ///< the segment of its last copy (fresh merged build)
    };

    /// Put @p item in the current segment (starting the next one when this one is full).
    void assign_segment(Item& item, SeenId& seen) {
        if (m_segment_fill >= segment_bytes(m_segment_base, m_segment)) {
            ++m_segment;
            m_segment_fill = 0;
        }
        m_segment_fill += item.text_bytes + 1;  // + 1: empty documents fill segments too
        // A repeated id: its copy in another segment goes before the merge (the same segment's
        // writer replaces it in place).
        if (!item.first_time && seen.segment != m_segment) (*m_stale)[seen.segment].push_back(item.term);
        seen.segment = m_segment;
        item.segment = m_segment;
        item.shard = m_segment % m_shards;
    }

    const IndexOptions& m_options;
    DiagnosticSink& m_diag;
    SharedStats& m_stats;
    std::optional<Xapian::Database> m_reader;  ///< the database as it was, for skipping (none when fresh)
    std::set<std::string> m_tag_fields;
    fs::path m_db_dir;
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
};

// =================================================================================================
// Writers
// =================================================================================================

/// Direct mode: writes into the database itself, in input order, inside transactions.
class DirectWriter {
public:
    DirectWriter(Xapian::WritableDatabase& db, const IndexOptions& options, DiagnosticSink& diag, SharedStats& stats,
                 std::set<std::string> tag_fields, bool multi_shard)
        : m_db(db),
          m_options(options),
          m_diag(diag),
          m_stats(stats),
          m_tag_fields(std::move(tag_fields)),
          m_recorded_tag_fields(m_tag_fields),
          m_multi_shard(multi_shard) {}

    void begin() { m_db.begin_transaction(true); }

    void write(Item& item) {
        if (item.kind == Item::Kind::file_done) {
            remove_stale(*item.fc);
            m_db.set_metadata(item.state_key, item.state);
            return;
        }
        for (auto& f : item.new_tag_fields) m_tag_fields.insert(std::move(f));
        // The producer looked the id up in the database as it was: no look-up here (a look-up by
        // term would also make Xapian flush its buffered positions for every document).
        Xapian::docid did = item.old_docid;
        bool updated = did != 0;
        if (did) {
            m_db.replace_document(did, item.xdoc);
        } else if (item.first_time) {
            did = m_db.add_document(item.xdoc);
        } else {  // a repeated id of this run: replaces its earlier copy
            updated = find(item.term) != 0;
            did = m_db.replace_document(item.term, item.xdoc);
        }
        // Xapian 1.4 may return a shard-local docid from a writable stub: look it up instead.
        if (m_multi_shard) did = find(item.term);
        m_spelling.add(item.spelling);
        // Aliases <-> canonical names, database-wide (stale pairs outlive their documents: harmless).
        for (auto& [from, to] : item.synonyms)
            if (m_synonyms.insert(from + '\n' + to).second) m_db.add_synonym(from, to);
        m_stats.update([&](IndexStats& s) { ++(updated ? s.updated : s.added); });
        item.fc->docids.insert(did);
        m_pending_bytes += item.text_bytes;
        if (m_pending_bytes >= m_options.commit_bytes) commit(true);
    }

    /// Commit the pending transaction (with spelling and the tag-field list); start the next when @p more.
    void commit(bool more) {
        m_spelling.flush(m_db);
        if (m_tag_fields != m_recorded_tag_fields) {
            m_db.set_metadata(std::string(schema::meta_tag_fields), join_lines(m_tag_fields));
            m_recorded_tag_fields = m_tag_fields;
        }
        m_db.commit_transaction();
        if (more) m_db.begin_transaction(true);
        m_pending_bytes = 0;
    }

    /// --prune: forget files recorded in the database that no longer exist.
    void prune() {
        std::vector<std::pair<std::string, std::string>> gone;  // key, abs path
        const std::string prefix(schema::meta_file_prefix);
        for (auto it = m_db.metadata_keys_begin(prefix); it != m_db.metadata_keys_end(prefix); ++it) {
            const std::string key = *it;
            const auto state = parse_state(m_db.get_metadata(key));
            std::string path = state && !state->path.empty() ? state->path : key.substr(prefix.size());
            std::error_code ec;
            if (!fs::exists(path, ec) && !ec) gone.emplace_back(key, std::move(path));
        }
        std::size_t removed = 0;
        for (const auto& [key, path] : gone) {
            const std::string term = bounded_term(schema::path_prefix, path);
            removed += m_db.get_termfreq(term);
            m_db.delete_document(term);
            m_db.set_metadata(key, "");
        }
        m_stats.update([&](IndexStats& s) { s.removed += removed; });
    }

private:
    /// The document holding unique term @p term, or 0.
    Xapian::docid find(const std::string& term) const {
        auto it = m_db.postlist_begin(term);
        return it == m_db.postlist_end(term) ? 0 : *it;
    }

    /// After a changed file: delete what it contributed before but not now.
    void remove_stale(const FileContext& fc) {
        if (fc.abs_path.empty()) return;
        const std::unordered_set<Xapian::docid> kept(fc.kept.begin(), fc.kept.end());
        std::vector<Xapian::docid> stale;
        for (auto it = m_db.postlist_begin(fc.path_term); it != m_db.postlist_end(fc.path_term); ++it)
            if (!fc.docids.count(*it) && !kept.count(*it)) stale.push_back(*it);
        for (const auto did : stale) m_db.delete_document(did);
        m_stats.update([&](IndexStats& s) { s.removed += stale.size(); });
    }

    Xapian::WritableDatabase& m_db;
    const IndexOptions& m_options;
    DiagnosticSink& m_diag;
    SharedStats& m_stats;
    SpellingBuffer m_spelling;
    std::unordered_set<std::string> m_synonyms;  ///< "term\nsynonym" pairs added in this run
    std::set<std::string> m_tag_fields;
    std::set<std::string> m_recorded_tag_fields;
    std::size_t m_pending_bytes = 0;
    bool m_multi_shard;
};

/**
 * What the two pipeline queues share: a deque of items under one mutex, and the number of threads
 * waiting to push and to pop, so that each side wakes the other only when it waits (and, in the
 * queues, only once per batch). The queues differ in when they are full and whom they wake.
 */
class WaitQueue {
protected:
    /// Wait (holding @p lock) for an item, and take it.
    Item* take(std::unique_lock<std::mutex>& lock) {
        if (m_items.empty()) {
            ++m_pop_waiting;
            m_not_empty.wait(lock, [&] { return !m_items.empty(); });
            --m_pop_waiting;
        }
        Item* item = m_items.front();
        m_items.pop_front();
        return item;
    }

    /// Wait (holding @p lock) until @p room() holds.
    template <class Room>
    void wait_for_room(std::unique_lock<std::mutex>& lock, Room room) {
        ++m_push_waiting;
        m_not_full.wait(lock, room);
        --m_push_waiting;
    }

    std::mutex m_mutex;
    std::condition_variable m_not_full;
    std::condition_variable m_not_empty;
    std::deque<Item*> m_items;
    int m_push_waiting = 0;
    int m_pop_waiting = 0;
};

/**
 * A blocking queue of items bounded by their text: a push waits while the queue holds @p capacity
 * bytes or more (an item always fits into an empty queue). Bytes, not items, so that a writer can
 * hold a whole segment of small documents, and a few huge documents do not pile up.
 */
class ItemQueue : WaitQueue {
public:
    /// A waiting consumer is woken for this many items, however small (an update of a few documents).
    static constexpr std::size_t wake_items = 16;

    /**
     * Queue @p item; blocks while the queue holds @p capacity bytes or more. Wakes a waiting
     * consumer only once a quarter of @p capacity or wake_items items have gathered (or for the
     * end, nullptr), and a blocked push waits until the queue is half empty: each thread is woken
     * once per batch, not once per document (a futex wake and a reschedule IPI each, ~1 to 2% of a
     * build's CPU on a VM).
     */
    void push(Item* item, std::size_t capacity) {
        const std::size_t bytes = cost(item);
        std::unique_lock lock(m_mutex);
        if (!m_items.empty() && m_bytes + bytes > capacity) {
            if (m_pop_waiting) m_not_empty.notify_one();  // never wait on a consumer left asleep
            wait_for_room(lock, [&] { return m_items.empty() || m_bytes <= capacity / 2; });
        }
        m_items.push_back(item);
        m_bytes += bytes;
        m_wake_bytes = capacity / 4;
        const bool wake = m_pop_waiting && (!item || m_bytes >= m_wake_bytes || m_items.size() >= wake_items);
        lock.unlock();
        if (wake) m_not_empty.notify_one();
    }

    /// Wake a waiting consumer for what the queue holds, however little (its producer moves on).
    void wake() {
        std::unique_lock lock(m_mutex);
        const bool wake = m_pop_waiting && !m_items.empty();
        lock.unlock();
        if (wake) m_not_empty.notify_one();
    }

    Item* pop() {
        std::unique_lock lock(m_mutex);
        Item* item = take(lock);
        m_bytes -= cost(item);
        const bool wake = m_push_waiting && (m_items.empty() || m_bytes <= 2 * m_wake_bytes);
        lock.unlock();
        if (wake) m_not_full.notify_one();
        return item;
    }

private:
    /// Text plus a fixed share for the rest of an item (its Xapian document, ids, terms).
    static std::size_t cost(const Item* item) noexcept { return item ? item->text_bytes + 512 : 0; }

    std::size_t m_bytes = 0;
    std::size_t m_wake_bytes = 0;  ///< a quarter of the capacity of the last push
};

/**
 * The producer's hand-over to the pipeline: at most @p capacity items. A full queue blocks push()
 * until it is half empty, so the producer (far faster than the analysis) is woken once per
 * capacity / 2 items rather than once per item. abort() makes push() throw Aborted.
 */
class HandoffQueue : WaitQueue {
public:
    struct Aborted {};

    explicit HandoffQueue(std::size_t capacity) : m_capacity(std::max<std::size_t>(capacity, 2)) {}

    void push(Item* item) {
        std::unique_lock lock(m_mutex);
        if (m_items.size() >= m_capacity)
            wait_for_room(lock, [&] { return m_aborted || m_items.size() <= m_capacity / 2; });
        if (m_aborted) throw Aborted{};
        m_items.push_back(item);
        const bool wake = m_pop_waiting > 0;
        lock.unlock();
        if (wake) m_not_empty.notify_one();
    }

    Item* pop() {
        std::unique_lock lock(m_mutex);
        Item* item = take(lock);
        const bool wake = m_push_waiting > 0 && m_items.size() <= m_capacity / 2;
        lock.unlock();
        if (wake) m_not_full.notify_one();
        return item;
    }

    /// Make every push() throw Aborted from now on (the pipeline failed); wakes a blocked one.
    void abort() {
        {
            std::lock_guard lock(m_mutex);
            m_aborted = true;
        }
        m_not_full.notify_all();
    }

    /// Take what is left (after abort()).
    std::deque<Item*> drain() {
        std::lock_guard lock(m_mutex);
        return std::exchange(m_items, {});
    }

private:
    const std::size_t m_capacity;
    bool m_aborted = false;
};

/**
 * A thread writing the items handed over through a bounded queue, in order. Writers run on threads of
 * their own rather than in the pipeline's serial stage: a oneTBB thread busy writing (or blocked) is
 * one less for tagging, and the pipeline's serial stages would then take turns instead of overlapping.
 */
class WriterThread {
public:
    using Write = std::function<void(Item&)>;
    using Done = std::function<void()>;

    /// @p capacity: bytes of text the queue holds before push() waits.
    explicit WriterThread(std::size_t capacity) : m_capacity(capacity) {}
    WriterThread(const WriterThread&) = delete;
    WriterThread& operator=(const WriterThread&) = delete;
    ~WriterThread() {
        try {
            finish();
        } catch (...) {  // reported by the finish() the owner called
        }
    }

    /// Start the thread: @p write for each item, then @p done (unless something failed).
    void start(Write write, Done done = {}) {
        m_write = std::move(write);
        m_done = std::move(done);
        m_thread = std::thread([this] {
            pthread_setname_np(pthread_self(), "newsdex-write");  // for top -H and perf --sort comm
            loop();
        });
    }

    /// Hand over an item (blocks while the queue is full); the thread deletes it. @p capacity
    /// overrides the queue's size for this push when bigger (a bigger segment needs more room).
    void push(Item* item, std::size_t capacity = 0) { m_queue.push(item, std::max(capacity, m_capacity)); }

    /// Let the thread write what it was handed so far, however little (see ItemQueue::push).
    void wake() { m_queue.wake(); }

    /// Wait for the thread; rethrows what it failed with.
    void finish() {
        if (m_thread.joinable()) {
            m_queue.push(nullptr, m_capacity);
            m_thread.join();
        }
        if (m_error) std::rethrow_exception(std::exchange(m_error, nullptr));
    }

private:
    void loop() {
        for (;;) {
            Item* raw = m_queue.pop();
            if (!raw) break;
            std::unique_ptr<Item> item(raw);
            if (m_error) continue;  // keep draining so the pipeline never blocks on us
            try {
                m_write(*item);
            } catch (...) {
                m_error = std::current_exception();
            }
        }
        if (!m_error && m_done) {
            try {
                m_done();
            } catch (...) {
                m_error = std::current_exception();
            }
        }
    }

    std::size_t m_capacity;
    ItemQueue m_queue;
    Write m_write;
    Done m_done;
    std::thread m_thread;
    std::exception_ptr m_error;
};

/**
 * Fresh builds: one thread writing scratch databases in `<db>.newsdex-build`. Segmented (a merged
 * build): each segment of the input it is given (Item::segment, in order) goes into a database of its
 * own, `seg-NNNNNN`, committed when the next segment starts; merging them in segment order gives
 * docids in input order whatever the number of writers. Otherwise (--no-merge) one database,
 * `shard-K`, committed every commit_bytes; a stub interleaves the shards' docids back into input order.
 */
class ShardWriter {
public:
    /// @p parts: segmented, the spelling words are kept in this many parts (by hash), see spelling_part().
    ShardWriter(fs::path build, std::size_t index, bool segmented, std::size_t commit_bytes, std::size_t queue_bytes,
                std::size_t parts, SharedStats& stats)
        : m_build(std::move(build)),
          m_index(index),
          m_segmented(segmented),
          m_commit_bytes(commit_bytes),
          m_stats(stats),
          m_parts(segmented ? parts : 0),
          m_thread(queue_bytes) {}

    /// Start the thread; @p metadata goes into each database it creates.
    void start(std::map<std::string, std::string> metadata) {
        m_metadata = std::move(metadata);
        if (!m_segmented) open((m_build / fmt::format("shard-{}", m_index)).string(), m_index);
        m_thread.start([this](Item& item) { write(item); }, [this] { close(); });
    }

    /// Hand over a document (blocks while the queue holds @p capacity bytes of text or more).
    void push(Item* item, std::size_t capacity) { m_thread.push(item, capacity); }

    /// The items handed over so far are all there will be for a while: write them.
    void wake() { m_thread.wake(); }

    /// Wait for the thread (which commits and closes its database); rethrows what it failed with.
    void finish() { m_thread.finish(); }

    /// The databases written: (segment number or shard index, path).
    const std::vector<std::pair<std::size_t, std::string>>& databases() const { return m_databases; }

    /**
     * Segmented: the spelling words of part @p k (their hash mod parts) not written yet, moved into
     * @p into. After finish(), the run gives part k of every writer to one thread, so each word's
     * spelling entry is built once, not once per writer (Xapian's spelling fragments are costly).
     */
    void spelling_part(std::size_t k, SpellingBuffer& into) { m_parts[k].move_into(into); }

private:
    void open(const std::string& path, std::size_t number) {
        // Scratch space until the merge: no fsync.
        m_db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
        for (const auto& [k, v] : m_metadata) m_db.set_metadata(k, v);
        m_databases.emplace_back(number, path);
        m_open = true;
    }

    void write(Item& item) {
        if (m_segmented && (!m_open || item.segment != m_databases.back().first)) {
            close(false);
            open((m_build / fmt::format("seg-{:06}", item.segment)).string(), item.segment);
        }
        // A fresh database: an id seen for the first time is new; a repeated one replaces its
        // earlier copy when that is in this database (otherwise the earlier copy is deleted before
        // the merge: StaleCopies).
        if (item.first_time)
            m_db.add_document(item.xdoc);
        else
            m_db.replace_document(item.term, item.xdoc);
        if (!m_segmented) m_spelling.add(item.spelling);  // segments: read back when closed
        for (auto& [from, to] : item.synonyms)
            if (m_synonyms.insert(from + '\n' + to).second) m_db.add_synonym(from, to);
        m_stats.update([&](IndexStats& s) { ++(item.first_time ? s.added : s.updated); });
        m_pending_bytes += item.text_bytes;
        if (!m_segmented && m_pending_bytes >= m_commit_bytes) commit(false);
    }

    /**
     * Commit. The spelling words are added up over the whole build and written once at the end
     * (fewer spelling-table updates), or when there are spelling_buffer_words of them.
     */
    void commit(bool last) {
        if (m_segmented) {
            // Written at the end by the run (spelling_part), unless there are too many to keep.
            std::size_t words = 0;
            for (const auto& part : m_parts) words += part.size();
            if (words >= spelling_buffer_words)
                for (auto& part : m_parts) part.flush(m_db);
        } else if (last || m_spelling.size() >= spelling_buffer_words) {
            m_spelling.flush(m_db);
        }
        m_db.commit();
        m_pending_bytes = 0;
    }

    /// Commit and close the open database; @p last: the build is over (spelling words go in).
    void close(bool last = true) {
        if (!m_open) return;
        commit(last);
        if (m_segmented) {
            // The segment's spelling words, from its terms: a few thousand distinct words instead of
            // every document's (spelling_words would have built and counted ~80 per document).
            spelling_word_counts(m_db, [this](std::string&& w, Xapian::termcount n) {
                m_parts[std::hash<std::string>{}(w) % m_parts.size()].add(std::move(w), n);
            });
        }
        m_db.close();
        m_open = false;
    }

    fs::path m_build;
    std::size_t m_index;
    bool m_segmented;
    std::size_t m_commit_bytes;
    SharedStats& m_stats;
    std::map<std::string, std::string> m_metadata;
    Xapian::WritableDatabase m_db;
    bool m_open = false;
    std::vector<std::pair<std::size_t, std::string>> m_databases;
    SpellingBuffer m_spelling;            ///< shards: all spelling words
    std::vector<SpellingBuffer> m_parts;  ///< segments: the spelling words by hash, see spelling_part()
    std::unordered_set<std::string> m_synonyms;
    std::size_t m_pending_bytes = 0;
    WriterThread m_thread;  ///< last: stopped before the members it uses are destroyed
};

// =================================================================================================
// The run
// =================================================================================================

class IndexRun {
public:
    IndexRun(const IndexOptions& options, DiagnosticSink& diag, const ProgressCallback& progress)
        : m_options(options), m_diag(diag), m_progress(progress), m_analyzer(options.analyzer) {}
    IndexRun(const IndexRun&) = delete;
    IndexRun& operator=(const IndexRun&) = delete;

    /// Returns only once the model has loaded, even after an error: the process must not exit while
    /// the loading thread still reads the gazetteers (libgeonames aborts when its data goes away).
    ~IndexRun() {
        if (m_own_extractor.valid()) m_own_extractor.wait();
    }

    IndexStats run() {
        m_start = Clock::now();
        m_last_progress = m_start;
        const std::size_t errors_before = m_diag.errors();
        if (m_options.format != "auto") (void)make_parser(m_options.format);  // UsageError before any I/O
        if (m_options.shard_count > 0 && m_options.shard_index >= m_options.shard_count)
            throw UsageError(fmt::format("--shard {}/{}: K must be between 1 and N", m_options.shard_index + 1,
                                         m_options.shard_count));
        if (m_options.entities && !m_options.extractor) {
            // Loading the model and the gazetteers takes ~0.2 s: in the background, while the
            // database opens and the producer reads, parses and hashes (all of a re-run's work when
            // few records changed). A missing model is still fatal before the database is touched.
            const fs::path model = m_options.entity_model.model_file();
            std::error_code ec;
            if (!fs::is_regular_file(model, ec))
                (void)EntityExtractor::load(m_options.entity_model);  // throws the error
            m_own_extractor = process_extractor(m_options.entity_model);
        }
        m_threads = m_options.threads > 0 ? m_options.threads : default_index_threads();
        open_database();
        try {
            check_and_record_settings();
            if (m_fresh)
                run_sharded(m_options.shards > 0 ? m_options.shards : m_threads);
            else
                run_direct();
        } catch (const Xapian::Error& e) {
            throw RuntimeError(fmt::format("cannot write database '{}': {}", m_options.db_path, e.get_description()));
        }
        IndexStats stats = m_stats.get();
        stats.interrupted = stopped();
        stats.failed = m_diag.errors() - errors_before;
        stats.seconds = elapsed();
        stats.shards = m_used_shards;
        if (m_progress) m_progress(stats);
        return stats;
    }

private:
    // --- database ------------------------------------------------------------------------------

    void open_database() {
        const std::string& path = m_options.db_path;
        if (path.empty()) throw UsageError("no database path given");
        try {
            m_db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
        } catch (const Xapian::DatabaseLockError&) {
            throw RuntimeError(fmt::format("database '{}' is locked by another indexer", path));
        } catch (const Xapian::Error& e) {
            throw RuntimeError(fmt::format("cannot open database '{}': {}", path, e.get_description()));
        }
        std::error_code ec;
        m_db_dir = fs::weakly_canonical(fs::absolute(path), ec);
        if (m_db_dir.filename().empty()) m_db_dir = m_db_dir.parent_path();
        m_multi_shard = fs::exists(m_db_dir / "XAPIANDB", ec);
    }

    /// Refuse foreign schemas and other analyzer settings; record ours (committed before any document).
    void check_and_record_settings() {
        schema::check_database(m_db, m_options.db_path);
        const std::string settings = m_analyzer.settings();
        const std::string recorded = m_db.get_metadata(std::string(schema::meta_analyzer));
        if (!recorded.empty() && recorded != settings) {
            const std::string language = m_db.get_metadata(std::string(schema::meta_language));
            if (language != m_analyzer.options().language)
                throw UsageError(
                    fmt::format("database '{}' was built with --language {}, not {}: use the same language, or "
                                "index into a new database",
                                m_options.db_path, language, m_analyzer.options().language));
            throw UsageError(
                fmt::format("database '{}' was built with other analyzer settings ('{}', this program uses '{}'): "
                            "re-index into a new database",
                            m_options.db_path, recorded, settings));
        }
        for (const auto& line : split_lines(m_db.get_metadata(std::string(schema::meta_tag_fields))))
            m_tag_fields.insert(line);
        m_settings = {{std::string(schema::meta_schema_version), std::to_string(schema::version)},
                      {std::string(schema::meta_language), m_analyzer.options().language},
                      {std::string(schema::meta_analyzer), settings}};
        if (recorded.empty()) {  // a new database: say what it is before any document goes in
            for (const auto& [k, v] : m_settings) m_db.set_metadata(k, v);
            m_db.commit();
        }
        const std::string file_prefix(schema::meta_file_prefix);
        m_fresh = !m_multi_shard && m_db.get_lastdocid() == 0 &&
            m_db.metadata_keys_begin(file_prefix) == m_db.metadata_keys_end(file_prefix);
    }

    // --- direct mode ---------------------------------------------------------------------------

    void run_direct() {
        m_used_shards = 1;
        std::optional<Xapian::Database> reader;
        if (!m_fresh) reader.emplace(m_options.db_path);
        DirectWriter writer(m_db, m_options, m_diag, m_stats, m_tag_fields, m_multi_shard);
        writer.begin();
        WriterThread thread(writer_queue_segments * m_options.commit_bytes);
        thread.start([&](Item& item) { writer.write(item); });
        std::exception_ptr failure;
        try {
            run_pipeline(std::move(reader), 1, [&](std::unique_ptr<Item> item) {
                thread.push(item.release());
                maybe_progress();
            });
        } catch (...) {
            failure = std::current_exception();
        }
        try {
            thread.finish();
        } catch (...) {
            if (!failure) failure = std::current_exception();
        }
        if (failure) std::rethrow_exception(failure);
        if (!stopped() && m_options.prune) writer.prune();
        writer.commit(false);
    }

    // --- fresh builds: segments or shards ------------------------------------------------------

    /**
     * A fresh database, written by @p writers threads into scratch databases in `<db>.newsdex-build`,
     * then merged into one compact database that replaces `<db>` (segments), or kept behind a stub
     * (--no-merge: one shard per writer).
     */
    void run_sharded(std::size_t writers) {
        m_used_shards = writers;
        const bool segmented = m_options.merge;
        const fs::path build = m_db_dir.string() + std::string(build_dir_suffix);
        std::error_code ec;
        fs::remove_all(build, ec);  // left by a crashed run
        fs::create_directories(build);
        const std::size_t shard_commit = std::max<std::size_t>(m_options.commit_bytes / writers, 16u << 10);
        const std::size_t queue_bytes = writer_queue_segments * (segmented ? m_options.segment_bytes : shard_commit);
        std::vector<std::unique_ptr<ShardWriter>> threads;
        for (std::size_t k = 0; k < writers; ++k) {
            threads.push_back(
                std::make_unique<ShardWriter>(build, k, segmented, shard_commit, queue_bytes, writers, m_stats));
            // Segments: the settings go into the first one only, below.
            threads.back()->start(segmented ? std::map<std::string, std::string>{} : m_settings);
        }
        std::map<std::string, std::string> file_states;
        StaleCopies stale;
        m_segment_base = segmented ? std::max<std::size_t>(m_options.segment_bytes, 1) : 0;
        m_stale = &stale;
        std::exception_ptr failure;
        std::size_t last_shard = threads.size();  // none yet
        try {
            run_pipeline(std::nullopt, writers, [&](std::unique_ptr<Item> item) {
                if (item->kind == Item::Kind::file_done) {
                    file_states[item->state_key] = item->state;
                } else {
                    for (auto& f : item->new_tag_fields) m_tag_fields.insert(std::move(f));
                    // The previous writer gets nothing more for a while (its segment is over).
                    if (item->shard != last_shard && last_shard < threads.size()) threads[last_shard]->wake();
                    last_shard = item->shard;
                    ShardWriter& w = *threads[item->shard];
                    const std::size_t capacity =
                        segmented ? writer_queue_segments * segment_bytes(m_segment_base, item->segment) : 0;
                    w.push(item.release(), capacity);
                }
                maybe_progress();
            });
        } catch (...) {
            failure = std::current_exception();
        }
        for (auto& w : threads) {
            try {
                w->finish();
            } catch (...) {
                if (!failure) failure = std::current_exception();
            }
        }
        if (failure) {
            fs::remove_all(build, ec);
            std::rethrow_exception(failure);
        }

        std::map<std::size_t, std::string> databases;  // in segment (or shard) order
        for (const auto& w : threads)
            for (const auto& [number, path] : w->databases()) databases.emplace(number, path);
        const std::vector<std::string> spelling =
            segmented ? write_spelling(build, threads) : std::vector<std::string>{};
        if (databases.empty()) {  // nothing to index: an empty database still says what it is
            const std::string path = (build / "seg-000000").string();
            Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC).close();
            databases.emplace(0, path);
        }
        // Earlier copies of ids that a later segment replaced.
        for (const auto& [segment, terms] : stale) {
            const auto it = databases.find(segment);
            if (it == databases.end()) continue;
            Xapian::WritableDatabase db(it->second, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
            for (const auto& term : terms) db.delete_document(term);
            db.commit();
        }
        // What is shared goes into the first database: the first shard's metadata is what a stub
        // shows, and what compaction keeps.
        {
            Xapian::WritableDatabase first(databases.begin()->second, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
            for (const auto& [k, v] : m_settings) first.set_metadata(k, v);
            for (const auto& [k, v] : file_states) first.set_metadata(k, v);
            first.set_metadata(std::string(schema::meta_tag_fields), join_lines(m_tag_fields));
            first.commit();
        }
        m_db.close();  // the empty database is replaced below
        const fs::path old = m_db_dir.string() + ".newsdex-old";
        fs::remove_all(old, ec);
        if (segmented) {
            allow_open_files(databases.size() + spelling.size());
            Xapian::Database all;
            for (const auto& [number, path] : databases) all.add_database(Xapian::Database(path));
            for (const auto& path : spelling) all.add_database(Xapian::Database(path));  // no documents
            const fs::path merged = build / "merged";
            all.compact(merged.string());
            all.close();
            fs::rename(m_db_dir, old);
            fs::rename(merged, m_db_dir);
            fs::remove_all(build);
        } else {
            std::ofstream stub(build / "XAPIANDB");
            for (const auto& [number, path] : databases) stub << "auto " << fs::path(path).filename().string() << "\n";
            stub.close();
            if (!stub) throw RuntimeError(fmt::format("cannot write '{}'", (build / "XAPIANDB").string()));
            fs::rename(m_db_dir, old);
            fs::rename(build, m_db_dir);
        }
        fs::remove_all(old, ec);
    }

    /**
     * Segments: the spelling words the writers kept, part k of every writer added up and written by
     * thread k into `spelling-K`, a database of no documents merged with the segments.
     */
    static std::vector<std::string> write_spelling(const fs::path& build,
                                                   std::vector<std::unique_ptr<ShardWriter>>& writers) {
        const std::size_t parts = writers.size();
        std::vector<std::string> paths(parts);
        std::vector<std::exception_ptr> errors(parts);
        std::vector<std::thread> threads;
        for (std::size_t k = 0; k < parts; ++k) {
            threads.emplace_back([&, k] {
                try {
                    SpellingBuffer words;
                    for (auto& w : writers) w->spelling_part(k, words);
                    if (words.size() == 0) return;
                    const std::string path = (build / fmt::format("spelling-{}", k)).string();
                    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
                    words.flush(db);
                    db.commit();
                    db.close();
                    paths[k] = path;
                } catch (...) {
                    errors[k] = std::current_exception();
                }
            });
        }
        for (auto& t : threads) t.join();
        for (auto& e : errors)
            if (e) std::rethrow_exception(e);
        std::erase(paths, std::string());
        return paths;
    }

    /// Raise the soft limit of open files towards the hard one when merging @p databases needs it.
    static void allow_open_files(std::size_t databases) {
        constexpr rlim_t files_per_database = 8;  // glass: its tables, the version file, the lock
        rlimit limit{};
        if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
        const rlim_t wanted = static_cast<rlim_t>(databases) * files_per_database + 64;
        if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= wanted) return;
        limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
        setrlimit(RLIMIT_NOFILE, &limit);  // at worst compact() fails with a clear error
    }

    // --- the pipeline --------------------------------------------------------------------------

    /**
     * Run the producer on its own thread and the parallel pipeline on m_threads threads; @p write
     * gets every item in input order (serial stage). @p reader is the database as it was (for the
     * producer's skipping of unchanged records), absent for a fresh database.
     */
    template <typename Write>
    void run_pipeline(std::optional<Xapian::Database> reader, std::size_t shards, Write&& write) {
        const std::size_t tokens = tokens_per_thread * m_threads;
        HandoffQueue queue(tokens);
        std::exception_ptr producer_error;
        Producer producer(m_options, m_diag, m_stats, std::move(reader), m_tag_fields, m_db_dir, shards, m_segment_base,
                          m_stale, [&](std::unique_ptr<Item> item) {
                              queue.push(item.get());
                              item.release();
                          });
        std::thread producer_thread([&] {
            pthread_setname_np(pthread_self(), "newsdex-read");
            try {
                producer.run();
            } catch (const HandoffQueue::Aborted&) {  // the pipeline failed and gave up on us
            } catch (...) {
                producer_error = std::current_exception();
            }
            try {
                queue.push(nullptr);
            } catch (const HandoffQueue::Aborted&) {}
        });

        tbb::enumerable_thread_specific<Analyzer> analyzers(m_analyzer);
        const bool entities = m_options.entities;
        const bool per_document_spelling = m_segment_base == 0;  // not a segmented build (run_sharded)
        tbb::task_arena arena(static_cast<int>(m_threads));
        try {
            arena.execute([&] {
                tbb::parallel_pipeline(
                    tokens,
                    tbb::make_filter<void,
                                     Item*>(tbb::filter_mode::serial_in_order, [&](tbb::flow_control& fc) -> Item* {
                        Item* item = queue.pop();
                        if (!item) fc.stop();
                        return item;
                    }) & tbb::make_filter<Item*, Item*>(tbb::filter_mode::parallel, [&](Item* item) -> Item* {
                        if (item->kind != Item::Kind::document) return item;
                        Document& doc = item->doc;
                        if (entities) annotate_bounded(*extractor(), doc);  // waits for the load once
                        item->xdoc = build_document(doc, analyzers.local(), item->fc->abs_path);
                        item->xdoc.add_value(schema::slot_record_hash, hash_value(item->hash));
                        // The spelling table: the document's folded body and title words
                        // (a segmented build reads them back from each segment instead).
                        if (per_document_spelling) item->spelling = spelling_words(item->xdoc);
                        item->synonyms = entity_synonyms(doc);
                        return item;
                    }) & tbb::make_filter<Item*, void>(tbb::filter_mode::serial_in_order, [&](Item* raw) {
                        write(std::unique_ptr<Item>(raw));
                    }));
            });
        } catch (...) {
            queue.abort();  // unblocks the producer
            producer_thread.join();
            // What is left in the queue is dropped with the process's memory budget in mind.
            for (Item* left : queue.drain()) delete left;
            throw;
        }
        producer_thread.join();
        if (producer_error) std::rethrow_exception(producer_error);
    }

    // --- stop & progress -----------------------------------------------------------------------

    bool stopped() const { return m_options.stop && m_options.stop->load(std::memory_order_relaxed); }

    double elapsed() const { return std::chrono::duration<double>(Clock::now() - m_start).count(); }

    /// Called from the serial stage only.
    void maybe_progress() {
        if (!m_progress) return;
        const auto now = Clock::now();
        if (now - m_last_progress < progress_interval) return;
        m_last_progress = now;
        IndexStats s = m_stats.get();
        s.seconds = elapsed();
        m_progress(s);
    }

    /// The entity extractor in use (waiting for it to be loaded), or nullptr when entities are off.
    /// Thread-safe; rethrows what loading failed with.
    const EntityExtractor* extractor() const {
        if (!m_options.entities) return nullptr;
        return m_options.extractor ? m_options.extractor : m_own_extractor.get().get();
    }

    const IndexOptions& m_options;
    DiagnosticSink& m_diag;
    const ProgressCallback& m_progress;
    Analyzer m_analyzer;
    std::shared_future<std::shared_ptr<const EntityExtractor>> m_own_extractor;  ///< loading in the background
    Xapian::WritableDatabase m_db;
    fs::path m_db_dir;
    bool m_multi_shard = false;  ///< the database is a stub over several shards (--no-merge)
    bool m_fresh = false;        ///< no document and no file was ever indexed into it
    std::size_t m_threads = 1;
    std::size_t m_used_shards = 1;
    std::size_t m_segment_base = 0;                 ///< a fresh merged build: the size of its first segments
    StaleCopies* m_stale = nullptr;                 ///< a fresh merged build: where the producer lists stale copies
    std::map<std::string, std::string> m_settings;  ///< schema/language/analyzer metadata
    std::set<std::string> m_tag_fields;
    SharedStats m_stats;
    Clock::time_point m_start;
    Clock::time_point m_last_progress;
};

}  // namespace

IndexStats build_index(const IndexOptions& options, DiagnosticSink& diag, const ProgressCallback& progress) {
    IndexRun run(options, diag, progress);
    return run.run();
}

}  // namespace newsdex
