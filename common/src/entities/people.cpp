/** @file
 * @brief People's names: title and role stripping, display names of header addresses, header entities.
 */
#include <newsdex/entities/people.hpp>

#include <array>
#include <utility>

#include <newsdex/entities/entities.hpp>

#include "core/text_util.hpp"
#include "entities/name_util.hpp"

namespace newsdex {
namespace {

using detail::is_alpha;
using detail::is_lower;
using detail::is_non_ascii;
using detail::is_space;
using detail::is_upper;
using detail::to_lower;
using detail::trim;
using namespace entity_detail;

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
        if (is_particle_key(key)) continue;
        if (!(is_capitalised(w) || is_non_ascii(w.front()))) return false;
        if (is_role_word(w) || is_group_key(key)) return false;
        if (w.size() > 1 && is_acronym(w) && w.find('.') == std::string_view::npos) return false;  // "FAA"

        for (char c : w)
            if (!(is_alpha(c) || is_non_ascii(c) || c == '.' || c == '-' || c == '\'')) return false;
    }
    return true;
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
            left_words.size() == 1 || (left_words.size() == 2 && is_suffix_key(word_key(left_words[1])));
        bool inverted =
            surname_only && !right_words.empty() && right_words.size() <= 2 && !is_suffix_key(word_key(right));
        for (auto w : right_words)
            if (!(is_capitalised(w) || is_non_ascii(w.front())) || is_role_word(w) || is_group_key(word_key(w)))
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

}  // namespace

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
        const bool lower_word = is_lower(words[i].front()) && !is_particle_key(key);
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
            // A value may still hold a list: "A <a@x>; B <b@y>", "a@x, b@y".
            for (const std::string_view part : detail::split_address_list(value)) {
                const std::size_t offset = static_cast<std::size_t>(part.data() - value.data());
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

}  // namespace newsdex
