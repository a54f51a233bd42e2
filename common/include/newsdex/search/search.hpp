/** @file
 * @brief Running a ranked search over a newsdex database (the `searcher` program's engine).
 */
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include <xapian.h>

#include <newsdex/analysis/analyzer.hpp>
#include <newsdex/schema/database_path.hpp>
#include <newsdex/schema/document.hpp>
#include <newsdex/search/facets.hpp>
#include <newsdex/search/query.hpp>

namespace newsdex {

enum class SortOrder { relevance, date, date_desc };

/**
 * Parameters of Xapian::BM25Weight (see its documentation). newsdex uses Robertson's classic k1 = 1.2,
 * b = 0.75 (Xapian's defaults are 1 and 0.5): on the TIME collection MAP 0.6285 against 0.6235
 * (benchmarks/time_eval --matrix).
 */
struct Bm25Params {
    double k1 = 1.2;           ///< term frequency saturation
    double k2 = 0.0;           ///< document length correction (0: none)
    double k3 = 1.0;           ///< query term frequency saturation
    double b = 0.75;           ///< document length normalisation (0: none, 1: full)
    double min_normlen = 0.5;  ///< lower bound of a document's normalised length
};

/**
 * Pseudo-relevance feedback (`--expand`), RM3: the query is run once; its best @p fb_docs documents
 * give a relevance model p(t|R) = sum of p(t|d) p(d|q) over them (p(t|d) from the body word counts,
 * p(d|q) proportional to exp(BM25 score)); its @p fb_terms most likely body words (no stop words,
 * numbers or field terms) are ORed to the original query, the original weighing 1 - @p weight and the
 * words together @p weight, each in proportion to p(t|R). The query's own words may be among them
 * (@p query_terms), which reweights them. @p scheme `trad` or `bo1` picks and weighs the words by
 * Enquire::get_eset with that expansion scheme instead (worse on TIME). A query of plain words may so
 * find documents without any of its words; any other query (phrases, fields, operators, filters) keeps
 * its matches and is only re-ranked. Applies to relevance-ranked queries, not to --like.
 */
struct ExpandOptions {
    bool enabled = false;
    std::size_t fb_docs = 10;    ///< feedback documents
    std::size_t fb_terms = 10;   ///< expansion words
    double weight = 0.5;         ///< share of the expansion words in the final query, 0 to 1
    std::string scheme = "rm3";  ///< `rm3` (relevance model), or an ESet scheme: `trad`, `bo1`
    bool query_terms = true;     ///< the query's own words may be expansion words (reweighted)
};

struct SearchOptions {
    std::string query;
    std::size_t offset = 0;
    std::size_t limit = 10;
    SortOrder sort = SortOrder::relevance;
    Xapian::Query::op default_op = Xapian::Query::OP_OR;
    std::size_t snippet_length = 240;  ///< characters of snippet text
    bool snippets = true;
    /// false (and no snippets): Hit::doc holds only the id, read from its value slot, not the whole
    /// stored document (batch --format trec: much faster with a deep --limit).
    bool documents = true;
    /// Facet fields (--facet; entries may hold comma-separated names): counted over the matches.
    std::vector<std::string> facets;
    std::size_t facet_size = 10;  ///< values shown per facet field (date histograms show all)
    /// 0: facet counts exact over every match; N: the matcher looks at N documents at least and
    /// counts over what it saw, scaled to the match estimate (FacetResult::exact false).
    std::size_t facet_depth = 0;
    std::string collapse;  ///< keep the best hit per value of this field (collapse_slot())
    std::string like;      ///< id of a document: find related documents (query optional then)
    /// News recency: relevance first, newer documents first among equal scores (with --sort relevance).
    bool recency = false;
    bool suggest = true;  ///< look for a spelling suggestion when fewer than kSuggestBelow match
    /// Make the match count exact (the matcher looks at every match, as facets need); default: an
    /// estimate once the top hits are certain.
    bool exact_count = false;
    /// Drop English stop words from plain words of the query (QueryOptions::stopper) when the
    /// database is stemmed for English.
    bool stopwords = true;
    /// Fields searched by words typed without a field, with weights; empty = the schema's defaults.
    std::vector<FieldWeight> fields;
    Bm25Params bm25;
    ExpandOptions expand;
    /// `--since-last`: database path (as given to the Searcher) -> the indexer run seen last; only
    /// documents of a later run (schema::slot_run) of that database match. A database not listed:
    /// every document. Empty: no filter.
    std::map<std::string, std::uint64_t> seen_runs;
};

struct Hit {
    std::size_t rank = 0;  ///< 1-based, counting the offset
    Xapian::docid docid = 0;
    double score = 0;
    int percent = 0;
    Document doc;                    ///< stored fields (body included)
    std::string snippet;             ///< with highlight markers kSnippetOpen / kSnippetClose
    Xapian::doccount collapsed = 0;  ///< with --collapse: other matches with the same key, not shown
};

/// Markers around highlighted words in Hit::snippet; printers replace them.
inline constexpr char kSnippetOpen = '\x02';
inline constexpr char kSnippetClose = '\x03';

struct SearchResult {
    std::string query;
    std::string parsed;  ///< Xapian's description of the parsed query
    Xapian::doccount estimate = 0, lower = 0, upper = 0;
    std::size_t offset = 0;  ///< SearchOptions::offset of the query (hits[0].rank == offset + 1)
    std::vector<Hit> hits;
    std::vector<FacetResult> facets;        ///< in the order requested; empty when none were
    std::string collapse;                   ///< SearchOptions::collapse (the field hits were collapsed on)
    std::optional<std::string> suggestion;  ///< "Did you mean" query, when few matched and one exists
};

/// One database a Searcher opened, as it was when opened.
struct OpenedDatabase {
    std::string path;       ///< as given
    std::string uuid;       ///< Xapian::Database::get_uuid() (sub-databases' joined by ':' for a stub)
    std::uint64_t run = 0;  ///< the indexer's run counter (schema::database_run)
};

/// An open database (or several, searched as one) with its analyzer.
class Searcher {
public:
    /// Opens each path (a database directory or a stub file); throws RuntimeError / SchemaError.
    /// Open @p db_paths as one database (open_database: stubs may start programs only if @p access allows).
    explicit Searcher(const std::vector<std::string>& db_paths, const DatabaseAccess& access = {});
    /// Run a query; throws QueryError for a bad query.
    SearchResult search(const SearchOptions& options) const;
    /// Number of matching documents (exact).
    Xapian::doccount count(const SearchOptions& options) const;
    /// The stored document with id @p id, or nullopt.
    std::optional<Document> document(std::string_view id) const;
    /// Tag fields of the databases (JSON Lines list fields), sorted.
    [[nodiscard]] const std::vector<std::string>& tag_fields() const noexcept { return m_query_options.tag_fields; }

    [[nodiscard]] const Xapian::Database& database() const noexcept { return m_db; }
    /// The databases, in the order given.
    [[nodiscard]] const std::vector<OpenedDatabase>& opened() const noexcept { return m_opened; }
    [[nodiscard]] const Analyzer& analyzer() const noexcept { return m_analyzer; }

private:
    Xapian::Database m_db;
    Analyzer m_analyzer;
    /// The facet column of @p slot, built on first use (FacetColumn; thread-safe).
    std::shared_ptr<const FacetColumn> facet_column(Xapian::valueno slot, bool whole) const;

    /// @p query restricted to the documents newer than SearchOptions::seen_runs (unchanged when empty).
    Xapian::Query since_filter(const Xapian::Query& query, const SearchOptions& options) const;

    std::vector<OpenedDatabase> m_opened;
    QueryOptions m_query_options;
    bool m_remote = false;  ///< a stub names a remote database: facets use Xapian's built-in spy
    struct ColumnCache;
    std::shared_ptr<ColumnCache> m_columns;  ///< facet columns built so far
};

/// The value slot --collapse FIELD groups on (`title`, `source`, `date`, `type`...); UsageError otherwise.
Xapian::valueno collapse_slot(std::string_view field);

}  // namespace newsdex
