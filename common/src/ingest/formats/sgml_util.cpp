/** @file
 * @brief SGML helpers for the TREC and Reuters-21578 parsers (see sgml_util.hpp).
 */
#include "ingest/formats/sgml_util.hpp"
#include "ingest/formats/formats.hpp"

#include <cstdint>

#include <fmt/format.h>

#include <newsdex/core/diagnostics.hpp>

#include "core/text_util.hpp"

namespace newsdex::detail::sgml {

namespace {

struct NamedEntity {
    std::string_view name;
    char32_t code;
};

/// The character entities of HTML 4 / ISO 8879 that news SGML collections use, plus TREC's own.
constexpr NamedEntity named_entities[] = {
    {"amp", 0x26},
    {"lt", 0x3C},
    {"gt", 0x3E},
    {"quot", 0x22},
    {"apos", 0x27},
    {"nbsp", 0xA0},
    {"sect", 0xA7},
    {"para", 0xB6},
    {"mdash", 0x2014},
    {"ndash", 0x2013},
    {"times", 0xD7},
    {"divide", 0xF7},
    {"deg", 0xB0},
    {"cent", 0xA2},
    {"pound", 0xA3},
    {"yen", 0xA5},
    {"copy", 0xA9},
    {"reg", 0xAE},
    {"trade", 0x2122},
    {"bull", 0x2022},
    {"hellip", 0x2026},
    {"lsquo", 0x2018},
    {"rsquo", 0x2019},
    {"ldquo", 0x201C},
    {"rdquo", 0x201D},
    {"laquo", 0xAB},
    {"raquo", 0xBB},
    {"middot", 0xB7},
    {"plusmn", 0xB1},
    {"frac12", 0xBD},
    {"frac14", 0xBC},
    {"frac34", 0xBE},
    {"sup2", 0xB2},
    {"sup3", 0xB3},
    {"micro", 0xB5},
    {"iexcl", 0xA1},
    {"iquest", 0xBF},
    {"AElig", 0xC6},
    {"Aacute", 0xC1},
    {"Acirc", 0xC2},
    {"Agrave", 0xC0},
    {"Aring", 0xC5},
    {"Atilde", 0xC3},
    {"Auml", 0xC4},
    {"Ccedil", 0xC7},
    {"ETH", 0xD0},
    {"Eacute", 0xC9},
    {"Ecirc", 0xCA},
    {"Egrave", 0xC8},
    {"Euml", 0xCB},
    {"Iacute", 0xCD},
    {"Icirc", 0xCE},
    {"Igrave", 0xCC},
    {"Iuml", 0xCF},
    {"Ntilde", 0xD1},
    {"Oacute", 0xD3},
    {"Ocirc", 0xD4},
    {"Ograve", 0xD2},
    {"Oslash", 0xD8},
    {"Otilde", 0xD5},
    {"Ouml", 0xD6},
    {"THORN", 0xDE},
    {"Uacute", 0xDA},
    {"Ucirc", 0xDB},
    {"Ugrave", 0xD9},
    {"Uuml", 0xDC},
    {"Yacute", 0xDD},
    {"aacute", 0xE1},
    {"acirc", 0xE2},
    {"aelig", 0xE6},
    {"agrave", 0xE0},
    {"aring", 0xE5},
    {"atilde", 0xE3},
    {"auml", 0xE4},
    {"ccedil", 0xE7},
    {"eacute", 0xE9},
    {"ecirc", 0xEA},
    {"egrave", 0xE8},
    {"eth", 0xF0},
    {"euml", 0xEB},
    {"iacute", 0xED},
    {"icirc", 0xEE},
    {"igrave", 0xEC},
    {"iuml", 0xEF},
    {"ntilde", 0xF1},
    {"oacute", 0xF3},
    {"ocirc", 0xF4},
    {"ograve", 0xF2},
    {"oslash", 0xF8},
    {"otilde", 0xF5},
    {"ouml", 0xF6},
    {"szlig", 0xDF},
    {"thorn", 0xFE},
    {"uacute", 0xFA},
    {"ucirc", 0xFB},
    {"ugrave", 0xF9},
    {"uuml", 0xFC},
    {"yacute", 0xFD},
    {"yuml", 0xFF},
    // TREC (Federal Register, FBIS): soft hyphen and blank as written by their SGML.
    {"hyph", '-'},
    {"blank", ' '},
};

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

/// Control characters are noise in these files (`&#2;` starts every Reuters text, `&#3;` ends it).
bool is_dropped_control(char32_t c) noexcept { return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F; }

bool is_name_char(char c) noexcept { return is_alnum(c) || c == '-' || c == '_' || c == '.' || c == ':'; }

/// Decode the entity reference at @p s (starting with '&'); returns the bytes consumed, 0 if none.
std::size_t decode_entity(std::string_view s, std::string& out) {
    if (s.size() < 3) return 0;
    if (s[1] == '#') {
        std::size_t i = 2;
        char32_t code = 0;
        bool hex = false;
        if (i < s.size() && (s[i] == 'x' || s[i] == 'X')) {
            hex = true;
            ++i;
        }
        const std::size_t digits_start = i;
        while (i < s.size() && i - digits_start < 8) {
            const char c = s[i];
            if (is_digit(c))
                code = code * (hex ? 16 : 10) + static_cast<char32_t>(c - '0');
            else if (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
                code = code * 16 + static_cast<char32_t>(to_lower(c) - 'a' + 10);
            else
                break;
            ++i;
        }
        if (i == digits_start) return 0;
        if (i < s.size() && s[i] == ';') ++i;
        if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) code = 0xFFFD;
        if (!is_dropped_control(code)) append_utf8(out, code);
        return i;
    }
    std::size_t i = 1;
    while (i < s.size() && i <= 10 && (is_alpha(s[i]) || is_digit(s[i]))) ++i;
    if (i == 1 || i >= s.size() || s[i] != ';') return 0;
    const std::string_view name = s.substr(1, i - 1);
    for (const auto& e : named_entities)
        if (e.name == name) {
            append_utf8(out, e.code);
            return i + 1;
        }
    // Case-insensitive second chance for the ASCII ones (`&AMP;`, `&LT;`).
    for (const auto& e : named_entities)
        if (e.code < 0x80 && iequals(e.name, name)) {
            append_utf8(out, e.code);
            return i + 1;
        }
    return 0;
}

/// Block-level tags whose boundaries are line breaks when markup is stripped.
bool is_break_tag(std::string_view tag) noexcept {
    std::size_t i = tag.size() > 1 && tag[1] == '/' ? 2 : 1;
    const std::size_t start = i;
    while (i < tag.size() && is_alpha(tag[i])) ++i;
    const std::string_view name = tag.substr(start, i - start);
    for (std::string_view b :
         {"p", "br", "h", "hl", "head", "headline", "lp", "text", "table", "tr", "dateline", "byline"})
        if (iequals(name, b)) return true;
    return false;
}

}  // namespace

std::size_t find_start(std::string_view text, std::string_view name, std::size_t from) noexcept {
    while (from < text.size()) {
        const std::size_t lt = text.find('<', from);
        if (lt == std::string_view::npos || lt + 1 + name.size() > text.size()) return std::string_view::npos;
        const std::size_t after = lt + 1 + name.size();
        if (iequals(text.substr(lt + 1, name.size()), name) &&
            (after == text.size() || text[after] == '>' || is_space(text[after])))
            return lt;
        from = lt + 1;
    }
    return std::string_view::npos;
}

std::size_t find_end(std::string_view text, std::string_view name, std::size_t from) noexcept {
    while (from < text.size()) {
        const std::size_t lt = text.find("</", from);
        if (lt == std::string_view::npos || lt + 2 + name.size() > text.size()) return std::string_view::npos;
        std::size_t after = lt + 2 + name.size();
        if (iequals(text.substr(lt + 2, name.size()), name)) {
            while (after < text.size() && is_space(text[after])) ++after;
            if (after < text.size() && text[after] == '>') return lt;
        }
        from = lt + 2;
    }
    return std::string_view::npos;
}

std::optional<Element> element(std::string_view text, std::string_view name, bool allow_unclosed) noexcept {
    const std::size_t start = find_start(text, name);
    if (start == std::string_view::npos) return std::nullopt;
    const std::size_t gt = text.find('>', start);
    if (gt == std::string_view::npos) return std::nullopt;
    Element e;
    e.start_tag = text.substr(start, gt + 1 - start);
    const std::size_t end = find_end(text, name, gt + 1);
    if (end == std::string_view::npos && !allow_unclosed) return std::nullopt;
    e.content = text.substr(gt + 1, (end == std::string_view::npos ? text.size() : end) - gt - 1);
    return e;
}

std::vector<Element> elements(std::string_view text, std::string_view name) {
    std::vector<Element> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t start = find_start(text, name, pos);
        if (start == std::string_view::npos) break;
        const std::size_t gt = text.find('>', start);
        if (gt == std::string_view::npos) break;
        const std::size_t end = find_end(text, name, gt + 1);
        const std::size_t stop = end == std::string_view::npos ? text.size() : end;
        out.push_back({text.substr(start, gt + 1 - start), text.substr(gt + 1, stop - gt - 1)});
        pos = end == std::string_view::npos ? text.size() : end + 2;
    }
    return out;
}

