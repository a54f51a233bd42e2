/** @file
 * @brief The exact terms both sides agree on: the indexer writes them, the query parser and the
 * look-ups of the searcher name them (ids, entity names, long values bounded to Xapian's term limit).
 */
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <newsdex/schema/document.hpp>

namespace newsdex {

/// Ids, paths and tag values longer than this are cut and suffixed with a hash in terms.
inline constexpr std::size_t max_term_value_bytes = 200;

/**
 * `prefix + value`, or, when @p value is longer than max_term_value_bytes, `prefix` + its first bytes
 * (cut on a UTF-8 boundary) + `#` + 16 hex digits of a stable 64-bit hash of the whole value, so terms
 * stay under Xapian's 245-byte limit and distinct long values stay distinct.
 */
std::string bounded_term(std::string_view prefix, std::string_view value);

/**
 * The unique id term of a document id: bounded_term("Q", fold_exact_value(id)), folded like the query
 * parser folds `id:` values (so ids differing only in case or spacing are the same document).
 */
std::string id_term(std::string_view id);

/**
 * The exact term of an entity name: `XEP:`/`XEO:`/`XEL:`/`XEM:` + fold_exact_value(@p name), bounded
 * like other terms ("" when the name folds to nothing). Also what `person:"Theresa Walsh"` looks up.
 */
std::string entity_term(EntityType type, std::string_view name);

/**
 * The synonym pairs (term, synonym) the index writer records for @p doc: between the exact term of
 * each alias and of its entity's canonical name, in both directions
 * (`XEO:faa` -> `XEO:federal aviation administration` and back). Aliases folding to the canonical
 * name give none.
 */
std::vector<std::pair<std::string, std::string>> entity_synonyms(const Document& doc);

}  // namespace newsdex
