/** @file
 * @brief Turns a parsed Document into a Xapian::Document following the schema table.
 */
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include <newsdex/analysis/analyzer.hpp>
#include <newsdex/schema/document.hpp>

namespace newsdex {

/**
 * Build the Xapian document: unique id term, text fields under their prefixes (title also unprefixed
 * is NOT done: the default query searches body and title prefixes), boolean terms (type, tags,
 * D/M/Y date terms), entity terms (doc.entities: free text under `XP`/`XO`/`XL`/`XM`, exact
 * canonical names under `XEP:`...), `XMD:` terms of doc.date_mentions, exact whole source and author
 * terms (`XSX:`, `XAX:`), value slots (facet slots too: add_facet_values), and the stored data
 * (encode_stored).
 * @p source_path_term is the absolute path of the file the document came from ("" for stdin).
 */
Xapian::Document build_document(const Document& doc, const Analyzer& analyzer, std::string_view source_path_term);

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

/// Encode the stored data of a document (JSON: every field needed to print a hit and its snippet).
std::string encode_stored(const Document& doc);
/// Decode what encode_stored wrote; throws RuntimeError on corrupt data.
Document decode_stored(std::string_view data);

}  // namespace newsdex