std::optional<std::string_view> attribute(std::string_view start_tag, std::string_view name) noexcept {
    std::size_t pos = 1;
    while (pos < start_tag.size()) {
        const std::size_t at = ifind(start_tag, name, pos);
        if (at == std::string_view::npos) return std::nullopt;
        pos = at + name.size();
        // A whole attribute name: preceded by white space, followed by optional spaces and '='.
        if (at == 0 || !is_space(start_tag[at - 1])) continue;
        std::size_t i = pos;
        while (i < start_tag.size() && is_space(start_tag[i])) ++i;
        if (i >= start_tag.size() || start_tag[i] != '=') continue;
        ++i;
        while (i < start_tag.size() && is_space(start_tag[i])) ++i;
        if (i >= start_tag.size()) return std::nullopt;
        if (start_tag[i] == '"' || start_tag[i] == '\'') {
            const char q = start_tag[i];
            const std::size_t close = start_tag.find(q, i + 1);
            if (close == std::string_view::npos) return std::nullopt;
            return start_tag.substr(i + 1, close - i - 1);
        }
        std::size_t j = i;
        while (j < start_tag.size() && !is_space(start_tag[j]) && start_tag[j] != '>') ++j;
        return start_tag.substr(i, j - i);
    }
    return std::nullopt;
}

