/** @file
 * @brief Shared helpers of the plain-text parsers: splitting lists of people, recognizing organizations.
 */
#include "text_util.hpp"

#include <array>

namespace newsdex::detail {

namespace {

/// Split @p s on @p sep (a character or a word such as " and "), ASCII case-insensitively.
std::vector<std::string_view> split_on(std::string_view s, std::string_view sep) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t pos = ifind(s, sep, start);
        if (pos == std::string_view::npos) break;
        parts.push_back(s.substr(start, pos - start));
        start = pos + sep.size();
    }
    parts.push_back(s.substr(start));
    return parts;
}

std::string clean_name(std::string_view s) {
    s = trim(s);
    while (!s.empty() && (s.back() == '.' || s.back() == ',' || s.back() == ';' || s.back() == ':')) {
        // Keep the dot of a trailing initial or abbreviation ("John Smith Jr.", "Example Co.").
        if (s.back() == '.' && s.size() >= 3 && (s[s.size() - 3] == ' ' || s[s.size() - 3] == '.'))
            break;
        if (s.back() == '.' && s.size() >= 4 && s.substr(s.size() - 3) == "Jr.") break;
        if (s.back() == '.' && s.size() >= 4 && s.substr(s.size() - 3) == "Co.") break;
        s.remove_suffix(1);
        s = trim(s);
    }
    return collapse_spaces(s);
}

std::string_view first_word(std::string_view s) {
    s = trim(s);
    std::size_t n = 0;
    while (n < s.size() && !is_space(s[n]) && s[n] != ',') ++n;
    return s.substr(0, n);
}

bool single_word(std::string_view s) {
    s = trim(s);
    if (s.empty()) return false;
    for (char c : s)
        if (is_space(c)) return false;
    return true;
}

/// A part after a comma that names a role, not a person: "Director", "Vice President, Sales"...
bool looks_like_role(std::string_view part) {
    static constexpr std::array<std::string_view, 30> role_words{
        "director",  "manager",   "president", "vice",      "chief",     "head",
        "secretary", "senior",    "general",   "chair",     "chairman",  "chairwoman",
        "ceo",       "cfo",       "coo",       "cto",       "vp",        "executive",
        "assistant", "deputy",    "associate", "editor",    "counsel",   "coordinator",
        "officer",   "supervisor", "lead",     "staff",     "writer",    "correspondent"};
    part = trim(part);
    if (part.empty()) return false;
    if (is_lower(part.front())) return true;  // "staff writer", "for the board"
    const std::string_view w = first_word(part);
    for (const auto& r : role_words)
        if (iequals(w, r)) return true;
    return false;
}

}  // namespace

std::vector<std::string> split_people(std::string_view list) {
    std::vector<std::string> people;
    const auto add = [&](std::string_view name) {
        std::string n = clean_name(name);
        if (!n.empty()) people.push_back(std::move(n));
    };
    const auto add_with_and = [&](std::string_view part) {
        for (auto a : split_on(part, " and "))
            for (auto b : split_on(a, " & ")) add(b);
    };
    // A group is one `;`-separated entry, or the whole list when there is no `;`.
    const auto groups = split_on(list, ";");
    const bool semicolons = groups.size() > 1;
    for (auto group : groups) {
        const auto commas = split_on(group, ",");
        if (commas.size() == 2 && single_word(commas[0]) && single_word(commas[1]) &&
            !looks_like_role(commas[1])) {
            add(group);  // "Walsh, Theresa"
            continue;
        }
        if (semicolons && commas.size() >= 2 && commas.size() <= 3 && single_word(commas[0]) &&
            single_word(commas[1])) {
            add(group);  // "Walsh, Theresa, Dr." in a ;-list
            continue;
        }
        bool first = true, in_role = false;
        for (auto part : commas) {
            // "Jane Doe, Director" / "Jane Doe, Vice President, Sales": the role and what follows it.
            if (!first && (in_role || looks_like_role(part))) {
                in_role = true;
                continue;
            }
            first = false;
            add_with_and(part);
        }
    }
    return people;
}

bool has_org_word(std::string_view phrase) {
    static constexpr std::array<std::string_view, 33> org_words{
        "press",     "news",      "wire",     "agency",    "service",  "times",   "post",
        "journal",   "herald",    "tribune",  "gazette",   "daily",    "network", "media",
        "bureau",    "reuters",   "bloomberg", "afp",      "ap",       "upi",     "bbc",
        "cnn",       "associated", "newswire", "wires",    "magazine", "radio",   "television",
        "tv",        "inc",       "corp",     "company",   "group"};
    phrase = trim(phrase);
    if (phrase.empty()) return false;
    std::size_t i = 0;
    while (i < phrase.size()) {
        while (i < phrase.size() && !is_alpha(phrase[i])) ++i;
        const std::size_t start = i;
        while (i < phrase.size() && is_alpha(phrase[i])) ++i;
        if (i == start) break;
        const std::string_view w = phrase.substr(start, i - start);
        for (const auto& o : org_words)
            if (iequals(w, o)) return true;
    }
    return false;
}

bool looks_like_org(std::string_view phrase) {
    phrase = trim(phrase);
    if (phrase.empty()) return false;
    if (has_org_word(phrase)) return true;
    // One capitalized word ("Reuters", "Example") reads as an organization rather than a person.
    for (char c : phrase)
        if (is_space(c)) return false;
    return is_upper(phrase.front()) || static_cast<unsigned char>(phrase.front()) >= 0x80;
}

}  // namespace newsdex::detail
