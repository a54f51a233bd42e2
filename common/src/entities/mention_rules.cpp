/** @file
 * @brief Boilerplate, ordinary words, names cut in two, one type and casing per name (mention_rules.hpp).
 *
 * Per-document cost: one pass over the body's lines when a mention needs its line classified, one
 * set of the document's lower-case words when a one-word mention needs it; both built lazily.
 */
#include "entities/mention_rules.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <unordered_set>

#include <newsdex/entities/people.hpp>

#include "core/text_util.hpp"
#include "entities/name_util.hpp"

namespace newsdex::entity_detail {
namespace {

using detail::iequals;
using detail::is_alpha;
using detail::is_digit;
using detail::is_lower;
using detail::is_space;
using detail::is_upper;

std::string_view text_of(const std::vector<TextField>& fields, std::string_view name) noexcept {
    for (const auto& f : fields)
        if (f.name == name) return f.text;
    return {};
}

bool is_headline(std::string_view field) noexcept { return field == "title" || field == "subject"; }

bool has_lower(std::string_view s) noexcept { return std::any_of(s.begin(), s.end(), is_lower); }

std::size_t letter_count(std::string_view s) noexcept {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), is_alpha));
}

/// All capitals: two or more letters, none small.
bool all_caps(std::string_view s) noexcept { return letter_count(s) >= 2 && !has_lower(s); }

std::string_view trim_view(std::string_view s) noexcept {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

/// The name a mention stands for, for word-level tests: white space normalised, `the` and `'s` off.
std::string surface_of(std::string_view text) { return strip_the(strip_possessive(normalize_space(text))); }

// ---------------------------------------------------------------------------------------------
// Lines of the body: sign-off and table blocks.

struct Line {
    std::size_t begin = 0, end = 0;
    bool boilerplate = false;
};

/// Does @p line name one of @p byline (the source and authors), case-insensitively?
bool names_byline(std::string_view line, const std::vector<std::string_view>& byline) {
    for (auto name : byline) {
        if (name.size() < 3 || name.size() > line.size()) continue;
        for (std::size_t p = 0; p + name.size() <= line.size(); ++p)
            if (iequals(line.substr(p, name.size()), name)) return true;
    }
    return false;
}

/// Lines of @p text, with the sign-off, credit and table lines flagged.
std::vector<Line> classify_lines(std::string_view text, const std::vector<std::string_view>& byline) {
    std::vector<Line> lines;
    for (std::size_t b = 0; b <= text.size();) {
        std::size_t e = text.find('\n', b);
        if (e == std::string_view::npos) e = text.size();
        lines.push_back({b, e, false});
        b = e + 1;
    }
    // A table or report block: consecutive short lines without sentence punctuation at the end,
    // at least half of them with numbers in a fifth of their words (`Revs 104.6 mln vs 110.3 mln`,
    // `Oper shr loss 16 cts vs loss 44 cts`).
    const auto short_open = [&](const Line& l) {
        const std::string_view t = trim_view(text.substr(l.begin, l.end - l.begin));
        return !t.empty() && t.size() <= 55 && std::string_view(".!?:;,\"'").find(t.back()) == std::string_view::npos;
    };
    const auto numeric = [&](const Line& l) {
        std::size_t words = 0, numbers = 0;
        bool in_word = false, digit = false;
        for (std::size_t i = l.begin; i <= l.end; ++i) {
            const bool sp = i == l.end || is_space(text[i]);
            if (!sp) {
                in_word = true;
                digit = digit || is_digit(text[i]);
            } else if (in_word) {
                ++words;
                numbers += digit;
                in_word = digit = false;
            }
        }
        return numbers > 0 && numbers * 5 >= words;
    };
    for (std::size_t i = 0; i < lines.size();) {
        if (!short_open(lines[i])) {
            ++i;
            continue;
        }
        std::size_t j = i, numbers = 0;
        for (; j < lines.size() && short_open(lines[j]); ++j) numbers += numeric(lines[j]);
        if (numbers > 0 && numbers * 2 >= j - i)
            for (std::size_t k = i; k < j; ++k) lines[k].boilerplate = true;
        i = j;
    }
    // The sign-off: a last line of one capitalised word, no sentence punctuation (`Reuter`); a word
    // in capitals may trail punctuation (`REUTER...`), a mixed-case one would be a sentence.
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
        const std::string_view t = trim_view(text.substr(it->begin, it->end - it->begin));
        if (t.empty()) continue;
        const std::size_t letters = std::find_if_not(t.begin(), t.end(), is_alpha) - t.begin();
        const std::string_view word = t.substr(0, letters), rest = t.substr(letters);
        const bool tail_ok = rest.empty() || (all_caps(word) && std::none_of(rest.begin(), rest.end(), [](char c) {
                                                  return is_alpha(c) || is_space(c);
                                              }));
        if (!word.empty() && is_upper(word.front()) && tail_ok) it->boilerplate = true;
        // A short last line naming the source or an author is a credit (`Reporting by ... for ...`).
        if (t.size() <= 120 && names_byline(t, byline)) it->boilerplate = true;
        break;
    }
    return lines;
}

