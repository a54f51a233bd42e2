/** @file
 * @brief Building and updating a newsdex database from files (the `indexer` program's engine).
 */
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <newsdex/analysis/analyzer.hpp>
#include <newsdex/core/diagnostics.hpp>
#include <newsdex/entities/model_paths.hpp>
#include <newsdex/schema/database_path.hpp>

namespace newsdex {

class EntityExtractor;

struct IndexOptions {
    std::string db_path;
    std::vector<std::string> inputs;  ///< files, directories (walked recursively), "-" = JSON Lines on stdin
    std::string format = "auto";
    /// Follow symbolic links met while walking a directory (each file read once, loops noted); a
    /// path in inputs is read even when it is a link.
    bool follow = false;
    AnalyzerOptions analyzer;
    bool prune = false;  ///< remove documents whose files are gone
    /// Updating a database in place: commit after this much text. Small batches keep Xapian's
    /// in-memory posting maps small: 1 MB measured fastest on Reuters.
    std::size_t commit_bytes = 1u << 20;
    /// A fresh database: the text of one segment (each its own scratch database, compacted into a shard).
    /// Smaller is cheaper for Xapian, down to about 128 KB; 256 KB measured best on Reuters.
    std::size_t segment_bytes = 256u << 10;
    /**
     * A fresh database: the text of each shard its segments are compacted into while indexing goes
     * on (at most 256 segments a shard). One shard is the database; several are kept behind a stub.
     * What is left to compact after the last document is about this much: ~1 s at 16 MiB. Bigger
     * makes fewer shards for a search to open, at the cost of a longer tail.
     */
    std::size_t shard_bytes = std::size_t{16} << 20;
    /// Threads analyzing and tagging documents (0 = one per core, default_index_threads()).
    unsigned threads = 0;
    /**
     * Writer threads when the database is fresh (empty, nothing indexed); 0 = one per thread. They
     * write segments of the input (runs of segment_bytes of text, in order) into scratch databases
     * compacted in segment order into shards, so the database (docids too) does not depend on the
     * number of writers. An existing database is always updated in place by one writer, so a small
     * update never rewrites it.
     */
    unsigned shards = 0;
    /// Compact the segments of a fresh build into shards (shard_bytes); false = one shard per writer,
    /// kept behind a stub (docids interleaved back into input order by Xapian).
    bool merge = true;
    /// Index only documents whose id hashes to shard_index of shard_count (0 = all): `--shard K/N`.
    unsigned shard_index = 0;
    unsigned shard_count = 0;
    const std::atomic<bool>* stop = nullptr;  ///< set asynchronously (SIGINT): commit and return
    /// Find entities and date mentions in every document (EntityExtractor::annotate) and index them.
    bool entities = true;
    /// The extractor to use when entities is set; nullptr = load the model of entity_model once per run.
    const EntityExtractor* extractor = nullptr;
    /// Where the extractor's data files are when it is loaded here (empty paths: the built-in defaults).
    EntityModelPaths entity_model;
    /// What a stub file given as the database may do (check_database_path): no programs by default.
    DatabaseAccess access;
};

/// One stage of the indexing pipeline: its threads and the CPU time they spent working (not waiting).
struct StageStats {
    std::string name;  ///< read, parse, analyze, write, merge, spelling
    unsigned threads = 0;
    double busy_s = 0;
};

/**
 * Where an indexing run's time went, for `indexer --stats` and for projecting its speed on more
 * cores: serial_s is the wall time in which at most one thread can work (start-up and model load
 * before the first document is analysed, and everything after the last document is written).
 */
struct RunStats {
    double wall_s = 0;
    double cpu_s = 0;     ///< user + system time of the process during the run
    double serial_s = 0;  ///< start-up + tail
    double tail_s = 0;    ///< from the last document written to the end (merge, spelling, commit)
    double peak_rss_mb = 0;
    std::vector<StageStats> stages;  ///< in pipeline order
};

struct IndexStats {
    std::size_t files = 0;  ///< files read (not skipped)
    std::size_t added = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;  ///< documents in files skipped as unchanged
    std::size_t skipped_files = 0;
    std::size_t removed = 0;
    std::size_t failed = 0;  ///< records reported as errors
    std::size_t bytes = 0;   ///< bytes of input read
    double seconds = 0;
    bool interrupted = false;
    std::size_t shards = 1;  ///< writer threads used
    RunStats run;            ///< filled when the run returns

    [[nodiscard]] std::size_t documents() const noexcept { return added + updated; }
};

/// Called now and then during indexing (for a progress line).
using ProgressCallback = std::function<void(const IndexStats&)>;

/**
 * Index @p options.inputs into the database, creating it if needed. Records the schema version and
 * analyzer settings; refuses a database written with other analyzer settings (UsageError) or an
 * unknown schema (SchemaError). Bad input is reported to @p diag and skipped. Commits at the end,
 * every commit_bytes, and when *stop becomes true (then stats.interrupted is set).
 * Throws RuntimeError when the database cannot be opened or written (locked, unwritable), or when
 * entities are on and the tagger model cannot be loaded. With entities on, every document is annotated
 * (EntityExtractor::annotate) and each alias <-> canonical-name pair becomes a database synonym.
 *
 * Documents are analyzed on options.threads threads (a bounded oneTBB pipeline, input order kept for
 * writing). A fresh database is written by options.shards writers as segments, compacted with
 * Xapian::Database::compact into shards of about shard_bytes of text while indexing goes on (one
 * shard is the database, several are kept behind a stub), or as one shard per writer kept behind a
 * stub (merge = false); an existing one is updated in place by one writer. Records of a changed file whose parsed content did not change are
 * not indexed again. The database (docids included) does not depend on the number of threads or
 * writers. The progress callback is called from one thread at a time.
 */
IndexStats build_index(const IndexOptions& options, DiagnosticSink& diag, const ProgressCallback& progress = {});

/// The number of cores (at least 1): the default number of indexing threads.
[[nodiscard]] unsigned default_index_threads() noexcept;

/**
 * The stable 64-bit hash (FNV-1a) that `--shard K/N` splits documents by: a document belongs to
 * shard K when stable_id_hash(id_term(id)) % N == K - 1.
 */
[[nodiscard]] std::uint64_t stable_id_hash(std::string_view id) noexcept;

}  // namespace newsdex
