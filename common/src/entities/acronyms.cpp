/** @file
 * @brief Acronym definitions: which long forms an acronym spells, and where text defines one.
 */
#include <newsdex/entities/acronyms.hpp>

#include <algorithm>
#include <optional>

#include "core/text_util.hpp"
#include "entities/name_util.hpp"

namespace newsdex {
namespace {

using detail::iequals;
using detail::is_alnum;
using detail::is_alpha;
using detail::is_space;
using detail::is_upper;
using detail::to_upper;
using namespace entity_detail;

/// The capitals an acronym spells (`DoD` -> `DD`, `U.S.` -> `US`).
std::string acronym_letters(std::string_view acronym) {
    std::string letters;
    for (char c : acronym)
        if (is_upper(c)) letters += c;
    return letters;
}

/// One word of a long form, and the letter sequences it may contribute to an acronym.
struct LongWord {
    std::vector<std::string> options;  ///< "" = skipped
};

bool match_words(const std::vector<LongWord>& words, std::size_t wi, const std::string& letters, std::size_t li) {
    if (wi == words.size()) return li == letters.size();
    for (const auto& option : words[wi].options) {
        if (li + option.size() > letters.size() || letters.compare(li, option.size(), option) != 0) continue;
        if (match_words(words, wi + 1, letters, li + option.size())) return true;
    }
    return false;
}

/// Strip quotes, brackets and trailing commas around a word.
std::string_view strip_word_punct(std::string_view w) noexcept {
    while (!w.empty() && (w.front() == '"' || w.front() == '\'' || w.front() == '(')) w.remove_prefix(1);
    while (!w.empty() && (w.back() == '"' || w.back() == ',' || w.back() == ';' || w.back() == ':' || w.back() == ')'))
        w.remove_suffix(1);
    return w;
}

/// The long form's words as acronym options; empty when a word can be neither skipped nor spelled.
std::optional<std::vector<LongWord>> long_words(std::string_view long_form) {
    std::vector<LongWord> words;
    bool any_capitalised = false;
    const std::string norm = normalize_space(long_form);
    for (auto raw : split_words(norm)) {
        // Hyphens separate words too: "Anti-Defamation".
        std::size_t b = 0;
        while (b <= raw.size()) {
            std::size_t e = raw.find('-', b);
            if (e == std::string_view::npos) e = raw.size();
            const std::string_view w = strip_word_punct(raw.substr(b, e - b));
            b = e + 1;
            if (w.empty()) continue;
            LongWord lw;
            if (is_function_word(w)) {
                lw.options.emplace_back();
                if (is_alpha(w.front())) lw.options.emplace_back(1, to_upper(w.front()));
            } else if (is_upper(w.front())) {
                any_capitalised = true;
                lw.options.emplace_back(1, w.front());
                const std::string capitals = acronym_letters(w);
                if (capitals.size() > 1) lw.options.push_back(capitals);  // "U.S.", "PetroChina"
            } else {
                return std::nullopt;
            }
            words.push_back(std::move(lw));
        }
    }
    if (!any_capitalised) return std::nullopt;
    return words;
}

/// Does this word end a phrase (comma, colon, sentence end), so no long form runs across it?
bool phrase_breaker(std::string_view w) noexcept {
    if (w.empty()) return true;
    const char last = w.back();
    if (last == ',' || last == ';' || last == ':' || last == '!' || last == '?') return true;
    // A sentence-ending dot: not an abbreviation like "U.S." (dots inside) or an initial.
    if (last == '.' && w.substr(0, w.size() - 1).find('.') == std::string_view::npos && !is_initial(w)) return true;
    return false;
}

/**
 * The longest phrase ending just before @p end in @p text whose initials spell @p acronym: a run of
 * capitalised and function words, starting with a capitalised one. Offset/length into @p text.
 */
bool long_form_before(std::string_view text, std::size_t end, std::string_view acronym, std::size_t& offset,
                      std::size_t& length) {
    struct Span {
        std::size_t b, e;
    };
    std::vector<Span> words;  // nearest first
    const std::size_t max_words = acronym_letters(acronym).size() * 2 + 3;
    std::size_t p = end;
    while (words.size() < max_words) {
        while (p > 0 && is_space(text[p - 1])) --p;
        if (p == 0) break;
        std::size_t b = p;
        while (b > 0 && !is_space(text[b - 1])) --b;
        const std::string_view raw = text.substr(b, p - b);
        if (!words.empty() && phrase_breaker(raw)) break;
        std::string_view w = raw;
        bool opens = false;
        while (!w.empty() && (w.front() == '"' || w.front() == '(' || w.front() == '\'')) {
            w.remove_prefix(1);
            ++b;
            opens = true;
        }
        if (words.empty() && !w.empty() && (w.back() == ',' || w.back() == ';')) return false;
        if (w.empty() || !(is_upper(w.front()) || is_function_word(w))) break;
        words.push_back(Span{b, p});
        if (opens) break;
        p = b;
    }
    for (std::size_t k = words.size(); k > 0; --k) {
        const Span first = words[k - 1];
        const std::string_view first_word = text.substr(first.b, first.e - first.b);
        if (is_function_word(first_word)) continue;
        const std::size_t b = first.b, e = words.front().e;
        if (acronym_matches(acronym, text.substr(b, e - b))) {
            offset = b;
            length = e - b;
            return true;
        }
    }
    return false;
}

}  // namespace

bool acronym_matches(std::string_view acronym, std::string_view long_form) {
    const std::string letters = acronym_letters(acronym);
    if (letters.size() < 2) return false;
    const auto words = long_words(strip_the(normalize_space(long_form)));
    return words && match_words(*words, 0, letters, 0);
}

std::vector<AcronymDefinition> find_acronym_spans(std::string_view text) {
    std::vector<AcronymDefinition> out;
    // "Long Name (ACRO)" and "ACRO (Long Name)".
    for (std::size_t open = text.find('('); open != std::string_view::npos; open = text.find('(', open + 1)) {
        const std::size_t close = text.find(')', open);
        if (close == std::string_view::npos) break;
        if (close - open > 120) continue;
        const std::string_view raw_inner = text.substr(open + 1, close - open - 1);
        const std::string_view inner = strip_quotes(raw_inner);
        if (inner.empty()) continue;
        const std::size_t inner_offset = static_cast<std::size_t>(inner.data() - text.data());
        if (is_acronym(inner)) {
            std::size_t offset = 0, length = 0;
            if (long_form_before(text, open, inner, offset, length))
                out.push_back(
                    AcronymDefinition{strip_the(strip_possessive(normalize_space(text.substr(offset, length)))),
                                      std::string(inner), offset, length, inner_offset, inner.size()});
            continue;
        }
        // The token right before the bracket is the acronym; the bracket holds the long form.
        std::size_t e = open;
        while (e > 0 && is_space(text[e - 1])) --e;
        std::size_t b = e;
        while (b > 0 && !is_space(text[b - 1]) && text[b - 1] != '(' && text[b - 1] != '"') --b;
        const std::string_view acro = text.substr(b, e - b);
        if (!is_acronym(acro)) continue;
        const std::string long_form = strip_the(normalize_space(inner));
        if (split_words(long_form).size() < 2 || !acronym_matches(acro, long_form)) continue;
        std::size_t long_offset = inner_offset, long_length = inner.size();
        if (inner.size() > 4 && iequals(inner.substr(0, 4), "the ")) {
            long_offset += 4;
            long_length -= 4;
        }
        out.push_back(AcronymDefinition{long_form, std::string(acro), long_offset, long_length, b, acro.size()});
    }
    // "Long Name, or ACRO".
    for (std::size_t p = text.find(", or "); p != std::string_view::npos; p = text.find(", or ", p + 1)) {
        std::size_t q = p + 5;
        while (q < text.size() && is_space(text[q])) ++q;
        const std::string_view acro = acronym_at(text, q);
        if (acro.empty()) continue;
        const std::size_t acro_end = q + acro.size();
        if (acro_end < text.size() && is_alnum(text[acro_end])) continue;
        std::size_t offset = 0, length = 0;
        if (long_form_before(text, p, acro, offset, length))
            out.push_back(AcronymDefinition{strip_the(strip_possessive(normalize_space(text.substr(offset, length)))),
                                            std::string(acro), offset, length, q, acro.size()});
    }
    std::stable_sort(out.begin(), out.end(), [](const AcronymDefinition& a, const AcronymDefinition& b) {
        return std::min(a.long_offset, a.acronym_offset) < std::min(b.long_offset, b.acronym_offset);
    });
    return out;
}

std::vector<std::pair<std::string, std::string>> find_acronym_definitions(std::string_view text) {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto& d : find_acronym_spans(text)) {
        const bool seen = std::any_of(out.begin(), out.end(), [&](const auto& p) { return p.second == d.acronym; });
        if (!seen) out.emplace_back(std::move(d.long_form), std::move(d.acronym));
    }
    return out;
}

}  // namespace newsdex