// ---------------------------------------------------------------------------------------------
// Joining names cut in two.

bool starts_capitalised(std::string_view s) noexcept {
    s = trim_view(s);
    return !s.empty() && is_upper(s.front());
}

bool ends_capitalised(std::string_view s) noexcept {
    s = trim_view(s);
    const std::size_t sp = s.find_last_of(' ');
    const std::string_view last = sp == std::string_view::npos ? s : s.substr(sp + 1);
    return !last.empty() && is_upper(last.front());
}

bool one_word(std::string_view s) noexcept { return trim_view(s).find_first_of(" \t\n") == std::string_view::npos; }

enum class Bridge { none, ampersand, of_on, possessive, space, conjunction };

/// What joins two mentions: the text between them, `&`, `of`, `on`, `'s`, `and` or white space only.
Bridge bridge_of(std::string_view gap) noexcept {
    const std::string_view t = trim_view(gap);
    if (t.empty()) return gap.empty() ? Bridge::none : Bridge::space;
    if (t == "&") return Bridge::ampersand;
    if (t == "of" || t == "on") return Bridge::of_on;
    if (t == "and") return Bridge::conjunction;
    if ((gap.starts_with("'s") || gap.starts_with("\xE2\x80\x99s")) && (t == "'s" || t == "\xE2\x80\x99s"))
        return Bridge::possessive;
    return Bridge::none;
}

/// The type of @p a and @p b joined by @p bridge, or nullopt when they stay apart.
std::optional<EntityType> joined_type(const EntityMention& a, const EntityMention& b, Bridge bridge, bool chain,
                                      bool b_possessive) {
    const bool org = a.type == EntityType::org || b.type == EntityType::org;
    switch (bridge) {
        case Bridge::ampersand:
            return org ? EntityType::org : b.type;
        case Bridge::of_on:  // `Bank of England`, `Agreement on Tariffs`; never `Smith of Chicago`
            if (a.type == EntityType::person || a.type == EntityType::place || b.type == EntityType::person)
                return std::nullopt;
            return org ? EntityType::org : a.type;
        case Bridge::possessive:  // `Moody's Investors Service`, never `Britain's Labour Party`
            if (!one_word(a.text) || a.type == EntityType::place || b.type != EntityType::org) return std::nullopt;
            return EntityType::org;
        case Bridge::space:  // `AM INTERNATIONAL` `INC`
            if (a.type != EntityType::org || b.type != EntityType::org || !one_word(b.text)) return std::nullopt;
            return EntityType::org;
        case Bridge::conjunction:
            // Inside a name joined already (`... on Tariffs and Trade`), or two single words the
            // tagger typed apart before a possessive (`Standard and Poor's`; never `Canada and Mexico`).
            if (chain && b.type != EntityType::person) return a.type;
            if (b_possessive && a.type != b.type && one_word(a.text) && one_word(b.text)) return EntityType::org;
            return std::nullopt;
        case Bridge::none:
            break;
    }
    return std::nullopt;
}

