/** @file
 * @brief Spellings of one multi-word name (private to the entity table, index/entity_table.cpp).
 *
 * Folded names that differ only in how a word is spelt are one name: British and American spelling
 * (`organisation`/`organization`: s and z), a plural (`community`/`communities`), an abbreviated last
 * word (`corp`/`corporation`, `ltd`/`limited`: a prefix of three letters or more leaving out two letters
 * or more, so `german` is no `germany`, or the same first and last letters in order), a trailing dot,
 * comma or apostrophe (`co.`/`co`), a name behind `of` turned round (`department of agriculture` /
 * `agriculture department`), and a frequent last word such as `corp` left out of a name of three
 * words or more (`international business machines corp`). Single words are never variants of
 * anything here: the grouping rules (acronyms, extensions) decide those, with their safeguards.
 */
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsdex {

class NameVariants {
public:
    /// Whether a word ends many names of the type (`corp`, `inc`, `department`): it may be left out.
    using SuffixTest = std::function<bool(std::string_view)>;

    /// @p abbreviations: an abbreviated last word is a spelling; without (places: `South Asia` is no
    /// `South Australia`, `East Asia` no `East Asiatic`, their last word being a name of its own),
    /// only a misspelt one is (one letter out, in or changed in five or more: `Sri Lanaka`).
    explicit NameVariants(SuffixTest suffix, bool abbreviations = true)
        : m_suffix(std::move(suffix)), m_abbreviations(abbreviations) {}

    /// Index folded name @p name under @p id.
    void add(std::size_t id, std::string_view name);
    /// The ids of the names added that spell @p name another way (or the same way), appended to @p out.
    void matches(std::string_view name, std::vector<std::size_t>& out) const;

private:
    struct Form {
        std::size_t id;
        std::string last;  ///< the last word, normalised; the rest is the bucket's key
    };
    /// The normalised forms of @p name: bucket key and last word.
    [[nodiscard]] std::vector<std::pair<std::string, std::string>> forms(std::string_view name) const;
    SuffixTest m_suffix;
    bool m_abbreviations = true;
    std::unordered_map<std::string, std::vector<Form>> m_buckets;
};

/// The words of folded name @p name (split at spaces).
std::vector<std::string_view> name_words(std::string_view name);

/// Whether last words @p a and @p b (normalised) spell one word: equal, a plural, and with
/// @p abbreviations an abbreviation, without a misspelling.
bool same_last_word(std::string_view a, std::string_view b, bool abbreviations = true);

/// An initial of a folded name: one letter, with or without its dot (`e.`, `e`).
bool is_initial(std::string_view w) noexcept;

}  // namespace newsdex
