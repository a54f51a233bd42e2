/** @file
 * @brief (private to the library) The JSON object of one query's results, shared by the JSON printer
 * and batch mode's JSON Lines, so both write hits and facets in one shape (printer.hpp documents it).
 */
#pragma once
#include <nlohmann/json.hpp>

#include <newsdex/search/search.hpp>

namespace newsdex::detail {

/// `{"format_version", "query", "parsed", "matches", "offset", "hits", "suggestion", "facets"}`.
nlohmann::ordered_json search_result_json(const SearchResult& result);

}  // namespace newsdex::detail
