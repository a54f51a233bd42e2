/** @file
 * @brief Word-level helpers of entity resolution: white space, possessives, word tables, acronyms.
 */
#include "entities/name_util.hpp"

#include <algorithm>
#include <array>

#include "core/text_util.hpp"

namespace newsdex::entity_detail {

using detail::iequals;
using detail::is_alnum;
using detail::is_digit;
using detail::is_lower;
using detail::is_space;
using detail::is_upper;
using detail::to_lower;
using detail::trim;

namespace {

template <std::size_t N>
bool in_table(const std::array<std::string_view, N>& table, std::string_view key) noexcept {
    return std::find(table.begin(), table.end(), key) != table.end();
}

// ---------------------------------------------------------------------------------------------
// Word tables.

/// Titles, ranks and roles that precede a name (lower case, no dots).
constexpr std::array<std::string_view, 104> k_titles{"mr",
                                                     "mrs",
                                                     "ms",
                                                     "miss",
                                                     "mx",
                                                     "dr",
                                                     "prof",
                                                     "professor",
                                                     "sen",
                                                     "senator",
                                                     "rep",
                                                     "representative",
                                                     "congressman",
                                                     "congresswoman",
                                                     "gov",
                                                     "governor",
                                                     "pres",
                                                     "president",
                                                     "vice",
                                                     "vice-president",
                                                     "secretary",
                                                     "secretary-general",
                                                     "undersecretary",
                                                     "deputy",
                                                     "assistant",
                                                     "associate",
                                                     "acting",
                                                     "interim",
                                                     "senior",
                                                     "administrator",
                                                     "director",
                                                     "judge",
                                                     "justice",
                                                     "gen",
                                                     "general",
                                                     "col",
                                                     "colonel",
                                                     "lt",
                                                     "lieutenant",
                                                     "capt",
                                                     "captain",
                                                     "sgt",
                                                     "sergeant",
                                                     "maj",
                                                     "adm",
                                                     "admiral",
                                                     "cmdr",
                                                     "commander",
                                                     "chairman",
                                                     "chairwoman",
                                                     "chair",
                                                     "chairperson",
                                                     "minister",
                                                     "premier",
                                                     "chancellor",
                                                     "mayor",
                                                     "rev",
                                                     "reverend",
                                                     "fr",
                                                     "father",
                                                     "sir",
                                                     "dame",
                                                     "lord",
                                                     "lady",
                                                     "chief",
                                                     "executive",
                                                     "officer",
                                                     "commissioner",
                                                     "ambassador",
                                                     "inspector",
                                                     "attorney",
                                                     "counsel",
                                                     "speaker",
                                                     "sheriff",
                                                     "queen",
                                                     "pope",
                                                     "prince",
                                                     "princess",
                                                     "spokesman",
                                                     "spokeswoman",
                                                     "spokesperson",
                                                     "manager",
                                                     "superintendent",
                                                     "supervisor",
                                                     "coach",
                                                     "detective",
                                                     "agent",
                                                     "ceo",
                                                     "cfo",
                                                     "coo",
                                                     "cto",
                                                     "former",
                                                     "leader",
                                                     "councilman",
                                                     "councilwoman",
                                                     "alderman",
                                                     "trustee",
                                                     "treasurer",
                                                     "comptroller",
                                                     "auditor",
                                                     "clerk",
                                                     "analyst",
                                                     "economist",
                                                     "head"};

/// Titles that stand before a personal name as part of naming the person, never as a word
/// describing an organisation (`President Reagan`, `Finance Minister Barend du Plessis`); k_titles
/// also holds words that do both (`former`, `chief`, `General Motors`, `Dr Pepper`).
constexpr std::array<std::string_view, 35> k_name_titles{
    "mr",         "mrs",          "ms",         "miss",       "prof",
    "professor",  "sen",          "senator",    "rep",        "gov",
    "governor",   "pres",         "president",  "secretary",  "undersecretary",
    "minister",   "premier",      "chancellor", "mayor",      "judge",
    "ambassador", "commissioner", "queen",      "prince",     "princess",
    "pope",       "sir",          "dame",       "lord",       "lady",
    "rev",        "reverend",     "chairman",   "chairwoman", "spokesman"};

/// Lower-case name particles that are part of a name (`Ludwig van Beethoven`).
constexpr std::array<std::string_view, 16> k_particles{"de", "la", "van", "von", "der", "den", "da",  "di",
                                                       "du", "le", "al",  "bin", "ibn", "del", "dos", "das"};

/// Name suffixes that are not surnames.
constexpr std::array<std::string_view, 8> k_suffixes{"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"};

/// Words that make a header value a group, not a person.
constexpr std::array<std::string_view, 40> k_group_words{
    "all",          "staff",    "employees",  "team",       "teams",  "managers", "members",        "office",
    "offices",      "division", "department", "committee",  "board",  "council",  "group",          "list",
    "distribution", "branch",   "unit",       "section",    "bureau", "agency",   "administration", "headquarters",
    "personnel",    "everyone", "file",       "files",      "record", "records",  "leadership",     "service",
    "services",     "center",   "centre",     "operations", "desk",   "newsroom", "editors",        "partners"};

/// Function words an acronym may skip (or count).
constexpr std::array<std::string_view, 12> k_function_words{"of", "and", "for", "the", "&",  "on",
                                                            "in", "to",  "at",  "a",   "an", "de"};

/// Last words that make a long form an organisation.
constexpr std::array<std::string_view, 50> k_org_heads{
    "administration", "agency",  "association",  "authority",    "bank",        "board",      "bureau",
    "center",         "centre",  "college",      "commission",   "committee",   "company",    "corporation",
    "corp",           "council", "court",        "department",   "division",    "federation", "foundation",
    "fund",           "group",   "inc",          "institute",    "institution", "league",     "ministry",
    "network",        "office",  "organization", "organisation", "party",       "police",     "program",
    "programme",      "service", "services",     "society",      "union",       "university", "coalition",
    "alliance",       "army",    "navy",         "force",        "forces",      "guard",      "command",
    "exchange"};

}  // namespace

std::string fold(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = to_lower(c);
    return out;
}

std::string normalize_space(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool nbsp = s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0';
        if (is_space(s[i]) || nbsp) {
            if (nbsp) ++i;
            pending = !out.empty();
            continue;
        }
        if (pending) out += ' ';
        pending = false;
        out += s[i];
    }
    return out;
}

