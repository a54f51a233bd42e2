/** @file
 * @brief File states and the tag-field list in database metadata (index/file_state.hpp).
 */
#include "index/file_state.hpp"

#include <sstream>

#include <fmt/format.h>

#include <newsdex/analysis/terms.hpp>
#include <newsdex/index/document_builder.hpp>
#include <newsdex/schema/stored.hpp>
#include <newsdex/schema/schema.hpp>

#include "core/text_util.hpp"

namespace newsdex {

std::string format_state(const FileState& s, bool with_path) {
    std::string v = fmt::format("{} {} {} {}", s.mtime_ns, s.size, s.docs, s.failed);
    if (with_path) v.append(" ").append(s.path);
    return v;
}

std::optional<FileState> parse_state(std::string_view v) {
    FileState s;
    std::istringstream in{std::string(v)};
    if (!(in >> s.mtime_ns >> s.size)) return std::nullopt;
    if (!(in >> s.docs >> s.failed)) return s;
    if (in.get() == ' ') std::getline(in, s.path);
    return s;
}

std::string state_key(std::string_view abs_path) { return bounded_term(schema::meta_file_prefix, abs_path); }

bool key_was_shortened(std::string_view abs_path) { return abs_path.size() > max_term_value_bytes; }

std::string tag_fields_value(const std::set<std::string>& fields) {
    std::string v;
    for (const auto& f : fields) v.append(f).append("\n");
    return v;
}

std::set<std::string> parse_tag_fields(std::string_view value) {
    std::set<std::string> fields;
    for (const auto& line : detail::split_lines(value))
        if (!line.text.empty()) fields.emplace(line.text);
    return fields;
}

}  // namespace newsdex