std::vector<std::string> element_names(std::string_view text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while ((pos = text.find('<', pos)) != std::string_view::npos) {
        std::size_t i = pos + 1;
        if (i < text.size() && text[i] == '/') {
            ++pos;
            continue;
        }
        const std::size_t start = i;
        while (i < text.size() && is_name_char(text[i])) ++i;
        if (i > start && is_alpha(text[start])) {
            std::string name(text.substr(start, i - start));
            for (char& c : name) c = to_upper(c);
            bool seen = false;
            for (const auto& n : out) seen = seen || n == name;
            if (!seen) out.push_back(std::move(name));
            // Skip the element's content: the next names are its siblings.
            const std::size_t gt = text.find('>', i);
            if (gt == std::string_view::npos) break;
            const std::size_t end = find_end(text, out.back(), gt + 1);
            pos = end == std::string_view::npos ? gt + 1 : end + 2;
            continue;
        }
        ++pos;
    }
    return out;
}

std::string text(std::string_view raw, bool strip_tags) {
    std::string out;
    out.reserve(raw.size());
    std::size_t i = 0;
    while (i < raw.size()) {
        const char c = raw[i];
        if (c == '&') {
            if (const std::size_t used = decode_entity(raw.substr(i), out)) {
                i += used;
                continue;
            }
        } else if (c == '<' && strip_tags) {
            const std::size_t gt = raw.find('>', i);
            const bool tag = gt != std::string_view::npos && i + 1 < raw.size() &&
                (is_alpha(raw[i + 1]) || raw[i + 1] == '/' || raw[i + 1] == '!');
            if (tag) {
                if (is_break_tag(raw.substr(i, gt + 1 - i))) out += '\n';
                i = gt + 1;
                continue;
            }
        }
        const auto u = static_cast<unsigned char>(c);
        if (!is_dropped_control(u) && c != '\r') out += c;
        ++i;
    }
    return out;
}

