/** @file
 * @brief Running a ranked search over a newsdex database (the `searcher` program's engine).
 */
#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include <xapian.h>

#include <newsdex/analyzer.hpp>
#include <newsdex/document.hpp>
#include <newsdex/facets.hpp>
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
    /// Facet fields (--facet; entries may hold comma-separated names): counted over the matches.
    std::vector<std::string> facets;
    std::size_t facet_size = 10;   ///< values shown per facet field (date histograms show all)
    /// 0: facet counts exact over every match; N: the matcher looks at N documents at least and
    /// counts over what it saw, scaled to the match estimate (FacetResult::exact false).
    std::size_t facet_depth = 0;
    std::string collapse;          ///< keep the best hit per value of this field (collapse_slot())
    std::string like;              ///< id of a document: find related documents (query optional then)
    /// News recency: relevance first, newer documents first among equal scores (with --sort relevance).
    bool recency = false;
    bool suggest = true;           ///< look for a spelling suggestion when fewer than kSuggestBelow match
    /// Make the match count exact (the matcher looks at every match, as facets need); default: an
    /// estimate once the top hits are certain.
    bool exact_count = false;
};

struct Hit {
    std::size_t rank = 0;     ///< 1-based, counting the offset
    Xapian::docid docid = 0;
    double score = 0;
    int percent = 0;
    Document doc;             ///< stored fields (body included)
    std::string snippet;      ///< with highlight markers kSnippetOpen / kSnippetClose
    Xapian::doccount collapsed = 0;  ///< with --collapse: other matches with the same key, not shown
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
    std::vector<FacetResult> facets;        ///< in the order requested; empty when none were
    std::string collapse;                   ///< SearchOptions::collapse (the field hits were collapsed on)
    std::optional<std::string> suggestion;  ///< "Did you mean" query, when few matched and one exists
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
    /// The stored document with id @p id, or nullopt.
    std::optional<Document> document(std::string_view id) const;
    /// Tag fields of the databases (JSON Lines list fields), sorted.
    [[nodiscard]] const std::vector<std::string>& tag_fields() const noexcept { return m_query_options.tag_fields; }

    [[nodiscard]] const Xapian::Database& database() const noexcept { return m_db; }
    [[nodiscard]] const Analyzer& analyzer() const noexcept { return m_analyzer; }

private:
    Xapian::Database m_db;
    Analyzer m_analyzer;
    /// The facet column of @p slot, built on first use (FacetColumn; thread-safe).
    std::shared_ptr<const FacetColumn> facet_column(Xapian::valueno slot, bool whole) const;

    QueryOptions m_query_options;
    bool m_remote = false;  ///< a stub names a remote database: facets use Xapian's built-in spy
    struct ColumnCache;
    std::shared_ptr<ColumnCache> m_columns;  ///< facet columns built so far
};

}  // namespace newsdex
