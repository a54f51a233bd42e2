/** @file
 * @brief How facet value slots are written (the indexer) and read (the searcher's counting).
 *
 * Each facet field has one value slot (schema::facet_fields()) holding *all* of a document's values
 * for that field in one string: the values in their canonical display form (not folded), sorted
 * byte-wise, duplicates removed, each written as a varint byte length followed by its bytes. Tag
 * fields share one slot whose entries are `name` NUL `value` (see search/facets.hpp for why).
 */
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

/// Encode @p values for a facet slot: sorted, deduplicated, empty values dropped; "" when none.
std::string encode_facet_values(std::vector<std::string> values);

/**
 * Decode what encode_facet_values() wrote into views of @p data (appended to @p out).
 * Returns false (keeping what was decoded) when @p data is truncated or corrupt.
 */
bool decode_facet_values(std::string_view data, std::vector<std::string_view>& out);

/// A tag slot entry: @p name NUL @p value.
std::string tag_facet_entry(std::string_view name, std::string_view value);

/// Append @p n as a varint (7 bits a byte, low first): the lengths of facet slots and serialised spies.
void put_varint(std::string& out, std::size_t n);
/// Read a varint of @p s at @p pos (advanced); false when truncated or too long.
bool get_varint(std::string_view s, std::size_t& pos, std::size_t& n);
/// Append a length-prefixed string (varint length, bytes).
void put_string(std::string& out, std::string_view s);
/// Read a length-prefixed string of @p s at @p pos (advanced) into a view of @p s; false when truncated.
bool get_string(std::string_view s, std::size_t& pos, std::string_view& out);

}  // namespace newsdex