/// Is this word written in lower case somewhere in the document?
using LowerWord = std::function<bool(std::string_view)>;

/// A possessive `'s` at @p p.
bool possessive_at(std::string_view text, std::size_t p) noexcept {
    const std::string_view t = text.substr(std::min(p, text.size()));
    return t.starts_with("'s") || t.starts_with("\xE2\x80\x99s");
}

/// Grow a one-word organisation @p m back over the capitalised words the tagger left out before it
/// (`PAGE PETROLEUM` `LTD`), down to @p lo: up to three words, stopping at punctuation, a word in
/// small letters or a function word (`OWENS AND MINOR INC` -> `MINOR INC`).
void extend_organisation_form(EntityMention& m, std::string_view text, std::size_t lo) {
    if (m.type != EntityType::org || !one_word(m.text)) return;
    std::size_t b = m.offset;
    for (int words = 0; words < 3; ++words) {
        if (b == lo || text[b - 1] != ' ') break;
        std::size_t p = b - 1;
        if (p > lo && text[p - 1] == ')') {  // `Industrial Equity (Pacific) Ltd`
            const std::size_t open = text.rfind('(', p - 1);
            if (open == std::string_view::npos || open < lo + 1 || p - open > 24 || !is_upper(text[open + 1]) ||
                text[open - 1] != ' ')
                break;
            b = open;
            p = open - 1;
        }
        std::size_t r = p;
        while (r > lo && (is_alpha(text[r - 1]) || text[r - 1] == '.' || text[r - 1] == '-')) --r;
        const std::string_view w = text.substr(r, p - r);
        const bool opens = r > lo && (text[r - 1] == '<' || text[r - 1] == '(');
        if (w.empty() || !is_upper(w.front()) || is_function_word(w) || (r > lo && !is_space(text[r - 1]) && !opens))
            break;
        b = r;
        if (opens) break;
    }
    if (b == m.offset) return;
    m.length += m.offset - b;
    m.offset = b;
    m.text.assign(text.substr(b, m.length));
}

/// Grow @p m over a `& Word` after it or a `Word &` before it that the tagger left out, within
/// [lo, hi); an organisation also over a `Word and` before it when the document never writes that
/// word in lower case (`Standard and Poor's Corp`, not `analysts and Foo Corp`).
void extend_ampersand(EntityMention& m, std::string_view text, std::size_t lo, std::size_t hi,
                      const LowerWord& lower_word) {
    std::size_t b = m.offset, e = m.offset + m.length;
    std::size_t p = e;
    while (p < hi && text[p] == ' ') ++p;
    if (p < hi && text[p] == '&') {
        std::size_t q = p + 1;
        while (q < hi && text[q] == ' ') ++q;
        std::size_t r = q;
        while (r < hi && (is_alpha(text[r]) || text[r] == '.' || text[r] == '\'')) ++r;
        if (r > q && is_upper(text[q])) e = r;
    }
    p = b;
    while (p > lo && text[p - 1] == ' ') --p;
    const bool amp = p > lo && text[p - 1] == '&';
    const bool conj = m.type == EntityType::org && p >= lo + 4 && text.substr(p - 4, 4) == " and";
    if (amp || conj) {
        std::size_t q = amp ? p - 1 : p - 3;
        while (q > lo && text[q - 1] == ' ') --q;
        std::size_t r = q;
        while (r > lo && (is_alpha(text[r - 1]) || text[r - 1] == '.')) --r;
        if (r < q && is_upper(text[r]) && (amp || (q - r > 1 && !lower_word(text.substr(r, q - r))))) b = r;
    }
    if (b == m.offset && e == m.offset + m.length) return;
    m.offset = b;
    m.length = e - b;
    m.text.assign(text.substr(b, e - b));
}

