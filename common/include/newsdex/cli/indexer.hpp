/** @file
 * @brief The `indexer` program's options and what it does with them: index (newsdex::build_index) or
 * --dump a file as the indexer sees it.
 *
 * Exit codes:
 *   0    everything indexed (warnings allowed)
 *   1    some records or files failed (reported as `path:line: error: ...`); the rest is indexed
 *   2    usage error or fatal error (bad option, cannot open or locked database): `indexer: error: ...`
 *   130  interrupted by SIGINT/SIGTERM, after committing what was done
 */
#pragma once
#include <string>

#include <CLI/CLI.hpp>

#include <newsdex/index/indexer.hpp>
#include <newsdex/output/dump.hpp>

namespace newsdex::cli {

/// Everything the indexer's command line sets.
struct IndexerArgs {
    IndexOptions options;
    bool quiet = false;
    bool stats = false;  ///< --stats: end with one `stats: {json}` line on standard error
    double commit_mb = 0, segment_mb = 0, shard_mb = 0;  ///< set from IndexOptions' defaults by add_indexer_options
    bool no_merge = false, no_entities = false;
    std::string shard_spec;                    ///< --shard K/N
    std::string dump_file;                     ///< --dump FILE (empty for a bare --dump: the FILE is the one PATH)
    const CLI::Option* dump_option = nullptr;  ///< --dump, to see whether it was given
    DumpOptions dump_options;
};

/// Add the indexer's options (indexing and --dump) to @p app.
void add_indexer_options(CLI::App& app, IndexerArgs& args);

/**
 * Index, or dump with --dump, after @p app parsed @p args; returns the exit code. Throws
 * CLI::RequiredError for a missing --db or PATH, newsdex errors for fatal ones (exit code 2).
 */
int run_indexer(IndexerArgs& args);

}  // namespace newsdex::cli
