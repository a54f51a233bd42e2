/** @file
 * @brief Entity resolution: name coreference, title stripping, acronyms, places, memo/e-mail headers.
 */
#include <newsdex/entities/entities.hpp>

#include <algorithm>
#include <array>
#include <map>

namespace newsdex {
namespace {

// ---------------------------------------------------------------------------------------------
// Characters and small string helpers (ASCII rules; UTF-8 bytes pass through untouched).

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) noexcept { return c >= 'a' && c <= 'z'; }
constexpr bool is_alpha(char c) noexcept { return is_upper(c) || is_lower(c); }
constexpr bool is_alnum(char c) noexcept { return is_alpha(c) || is_digit(c); }
constexpr bool is_high(char c) noexcept { return static_cast<unsigned char>(c) >= 0x80; }
constexpr char to_lower(char c) noexcept { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char to_upper(char c) noexcept { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }
constexpr bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string fold(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = to_lower(c);
    return out;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (to_lower(a[i]) != to_lower(b[i])) return false;
    return true;
}

bool starts_with(std::string_view s, std::string_view prefix) noexcept {
    return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}
bool ends_with(std::string_view s, std::string_view suffix) noexcept {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

/// Collapse runs of white space (and U+00A0) into one space, trimmed.
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

/// Words separated by single spaces (input already normalised).
std::vector<std::string_view> split_words(std::string_view s) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') ++i;
        const std::size_t b = i;
        while (i < s.size() && s[i] != ' ') ++i;
        if (i > b) words.push_back(s.substr(b, i - b));
    }
    return words;
}

/// `Walsh's` -> `Walsh`, `Jones'` -> `Jones` (ASCII or U+2019 apostrophe).
std::string strip_possessive(std::string s) {
    static constexpr std::string_view curly = "\xE2\x80\x99";
    if (s.size() > 2 && ends_with(s, "'s")) return s.substr(0, s.size() - 2);
    if (s.size() > 4 && ends_with(s, "\xE2\x80\x99s")) return s.substr(0, s.size() - 4);
    if (s.size() > 2 && ends_with(s, "s'")) return s.substr(0, s.size() - 1);
    if (s.size() > 4 && ends_with(s, std::string("s") + std::string(curly))) return s.substr(0, s.size() - 3);
    return s;
}

/// A leading `the` is not part of a name.
std::string strip_the(std::string s) {
    if (s.size() > 4 && iequals(std::string_view(s).substr(0, 4), "the ")) return s.substr(4);
    return s;
}

/// Lower case without dots: the key for word tables ("Sen." -> "sen").
std::string word_key(std::string_view w) {
    std::string out;
    out.reserve(w.size());
    for (char c : w)
        if (c != '.' && c != ',') out += to_lower(c);
    return out;
}

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

bool is_title_key(std::string_view key) noexcept { return in_table(k_titles, key); }

/// A title or role, also in the plural (`Directors`).
bool is_role_word(std::string_view word) {
    const std::string key = word_key(word);
    if (is_title_key(key)) return true;
    if (key.size() > 3 && key.back() == 's' && is_title_key(std::string_view(key).substr(0, key.size() - 1)))
        return true;
    return false;
}

bool is_function_word(std::string_view w) { return in_table(k_function_words, fold(w)); }

bool is_capitalised(std::string_view w) noexcept { return !w.empty() && is_upper(w.front()); }

/// An initial: `M.` or `M`.
bool is_initial(std::string_view w) noexcept {
    return (w.size() == 1 && is_upper(w[0])) || (w.size() == 2 && is_upper(w[0]) && w[1] == '.');
}

/// `FAA`, `DoD`, `U.S.`, `AT&T`: 2-10 characters, at least two capitals, more capitals than small letters.
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

// ---------------------------------------------------------------------------------------------
// Person names.

/// Folded tokens of a person name without dots, for comparisons (`M.` == `m`).
std::vector<std::string> name_keys(std::string_view name) {
    std::vector<std::string> keys;
    for (auto w : split_words(name)) {
        std::string k = word_key(w);
        if (!k.empty()) keys.push_back(std::move(k));
    }
    return keys;
}

/// The surname key: the last token that is not a suffix (`Jr.`).
std::string surname_key(const std::vector<std::string>& keys) {
    for (auto it = keys.rbegin(); it != keys.rend(); ++it)
        if (!in_table(k_suffixes, *it)) return *it;
    return keys.empty() ? std::string() : keys.back();
}

/// True when every key of @p small appears in @p big in the same order.
bool is_subsequence(const std::vector<std::string>& small, const std::vector<std::string>& big) {
    std::size_t j = 0;
    for (const auto& k : big)
        if (j < small.size() && k == small[j]) ++j;
    return j == small.size();
}

/// Title-case an all-capitals string (`THERESA WALSH` -> `Theresa Walsh`); others unchanged.
std::string title_case_if_shouting(std::string_view s) {
    int upper = 0;
    for (char c : s) {
        if (is_lower(c)) return std::string(s);
        if (is_upper(c)) ++upper;
    }
    // A single capitals word is an acronym ("FAA"), not a shouted name.
    if (upper < 2 || s.find(' ') == std::string_view::npos) return std::string(s);
    std::string out(s);
    bool start = true;
    for (char& c : out) {
        if (is_alpha(c)) {
            c = start ? c : to_lower(c);
            start = false;
        } else {
            start = c == ' ' || c == '-' || c == '\'';
        }
    }
    return out;
}

/// Looks like a personal name: 1-5 capitalised words, initials or particles, no role or group word.
bool looks_like_person(std::string_view name) {
    const auto words = split_words(name);
    if (words.empty() || words.size() > 5) return false;
    for (auto w : words) {
        const std::string key = word_key(w);
        if (in_table(k_particles, key)) continue;
        if (!(is_capitalised(w) || is_high(w.front()))) return false;
        if (is_role_word(w) || in_table(k_group_words, key)) return false;
        if (w.size() > 1 && is_acronym(w) && w.find('.') == std::string_view::npos) return false;  // "FAA"

        for (char c : w)
            if (!(is_alpha(c) || is_high(c) || c == '.' || c == '-' || c == '\'')) return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Acronyms.

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

/// An acronym token starting at @p p (sentence-final dot dropped); empty when there is none.
std::string_view acronym_at(std::string_view text, std::size_t p) {
    std::size_t e = p;
    while (e < text.size() && (is_alnum(text[e]) || text[e] == '&' || text[e] == '.' || text[e] == '-')) ++e;
    std::string_view t = text.substr(p, e - p);
    if (!t.empty() && t.back() == '.' && t.substr(0, t.size() - 1).find('.') == std::string_view::npos)
        t.remove_suffix(1);
    while (!t.empty() && t.back() == '-') t.remove_suffix(1);
    return is_acronym(t) ? t : std::string_view();
}

/// Strip quotes around a parenthesised acronym: `("FAA")`, `(“FAA”)`.
std::string_view strip_quotes(std::string_view s) noexcept {
    s = trim(s);
    for (std::string_view q : {std::string_view("\""), std::string_view("'"), std::string_view("\xE2\x80\x9C"),
                               std::string_view("\xE2\x80\x9D")}) {
        if (starts_with(s, q)) s.remove_prefix(q.size());
        if (ends_with(s, q)) s.remove_suffix(q.size());
    }
    return trim(s);
}

bool is_org_head(std::string_view long_form) {
    const auto words = split_words(long_form);
    return !words.empty() && in_table(k_org_heads, word_key(words.back()));
}

// ---------------------------------------------------------------------------------------------
// Header values.

/// The display name of an address (`"Name" <addr>`, `addr (Name)`), the value itself when it is
/// not an address, nullopt for a bare address.
std::optional<std::string> display_name(std::string_view value) {
    std::string_view s = trim(value);
    if (s.empty()) return std::nullopt;
    // "Name <addr@host>", also X.400/X.500 routes: "Walsh, Theresa </O=AGENCY/CN=TWALSH>".
    if (const auto lt = s.find('<');
        lt != std::string_view::npos && (s.find('@', lt) != std::string_view::npos || s.back() == '>')) {
        s = trim(s.substr(0, lt));
    } else if (s.find('@') != std::string_view::npos) {
        // "addr@host (Name)"
        const auto open = s.find('('), close = s.rfind(')');
        if (open != std::string_view::npos && close != std::string_view::npos && open < close)
            s = trim(s.substr(open + 1, close - open - 1));
    }
    s = strip_quotes(s);
    // Gateway forms like "Ken Lay-@HOST": the name before the '@' when it has a space.
    if (const auto at = s.find('@'); at != std::string_view::npos) {
        std::string_view before = trim(s.substr(0, at));
        while (!before.empty() && (before.back() == '-' || before.back() == '.')) before.remove_suffix(1);
        if (before.find(' ') == std::string_view::npos) return std::nullopt;
        s = before;
    }
    // Comments in brackets are not part of the name: "Kenneth L. Lay (E-mail)", "Doe, Jane (LEGAL)".
    std::string out;
    int depth = 0;
    for (char c : s) {
        if (c == '(') ++depth;
        if (depth == 0) out += c;
        if (c == ')' && depth > 0) --depth;
    }
    out = normalize_space(out);
    if (out.empty()) return std::nullopt;
    return out;
}

/// The person in a display name, or nullopt.
std::optional<std::string> person_from_display(std::string_view display) {
    std::string s = title_case_if_shouting(display);
    if (const auto comma = s.find(','); comma != std::string::npos) {
        const std::string left = normalize_space(std::string_view(s).substr(0, comma));
        std::string_view rest = std::string_view(s).substr(comma + 1);
        if (const auto next = rest.find(','); next != std::string_view::npos) rest = rest.substr(0, next);
        const std::string right = normalize_space(rest);
        const auto left_words = split_words(left);
        const auto right_words = split_words(right);
        // "Walsh, Theresa", "Walsh Jr., Theresa M." (surname, then one or two given names).
        const bool surname_only =
            left_words.size() == 1 || (left_words.size() == 2 && in_table(k_suffixes, word_key(left_words[1])));
        bool inverted =
            surname_only && !right_words.empty() && right_words.size() <= 2 && !in_table(k_suffixes, word_key(right));
        for (auto w : right_words)
            if (!(is_capitalised(w) || is_high(w.front())) || is_role_word(w) || in_table(k_group_words, word_key(w)))
                inverted = false;
        if (inverted && left_words.size() == 2)
            s = right + " " + std::string(left_words[0]) + " " + std::string(left_words[1]);
        else
            s = inverted ? right + " " + left : left;
    }
    std::string name = person_name(s);
    if (name.empty() || !looks_like_person(name)) return std::nullopt;
    return name;
}

bool same_mention(const Entity::Mention& a, const Entity::Mention& b) noexcept {
    return a.offset == b.offset && a.length == b.length && a.field == b.field;
}

void add_alias(Entity& e, std::string_view alias) {
    if (alias.empty() || iequals(alias, e.canonical)) return;
    for (const auto& a : e.aliases)
        if (iequals(a, alias)) return;
    e.aliases.emplace_back(alias);
}

std::string type_key(EntityType type, std::string_view canonical) {
    std::string key(1, static_cast<char>('0' + static_cast<int>(type)));
    key += fold(canonical);
    return key;
}

// ---------------------------------------------------------------------------------------------
// The resolver.

class Resolver {
public:
    Resolver(const std::vector<TextField>& fields, const PlaceCanonicalizer& places)
        : m_fields(fields), m_places(places) {}

    std::vector<Entity> run(const std::vector<EntityMention>& mentions, const std::vector<Entity>& known) {
        for (const auto& e : known) add_known(e);
        collect_tagger_definitions(mentions);
        collect_text_definitions(mentions);

        std::vector<std::size_t> single_names;
        for (std::size_t i = 0; i < mentions.size(); ++i) {
            const EntityMention& m = mentions[i];
            switch (m.type) {
                case EntityType::person: {
                    const std::string name = person_name(m.text);
                    if (name.empty()) break;
                    if (split_words(name).size() == 1)
                        single_names.push_back(i);
                    else
                        resolve_full_name(i, m, name);
                    break;
                }
                case EntityType::place:
                    resolve_place(i, m);
                    break;
                case EntityType::org:
                case EntityType::misc:
                    resolve_org(i, m);
                    break;
            }
        }
        for (std::size_t i : single_names) resolve_single_name(i, mentions[i]);
        apply_definitions();

        std::stable_sort(m_works.begin(), m_works.end(),
                         [](const Work& a, const Work& b) { return a.first < b.first; });
        std::vector<Entity> out;
        out.reserve(m_works.size());
        for (auto& w : m_works) {
            // Mentions in document order (known ones first).
            std::vector<std::size_t> order(w.entity.mentions.size());
            for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
            std::stable_sort(order.begin(), order.end(),
                             [&](std::size_t a, std::size_t b) { return w.mention_order[a] < w.mention_order[b]; });
            std::vector<Entity::Mention> sorted;
            sorted.reserve(order.size());
            for (std::size_t k : order) sorted.push_back(std::move(w.entity.mentions[k]));
            w.entity.mentions = std::move(sorted);
            out.push_back(std::move(w.entity));
        }
        return out;
    }

private:
    /// An entity being built, with its first mention's rank (0 = known) and person name keys.
    struct Work {
        Entity entity;
        std::size_t first = 0;
        std::vector<std::size_t> mention_order;
        std::vector<std::string> keys;
    };

    struct Definition {
        std::string long_form;
        std::string acronym;
        EntityType type = EntityType::org;
        std::string field;  ///< where a text definition was found ("" for tagger ones)
        std::size_t long_offset = 0, long_length = 0, acronym_offset = 0, acronym_length = 0;
    };

    const std::vector<TextField>& m_fields;
    const PlaceCanonicalizer& m_places;
    std::vector<Work> m_works;
    std::map<std::string, std::size_t> m_by_key;
    std::vector<Definition> m_definitions;
    std::map<std::string, std::size_t, std::less<>> m_by_acronym;

    [[nodiscard]] std::string_view field_text(std::string_view name) const noexcept {
        for (const auto& f : m_fields)
            if (f.name == name) return f.text;
        return {};
    }

    /// The work for (type, canonical), created with rank @p rank when new.
    Work& work_for(EntityType type, const std::string& canonical, std::size_t rank) {
        const std::string key = type_key(type, canonical);
        if (auto it = m_by_key.find(key); it != m_by_key.end()) {
            Work& w = m_works[it->second];
            w.first = std::min(w.first, rank);
            return w;
        }
        Work w;
        w.entity.type = type;
        w.entity.canonical = canonical;
        w.first = rank;
        if (type == EntityType::person) w.keys = name_keys(canonical);
        m_by_key.emplace(key, m_works.size());
        m_works.push_back(std::move(w));
        return m_works.back();
    }

    static void add_mention(Work& w, const EntityMention& m, std::size_t rank, std::string_view alias) {
        w.first = std::min(w.first, rank);
        Entity::Mention mention{m.offset, m.length, m.field};
        for (const auto& existing : w.entity.mentions)
            if (same_mention(existing, mention)) return add_alias(w.entity, alias);
        w.entity.mentions.push_back(std::move(mention));
        w.mention_order.push_back(rank);
        add_alias(w.entity, alias);
    }

    void add_known(const Entity& e) {
        Work& w = work_for(e.type, e.canonical, 0);
        for (const auto& a : e.aliases) add_alias(w.entity, a);
        for (const auto& m : e.mentions) {
            bool seen = false;
            for (const auto& existing : w.entity.mentions) seen = seen || same_mention(existing, m);
            if (seen) continue;
            w.entity.mentions.push_back(m);
            w.mention_order.push_back(0);
        }
    }

    /// A definition read from a tagger span (no text position of its own).
    static Definition tagger_definition(std::string long_form, std::string acronym, EntityType type) {
        Definition d;
        d.long_form = std::move(long_form);
        d.acronym = std::move(acronym);
        d.type = type;
        return d;
    }

    void add_definition(Definition d) {
        if (d.long_form.empty() || m_by_acronym.count(d.acronym) != 0) return;
        m_by_acronym.emplace(d.acronym, m_definitions.size());
        m_definitions.push_back(std::move(d));
    }

    /// The org/misc name a mention stands for, before acronym look-up.
    static std::string org_surface(std::string_view text) { return strip_the(strip_possessive(normalize_space(text))); }

    /// Definitions the tagger's spans show: `Long (ACRO)` swallowed whole, or followed in the text.
    void collect_tagger_definitions(const std::vector<EntityMention>& mentions) {
        for (const auto& m : mentions) {
            if (m.type != EntityType::org && m.type != EntityType::misc) continue;
            const std::string surface = org_surface(m.text);
            if (surface.find('(') != std::string::npos) {
                for (auto& d : find_acronym_spans(surface))
                    add_definition(tagger_definition(d.long_form, d.acronym, m.type));
                continue;
            }
            const std::string_view text = field_text(m.field);
            if (m.offset + m.length > text.size() || m.length == 0) continue;
            std::size_t p = m.offset + m.length;
            while (p < text.size() && is_space(text[p])) ++p;
            if (p < text.size() && text[p] == '(') {
                const std::size_t close = text.find(')', p);
                if (close == std::string_view::npos || close - p > 120) continue;
                const std::string inner(strip_quotes(text.substr(p + 1, close - p - 1)));
                if (is_acronym(inner) && acronym_matches(inner, surface))
                    add_definition(tagger_definition(surface, inner, m.type));
                else if (is_acronym(surface) && acronym_matches(surface, strip_the(normalize_space(inner))))
                    add_definition(tagger_definition(strip_the(normalize_space(inner)), surface, m.type));
            } else if (text.substr(p, 4) == ", or" || text.substr(p, 3) == "or ") {
                std::size_t q = p + (text[p] == ',' ? 4 : 2);
                while (q < text.size() && is_space(text[q])) ++q;
                const std::string_view acro = acronym_at(text, q);
                if (!acro.empty() && acronym_matches(acro, surface))
                    add_definition(tagger_definition(surface, std::string(acro), m.type));
            }
        }
    }

    /// Definitions from the text patterns; typed after a tagger mention of either form, else guessed.
    void collect_text_definitions(const std::vector<EntityMention>& mentions) {
        for (const auto& f : m_fields) {
            for (auto& d : find_acronym_spans(f.text)) {
                EntityType type = is_org_head(d.long_form) ? EntityType::org : EntityType::misc;
                for (const auto& m : mentions) {
                    if (m.type != EntityType::org && m.type != EntityType::misc) continue;
                    const std::string s = org_surface(m.text);
                    if (iequals(s, d.long_form) || s == d.acronym) {
                        type = m.type;
                        break;
                    }
                }
                add_definition(Definition{d.long_form, d.acronym, type, std::string(f.name), d.long_offset,
                                          d.long_length, d.acronym_offset, d.acronym_length});
            }
        }
    }

    void resolve_org(std::size_t i, const EntityMention& m) {
        std::string surface = org_surface(m.text);
        if (surface.empty()) return;
        EntityType type = m.type;
        std::string canonical = surface;
        std::string alias;
        if (surface.find('(') != std::string::npos) {
            // The tagger swallowed a definition: the long form is the name, the acronym an alias.
            const auto defs = find_acronym_spans(surface);
            if (!defs.empty()) {
                canonical = defs.front().long_form;
                alias = defs.front().acronym;
            }
        } else if (auto it = m_by_acronym.find(surface); it != m_by_acronym.end()) {
            const Definition& d = m_definitions[it->second];
            canonical = d.long_form;
            type = d.type;
            alias = surface;
        } else {
            alias = surface;
        }
        add_mention(work_for(type, canonical, i + 1), m, i + 1, alias);
    }

    void resolve_place(std::size_t i, const EntityMention& m) {
        const std::string written = strip_possessive(normalize_space(m.text));
        const std::string surface = strip_the(written);
        if (surface.empty()) return;
        std::string canonical = surface;
        if (m_places) {
            auto found = m_places(surface);
            if (!found && written != surface) found = m_places(written);
            if (found && !found->empty()) canonical = *found;
        }
        add_mention(work_for(EntityType::place, canonical, i + 1), m, i + 1, surface);
    }

    /// Person works with a full name (two or more words) satisfying @p pred.
    template <typename Pred>
    std::vector<std::size_t> full_names(Pred pred) const {
        std::vector<std::size_t> out;
        for (std::size_t k = 0; k < m_works.size(); ++k) {
            const Work& w = m_works[k];
            if (w.entity.type == EntityType::person && w.keys.size() >= 2 && pred(w)) out.push_back(k);
        }
        return out;
    }

    void resolve_full_name(std::size_t i, const EntityMention& m, const std::string& name) {
        const std::size_t rank = i + 1;
        if (auto it = m_by_key.find(type_key(EntityType::person, name)); it != m_by_key.end())
            return add_mention(m_works[it->second], m, rank, name);
        const auto keys = name_keys(name);
        const std::string surname = surname_key(keys);
        // "Theresa Walsh" after "Theresa M. Walsh", then "Theresa M. Walsh" after "Theresa Walsh".
        auto candidates =
            full_names([&](const Work& w) { return surname_key(w.keys) == surname && is_subsequence(keys, w.keys); });
        if (candidates.size() == 1) return add_mention(m_works[candidates.front()], m, rank, name);
        if (candidates.empty()) {
            candidates = full_names(
                [&](const Work& w) { return surname_key(w.keys) == surname && is_subsequence(w.keys, keys); });
            if (candidates.size() == 1) {
                // The fuller form becomes the canonical name, the shorter one an alias.
                const std::size_t k = candidates.front();
                Work& w = m_works[k];
                const std::string shorter = w.entity.canonical;
                w.entity.canonical = name;
                w.keys = keys;
                w.entity.aliases.erase(std::remove_if(w.entity.aliases.begin(), w.entity.aliases.end(),
                                                      [&](const std::string& a) { return iequals(a, name); }),
                                       w.entity.aliases.end());
                add_alias(w.entity, shorter);
                m_by_key.emplace(type_key(EntityType::person, name), k);
                return add_mention(w, m, rank, name);
            }
        }
        add_mention(work_for(EntityType::person, name, rank), m, rank, name);
    }

    /// One candidate among the earlier full names, else among all; nullopt when none or ambiguous.
    std::optional<std::size_t> pick(const std::vector<std::size_t>& candidates, std::size_t rank) const {
        std::vector<std::size_t> earlier;
        for (std::size_t k : candidates)
            if (m_works[k].first < rank) earlier.push_back(k);
        if (earlier.size() == 1) return earlier.front();
        if (earlier.empty() && candidates.size() == 1) return candidates.front();
        return std::nullopt;
    }

    void resolve_single_name(std::size_t i, const EntityMention& m) {
        const std::size_t rank = i + 1;
        const std::string name = person_name(m.text);
        const std::string key = word_key(name);
        const auto by_surname = full_names([&](const Work& w) { return surname_key(w.keys) == key; });
        std::optional<std::size_t> chosen;
        if (!by_surname.empty()) {
            chosen = pick(by_surname, rank);
        } else {
            chosen = pick(full_names([&](const Work& w) { return w.keys.front() == key; }), rank);
        }
        if (chosen) return add_mention(m_works[*chosen], m, rank, name);
        add_mention(work_for(EntityType::person, name, rank), m, rank, name);
    }

    /// Acronyms become aliases of their long forms; definitions nobody tagged become entities.
    void apply_definitions() {
        for (const auto& d : m_definitions) {
            bool found = false;
            for (auto& w : m_works) {
                if ((w.entity.type == EntityType::org || w.entity.type == EntityType::misc) &&
                    iequals(w.entity.canonical, d.long_form)) {
                    add_alias(w.entity, d.acronym);
                    found = true;
                }
            }
            if (found || d.field.empty()) continue;
            Work& w = work_for(d.type, d.long_form, static_cast<std::size_t>(-1));
            w.entity.mentions.push_back(Entity::Mention{d.long_offset, d.long_length, d.field});
            w.entity.mentions.push_back(Entity::Mention{d.acronym_offset, d.acronym_length, d.field});
            w.mention_order.push_back(static_cast<std::size_t>(-1));
            w.mention_order.push_back(static_cast<std::size_t>(-1));
            add_alias(w.entity, d.acronym);
        }
    }
};

}  // namespace

// ---------------------------------------------------------------------------------------------

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

std::string person_name(std::string_view written) {
    const std::string norm = strip_possessive(normalize_space(written));
    std::vector<std::string_view> words = split_words(norm);
    // Trailing commas ("Walsh, Jr.") are punctuation, not name.
    for (auto& w : words)
        while (w.size() > 1 && w.back() == ',') w.remove_suffix(1);
    const std::size_t n = words.size();
    if (n == 0) return {};
    // The last title, role or lower-case word before the final word ends the prefix:
    // "FAA Administrator Theresa Walsh", "former Deputy Administrator Theresa Walsh".
    std::size_t cut = 0;
    bool linked = false;  // the prefix ends in "of X": "Secretary of State John Kerry"
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const std::string key = word_key(words[i]);
        const bool lower_word = is_lower(words[i].front()) && !in_table(k_particles, key);
        if (is_title_key(key) || lower_word) {
            cut = i + 1;
            linked = key == "of" || key == "for" || key == "the";
        }
    }
    if (linked && cut < n) {
        // What follows "of" up to the name: keep the last two words (three with a middle initial).
        std::size_t keep = (n >= 3 && is_initial(words[n - 2])) ? 3 : 2;
        keep = std::min(keep, n - cut);
        cut = std::max(cut + 1, n - keep);
        if (cut >= n) cut = n - 1;
    }
    std::string out;
    for (std::size_t i = cut; i < n; ++i) {
        if (!out.empty()) out += ' ';
        out += words[i];
    }
    return out;
}

std::optional<std::string> header_person(std::string_view value) {
    const auto display = display_name(value);
    if (!display) return std::nullopt;
    return person_from_display(*display);
}

std::vector<Entity> header_entities(const Document& doc) {
    std::vector<Entity> out;
    const std::array<std::pair<const char*, const std::vector<std::string>*>, 3> fields{
        {{"from", &doc.from}, {"to", &doc.to}, {"cc", &doc.cc}}};
    for (const auto& [field, values] : fields) {
        for (const auto& value : *values) {
            // A value may still hold a list: "A <a@x>; B <b@y>", "a@x, b@y" or
            // "Walsh, Theresa <a@x>, Quinn, Pat <b@y>": a comma ends an entry only once the entry
            // holds an address ('@') or ended with '>' (so "Walsh, Theresa" stays one name).
            std::vector<std::pair<std::size_t, std::size_t>> parts;  // offset, length
            std::size_t b = 0;
            bool has_address = false, after_bracket = false, quoted = false;
            for (std::size_t i = 0; i <= value.size(); ++i) {
                const char c = i == value.size() ? ';' : value[i];
                if (c == '"') quoted = !quoted;
                if ((c == ';' && !quoted) || i == value.size() ||
                    (c == ',' && !quoted && (has_address || after_bracket))) {
                    parts.emplace_back(b, i - b);
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
            for (const auto& [offset, length] : parts) {
                const std::string_view part = std::string_view(value).substr(offset, length);
                const auto display = display_name(part);
                if (!display) continue;
                Entity e;
                if (auto person = person_from_display(*display)) {
                    e.type = EntityType::person;
                    e.canonical = *person;
                } else {
                    e.type = EntityType::misc;
                    e.canonical = *display;
                }
                // Point at the name inside the value when it is written there as is, else at the
                // whole entry ("Walsh, Theresa <...>").
                const std::string_view entry = trim(part);
                const std::size_t at = part.find(e.canonical);
                Entity::Mention m;
                m.field = field;
                m.offset =
                    offset + (at == std::string_view::npos ? static_cast<std::size_t>(entry.data() - part.data()) : at);
                m.length = at == std::string_view::npos ? entry.size() : e.canonical.size();
                e.mentions.push_back(std::move(m));
                merge_entities(out, {e});
            }
        }
    }
    return out;
}

std::vector<Entity> resolve_entities(const std::vector<EntityMention>& mentions, const std::vector<TextField>& fields,
                                     const PlaceCanonicalizer& places, const std::vector<Entity>& known) {
    return Resolver(fields, places).run(mentions, known);
}

std::vector<Entity> resolve_document_entities(const Document& doc, const std::vector<EntityMention>& mentions,
                                              const PlaceCanonicalizer& places) {
    const std::vector<TextField> fields{{"title", doc.title}, {"subject", doc.subject}, {"body", doc.body}};
    return resolve_entities(mentions, fields, places, header_entities(doc));
}

void merge_entities(std::vector<Entity>& into, const std::vector<Entity>& more) {
    for (const auto& e : more) {
        auto it = std::find_if(into.begin(), into.end(),
                               [&](const Entity& x) { return x.type == e.type && iequals(x.canonical, e.canonical); });
        if (it == into.end()) {
            into.push_back(e);
            continue;
        }
        for (const auto& a : e.aliases) add_alias(*it, a);
        for (const auto& m : e.mentions)
            if (std::none_of(it->mentions.begin(), it->mentions.end(),
                             [&](const Entity::Mention& x) { return same_mention(x, m); }))
                it->mentions.push_back(m);
    }
}

}  // namespace newsdex