void join_split_names(std::vector<EntityMention>& mentions, const std::vector<TextField>& fields,
                      const LowerWord& lower_word) {
    std::vector<EntityMention> out;
    out.reserve(mentions.size());
    bool chain = false;
    for (auto& m : mentions) {
        const std::string_view text = text_of(fields, m.field);
        if (!out.empty() && out.back().field == m.field && m.offset >= out.back().offset + out.back().length &&
            m.offset + m.length <= text.size()) {
            EntityMention& a = out.back();
            const std::size_t a_end = a.offset + a.length;
            const Bridge bridge =
                m.offset - a_end <= 6 ? bridge_of(text.substr(a_end, m.offset - a_end)) : Bridge::none;
            const auto type = bridge == Bridge::none || !ends_capitalised(a.text) || !starts_capitalised(m.text)
                ? std::nullopt
                : joined_type(a, m, bridge, chain, possessive_at(text, m.offset + m.length));
            if (type) {
                a.type = *type;
                a.length = m.offset + m.length - a.offset;
                a.text.assign(text.substr(a.offset, a.length));
                chain = bridge != Bridge::space;
                continue;
            }
        }
        chain = false;
        out.push_back(std::move(m));
    }
    // `&` is only ever inside a name: a capitalised word on its other side belongs to it.
    for (std::size_t i = 0; i < out.size(); ++i) {
        const std::string_view text = text_of(fields, out[i].field);
        if (out[i].offset + out[i].length > text.size()) continue;
        const bool prev = i > 0 && out[i - 1].field == out[i].field;
        const bool next = i + 1 < out.size() && out[i + 1].field == out[i].field;
        const std::size_t lo = prev ? std::min(out[i].offset, out[i - 1].offset + out[i - 1].length) : 0;
        const std::size_t hi = next ? std::max(out[i].offset + out[i].length, out[i + 1].offset) : text.size();
        extend_ampersand(out[i], text, lo, hi, lower_word);
        extend_organisation_form(out[i], text, lo);
    }
    mentions = std::move(out);
}

// ---------------------------------------------------------------------------------------------
// Ordinary words.

/// The words a document writes in lower case (views into its fields).
std::unordered_set<std::string_view> lower_words(const std::vector<TextField>& fields) {
    std::unordered_set<std::string_view> words;
    for (const auto& f : fields) {
        const std::string_view t = f.text;
        for (std::size_t i = 0; i < t.size();) {
            if (!is_alpha(t[i])) {
                ++i;
                continue;
            }
            const std::size_t b = i;
            while (i < t.size() && is_alpha(t[i])) ++i;
            if (is_lower(t[b]) && (b == 0 || t[b - 1] != '\'')) words.insert(t.substr(b, i - b));
        }
    }
    return words;
}

/// @p word appears as a whole word, in exactly this spelling, on a line with small letters.
bool written_in_mixed_text(std::string_view word, std::string_view text) noexcept {
    for (std::size_t p = text.find(word); p != std::string_view::npos; p = text.find(word, p + 1)) {
        const std::size_t e = p + word.size();
        if ((p > 0 && is_alpha(text[p - 1])) || (e < text.size() && is_alpha(text[e]))) continue;
        const std::size_t lb = text.rfind('\n', p) == std::string_view::npos ? 0 : text.rfind('\n', p) + 1;
        const std::size_t le = std::min(text.find('\n', e), text.size());
        if (has_lower(text.substr(lb, le - lb))) return true;
    }
    return false;
}

