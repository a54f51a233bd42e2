/** @file
 * @brief The interactive prompt's commands over Searcher and Printer (see repl.hpp).
 */
#include <newsdex/output/repl.hpp>

#include <charconv>
#include <utility>

#include <fmt/format.h>

#include <newsdex/core/error.hpp>

#include "core/text_util.hpp"

namespace newsdex {

namespace {

/// True when @p query has a top-level operator word that a filter appended after it would bind into.
bool has_operator(std::string_view query) noexcept {
    std::size_t i = 0;
    while (i < query.size()) {
        while (i < query.size() && query[i] == ' ') ++i;
        const std::size_t start = i;
        while (i < query.size() && query[i] != ' ') ++i;
        const std::string_view w = query.substr(start, i - start);
        if (w == "OR" || w == "AND" || w == "NOT" || w.starts_with("NEAR")) return true;
    }
    return false;
}

}  // namespace

Repl::Repl(const Searcher& searcher, Printer& printer, SearchOptions base, std::ostream& out)
    : m_searcher(searcher), m_printer(printer), m_options(std::move(base)), m_out(out) {}

std::string_view Repl::help() {
    return "Type a query to search, or a command:\n"
           "  :next, :prev          next / previous page\n"
           "  :facet FIELD[,FIELD]  count facets (person, org, place, misc, source, author, type, year,\n"
           "                        month, tag fields); :facet off to stop\n"
           "  :filter EXPR          narrow the current query, e.g. :filter person:\"Theresa Walsh\"\n"
           "  :open N               show hit N whole\n"
           "  :show ID              show the document with that id whole\n"
           "  :query                print the current query\n"
           "  :help                 this list\n"
           "  :quit                 leave (Ctrl-D too)\n";
}

void Repl::run(LineReader& reader) {
    while (auto line = reader.read_line(prompt)) {
        if (!execute(*line)) break;
    }
}

bool Repl::execute(std::string_view line) {
    line = detail::trim(line);
    if (line.empty()) return true;
    try {
        if (line.front() == ':') {
            const auto space = line.find(' ');
            const std::string_view name = line.substr(1, space == std::string_view::npos ? line.npos : space - 1);
            const std::string_view arg =
                space == std::string_view::npos ? std::string_view{} : detail::trim(line.substr(space));
            if (name == "quit" || name == "q" || name == "exit") return false;
            command(name, arg);
        } else {
            SearchOptions trial = m_options;
            trial.query = std::string(line);
            trial.offset = 0;
            run_with(std::move(trial));
        }
    } catch (const QueryError& e) {
        m_out << "error: bad query: " << e.what() << '\n';
    } catch (const Error& e) {
        m_out << "error: " << e.what() << '\n';
    }
    m_out.flush();
    return true;
}

void Repl::search() {
    m_last = m_searcher.search(m_options);
    m_printer.print(m_last, m_out);
}

void Repl::run_with(SearchOptions trial) {
    // Only options that search without error replace the current ones.
    SearchResult result = m_searcher.search(trial);
    m_options = std::move(trial);
    m_last = std::move(result);
    m_printer.print(m_last, m_out);
}

void Repl::command(std::string_view name, std::string_view arg) {
    const bool have_query = !m_options.query.empty();
    if (name == "help" || name == "h" || name == "?") {
        m_out << help();
    } else if (name == "next" || name == "n") {
        if (!have_query) throw UsageError("no query yet");
        m_options.offset += m_options.limit;
        search();
    } else if (name == "prev" || name == "p") {
        if (!have_query) throw UsageError("no query yet");
        m_options.offset = m_options.offset > m_options.limit ? m_options.offset - m_options.limit : 0;
        search();
    } else if (name == "facet" || name == "facets") {
        if (arg.empty()) throw UsageError(":facet needs FIELD[,FIELD...] or off");
        SearchOptions trial = m_options;
        trial.facets.clear();
        if (arg != "off") trial.facets.emplace_back(arg);
        if (have_query) {
            run_with(std::move(trial));
        } else {
            if (!trial.facets.empty())  // check the names now rather than at the first query
                FacetCollector(trial.facets, m_searcher.tag_fields(), trial.facet_size);
            m_options = std::move(trial);
        }
    } else if (name == "filter") {
        if (!have_query) throw UsageError("no query to narrow yet: type a query first");
        if (arg.empty()) throw UsageError(":filter needs a filter, e.g. :filter place:\"Ohio\"");
        std::string narrowed = has_operator(m_options.query) ? "(" + m_options.query + ")" : m_options.query;
        narrowed.append(" ").append(arg);
        SearchOptions trial = m_options;
        trial.query = std::move(narrowed);
        trial.offset = 0;
        run_with(std::move(trial));
    } else if (name == "query") {
        m_out << (have_query ? m_options.query : std::string("(no query yet)")) << '\n';
    } else if (name == "open" || name == "o") {
        std::size_t rank = 0;
        const auto [p, ec] = std::from_chars(arg.data(), arg.data() + arg.size(), rank);
        if (arg.empty() || ec != std::errc() || p != arg.data() + arg.size())
            throw UsageError(":open needs the number of a hit, e.g. :open 2");
        for (const auto& hit : m_last.hits) {
            if (hit.rank == rank) {
                m_printer.print_document(hit.doc, m_out);
                return;
            }
        }
        throw UsageError(fmt::format("no hit {} on this page", rank));
    } else if (name == "show") {
        if (arg.empty()) throw UsageError(":show needs a document id");
        const auto doc = m_searcher.document(arg);
        if (!doc) throw UsageError(fmt::format("no document with id '{}'", arg));
        m_printer.print_document(*doc, m_out);
    } else {
        throw UsageError(fmt::format("unknown command ':{}' (:help lists them)", name));
    }
}

}  // namespace newsdex