std::vector<std::string_view> split_words(std::string_view s) { return detail::split_any_of(s, " "); }

std::string strip_possessive(std::string s) {
    if (s.size() > 2 && s.ends_with("'s")) return s.substr(0, s.size() - 2);
    if (s.size() > 4 && s.ends_with("\xE2\x80\x99s")) return s.substr(0, s.size() - 4);
    if (s.size() > 2 && s.ends_with("s'")) return s.substr(0, s.size() - 1);
    if (s.size() > 4 && s.ends_with("s\xE2\x80\x99")) return s.substr(0, s.size() - 3);
    return s;
}

std::string strip_the(std::string s) {
    if (s.size() > 4 && iequals(std::string_view(s).substr(0, 4), "the ")) return s.substr(4);
    return s;
}

std::string word_key(std::string_view w) {
    std::string out;
    out.reserve(w.size());
    for (char c : w)
        if (c != '.' && c != ',') out += to_lower(c);
    return out;
}

bool is_title_key(std::string_view key) noexcept { return in_table(k_titles, key); }
bool is_name_title_key(std::string_view key) noexcept { return in_table(k_name_titles, key); }
bool is_particle_key(std::string_view key) noexcept { return in_table(k_particles, key); }
bool is_suffix_key(std::string_view key) noexcept { return in_table(k_suffixes, key); }
bool is_group_key(std::string_view key) noexcept { return in_table(k_group_words, key); }

bool is_role_word(std::string_view word) {
    const std::string key = word_key(word);
    if (is_title_key(key)) return true;
    if (key.size() > 3 && key.back() == 's' && is_title_key(std::string_view(key).substr(0, key.size() - 1)))
        return true;
    return false;
}

bool is_function_word(std::string_view w) { return in_table(k_function_words, fold(w)); }

bool is_capitalised(std::string_view w) noexcept { return !w.empty() && is_upper(w.front()); }

bool is_initial(std::string_view w) noexcept {
    return (w.size() == 1 && is_upper(w[0])) || (w.size() == 2 && is_upper(w[0]) && w[1] == '.');
}

bool is_acronym(std::string_view t) noexcept {
    if (t.size() < 2 || t.size() > 10 || !is_upper(t.front())) return false;
    int upper = 0, lower = 0;
    for (char c : t) {
        if (is_upper(c))
            ++upper;
        else if (is_lower(c))
            ++lower;
        else if (!is_digit(c) && c != '&' && c != '.' && c != '-')
            return false;
    }
    return upper >= 2 && lower < upper;
}

std::string_view acronym_at(std::string_view text, std::size_t p) {
    std::size_t e = p;
    while (e < text.size() && (is_alnum(text[e]) || text[e] == '&' || text[e] == '.' || text[e] == '-')) ++e;
    std::string_view t = text.substr(p, e - p);
    if (!t.empty() && t.back() == '.' && t.substr(0, t.size() - 1).find('.') == std::string_view::npos)
        t.remove_suffix(1);
    while (!t.empty() && t.back() == '-') t.remove_suffix(1);
    return is_acronym(t) ? t : std::string_view();
}

std::string_view strip_quotes(std::string_view s) noexcept {
    s = trim(s);
    for (std::string_view q : {std::string_view("\""), std::string_view("'"), std::string_view("\xE2\x80\x9C"),
                               std::string_view("\xE2\x80\x9D")}) {
        if (s.starts_with(q)) s.remove_prefix(q.size());
        if (s.ends_with(q)) s.remove_suffix(q.size());
    }
    return trim(s);
}

bool is_org_head_word(std::string_view word) { return in_table(k_org_heads, word_key(word)); }

bool is_org_head(std::string_view long_form) {
    const auto words = split_words(long_form);
    return !words.empty() && is_org_head_word(words.back());
}

}  // namespace newsdex::entity_detail