/// @p phrase (several words) appears in @p text, whole words, case aside, with its last word starting
/// with a small letter.
bool written_as_phrase(std::string_view phrase, std::string_view text) noexcept {
    const std::size_t last = phrase.rfind(' ') + 1;
    for (std::size_t p = detail::ifind(text, phrase); p != std::string_view::npos;
         p = detail::ifind(text, phrase, p + 1)) {
        const std::size_t e = p + phrase.size();
        if ((p > 0 && is_alpha(text[p - 1])) || (e < text.size() && is_alpha(text[e]))) continue;
        if (is_lower(text[p + last])) return true;
    }
    return false;
}

/// A one-word person mention that a longer person name of the document contains stays (`Little`
/// after `Arthur Little`): the resolver maps it to that name.
bool part_of_longer_person(const std::string& word, const std::vector<EntityMention>& mentions) {
    for (const auto& o : mentions) {
        if (o.type != EntityType::person) continue;
        const std::string s = normalize_space(o.text);
        if (one_word(s)) continue;
        for (auto w : split_words(s))
            if (iequals(strip_possessive(std::string(w)), word)) return true;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// Person evidence.

/// @p s reads as a personal name: one to four capitalised words, initials or particles, none a
/// role, group, organisation or function word or an acronym (`IV`, `An Alcoa`), letters only (`Barend du Plessis`,
/// `Leigh-Pemberton`).
bool person_like(std::string_view s) {
    const auto words = split_words(s);
    if (words.empty() || words.size() > 4) return false;
    bool named = false;
    for (auto w : words) {
        const std::string key = word_key(w);
        if (is_particle_key(key)) continue;
        if (!is_capitalised(w) || is_function_word(w) || is_role_word(w) || is_group_key(key) || is_org_head_word(w) ||
            is_suffix_key(key))
            return false;
        if (w.size() > 1 && is_acronym(w) && w.find('.') == std::string_view::npos) return false;
        if (!std::all_of(w.begin(), w.end(), [](char c) { return is_alpha(c) || c == '-' || c == '.' || c == '\''; }))
            return false;
        named = true;
    }
    return named;
}

/// The word right before @p offset in @p text, across spaces only (no punctuation between).
std::string_view word_before(std::string_view text, std::size_t offset) noexcept {
    std::size_t e = std::min(offset, text.size());
    while (e > 0 && text[e - 1] == ' ') --e;
    if (e == offset) return {};
    std::size_t b = e;
    while (b > 0 && (is_alpha(text[b - 1]) || text[b - 1] == '.')) --b;
    return text.substr(b, e - b);
}

/// The line of @p text around @p offset has small letters: its capitals say something.
bool mixed_case_line(std::string_view text, std::size_t offset) noexcept {
    if (offset >= text.size()) return false;
    const std::size_t nl = text.rfind('\n', offset);
    const std::size_t b = nl == std::string_view::npos ? 0 : nl + 1;
    return has_lower(text.substr(b, std::min(text.find('\n', offset), text.size()) - b));
}

/// An organisation or misc mention in mixed-case text that a title names as a person (`President
/// Reagan`, `Finance Minister` `Barend du Plessis`): a capitalised title of persons only
/// (is_name_title_key) starts it or is the word right before it, and the rest reads as a personal
/// name none of whose words the document writes in lower case (not `Chairman` `World`).
bool titled_person(const EntityMention& m, std::string_view text, const LowerWord& lower_word) {
    if ((m.type != EntityType::org && m.type != EntityType::misc) || !mixed_case_line(text, m.offset)) return false;
    const std::string s = surface_of(m.text);
    const auto words = split_words(s);
    std::string_view name = s;
    // Written as a title (`Ms`, `Minister`), not as an acronym (`MS Net`).
    const auto title = [](std::string_view w) {
        return is_capitalised(w) && has_lower(w) && is_name_title_key(word_key(w));
    };
    if (words.size() >= 2 && title(words.front())) {
        name.remove_prefix(words.front().size() + 1);
    } else if (!title(word_before(text, m.offset))) {
        return false;
    }
    if (!person_like(name)) return false;
    const auto rest = split_words(name);
    return std::none_of(rest.begin(), rest.end(),
                        [&](std::string_view w) { return !is_particle_key(word_key(w)) && lower_word(w); });
}

/// Persons named by a title become persons (titled_person); then the trailing words of a person's
/// name of several words give their organisation or misc mentions person type: `Du Plessis` after
/// `Barend du Plessis` is that person (what the document calls a person elsewhere stays one).
void retype_people(std::vector<EntityMention>& mentions, const std::vector<TextField>& fields,
                   const LowerWord& lower_word) {
    for (auto& m : mentions)
        if (titled_person(m, text_of(fields, m.field), lower_word)) m.type = EntityType::person;
    std::vector<std::string> tails;  // folded
    for (const auto& m : mentions) {
        if (m.type != EntityType::person) continue;
        const std::string name = person_name(m.text);
        const auto words = split_words(name);
        if (words.size() < 2 || !person_like(name)) continue;
        for (std::size_t k = 1; k < words.size(); ++k)
            tails.push_back(fold(name.substr(static_cast<std::size_t>(words[k].data() - name.data()))));
    }
    if (tails.empty()) return;
    for (auto& m : mentions)
        if ((m.type == EntityType::org || m.type == EntityType::misc) &&
            std::find(tails.begin(), tails.end(), fold(surface_of(m.text))) != tails.end())
            m.type = EntityType::person;
}

}  // namespace

void clean_mentions(std::vector<EntityMention>& mentions, const std::vector<TextField>& fields) {
    const std::string_view body = text_of(fields, "body");
    std::optional<std::vector<Line>> lines;
    std::optional<std::unordered_set<std::string_view>> lower;
    const auto boilerplate = [&](const EntityMention& m) {
        if (m.field != "body" || m.offset >= body.size()) return false;
        if (!lines) {
            std::vector<std::string_view> byline;
            for (const auto& f : fields)
                if (f.name == "source" || f.name == "author") byline.push_back(f.text);
            lines = classify_lines(body, byline);
        }
        const auto it = std::upper_bound(lines->begin(), lines->end(), m.offset,
                                         [](std::size_t off, const Line& l) { return off < l.begin; });
        return it != lines->begin() && std::prev(it)->boilerplate;
    };
    const auto lower_word = [&](std::string_view w) {
        if (!lower) lower = lower_words(fields);
        return lower->count(fold(w)) != 0;
    };
    const auto ordinary = [&](const EntityMention& m) {
        const std::string s = surface_of(m.text);
        if (s.empty()) return false;
        // Words of an all-capitals headline that the body writes with a last word in small letters
        // (`4TH QTR OPER NET`, `Oper net 415,000`): a phrase, not a name, whose last word keeps its capital.
        if (!one_word(s)) return is_headline(m.field) && all_caps(s) && written_as_phrase(s, body);
        if (letter_count(s) != s.size()) return false;
        if (all_caps(s)) {
            // An acronym (`OPEC`, `US`), unless an all-capitals headline is all that writes it so.
            if (s.size() <= 2) return false;
            if (!is_headline(m.field) || written_in_mixed_text(s, body)) return false;
        }
        if (!lower_word(s)) return false;
        return !(m.type == EntityType::person && part_of_longer_person(s, mentions));
    };
    for (auto& m : mentions) {
        // A name never runs over a sentence end at a line break (`Foo Corp.\n    Raised were`).
        // Wrapped lines start at the margin (`U.S.\nAgriculture Department` is one name); a new
        // paragraph is indented or follows a blank line.
        const std::size_t cut = m.text.find(".\n");
        if (cut != std::string::npos && cut > 0 && cut + 2 < m.text.size() && is_space(m.text[cut + 2])) {
            m.length = cut + 1;
            m.text.resize(cut + 1);
        }
    }
    join_split_names(mentions, fields, lower_word);
    retype_people(mentions, fields, lower_word);
    std::erase_if(mentions, [&](const EntityMention& m) {
        if (m.type != EntityType::place && boilerplate(m)) return true;  // sign-off, credit, table
        if (letter_count(m.text) < 2) return true;                       // `F` (a ticker), `A`: no name of one letter
        return ordinary(m);
    });
}

std::string best_casing(const std::vector<std::string>& forms) {
    std::string best;
    for (const auto& f : forms) {
        if (f.empty()) continue;
        if (best.empty() || (has_lower(f) && !has_lower(best))) best = f;
    }
    if (best.empty() || has_lower(best)) return best;
    // All capitals only: a name with a word of more than four letters is a headline's capitals
    // (`AMERICAN`, `BLUE RIVER INC`): Title Case for its words of three letters or more with a
    // vowel. Shorter names may be acronyms (`IBM`, `OPEC`, `AM`) and stay.
    const auto words = split_words(best);
    const bool long_word =
        std::any_of(words.begin(), words.end(), [](std::string_view w) { return letter_count(w) > 4; });
    if (!long_word) return best;
    std::string out;
    for (auto w : words) {
        std::string word(w);
        const bool vowel = word.find_first_of("AEIOUY") != std::string::npos;
        if (letter_count(word) >= 3 && letter_count(word) == word.size() && vowel)
            for (std::size_t k = 1; k < word.size(); ++k) word[k] = detail::to_lower(word[k]);
        if (!out.empty()) out += ' ';
        out += word;
    }
    return out;
}

namespace {

/// The written forms of @p e's mentions that spell its canonical name (in any case).
std::vector<std::string> spelled_forms(const Entity& e, const std::vector<TextField>& fields) {
    std::vector<std::string> forms{e.canonical};
    for (const auto& m : e.mentions) {
        const std::string_view text = text_of(fields, m.field);
        if (m.offset + m.length > text.size()) continue;
        std::string s = surface_of(text.substr(m.offset, m.length));
        if (iequals(s, e.canonical)) {
            // Body spellings first: a headline may be in capitals for emphasis.
            if (is_headline(m.field))
                forms.push_back(std::move(s));
            else
                forms.insert(forms.begin(), std::move(s));
        }
    }
    return forms;
}

/// A mention of @p e outside the headline is written in capitals on a line with small letters: the
/// name is written so (`BLUE RIVER INC`, `NATO`).
bool caps_in_mixed_text(const Entity& e, const std::vector<TextField>& fields) {
    for (const auto& m : e.mentions) {
        if (is_headline(m.field)) continue;
        const std::string_view text = text_of(fields, m.field);
        if (m.offset + m.length > text.size() || has_lower(text.substr(m.offset, m.length))) continue;
        const std::size_t nl = text.rfind('\n', m.offset);
        const std::size_t lb = nl == std::string_view::npos ? 0 : nl + 1;
        const std::size_t le = std::min(text.find('\n', m.offset), text.size());
        if (has_lower(text.substr(lb, le - lb))) return true;
    }
    return false;
}

int mention_weight(const Entity& e) {
    int w = 0;
    for (const auto& m : e.mentions) w += m.field == "body" ? 2 : 1;  // headlines and headers are guessed worse
    return w;
}

bool headline_only(const Entity& e) {
    return !e.mentions.empty() && std::all_of(e.mentions.begin(), e.mentions.end(), [](const Entity::Mention& m) {
        return is_headline(m.field);
    });
}

/// Move @p from's mentions and aliases into @p into; @p name_too: its name becomes an alias as well.
void absorb(Entity& into, Entity& from, bool name_too) {
    if (name_too && !iequals(from.canonical, into.canonical)) from.aliases.push_back(from.canonical);
    for (auto& a : from.aliases)
        if (!iequals(a, into.canonical) &&
            std::none_of(into.aliases.begin(), into.aliases.end(), [&](const std::string& x) { return iequals(x, a); }))
            into.aliases.push_back(std::move(a));
    for (auto& m : from.mentions) into.mentions.push_back(std::move(m));
    from.mentions.clear();
    from.canonical.clear();
}

/// @p small's words are the first or the last words of @p big (folded, whole words).
bool word_edge(std::string_view small, std::string_view big) {
    const auto s = split_words(small), b = split_words(big);
    if (s.empty() || s.size() >= b.size()) return false;
    const auto eq = [](std::string_view x, std::string_view y) { return iequals(x, y); };
    return std::equal(s.begin(), s.end(), b.begin(), eq) || std::equal(s.begin(), s.end(), b.end() - s.size(), eq);
}

}  // namespace

void unify_entities(std::vector<Entity>& entities, const std::vector<TextField>& fields) {
    for (auto& e : entities)
        if (!has_lower(e.canonical) && !caps_in_mixed_text(e, fields))
            e.canonical = best_casing(spelled_forms(e, fields));
    // One type per name: the type with the most mention weight takes the others in.
    std::map<std::string, std::vector<std::size_t>> by_name;
    for (std::size_t i = 0; i < entities.size(); ++i) by_name[fold(entities[i].canonical)].push_back(i);
    for (auto& [name, group] : by_name) {
        if (group.size() < 2) continue;
        std::size_t winner = group.front();
        for (std::size_t i : group)
            if (mention_weight(entities[i]) > mention_weight(entities[winner])) winner = i;
        for (std::size_t i : group)
            if (i != winner) absorb(entities[winner], entities[i], true);
    }
    // A headline-only name that runs into words around the body's name joins it (`AM INTERNATIONAL
    // INC 2ND` -> `AM International Inc`): the longest body name at its start or end, same type
    // first; so does a headline fragment at the start or end of one body name of its type (`INC`).
    for (auto& e : entities) {
        if (e.canonical.empty() || !headline_only(e)) continue;
        Entity* target = nullptr;
        std::size_t fragment_of = 0;
        Entity* whole = nullptr;
        for (auto& b : entities) {
            if (&b == &e || b.canonical.empty() || headline_only(b)) continue;
            if (b.type == e.type && word_edge(e.canonical, b.canonical)) {
                whole = &b;
                ++fragment_of;
            }
            if (!word_edge(b.canonical, e.canonical)) continue;
            if (!target || (b.type == e.type && target->type != e.type) ||
                (b.type == target->type && b.canonical.size() > target->canonical.size()))
                target = &b;
        }
        if (!target && fragment_of == 1) target = whole;
        if (target) absorb(*target, e, false);  // its name ran into other words, or is a piece
    }
    // An organisation name that starts exactly one longer organisation name is its short form
    // (`Moody's` / `Moody's Investors Service Inc`, `Standard and Poor's` / `Standard and Poor's
    // Corp`; `Navistar` beside two `Navistar ...` names: neither).
    for (auto& e : entities) {
        if (e.type != EntityType::org || e.canonical.empty()) continue;
        const auto mine = split_words(e.canonical);
        Entity* target = nullptr;
        std::size_t found = 0;
        for (auto& b : entities) {
            if (&b == &e || b.type != EntityType::org || b.canonical.empty() || headline_only(b)) continue;
            const auto words = split_words(b.canonical);
            if (words.size() <= mine.size()) continue;
            bool prefix = true;
            for (std::size_t k = 0; prefix && k < mine.size(); ++k)
                prefix = iequals(k + 1 == mine.size() ? strip_possessive(std::string(words[k])) : words[k], mine[k]);
            if (prefix) {
                target = &b;
                ++found;
            }
        }
        if (found == 1) absorb(*target, e, true);
    }
    std::erase_if(entities, [](const Entity& e) { return e.canonical.empty(); });
}

}  // namespace newsdex::entity_detail
