/** @file
 * @brief Building and updating a newsdex database from files (the `indexer` program's engine).
 */
#pragma once
#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <newsdex/analyzer.hpp>
#include <newsdex/diagnostics.hpp>

namespace newsdex {

class EntityExtractor;

struct IndexOptions {
    std::string db_path;
    std::vector<std::string> inputs;   ///< files, directories (walked recursively), "-" = JSON Lines on stdin
    std::string format = "auto";
    AnalyzerOptions analyzer;
    bool prune = false;                ///< remove documents whose files are gone
    std::size_t commit_bytes = 32u << 20;  ///< commit after this much text has been indexed
    const std::atomic<bool>* stop = nullptr;  ///< set asynchronously (SIGINT): commit and return
    /// Find entities and date mentions in every document (EntityExtractor::annotate) and index them.
    bool entities = true;
    /// The extractor to use when entities is set; nullptr = load the default model once per run.
    const EntityExtractor* extractor = nullptr;
};

struct IndexStats {
    std::size_t files = 0;       ///< files read (not skipped)
    std::size_t added = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;   ///< documents in files skipped as unchanged
    std::size_t skipped_files = 0;
    std::size_t removed = 0;
    std::size_t failed = 0;      ///< records reported as errors
    std::size_t bytes = 0;       ///< bytes of input read
    double seconds = 0;
    bool interrupted = false;

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
 */
IndexStats build_index(const IndexOptions& options, DiagnosticSink& diag,
                       const ProgressCallback& progress = {});

}  // namespace newsdex
