/** @file
 * @brief The `searcher` program (see searcher.hpp): options, then search, batch, prompt or eval.
 */
#include <newsdex/cli/searcher.hpp>

#include <exception>
#include <fstream>
#include <iostream>
#include <string_view>

#include <unistd.h>

#include <newsdex/cli/options.hpp>
#include <newsdex/core/error.hpp>
#include <newsdex/core/terminal.hpp>
#include <newsdex/output/batch.hpp>
#include <newsdex/output/printer.hpp>

#include "cli/since_last.hpp"

namespace newsdex::cli {

namespace {

constexpr std::string_view kProgram = "searcher";

int fail(std::string message) { return cli::fail(kProgram, std::move(message)); }

void add_result_options(CLI::App& app, SearcherArgs& a) {
    SearchOptions& o = a.options;
    app.add_option("-n,--limit", o.limit, "number of hits to show")->check(not_negative)->capture_default_str();
    app.add_option("--offset", o.offset, "hits to skip (for paging)")->check(not_negative)->capture_default_str();
    app.add_option("--sort", a.sort, "relevance, date (oldest first) or -date (newest first)")
        ->check(CLI::IsMember({"relevance", "date", "-date"}))
        ->capture_default_str();
    add_format_option(app, a.format, {"text", "json", "csv", "jsonl", "trec", "tsv"},
                      "output format: text, json, csv; with --batch jsonl (default), trec, tsv, csv");
    app.add_flag("--json", a.json, "same as --format json");
    app.add_flag("--count", a.count_only, "print only the number of matching documents");
    add_color_option(app, a.color);
    app.add_flag("--and", a.all_words, "match all words (default: any word, ranked)");
    app.add_option("--facet", o.facets,
                   "count values over all matches: person, org, place, misc, source, author, type, year, month "
                   "or a tag field (FIELD[,FIELD...], repeatable)")
        ->allow_extra_args(false);
    app.add_option("--facet-size", o.facet_size, "values shown per facet field")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))
        ->capture_default_str();
    app.add_option("--facet-depth", o.facet_depth,
                   "count facets over at least N matches only (faster; counts become estimates); 0 = exact")
        ->check(not_negative)
        ->capture_default_str();
    app.add_option("--collapse", o.collapse, "keep the best hit per value of FIELD: title, source, date, type");
    app.add_option("--like", o.like, "find documents related to the document with this id");
    app.add_flag("--recency", o.recency, "newer documents first among equally relevant ones");
    app.add_option("--since-last", a.since_last,
                   "saved search: only documents indexed or changed since the last run with this STATE file "
                   "(a file this option keeps; the first run shows all)");
    app.add_flag("--expand", o.expand.enabled,
                 "query expansion: add the likeliest words of the best hits (pseudo-relevance feedback, RM3)");
}

void add_eval_command(CLI::App& app, SearcherArgs& a) {
    CLI::App* eval_cmd = app.add_subcommand("eval", "score a TREC run against qrels: MAP, P@10, nDCG@10, R@100");
    eval_cmd->add_option("--qrels", a.qrels_path, "TREC qrels file: qid iter docid rel")->required();
    eval_cmd->add_option("run", a.run_path, "TREC run file: qid Q0 docid rank score tag")->required();
    eval_cmd->add_flag("--per-query", a.report.per_query, "also each query's figures");
    eval_cmd->add_flag("--json", a.report.json, "one JSON object");
}

/// `searcher eval --qrels QRELS RUN`.
int run_eval(const SearcherArgs& a) {
    try {
        const auto ev = eval::evaluate(eval::read_qrels_file(a.qrels_path), eval::read_run_file(a.run_path));
        eval::write_report(std::cout, ev, a.report);
        return 0;
    } catch (const UsageError& e) {  // a malformed line: already `path:line: error: ...`
        std::cerr << terminal_safe(e.what()) << '\n';
        return 2;
    } catch (const std::exception& e) {
        return fail(e.what());
    }
}

/// --since-last: the runs of the state file, by database path as given (none without the option).
void load_seen_runs(SearcherArgs& a) {
    if (a.since_last.empty()) return;
    const SeenRuns seen = read_seen_runs(a.since_last);
    for (const auto& db : a.dbs)
        if (const auto it = seen.find(state_key(db)); it != seen.end()) a.options.seen_runs[db] = it->second;
}

/// --since-last: record the runs of @p databases (as this run saw them) in the state file.
void save_seen_runs(const SearcherArgs& a, const std::vector<OpenedDatabase>& databases) {
    if (a.since_last.empty()) return;
    SeenRuns seen = read_seen_runs(a.since_last);  // other databases' entries are kept
    for (const auto& d : databases) seen[state_key(d.path)] = d.run;
    write_seen_runs(a.since_last, seen);
}

/// `searcher --batch FILE`.
int run_batch_file(const SearcherArgs& a) {
    if (!a.words.empty()) return fail("--batch reads the queries from FILE: give no query on the command line");
    if (a.count_only || !a.show_id.empty()) return fail("--batch cannot be combined with --count or --show");
    if (a.format == "text" && !a.json && a.format_given) return fail("--batch writes --format jsonl, trec, tsv or csv");
    BatchOptions batch;
    batch.search = a.options;
    batch.format = batch_format_from(a.json || a.format == "text" ? "jsonl" : a.format);
    batch.run_tag = a.run_tag;
    batch.jobs = a.jobs;
    batch.access = a.access;
    batch.input_name = a.batch_file == "-" ? "<stdin>" : a.batch_file;
    std::ifstream file;
    if (a.batch_file != "-") {
        file.open(a.batch_file, std::ios::binary);
        if (!file) return fail("cannot read '" + a.batch_file + "'");
    }
    DiagnosticSink diag([](const Diagnostic& d) { std::cerr << d.format() << '\n'; });
    try {
        std::ios::sync_with_stdio(false);
        const auto stats = run_batch(a.dbs, a.batch_file == "-" ? std::cin : file, std::cout, batch, diag);
        std::cerr << "batch: " << stats.summary() << '\n';
        if (stats.failures > 0) return 2;
        save_seen_runs(a, stats.databases);
        return 0;
    } catch (const std::exception& e) {
        std::cout.flush();
        return fail(e.what());
    }
}

