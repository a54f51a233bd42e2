/** @file
 * @brief Acronym definitions written in text: `Long Name (ACRO)`, `Long Name, or ACRO`, `ACRO (Long Name)`.
 *
 * The acronym's capitals must be the initials of the long name's words, where `of`, `and`, `for`,
 * `the`, `&` (and a few more function words) may be skipped or counted and a dotted abbreviation
 * (`U.S.`) gives all its letters. The resolver (entities.hpp) maps every mention of a defined
 * acronym to its long form.
 */
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdex {

/// An acronym defined in the text, with where both forms are.
struct AcronymDefinition {
    std::string long_form;        ///< "Federal Aviation Administration" (leading "the" dropped)
    std::string acronym;          ///< "FAA"
    std::size_t long_offset = 0;  ///< byte offset of the long form in the text
    std::size_t long_length = 0;
    std::size_t acronym_offset = 0;
    std::size_t acronym_length = 0;
};

/**
 * True when the capitals of @p acronym are the initials of @p long_form's words (function words
 * `of`, `and`, `for`, `the`, `&`, `on`, `in`, `to`, `at`, `a`, `an` may be skipped or counted; a
 * dotted abbreviation gives all its letters; a hyphen separates words). Lower-case words other than
 * those make it false.
 */
[[nodiscard]] bool acronym_matches(std::string_view acronym, std::string_view long_form);

/// Acronym definitions in @p text (pure text patterns), in text order, with their positions.
[[nodiscard]] std::vector<AcronymDefinition> find_acronym_spans(std::string_view text);

/// Acronym definitions in @p text as (long form, acronym) pairs, first definition of an acronym only.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> find_acronym_definitions(std::string_view text);

}  // namespace newsdex
