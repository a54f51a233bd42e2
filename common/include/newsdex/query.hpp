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
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include <newsdex/analyzer.hpp>

namespace newsdex {

struct QueryOptions {
    Xapian::Query::op default_op = Xapian::Query::OP_OR;
    std::vector<std::string> tag_fields;  ///< tag field names known to the database
    Xapian::termcount wildcard_limit = 1000;
    /// The database searched, for synonyms of exact entity names (`org:"FAA"` also finds the
    /// documents of `Federal Aviation Administration`); nullptr = no expansion.
    const Xapian::Database* database = nullptr;
};

/// Parse @p text; throws QueryError with a message saying what is wrong.
Xapian::Query parse_query(std::string_view text, const Analyzer& analyzer, const QueryOptions& options);

}  // namespace newsdex