std::size_t LineCounter::line_at(std::size_t offset) noexcept {
    if (offset > m_text.size()) offset = m_text.size();
    if (offset < m_pos) {  // not expected; restart
        m_pos = 0;
        m_line = m_first;
    }
    for (std::size_t i = m_pos; i < offset; ++i) m_line += m_text[i] == '\n';
    m_pos = offset;
    return m_line;
}

std::size_t for_each_record(std::string_view path, std::string_view text, std::string_view name, DiagnosticSink& diag,
                            const std::function<void(const Record&)>& f, std::size_t first_line) {
    constexpr auto npos = std::string_view::npos;
    LineCounter lines(text, first_line);
    std::size_t pos = 0, records = 0;
    // The next end tag, found once and reused until passed: records missing their end tag would
    // otherwise each scan the rest of the file (quadratic time).
    std::size_t end_tag = 0;
    bool end_known = false;
    for (;;) {
        const std::size_t start = find_start(text, name, pos);
        if (start == npos) break;
        const std::size_t line = lines.line_at(start);
        const std::size_t gt = text.find('>', start);
        if (gt == npos) {
            diag.error(std::string(path), line,
                       fmt::format("unterminated <{}> tag (truncated file?): record skipped", name));
            break;
        }
        ++records;
        if (!end_known || (end_tag != npos && end_tag <= gt)) {
            end_tag = find_end(text, name, gt + 1);
            end_known = true;
        }
        const std::size_t end = end_tag;
        const std::size_t next = find_start(text, name, gt + 1);
        if (end == npos && next != npos) {
            // No end tag in the rest of the file: one error for all the records left.
            std::size_t left = 1;
            for (std::size_t p = next; p != npos; p = find_start(text, name, p + name.size() + 1)) ++left;
            records += left - 1;
            diag.error(std::string(path), line,
                       fmt::format("<{0}> record without </{0}>, and no </{0}> in the rest of the file: {1} records "
                                   "skipped",
                                   name, left));
            break;
        }
        if (end == npos || (next != npos && next < end)) {
            diag.error(std::string(path), line, fmt::format("<{0}> record without </{0}> (truncated?): skipped", name));
            if (next == npos) break;
            pos = next;
            continue;
        }
        pos = end + 2;
        f(Record{text.substr(start, gt + 1 - start), text.substr(gt + 1, end - gt - 1), line});
    }
    return records;
}

std::vector<TextChunk> split_records(std::string_view text, std::string_view name, std::size_t target) {
    const std::string end_tag = fmt::format("</{}>", name);
    return cut_chunks(text, target, [&](std::size_t from) {
        for (std::size_t p = find_start(text, name, from); p != std::string_view::npos;
             p = find_start(text, name, p + 1)) {
            if (text[p - 1] != '\n') continue;
            const std::string_view before = trim_right(text.substr(0, p));
            if (before.size() >= end_tag.size() && iequals(before.substr(before.size() - end_tag.size()), end_tag))
                return p;
        }
        return std::string_view::npos;
    });
}

}  // namespace newsdex::detail::sgml
