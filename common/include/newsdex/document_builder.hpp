/** @file
 * @brief Turns a parsed Document into a Xapian::Document following the schema table.
 */
#pragma once
#include <string>
#include <string_view>

#include <xapian.h>

#include <newsdex/analyzer.hpp>
#include <newsdex/document.hpp>

namespace newsdex {

/**
 * Build the Xapian document: unique id term, text fields under their prefixes (title also unprefixed
 * is NOT done: the default query searches body and title prefixes), boolean terms (type, tags,
 * D/M/Y date terms), value slots, and the stored data (see stored.hpp).
 * @p source_path_term is the absolute path of the file the document came from ("" for stdin).
 */
Xapian::Document build_document(const Document& doc, const Analyzer& analyzer,
                                std::string_view source_path_term);

/// Encode the stored data of a document (JSON: every field needed to print a hit and its snippet).
std::string encode_stored(const Document& doc);
/// Decode what encode_stored wrote; throws RuntimeError on corrupt data.
Document decode_stored(std::string_view data);

}  // namespace newsdex
