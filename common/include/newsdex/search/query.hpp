/** @file
 * @brief The query language: text through the same Analyzer as documents, into a Xapian::Query.
 *
 * Syntax: words; "phrases"; AND, OR, NOT (upper case); +must and -mustnot; `a NEAR b`,
 * `a NEAR/5 b`; trailing `*` wildcard; `field:word`, `field:"phrase"`, `field:(a OR b)`;
 * date ranges `date:2016-03-01..2016-03-31`, `date:2016..`, `date:..2016-06`, exact `date:2016-03`;
 * tag fields from JSON Lines (`places:usa`); entity fields `person:`, `org:`, `place:`, `misc:` (a word
 * searches the entity names as text, a "quoted" value is the exact canonical name, a filter,
 * expanded with its database synonyms); `mentions:2017-02-05` / `2017-02` / `2017` (dates mentioned
 * in the text, a filter); `source:"Meridian Wire"` / `author:"Daniel Okafor"` (the exact whole value or
 * the phrase, a filter: facet drill-down). Default operator between words: OR (BM25 ranks).
 */
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include <newsdex/analysis/analyzer.hpp>
#include <newsdex/search/entity_canon.hpp>

namespace newsdex {

/// A text prefix searched by words typed without a field, and the factor its BM25 weight is scaled by.
struct FieldWeight {
    std::string prefix;
    double weight = 1.0;
};

struct QueryOptions {
    Xapian::Query::op default_op = Xapian::Query::OP_OR;
    /// Stop words: a plain word (no field, quotes, `+`, `*`, NEAR; not a number) that the stopper
    /// accepts is dropped when its group of adjacent words keeps another one, as Xapian's QueryParser
    /// does. nullptr = every word counts.
    const Xapian::Stopper* stopper = nullptr;
    /// The fields searched by words typed without a field, with weights (Query::OP_SCALE_WEIGHT);
    /// empty = every schema field marked default_search, weight 1.
    std::vector<FieldWeight> default_fields;
    std::vector<std::string> tag_fields;  ///< tag field names known to the database
    Xapian::termcount wildcard_limit = 1000;
    /// The database searched, for synonyms of exact entity names (`org:"FAA"` also finds the
    /// documents of `Federal Aviation Administration`); nullptr = no expansion.
    const Xapian::Database* database = nullptr;
    /// The databases' entity tables: an exact entity name also finds every name of its entity.
    std::shared_ptr<const EntityCanon> entities;
};

/// Parse @p text; throws QueryError with a message saying what is wrong.
Xapian::Query parse_query(std::string_view text, const Analyzer& analyzer, const QueryOptions& options);

/// A parsed query with what the ranking needs to know about it.
struct ParsedQuery {
    Xapian::Query query;
    /// Only plain words joined by the default operator OR (no field, phrase, operator, `+`/`-`,
    /// wildcard or filter): a natural-language query, which query expansion may widen.
    bool plain_words = false;
    std::vector<std::string> stopped;  ///< words dropped as stop words (folded), in query order
};

/// parse_query, with the facts of ParsedQuery; throws QueryError.
ParsedQuery parse_query_details(std::string_view text, const Analyzer& analyzer, const QueryOptions& options);

}  // namespace newsdex
