/** @file
 * @brief The `searcher` program's options and what it does with them: one query, --count, --show,
 * --batch, the interactive prompt, and the `searcher eval` subcommand.
 *
 * Exit codes as grep: 0 = at least one match, 1 = none, 2 = error (database, schema, query, option).
 * Batch mode: 0 = every query ran, 2 = some failed (or an error). eval: 0, or 2 on an error.
 */
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <newsdex/output/eval.hpp>
#include <newsdex/output/repl.hpp>
#include <newsdex/search/search.hpp>

namespace newsdex::cli {

/// Everything the searcher's command line sets.
struct SearcherArgs {
    std::vector<std::string> dbs, words;
    SearchOptions options;
    std::string sort = "relevance", format = "text", color = "auto";
    bool json = false, count_only = false, all_words = false;
    bool format_given = false;  ///< --format was on the command line
    bool sort_given = false;    ///< --sort was on the command line
    std::string since_last;     ///< --since-last STATE
    std::string show_id;
    std::string batch_file, run_tag = "newsdex";
    std::size_t jobs = 1;
    bool eval = false;  ///< `searcher eval`
    std::string qrels_path, run_path;
    eval::ReportOptions report;
    DatabaseAccess access;  ///< --allow-programs
};

/// The interactive prompt's line reader, made when the prompt opens (the program supplies readline).
using LineReaderFactory = std::function<std::unique_ptr<LineReader>()>;

/**
 * Add the searcher's options to @p app; with @p with_eval also the `eval` subcommand (only when it is
 * the first argument: `searcher --db DB eval` searches for the word).
 */
void add_searcher_options(CLI::App& app, SearcherArgs& args, bool with_eval);

/// Parse @p argv into @p args; an exit code when the program is done (help, version, a usage error).
std::optional<int> parse_searcher_args(CLI::App& app, SearcherArgs& args, int argc, char** argv);

/// Run what @p args ask for; returns the exit code. Errors are printed as `searcher: error: ...`.
int run_searcher(SearcherArgs& args, const LineReaderFactory& make_reader);

}  // namespace newsdex::cli
