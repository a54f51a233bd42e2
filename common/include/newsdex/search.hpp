/** @file
 * @brief Running a ranked search over a newsdex database (the `searcher` program's engine).
 */
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include <newsdex/analyzer.hpp>
#include <newsdex/document.hpp>
#include <newsdex/query.hpp>

namespace newsdex {

enum class SortOrder { relevance, date, date_desc };

struct SearchOptions {
    std::string query;
    std::size_t offset = 0;
    std::size_t limit = 10;
    SortOrder sort = SortOrder::relevance;
    Xapian::Query::op default_op = Xapian::Query::OP_OR;
    std::size_t snippet_length = 240;  ///< characters of snippet text
    bool snippets = true;
};

struct Hit {
    std::size_t rank = 0;     ///< 1-based, counting the offset
    Xapian::docid docid = 0;
    double score = 0;
    int percent = 0;
    Document doc;             ///< stored fields (body included)
    std::string snippet;      ///< with highlight markers kSnippetOpen / kSnippetClose
};

/// Markers around highlighted words in Hit::snippet; printers replace them.
inline constexpr char kSnippetOpen = '\x02';
inline constexpr char kSnippetClose = '\x03';

struct SearchResult {
    std::string query;
    std::string parsed;       ///< Xapian's description of the parsed query
    Xapian::doccount estimate = 0, lower = 0, upper = 0;
    std::size_t offset = 0;   ///< SearchOptions::offset of the query (hits[0].rank == offset + 1)
    std::vector<Hit> hits;
};

/// An open database (or several, searched as one) with its analyzer.
class Searcher {
public:
    /// Opens each path (a database directory or a stub file); throws RuntimeError / SchemaError.
    explicit Searcher(const std::vector<std::string>& db_paths);
    /// Run a query; throws QueryError for a bad query.
    SearchResult search(const SearchOptions& options) const;
    /// Number of matching documents (exact).
    Xapian::doccount count(const SearchOptions& options) const;

    [[nodiscard]] const Xapian::Database& database() const noexcept { return m_db; }
    [[nodiscard]] const Analyzer& analyzer() const noexcept { return m_analyzer; }

private:
    Xapian::Database m_db;
    Analyzer m_analyzer;
    QueryOptions m_query_options;
};

}  // namespace newsdex
