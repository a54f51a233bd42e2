/** @file
 * @brief `searcher`: command-line shell over newsdex::Searcher and the printers.
 *
 * Exit codes as grep: 0 = at least one match, 1 = none, 2 = error (database, schema, query, option).
 * With no query on a terminal it opens the interactive prompt (newsdex::Repl) over GNU readline,
 * with history in ~/.newsdex_history.
 */
#include <cstdlib>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include <CLI/CLI.hpp>

#include <newsdex/error.hpp>
#include <newsdex/printer.hpp>
#include <newsdex/repl.hpp>
#include <newsdex/search.hpp>

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
    [](std::string& value) { return value.starts_with('-') ? std::string("must not be negative") : std::string(); },
    "", "not negative");

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
    app.add_option("--db", dbs, "database directory or stub file (repeat to search several)")
        ->required()->allow_extra_args(false);
    app.add_option("-n,--limit", options.limit, "number of hits to show")
        ->check(kNotNegative)->capture_default_str();
    app.add_option("--offset", options.offset, "hits to skip (for paging)")
        ->check(kNotNegative)->capture_default_str();
    app.add_option("--sort", sort, "relevance, date (oldest first) or -date (newest first)")
        ->check(CLI::IsMember({"relevance", "date", "-date"}))->capture_default_str();
    app.add_option("--format", format, "output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    app.add_flag("--json", json, "same as --format json");
    app.add_flag("--count", count_only, "print only the number of matching documents");
    app.add_option("--color", color, "colour highlights: auto (terminal, NO_COLOR unset), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
    app.add_flag("--and", all_words, "match all words (default: any word, ranked)");
    app.add_option("--facet", options.facets,
                   "count values over all matches: person, org, place, misc, source, author, type, year, month "
                   "or a tag field (FIELD[,FIELD...], repeatable)")->allow_extra_args(false);
    app.add_option("--facet-size", options.facet_size, "values shown per facet field")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))->capture_default_str();
    app.add_option("--facet-depth", options.facet_depth,
                   "count facets over at least N matches only (faster; counts become estimates); 0 = exact")
        ->check(kNotNegative)->capture_default_str();
    app.add_option("--collapse", options.collapse, "keep the best hit per value of FIELD: title, source, date, type");
    app.add_option("--like", options.like, "find documents related to the document with this id");
    app.add_flag("--recency", options.recency, "newer documents first among equally relevant ones");
    app.add_option("--show", show_id, "print the whole stored document with this id and exit");
    app.add_option("query", words, "query words, joined by spaces (put -- before a query starting with '-'); "
                                   "none on a terminal opens the interactive prompt");
    app.positionals_at_end(false);
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

    for (const auto& w : words) options.query += (options.query.empty() ? "" : " ") + w;
    options.sort = sort == "date" ? newsdex::SortOrder::date
                 : sort == "-date" ? newsdex::SortOrder::date_desc : newsdex::SortOrder::relevance;
    if (all_words) options.default_op = Xapian::Query::OP_AND;

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
