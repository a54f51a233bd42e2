/** @file
 * @brief Turns a parsed Document into a Xapian::Document following the schema table.
 */
#pragma once
#include <cstdint>
#include <string_view>

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
 * (encode_stored, schema/stored.hpp).
 * @p source_path_term is the absolute path of the file the document came from ("" for stdin).
 */
/// @p run > 0: the indexer run writing the document, in schema::slot_run (what `--since-last` filters on).
Xapian::Document build_document(const Document& doc, const Analyzer& analyzer, std::string_view source_path_term,
                                std::uint64_t run = 0);

/// Add every facet slot of @p doc (entities by type, source, authors, type, tags) to @p xdoc
/// (encoded by schema/facet_codec.hpp).
void add_facet_values(Xapian::Document& xdoc, const Document& doc);

}  // namespace newsdex
