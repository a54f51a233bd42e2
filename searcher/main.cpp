/** @file
 * @brief `searcher`: command-line shell over newsdex::Searcher and the printers, batch mode
 * (newsdex::run_batch) and the `searcher eval` subcommand (newsdex::eval).
 *
 * Exit codes as grep: 0 = at least one match, 1 = none, 2 = error (database, schema, query, option).
 * Batch mode: 0 = every query ran, 2 = some failed (or an error). eval: 0, or 2 on an error.
 * With no query on a terminal it opens the interactive prompt (newsdex::Repl) over GNU readline,
 * with history in ~/.newsdex_history.
 */
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include <CLI/CLI.hpp>

#include <newsdex/output/batch.hpp>
#include <newsdex/core/error.hpp>
#include <newsdex/output/eval.hpp>
#include <newsdex/output/printer.hpp>
#include <newsdex/output/repl.hpp>
#include <newsdex/search/search.hpp>

namespace {

/// Print "searcher: error: MESSAGE" on one line and return exit code 2.
int fail(std::string message) {
    for (auto& c : message)
        if (c == '\n') c = ' ';
    std::cerr << "searcher: error: " << message << '\n';
    return 2;
}

/// --color auto|always|never: auto colours only a terminal, and not when NO_COLOR is set (no-color.org).
bool use_color(const std::string& mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    const char* no_color = std::getenv("NO_COLOR");
    return isatty(STDOUT_FILENO) && (no_color == nullptr || *no_color == '\0');
}

/// CLI11 converts "-1" to a huge unsigned number: refuse a sign instead.
const CLI::Validator kNotNegative(
    [](std::string& value) { return value.starts_with('-') ? std::string("must not be negative") : std::string(); }, "",
    "not negative");

/// GNU readline as the REPL's line reader: line editing, and history kept in ~/.newsdex_history.
class ReadlineReader final : public newsdex::LineReader {
public:
    ReadlineReader() {
        if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
            m_history = std::string(home) + "/.newsdex_history";
        using_history();
        if (!m_history.empty()) read_history(m_history.c_str());
    }
    ~ReadlineReader() override {
        if (m_history.empty()) return;
        write_history(m_history.c_str());
        history_truncate_file(m_history.c_str(), 1000);
    }
    ReadlineReader(const ReadlineReader&) = delete;
    ReadlineReader& operator=(const ReadlineReader&) = delete;

