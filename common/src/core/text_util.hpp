/** @file
 * @brief Private helpers shared by the plain-text parsers and the date parser: line splitting,
 *        trimming, ASCII case-insensitive comparison, splitting lists of people.
 *
 * Everything here works on UTF-8 bytes and only ever inspects ASCII characters, so multi-byte
 * sequences pass through untouched.
 */
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::detail {

/// 64-bit FNV-1a: stable across runs, platforms and compilers (std::hash is none of these).
[[nodiscard]] constexpr std::uint64_t fnv1a64(std::string_view s) noexcept {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

[[nodiscard]] constexpr bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
[[nodiscard]] constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
[[nodiscard]] constexpr bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
[[nodiscard]] constexpr bool is_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }
[[nodiscard]] constexpr bool is_lower(char c) noexcept { return c >= 'a' && c <= 'z'; }
[[nodiscard]] constexpr bool is_alnum(char c) noexcept { return is_alpha(c) || is_digit(c); }
[[nodiscard]] constexpr char to_lower(char c) noexcept { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
[[nodiscard]] constexpr char to_upper(char c) noexcept { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }
/// A byte of a multi-byte UTF-8 sequence (lead or continuation): never a space, letter or digit above.
[[nodiscard]] constexpr bool is_non_ascii(char c) noexcept { return static_cast<unsigned char>(c) >= 0x80; }

/// @p s with its ASCII letters in lower case.
[[nodiscard]] inline std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = to_lower(c);
    return out;
}

/// The runs of @p s between characters of @p separators, in order, empty ones dropped
/// (`split_any_of("w. va.", ". ")` is w, va).
[[nodiscard]] std::vector<std::string_view> split_any_of(std::string_view s, std::string_view separators);

/// The words of @p s: its runs of non-space characters (is_space), in order.
[[nodiscard]] inline std::vector<std::string_view> split_whitespace(std::string_view s) {
    return split_any_of(s, " \t\r\n\f\v");
}

/**
 * The entries of a header list of people ("A <a@x>; B <b@y>", "a@x, b@y", "Walsh, Theresa <a@x>,
 * Quinn, Pat <b@y>"), untrimmed: `;` outside quotes ends an entry; a `,` outside quotes ends one only
 * once the entry holds an address ('@') or ended with '>', so "Walsh, Theresa" stays one name.
 */
[[nodiscard]] std::vector<std::string_view> split_address_list(std::string_view value);

[[nodiscard]] inline std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}
[[nodiscard]] inline std::string_view trim_right(std::string_view s) noexcept {
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}
[[nodiscard]] inline bool is_blank(std::string_view s) noexcept { return trim(s).empty(); }

/// ASCII case-insensitive equality.
[[nodiscard]] inline bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (to_lower(a[i]) != to_lower(b[i])) return false;
    return true;
}
[[nodiscard]] inline bool istarts_with(std::string_view s, std::string_view prefix) noexcept {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}
/// Position of @p needle in @p hay ignoring ASCII case, or npos.
[[nodiscard]] inline std::size_t ifind(std::string_view hay, std::string_view needle, std::size_t from = 0) noexcept {
    if (needle.empty()) return from <= hay.size() ? from : std::string_view::npos;
    for (std::size_t i = from; i + needle.size() <= hay.size(); ++i)
        if (iequals(hay.substr(i, needle.size()), needle)) return i;
    return std::string_view::npos;
}

/// A word that stands for its letters (`U.S.`, `n.c.`, `e.`): ASCII letters and dots, at least one
/// dot, three letters at most; the letters without the dots, "" when not such a word.
[[nodiscard]] inline std::string dotted_letters(std::string_view w) {
    if (w.find('.') == std::string_view::npos) return {};
    std::string out;
    for (const char c : w) {
        if (is_alpha(c))
            out += c;
        else if (c != '.')
            return {};
    }
    return out.size() <= 3 ? out : std::string();
}

/// Drop a leading UTF-8 byte order mark, if any.
[[nodiscard]] inline std::string_view strip_bom(std::string_view s) noexcept {
    if (s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xEF && static_cast<unsigned char>(s[1]) == 0xBB &&
        static_cast<unsigned char>(s[2]) == 0xBF)
        s.remove_prefix(3);
    return s;
}

/// One physical line: text without the line terminator (`\n`, `\r\n` or a lone `\r`), 1-based number.
struct Line {
    std::string_view text;
    std::size_t number = 0;
};

/// Split @p text into lines (a final line without terminator counts; a trailing terminator adds none).
[[nodiscard]] inline std::vector<Line> split_lines(std::string_view text) {
    std::vector<Line> lines;
    std::size_t start = 0, number = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c != '\n' && c != '\r') continue;
        lines.push_back({text.substr(start, i - start), number++});
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        start = i + 1;
    }
    if (start < text.size()) lines.push_back({text.substr(start), number});
    return lines;
}

/// True for a separator line: at least three of `-`, `_`, `=` or `*` and nothing else but spaces.
[[nodiscard]] inline bool is_rule_line(std::string_view line) noexcept {
    line = trim(line);
    if (line.size() < 3) return false;
    for (char c : line)
        if (c != '-' && c != '_' && c != '=' && c != '*' && c != ' ' && c != '\t') return false;
    return true;
}

/// Collapse runs of white space to one space and trim.
[[nodiscard]] inline std::string collapse_spaces(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending = false;
    for (char c : trim(s)) {
        if (is_space(c)) {
            pending = true;
            continue;
        }
        if (pending) out += ' ';
        pending = false;
        out += c;
    }
    return out;
}

/**
 * Split a memo/byline list of people into names. Rule (documented here once):
 * - `;` separates people when present (`Walsh, Theresa; Doe, John` -> 2 people);
 * - otherwise `,` separates people, except `Last, First` (two single words) which is one person;
 * - inside each part ` and ` / ` & ` separate people when the next word is capitalized
 *   (`Jane Doe and John Roe`, but `employees and contractors` stays one entry);
 * - a part after a comma that reads as a title, organization or place (`Jane Doe, Director of Sales`,
 *   `Priya Natarajan, Lanesford Water Authority`, `Nathan Reyes, CEO`: a lower-case start, a single
 *   word, more than four words, or a title/organization word) belongs to the person before it and is
 *   dropped, with the parts after it (`Marcus Bell, Regional Director, Great Lakes Region`).
 * Names are trimmed, inner white space collapsed, trailing `.`/`,` removed.
 */
[[nodiscard]] std::vector<std::string> split_people(std::string_view list);

/// True when @p phrase contains a word typical of organization names (Press, News, Wire, Agency, Reuters...).
[[nodiscard]] bool has_org_word(std::string_view phrase);

/// True when @p phrase reads as an organization name (contains Press, News, Wire, Agency... or is one capitalized word).
[[nodiscard]] bool looks_like_org(std::string_view phrase);

}  // namespace newsdex::detail
