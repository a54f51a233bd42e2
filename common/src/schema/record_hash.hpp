/** @file
 * @brief Record hashes, stored in schema::slot_record_hash (16 hex digits): equal hash = nothing to redo.
 *
 * Two kinds, both XXH3 (stable across platforms and versions):
 * - raw_record_hash: the raw bytes of a record (a JSON Lines line), where they were (the input and
 *   line) and how they are indexed (format, entities). A re-run recognizes an unchanged record
 *   before parsing it (RecordFilter). Its lowest bit tells whether the record had no id of its own.
 * - record_hash: what a parser read from a record of another format, as a Document.
 */
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <newsdex/schema/document.hpp>

namespace newsdex {

/// The seed of the raw record hashes of one input (@p display, a file at @p abs_path).
std::uint64_t raw_record_seed(std::string_view format, std::string_view display, std::string_view abs_path,
                              bool entities);

/// The hash of raw record @p raw at line @p line of the input of @p seed; lowest bit clear.
std::uint64_t raw_record_hash(std::uint64_t seed, std::size_t line, std::string_view raw);

/// The record hash of a parsed record: what the parser read (as stored, before entities), where from,
/// and whether entities were extracted.
std::uint64_t record_hash(const Document& doc, std::string_view abs_path, bool entities);

/// A record hash as stored in schema::slot_record_hash.
std::string hash_value(std::uint64_t h);

/// A stored record hash (nullopt: none, or of an older version).
std::optional<std::uint64_t> parse_hash_value(std::string_view v);

}  // namespace newsdex
