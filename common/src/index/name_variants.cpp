/** @file
 * @brief Spellings of one multi-word name (see name_variants.hpp).
 */
#include "index/name_variants.hpp"

#include <algorithm>

namespace newsdex {

namespace {

std::vector<std::string> normalised_words(std::string_view name) {
    std::vector<std::string> out;
    for (const std::string_view word : name_words(name)) {
        std::string w(word);
        std::replace(w.begin(), w.end(), 'z', 's');  // organization -> organisation
        while (w.size() > 1 && (w.back() == '.' || w.back() == ',' || w.back() == '\''))
            w.pop_back();  // `corp.`, `oil,`
        out.push_back(std::move(w));
    }
    return out;
}

bool plural_of(std::string_view one, std::string_view many) {
    if (many.size() == one.size() + 1 && many.back() == 's' && many.starts_with(one)) return true;
    return one.size() >= 2 && one.back() == 'y' && many.size() == one.size() + 2 && many.ends_with("ies") &&
        many.starts_with(one.substr(0, one.size() - 1));
}

/// @p s abbreviates @p l: a prefix of three letters or more that leaves out two letters or more, or
/// @p l's first and last letters with letters of @p l in between, in order (`ltd` / `limited`). One
/// letter more makes another word, not an abbreviation (`german` / `germany`, `israel` / `israeli`).
bool abbreviates(std::string_view s, std::string_view l) {
    if (s.size() < 3 || s.size() >= l.size()) return false;
    if (l.starts_with(s)) return l.size() >= s.size() + 2;
    if (s.front() != l.front() || s.back() != l.back()) return false;
    std::size_t j = 1;
    for (std::size_t i = 1; i + 1 < s.size(); ++i) {
        j = l.find(s[i], j);
        if (j == std::string_view::npos || j + 1 >= l.size()) return false;
        ++j;
    }
    return true;
}

/// One letter left out, added or changed in a word of five letters or more (`lanaka`, `lanka`;
/// `virgina`, `virginia`): a misspelling, not another name.
bool misspelt(std::string_view a, std::string_view b) {
    if (a.size() > b.size()) std::swap(a, b);
    if (a.size() < 5 || b.size() - a.size() > 1) return false;
    std::size_t i = 0;
    while (i < a.size() && a[i] == b[i]) ++i;
    if (i == b.size()) return false;  // the same word
    // Past the first difference: the rest equal after skipping one letter of the longer (or of both).
    const std::size_t skip_a = a.size() == b.size() ? 1 : 0;
    return a.substr(std::min(a.size(), i + skip_a)) == b.substr(i + 1);
}

}  // namespace

std::vector<std::string_view> name_words(std::string_view name) {
    std::vector<std::string_view> out;
    while (!name.empty()) {
        const auto sp = name.find(' ');
        if (sp != 0) out.push_back(name.substr(0, sp));
        if (sp == std::string_view::npos) break;
        name.remove_prefix(sp + 1);
    }
    return out;
}

bool is_initial(std::string_view w) noexcept { return w.size() <= 2 && (w.size() == 1 || w[1] == '.'); }

bool same_last_word(std::string_view a, std::string_view b, bool abbreviations) {
    if (a == b || plural_of(a, b) || plural_of(b, a)) return true;
    return abbreviations ? abbreviates(a, b) || abbreviates(b, a) : misspelt(a, b);
}

std::vector<std::pair<std::string, std::string>> NameVariants::forms(std::string_view name) const {
    std::vector<std::string> w = normalised_words(name);
    std::vector<std::pair<std::string, std::string>> out;
    if (w.size() < 2) return out;
    const auto add = [&](std::vector<std::string> v) {
        // `department of agriculture` is `agriculture department`: `X of Y`, Y one last word.
        if (v.size() >= 3 && v[v.size() - 2] == "of") {
            std::swap(v[v.size() - 3], v.back());
            v.erase(v.end() - 2);
        }
        std::string key;
        for (std::size_t i = 0; i + 1 < v.size(); ++i) key.append(v[i]).append(1, ' ');
        key.append(1, '|').append(1, v.back().front());
        out.emplace_back(std::move(key), v.back());
    };
    if (w.size() >= 3 && m_suffix && m_suffix(w.back())) add({w.begin(), w.end() - 1});
    add(std::move(w));
    return out;
}

void NameVariants::add(std::size_t id, std::string_view name) {
    for (auto& [key, last] : forms(name)) m_buckets[key].push_back({id, std::move(last)});
}

void NameVariants::matches(std::string_view name, std::vector<std::size_t>& out) const {
    for (const auto& [key, last] : forms(name)) {
        const auto it = m_buckets.find(key);
        if (it == m_buckets.end()) continue;
        for (const Form& f : it->second)
            if (same_last_word(last, f.last, m_abbreviations)) out.push_back(f.id);
    }
}

}  // namespace newsdex
