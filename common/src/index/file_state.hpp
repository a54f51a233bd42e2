/** @file
 * @brief What the indexer keeps in a database's metadata besides its settings: the state of each
 *        indexed file, and the list of tag fields in use.
 *
 * File state: metadata `newsdex:file:<abs path>` = "<mtime_ns> <size> <docs> <failed records>" (plus
 * " <abs path>" when the key had to be shortened). An unchanged file is skipped without being read;
 * when it had failed records, a warning says so (they are not re-reported, the file is not re-read).
 */
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace newsdex {

/// What the database remembers about an indexed file.
struct FileState {
    std::int64_t mtime_ns = 0;
    std::uint64_t size = 0;
    std::size_t docs = 0;
    std::size_t failed = 0;  ///< records reported as errors when the file was indexed
    std::string path;        ///< only when the metadata key was shortened
};

/// The metadata value of @p s (with its path when @p with_path: the key was shortened).
std::string format_state(const FileState& s, bool with_path);

/// A metadata value read back (nullopt: none).
std::optional<FileState> parse_state(std::string_view v);

/// The metadata key of a file (bounded like terms, since Xapian keys have the same length limit).
std::string state_key(std::string_view abs_path);

/// Whether state_key() had to shorten the key of @p abs_path (the state then holds the path).
bool key_was_shortened(std::string_view abs_path);

/// The value of schema::meta_tag_fields: one field a line.
std::string tag_fields_value(const std::set<std::string>& fields);

/// The tag fields listed in a value of schema::meta_tag_fields.
std::set<std::string> parse_tag_fields(std::string_view value);

}  // namespace newsdex