    std::optional<std::string> read_line(std::string_view prompt) override {
        char* line = readline(std::string(prompt).c_str());
        if (line == nullptr) {
            std::cout << '\n';
            return std::nullopt;
        }
        std::string text(line);
        std::free(line);
        if (!text.empty() && (history_length == 0 || text != history_get(history_base + history_length - 1)->line))
            add_history(text.c_str());
        return text;
    }

private:
    std::string m_history;
};

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Search newsdex databases. Exit status: 0 = matches, 1 = none, 2 = error.", "searcher"};
    std::vector<std::string> dbs, words;
    newsdex::SearchOptions options;
    std::string sort = "relevance", format = "text", color = "auto";
    bool json = false, count_only = false, all_words = false;
    std::string show_id;
    std::string batch_file, run_tag = "newsdex";
    std::size_t jobs = 1;
    app.add_option("--db", dbs, "database directory or stub file (repeat to search several)")->allow_extra_args(false);
    app.add_option("-n,--limit", options.limit, "number of hits to show")->check(kNotNegative)->capture_default_str();
    app.add_option("--offset", options.offset, "hits to skip (for paging)")->check(kNotNegative)->capture_default_str();
    app.add_option("--sort", sort, "relevance, date (oldest first) or -date (newest first)")
        ->check(CLI::IsMember({"relevance", "date", "-date"}))
        ->capture_default_str();
    app.add_option("--format", format, "output format: text, json; with --batch jsonl (default), trec, tsv")
        ->check(CLI::IsMember({"text", "json", "jsonl", "trec", "tsv"}))
        ->capture_default_str();
    app.add_flag("--json", json, "same as --format json");
    app.add_flag("--count", count_only, "print only the number of matching documents");
    app.add_option("--color", color, "colour highlights: auto (terminal, NO_COLOR unset), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    app.add_flag("--and", all_words, "match all words (default: any word, ranked)");
    app.add_option("--facet", options.facets,
                   "count values over all matches: person, org, place, misc, source, author, type, year, month "
                   "or a tag field (FIELD[,FIELD...], repeatable)")
        ->allow_extra_args(false);
    app.add_option("--facet-size", options.facet_size, "values shown per facet field")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))
        ->capture_default_str();
    app.add_option("--facet-depth", options.facet_depth,
                   "count facets over at least N matches only (faster; counts become estimates); 0 = exact")
        ->check(kNotNegative)
        ->capture_default_str();
    app.add_option("--collapse", options.collapse, "keep the best hit per value of FIELD: title, source, date, type");
    app.add_option("--like", options.like, "find documents related to the document with this id");
    app.add_flag("--recency", options.recency, "newer documents first among equally relevant ones");
    app.add_flag("--expand", options.expand.enabled,
                 "query expansion: add the likeliest words of the best hits (pseudo-relevance feedback, RM3)");
    app.add_option("--show", show_id, "print the whole stored document with this id and exit");
    app.add_option("--batch", batch_file, "run the queries of FILE (- = standard input), one a line or QID<TAB>query");
    app.add_option("--run-tag", run_tag, "last column of --format trec lines")->capture_default_str();
    app.add_option("-j,--jobs", jobs, "threads for --batch (one database handle each)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{256}))
        ->capture_default_str();
    app.add_option("query", words,
                   "query words, joined by spaces (put -- before a query starting with '-'); "
                   "none on a terminal opens the interactive prompt");
    app.positionals_at_end(false);

    // `searcher eval` only as the first argument: `searcher --db DB eval` searches for the word.
    std::string qrels_path, run_path;
    newsdex::eval::ReportOptions report;
    CLI::App* eval_cmd = app.add_subcommand("eval", "score a TREC run against qrels: MAP, P@10, nDCG@10, R@100");
    eval_cmd->add_option("--qrels", qrels_path, "TREC qrels file: qid iter docid rel")->required();
    eval_cmd->add_option("run", run_path, "TREC run file: qid Q0 docid rank score tag")->required();
    eval_cmd->add_flag("--per-query", report.per_query, "also each query's figures");
    eval_cmd->add_flag("--json", report.json, "one JSON object");
    app.footer("Evaluation: searcher eval --qrels QRELS RUN [--per-query] [--json] (see searcher eval --help)");
    if (argc < 2 || std::string_view(argv[1]) != "eval") app.remove_subcommand(eval_cmd);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::ExtrasError& e) {
        for (const auto& extra : app.remaining())
            if (extra.size() > 1 && extra[0] == '-' && extra[1] != '-')
                return fail(std::string(e.what()) + " (put -- before query words starting with '-')");
        return fail(e.what());
    } catch (const CLI::ParseError& e) {
        return fail(e.what());
    }

    if (argc >= 2 && std::string_view(argv[1]) == "eval") {
        try {
            const auto ev = newsdex::eval::evaluate(newsdex::eval::read_qrels_file(qrels_path),
                                                    newsdex::eval::read_run_file(run_path));
            newsdex::eval::write_report(std::cout, ev, report);
            return 0;
        } catch (const newsdex::UsageError& e) {  // a malformed line: already `path:line: error: ...`
            std::cerr << e.what() << '\n';
            return 2;
        } catch (const std::exception& e) {
            return fail(e.what());
        }
    }
    if (dbs.empty()) return fail("--db is required");

    for (const auto& w : words) options.query += (options.query.empty() ? "" : " ") + w;
    options.sort = sort == "date" ? newsdex::SortOrder::date
        : sort == "-date"         ? newsdex::SortOrder::date_desc
                                  : newsdex::SortOrder::relevance;
    if (all_words) options.default_op = Xapian::Query::OP_AND;

    if (!batch_file.empty()) {
        if (!words.empty()) return fail("--batch reads the queries from FILE: give no query on the command line");
        if (count_only || !show_id.empty()) return fail("--batch cannot be combined with --count or --show");
        if (format == "text" && !json && app.count("--format") > 0)
            return fail("--batch writes --format jsonl, trec or tsv");
        newsdex::BatchOptions batch;
        batch.search = options;
        batch.format = newsdex::batch_format_from(json || format == "text" ? "jsonl" : format);
        batch.run_tag = run_tag;
        batch.jobs = jobs;
        batch.input_name = batch_file == "-" ? "<stdin>" : batch_file;
        std::ifstream file;
        if (batch_file != "-") {
            file.open(batch_file, std::ios::binary);
            if (!file) return fail("cannot read '" + batch_file + "'");
        }
        newsdex::DiagnosticSink diag([](const newsdex::Diagnostic& d) { std::cerr << d.format() << '\n'; });
        try {
            std::ios::sync_with_stdio(false);
            const auto stats = newsdex::run_batch(dbs, batch_file == "-" ? std::cin : file, std::cout, batch, diag);
            std::cerr << "batch: " << stats.summary() << '\n';
            return stats.failures > 0 ? 2 : 0;
        } catch (const std::exception& e) {
            std::cout.flush();
            return fail(e.what());
        }
    }
    if (format == "jsonl" || format == "trec" || format == "tsv") return fail("--format " + format + " needs --batch");

    const bool interactive = words.empty() && options.like.empty() && show_id.empty();
    if (interactive && (count_only || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)))
        return fail("query is required");

    try {
        const newsdex::Searcher searcher(dbs);
        const auto printer = newsdex::make_printer(json ? "json" : format, {use_color(color)});
        if (!show_id.empty()) {
            const auto doc = searcher.document(show_id);
            if (!doc) return fail("no document with id '" + show_id + "'");
            printer->print_document(*doc, std::cout);
            return 0;
        }
        if (interactive) {
            ReadlineReader reader;
            std::cout << "newsdex: " << searcher.database().get_doccount()
                      << " documents. Type a query, or :help. Ctrl-D or :quit leaves.\n";
            newsdex::Repl repl(searcher, *printer, options, std::cout);
            repl.run(reader);
            return 0;
        }
        if (count_only) {
            const auto n = searcher.count(options);
            std::cout << n << '\n';
            return n > 0 ? 0 : 1;
        }
        const newsdex::SearchResult result = searcher.search(options);
        printer->print(result, std::cout);
        std::cout.flush();
        return result.hits.empty() && result.lower == 0 ? 1 : 0;  // a page past the end still matched
    } catch (const newsdex::QueryError& e) {
        return fail(std::string("bad query: ") + e.what());
    } catch (const std::exception& e) {
        return fail(e.what());
    }
}
