/** @file
 * @brief The searcher's interactive mode: a query prompt with a few `:commands`, independent of
 * the terminal (the line reader is injected: GNU readline in the program, a script in tests).
 */
#pragma once
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include <newsdex/output/printer.hpp>
#include <newsdex/search/search.hpp>

namespace newsdex {

/// Where the REPL's lines come from.
class LineReader {
public:
    virtual ~LineReader() = default;
    /// The next line (without its newline) after showing @p prompt; nullopt at end of input.
    virtual std::optional<std::string> read_line(std::string_view prompt) = 0;
};

/**
 * Runs queries typed at a prompt and prints them with a Printer. A line is a query (it replaces
 * the current one) or a command:
 * @code
 *   :next / :prev          next / previous page of the current query
 *   :facet FIELD[,FIELD]   count these facets from now on (`:facet off` stops), re-run the query
 *   :filter EXPR           narrow the current query: `:filter person:"Theresa Walsh"`
 *   :open N                show hit N of the current page whole (fields, entities, body)
 *   :show ID               show the document with that id whole
 *   :query                 print the current query
 *   :help                  this list
 *   :quit                  leave (end of input too)
 * @endcode
 * Errors (a bad query, an unknown facet field) are printed as `error: ...` and the prompt goes on.
 */
class Repl {
public:
    Repl(const Searcher& searcher, Printer& printer, SearchOptions base, std::ostream& out);

    /// Read and execute lines until :quit or end of input.
    void run(LineReader& reader);
    /// Execute one line; false when it asks to quit.
    bool execute(std::string_view line);
    /// The current query ("" before the first).
    [[nodiscard]] const std::string& query() const noexcept { return m_options.query; }
    /// The prompt shown before each line.
    static constexpr std::string_view prompt = "newsdex> ";
    /// The command list :help prints.
    static std::string_view help();

private:
    void search();
    /// Search with @p trial and make it current (on error, the current options stay).
    void run_with(SearchOptions trial);
    void command(std::string_view name, std::string_view arg);

    const Searcher& m_searcher;
    Printer& m_printer;
    SearchOptions m_options;
    std::ostream& m_out;
    SearchResult m_last;
};

}  // namespace newsdex
