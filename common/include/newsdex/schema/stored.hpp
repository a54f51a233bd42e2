/** @file
 * @brief The stored data of a document: the JSON record the indexer writes and the searcher prints from.
 */
#pragma once
#include <string>
#include <string_view>

#include <newsdex/schema/document.hpp>

namespace newsdex {

/// Encode the stored data of a document (JSON: every field needed to print a hit and its snippet).
std::string encode_stored(const Document& doc);
/// Decode what encode_stored wrote; throws RuntimeError on corrupt data.
Document decode_stored(std::string_view data);

}  // namespace newsdex
