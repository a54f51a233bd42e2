/** @file
 * @brief Private: the word-level helpers of entity resolution shared by the acronym finder, the
 * person-name and header readers and the resolver (entities/acronyms.cpp, people.cpp, entities.cpp).
 *
 * ASCII rules throughout (core/text_util.hpp): UTF-8 bytes pass through untouched.
 */
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::entity_detail {

/// ASCII lower case of @p s.
[[nodiscard]] std::string fold(std::string_view s);

/// Collapse runs of white space (and U+00A0) into one space, trimmed.
[[nodiscard]] std::string normalize_space(std::string_view s);

/// Words separated by single spaces (input already normalised).
[[nodiscard]] std::vector<std::string_view> split_words(std::string_view s);

/// `Walsh's` -> `Walsh`, `Jones'` -> `Jones` (ASCII or U+2019 apostrophe).
[[nodiscard]] std::string strip_possessive(std::string s);

/// A leading `the` is not part of a name.
[[nodiscard]] std::string strip_the(std::string s);

/// Lower case without dots: the key for word tables ("Sen." -> "sen").
[[nodiscard]] std::string word_key(std::string_view w);

/// A title, rank or role that precedes a name (@p key as word_key gives it).
[[nodiscard]] bool is_title_key(std::string_view key) noexcept;
/// A title that only ever stands before a person's name (`president`, `minister`), a subset
/// of is_title_key without the words that also name or describe organisations (`former`, `chief`, `general`, `dr`).
[[nodiscard]] bool is_name_title_key(std::string_view key) noexcept;
/// A lower-case name particle that is part of a name (`van` in `Ludwig van Beethoven`).
[[nodiscard]] bool is_particle_key(std::string_view key) noexcept;
/// A name suffix that is not a surname (`jr`, `phd`).
[[nodiscard]] bool is_suffix_key(std::string_view key) noexcept;
/// A word that makes a header value a group, not a person (`staff`, `committee`).
[[nodiscard]] bool is_group_key(std::string_view key) noexcept;

/// A title or role, also in the plural (`Directors`).
[[nodiscard]] bool is_role_word(std::string_view word);

/// A function word an acronym may skip (or count): `of`, `and`, `the`...
[[nodiscard]] bool is_function_word(std::string_view w);

/// Starts with an ASCII capital.
[[nodiscard]] bool is_capitalised(std::string_view w) noexcept;

/// An initial: `M.` or `M`.
[[nodiscard]] bool is_initial(std::string_view w) noexcept;

/// `FAA`, `DoD`, `U.S.`, `AT&T`: 2-10 characters, at least two capitals, more capitals than small letters.
[[nodiscard]] bool is_acronym(std::string_view t) noexcept;

/// An acronym token starting at @p p (sentence-final dot dropped); empty when there is none.
[[nodiscard]] std::string_view acronym_at(std::string_view text, std::size_t p);

/// Strip quotes around a parenthesised acronym: `("FAA")`, `(“FAA”)`.
[[nodiscard]] std::string_view strip_quotes(std::string_view s) noexcept;

/// @p word is an organisation head word (`Bank`, `Agency`, `Corp`...).
[[nodiscard]] bool is_org_head_word(std::string_view word);

/// The last word of @p long_form is an organisation head word (`Administration`, `Agency`...).
[[nodiscard]] bool is_org_head(std::string_view long_form);

}  // namespace newsdex::entity_detail
