/** @file
 * @brief "Did you mean": a spelling suggestion for a query that found little.
 */
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

#include <newsdex/analysis/analyzer.hpp>

namespace newsdex {

/**
 * A corrected @p query: each plain word (no field, operator, wildcard or number) missing from the
 * spelling table is replaced by Database::get_spelling_suggestion when it has one. nullopt when no
 * word changed.
 */
std::optional<std::string> suggest_spelling(const Xapian::Database& db, const Analyzer& analyzer,
                                            std::string_view query);

/// Matches below which the searcher looks for a spelling suggestion.
inline constexpr Xapian::doccount kSuggestBelow = 5;

}  // namespace newsdex
