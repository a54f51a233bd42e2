/** @file
 * @brief (private to the library) The JSON object of one query's results, shared by the JSON printer
 * and batch mode's JSON Lines, so both write hits and facets in one shape (printer.hpp documents it).
 */
#pragma once
#include <nlohmann/json.hpp>

#include <newsdex/core/terminal.hpp>
#include <newsdex/search/search.hpp>

namespace newsdex::detail {

/// `{"format_version", "query", "parsed", "matches", "offset", "hits", "suggestion", "facets"}`.
nlohmann::ordered_json search_result_json(const SearchResult& result);

/**
 * @p j on one line, as every JSON output of newsdex writes it: invalid UTF-8 (should not happen:
 * parsers convert) replaced rather than thrown on, C1 and bidi characters escaped (json_terminal_safe).
 */
inline std::string json_text(const nlohmann::ordered_json& j) {
    return json_terminal_safe(j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

}  // namespace newsdex::detail
