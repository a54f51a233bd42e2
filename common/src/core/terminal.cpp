/** @file
 * @brief terminal_safe: visible escapes for control, C1 and bidi formatting characters.
 */
#include <newsdex/core/terminal.hpp>

#include <cstdint>

namespace newsdex {

namespace {

/**
 * The length of the character at @p i when it must be escaped, else 0; @p cp gets its code point (or
 * the byte, for a byte that does not start valid UTF-8, with @p invalid set).
 */
std::size_t unsafe_at(std::string_view s, std::size_t i, std::uint32_t& cp, bool& invalid) noexcept {
    const auto b = static_cast<unsigned char>(s[i]);
    invalid = false;
    if (b < 0x80) {
        cp = b;
        return (b < 0x20 && b != '\t' && b != '\n') || b == 0x7f ? 1 : 0;
    }
    auto cont = [&](std::size_t k) {
        return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    };
    std::size_t len = 0;
    if (b >= 0xC2 && b <= 0xDF && cont(1)) {
        len = 2;
        cp = ((b & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
    } else if (b >= 0xE0 && b <= 0xEF && cont(1) && cont(2)) {
        len = 3;
        cp = ((b & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
             (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) len = 0;  // overlong or a surrogate
    } else if (b >= 0xF0 && b <= 0xF4 && cont(1) && cont(2) && cont(3)) {
        len = 4;
        cp = 0x10000;  // no formatting character up there: only the length matters
        const auto b1 = static_cast<unsigned char>(s[i + 1]);
        if ((b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 >= 0x90)) len = 0;
    }
    if (len == 0) {
        cp = b;
        invalid = true;
        return 1;
    }
    const bool c1 = cp >= 0x80 && cp <= 0x9F;
    const bool bidi = cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
                      (cp >= 0x2066 && cp <= 0x2069);
    return c1 || bidi ? len : 0;
}

/// The byte length of the character at @p i (1 for a byte that starts no valid character).
std::size_t char_length(std::string_view s, std::size_t i) noexcept {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    return i + n <= s.size() ? n : 1;
}

/// Whether @p s (as a JSON serializer writes it) holds a C1 or bidi character: checked exactly, so
/// that ordinary non-ASCII text (curly quotes share the lead byte of the bidi marks) is not copied.
bool has_c1_or_bidi(std::string_view s) noexcept {
    std::uint32_t cp = 0;
    bool invalid = false;
    for (std::size_t i = 0; i < s.size(); i += char_length(s, i))
        if (static_cast<unsigned char>(s[i]) >= 0x80 && unsafe_at(s, i, cp, invalid) != 0 && !invalid) return true;
    return false;
}

}  // namespace

std::size_t utf8_length_at(std::string_view text, std::size_t i) noexcept { return char_length(text, i); }

std::size_t non_ascii_control_length(std::string_view text, std::size_t i) noexcept {
    if (i >= text.size() || static_cast<unsigned char>(text[i]) < 0x80) return 0;
    std::uint32_t cp = 0;
    bool invalid = false;
    return unsafe_at(text, i, cp, invalid);
}

std::string json_terminal_safe(std::string json) {
    if (!has_c1_or_bidi(json)) return json;
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(json.size() + 16);
    std::uint32_t cp = 0;
    bool invalid = false;
    for (std::size_t i = 0; i < json.size();) {
        const std::size_t n = char_length(json, i);
        const auto b = static_cast<unsigned char>(json[i]);
        // Control characters below 0x80 are the serializer's business (it escaped them already).
        if (b >= 0x80 && unsafe_at(json, i, cp, invalid) != 0 && !invalid) {
            out += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4) out += hex[(cp >> shift) & 0xF];
        } else {
            out.append(json, i, n);
        }
        i += n;
    }
    return out;
}

bool needs_terminal_escape(std::string_view text) noexcept {
    std::uint32_t cp = 0;
    bool invalid = false;
    for (std::size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        // Fast path: printable ASCII.
        if (b >= 0x20 && b < 0x7f) {
            ++i;
            continue;
        }
        if (unsafe_at(text, i, cp, invalid) != 0) return true;
        i += char_length(text, i);
    }
    return false;
}

std::string terminal_safe(std::string_view text) {
    if (!needs_terminal_escape(text)) return std::string(text);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size() + 16);
    std::uint32_t cp = 0;
    bool invalid = false;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t bad = unsafe_at(text, i, cp, invalid);
        if (bad == 0) {
            const std::size_t n = char_length(text, i);
            out.append(text.substr(i, n));
            i += n;
            continue;
        }
        if (cp < 0x100) {
            out += "\\x";
            out += hex[(cp >> 4) & 0xF];
            out += hex[cp & 0xF];
        } else {
            out += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4) out += hex[(cp >> shift) & 0xF];
        }
        i += bad;
    }
    return out;
}

}  // namespace newsdex