/// One query, --count, --show or the prompt, over an open Searcher.
int run_search(const SearcherArgs& a, bool interactive, const LineReaderFactory& make_reader) {
    const Searcher searcher(a.dbs, a.access);
    const auto printer = make_printer(a.json ? "json" : a.format, {use_color(a.color)});
    if (!a.show_id.empty()) {
        const auto doc = searcher.document(a.show_id);
        if (!doc) return fail("no document with id '" + a.show_id + "'");
        printer->print_document(*doc, std::cout);
        return 0;
    }
    if (interactive) {
        const std::unique_ptr<LineReader> reader = make_reader();
        std::cout << "newsdex: " << searcher.database().get_doccount()
                  << " documents. Type a query, or :help. Ctrl-D or :quit leaves.\n";
        Repl repl(searcher, *printer, a.options, std::cout);
        repl.run(*reader);
        return 0;
    }
    if (a.count_only) {
        const auto n = searcher.count(a.options);
        std::cout << n << '\n';
        std::cout.flush();
        save_seen_runs(a, searcher.opened());
        return n > 0 ? 0 : 1;
    }
    const SearchResult result = searcher.search(a.options);
    printer->print(result, std::cout);
    std::cout.flush();
    save_seen_runs(a, searcher.opened());
    return result.hits.empty() && result.lower == 0 ? 1 : 0;  // a page past the end still matched
}

}  // namespace

void add_searcher_options(CLI::App& app, SearcherArgs& a, bool with_eval) {
    add_database_option(app, a.dbs, "database directory or stub file (repeat to search several)");
    add_allow_programs_option(app, a.access);
    add_result_options(app, a);
    app.add_option("--show", a.show_id, "print the whole stored document with this id and exit");
    app.add_option("--batch", a.batch_file,
                   "run the queries of FILE (- = standard input), one a line or QID<TAB>query");
    app.add_option("--run-tag", a.run_tag, "last column of --format trec lines")->capture_default_str();
    add_threads_option(app, "-j,--jobs", a.jobs, "threads for --batch (one database handle each)")
        ->capture_default_str();
    app.add_option("query", a.words,
                   "query words, joined by spaces (put -- before a query starting with '-'); "
                   "none on a terminal opens the interactive prompt");
    app.positionals_at_end(false);
    a.eval = with_eval;
    if (with_eval) add_eval_command(app, a);
    app.footer("Evaluation: searcher eval --qrels QRELS RUN [--per-query] [--json] (see searcher eval --help)");
    add_version_flag(app, kProgram);
}

std::optional<int> parse_searcher_args(CLI::App& app, SearcherArgs& a, int argc, char** argv) {
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {  // --help, --version
        return app.exit(e);
    } catch (const CLI::ExtrasError& e) {
        for (const auto& extra : app.remaining())
            if (extra.size() > 1 && extra[0] == '-' && extra[1] != '-')
                return fail(std::string(e.what()) + " (put -- before query words starting with '-')");
        return fail(e.what());
    } catch (const CLI::ParseError& e) {
        return fail(e.what());
    }
    a.format_given = app.count("--format") > 0;
    a.sort_given = app.count("--sort") > 0;
    return std::nullopt;
}

int run_searcher(SearcherArgs& a, const LineReaderFactory& make_reader) {
    if (a.eval) return run_eval(a);
    if (a.dbs.empty()) return fail("--db is required");

    for (const auto& w : a.words) a.options.query += (a.options.query.empty() ? "" : " ") + w;
    a.options.sort = a.sort == "date" ? SortOrder::date
        : a.sort == "-date"           ? SortOrder::date_desc
                                      : SortOrder::relevance;
    if (a.all_words) a.options.default_op = Xapian::Query::OP_AND;

    try {
        load_seen_runs(a);
    } catch (const std::exception& e) {
        return fail(e.what());
    }
    if (!a.batch_file.empty()) return run_batch_file(a);
    if (a.format == "jsonl" || a.format == "trec" || a.format == "tsv")
        return fail("--format " + a.format + " needs --batch");
    if (a.format == "csv") a.options.snippets = false;  // not a CSV column

    bool interactive = a.words.empty() && a.options.like.empty() && a.show_id.empty();
    // No query where no one can type one: --count, --facet and --sort (what a script asks of the
    // whole database) go over every document, as the query `*` does; the prompt needs a terminal.
    if (interactive && (a.count_only || ((a.sort_given || !a.options.facets.empty()) && !isatty(STDIN_FILENO)))) {
        a.options.query = "*";
        interactive = false;
    }
    if (interactive && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) return fail("query is required");
    if (interactive && !a.since_last.empty()) return fail("--since-last needs a query or --batch");
    try {
        return run_search(a, interactive, make_reader);
    } catch (const QueryError& e) {
        return fail(std::string("bad query: ") + e.what());
    } catch (const std::exception& e) {
        return fail(e.what());
    }
}

}  // namespace newsdex::cli
