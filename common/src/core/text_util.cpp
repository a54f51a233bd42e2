/** @file
 * @brief Shared helpers of the plain-text parsers: splitting lists of people, recognizing organizations.
 */
#include "core/text_util.hpp"

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
        if (s.back() == '.' && s.size() >= 3 && (s[s.size() - 3] == ' ' || s[s.size() - 3] == '.')) break;
        if (s.back() == '.' && s.size() >= 4 && s.substr(s.size() - 3) == "Jr.") break;
        if (s.back() == '.' && s.size() >= 4 && s.substr(s.size() - 3) == "Co.") break;
        if (s.back() == '.' && s.size() >= 4 && (s.substr(s.size() - 3) == "Sr." || s.substr(s.size() - 3) == "Jr."))
            break;
        if (s.back() == '.' && s.size() >= 5 && (s.substr(s.size() - 4) == "Inc." || s.substr(s.size() - 4) == "Ltd."))
            break;
        if (s.back() == '.' && s.size() >= 6 && s.substr(s.size() - 5) == "Corp.") break;
        s.remove_suffix(1);
        s = trim(s);
    }
    return collapse_spaces(s);
}

bool single_word(std::string_view s) {
    s = trim(s);
    if (s.empty()) return false;
    for (char c : s)
        if (is_space(c)) return false;
    return true;
}

/// Words of job titles and organization names.
constexpr std::array<std::string_view, 78> kAffiliationWords{
    "director",    "manager",     "president",     "vice",
    "chief",       "head",        "secretary",     "senior",
    "general",     "chair",       "chairman",      "chairwoman",
    "ceo",         "cfo",         "coo",           "cto",
    "ciso",        "vp",          "executive",     "assistant",
    "deputy",      "associate",   "editor",        "counsel",
    "coordinator", "officer",     "supervisor",    "lead",
    "staff",       "writer",      "correspondent", "administrator",
    "specialist",  "inspector",   "analyst",       "engineer",
    "attorney",    "consultant",  "advisor",       "adviser",
    "spokesman",   "spokeswoman", "spokesperson",  "treasurer",
    "controller",  "principal",   "partner",       "founder",
    "region",      "regional",    "department",    "dept",
    "authority",   "division",    "office",        "inc",
    "ag",          "ltd",         "llc",           "gmbh",
    "corp",        "co",          "company",       "group",
    "bureau",      "agency",      "commission",    "board",
    "council",     "committee",   "team",          "research",
    "operations",  "university",  "press",         "wire",
    "news",        "unit"};

/// One word of a title or an organization name ("Director", "Inc."), any case.
bool is_affiliation_word(std::string_view w) {
    while (!w.empty() && (w.back() == '.' || w.back() == ',')) w.remove_suffix(1);
    for (const auto& r : kAffiliationWords)
        if (iequals(w, r)) return true;
    return false;
}

/**
 * A part after a comma that qualifies the person before it rather than naming another one: a job title
 * ("Director", "Vice President", "CEO"), an organization ("Lanesford Water Authority",
 * "Example Systems Inc."), a place ("Zurich"). Read as such: a lower-case start, a single word, more
 * than four words, or any word typical of titles and organizations.
 */
bool looks_like_affiliation(std::string_view part) {
    part = trim(part);
    if (part.empty()) return true;
    if (is_lower(part.front())) return true;  // "staff writer", "for the board"
    // "Andrew Kowalczyk and Grace Liu": judge the first name only.
    if (const std::size_t a = ifind(part, " and "); a != std::string_view::npos) part = part.substr(0, a);
    std::size_t count = 0;
    bool hit = false;
    for (const std::string_view w : split_whitespace(part)) {
        ++count;
        hit = hit || is_affiliation_word(w);
    }
    return hit || count == 1 || count > 4;
}

/// True when @p s starts with a capital (ASCII or any non-ASCII letter): a name, not "contractors".
bool starts_capitalized(std::string_view s) {
    s = trim(s);
    return !s.empty() && (is_upper(s.front()) || static_cast<unsigned char>(s.front()) >= 0xC0);
}

}  // namespace

std::vector<std::string> split_people(std::string_view list) {
    std::vector<std::string> people;
    const auto add = [&](std::string_view name) {
        std::string n = clean_name(name);
        if (!n.empty()) people.push_back(std::move(n));
    };
    // " and " / " & " separate people only between capitalized names ("employees and contractors" stays).
    const auto add_with_and = [&](std::string_view part) {
        std::vector<std::string_view> pieces;
        for (auto a : split_on(part, " and "))
            for (auto b : split_on(a, " & ")) pieces.push_back(b);
        std::size_t k = 0;
        while (k < pieces.size()) {
            const char* begin = pieces[k].data();
            const char* end = begin + pieces[k].size();
            while (k + 1 < pieces.size() && !starts_capitalized(pieces[k + 1])) {
                ++k;
                end = pieces[k].data() + pieces[k].size();
            }
            add(std::string_view(begin, static_cast<std::size_t>(end - begin)));
            ++k;
        }
    };
    // A group is one `;`-separated entry, or the whole list when there is no `;`.
    const auto groups = split_on(list, ";");
    const bool semicolons = groups.size() > 1;
    for (auto group : groups) {
        const auto commas = split_on(group, ",");
        if (commas.size() == 2 && single_word(commas[0]) && single_word(commas[1]) &&
            !is_affiliation_word(trim(commas[1]))) {
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
            if (!first && (in_role || looks_like_affiliation(part))) {
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
        "press",      "news",    "wire",  "agency",  "service",    "times",    "post",    "journal",   "herald",
        "tribune",    "gazette", "daily", "network", "media",      "bureau",   "reuters", "bloomberg", "afp",
        "ap",         "upi",     "bbc",   "cnn",     "associated", "newswire", "wires",   "magazine",  "radio",
        "television", "tv",      "inc",   "corp",    "company",    "group"};
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

std::vector<std::string_view> split_any_of(std::string_view s, std::string_view separators) {
    std::vector<std::string_view> parts;
    for (std::size_t b = s.find_first_not_of(separators); b != std::string_view::npos;
         b = s.find_first_not_of(separators, b)) {
        const std::size_t e = std::min(s.find_first_of(separators, b), s.size());
        parts.push_back(s.substr(b, e - b));
        b = e;
    }
    return parts;
}

std::vector<std::string_view> split_address_list(std::string_view value) {
    std::vector<std::string_view> out;
    std::size_t b = 0;
    bool has_address = false, after_bracket = false, quoted = false;
    for (std::size_t i = 0; i <= value.size(); ++i) {
        const char c = i == value.size() ? ';' : value[i];
        if (c == '"') quoted = !quoted;
        if ((c == ';' && !quoted) || i == value.size() || (c == ',' && !quoted && (has_address || after_bracket))) {
            out.push_back(value.substr(b, i - b));
            b = i + 1;
            has_address = after_bracket = false;
            continue;
        }
        if (c == '@') has_address = true;
        if (c == '>')
            after_bracket = true;
        else if (!is_space(c))
            after_bracket = false;
    }
    return out;
}

}  // namespace newsdex::detail
