/** @file
 * @brief Text from documents made safe to print on a terminal.
 *
 * Documents, file names and queries come from strangers. Printed as they are, an ESC sequence in a
 * title can retitle the terminal window (`ESC ] 0 ; ... BEL`), plant a hidden hyperlink
 * (`ESC ] 8 ;; URL`), move the cursor or clear the screen; a carriage return can overwrite what was
 * printed before it, and bidirectional overrides can make text read differently from its bytes.
 */
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace newsdex {

/**
 * True when @p text holds a character terminal_safe() would change: C0 controls other than tab and
 * newline (ESC, BEL, CR, backspace...), DEL, C1 controls (U+0080-U+009F) and the bidirectional
 * formatting characters (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069).
 */
[[nodiscard]] bool needs_terminal_escape(std::string_view text) noexcept;

/**
 * @p text with each character of needs_terminal_escape() shown as a visible escape: `\x1b` for a
 * control character, `\u202e` for a formatting one (tab and newline stay as they are). Bytes that are
 * not UTF-8 are shown as `\xNN` too. Text that needs nothing is returned unchanged.
 */
[[nodiscard]] std::string terminal_safe(std::string_view text);

/// The byte length of the UTF-8 character starting at @p i of @p text (1 for a byte that starts none).
[[nodiscard]] std::size_t utf8_length_at(std::string_view text, std::size_t i) noexcept;

/**
 * The byte length of the character at @p i of @p text when it is one of needs_terminal_escape()'s
 * outside ASCII (a C1 control, a bidi formatting character, or a byte that is not UTF-8), else 0:
 * for printers that drop those characters and turn ASCII controls into spaces.
 */
[[nodiscard]] std::size_t non_ascii_control_length(std::string_view text, std::size_t i) noexcept;

/**
 * Serialized JSON @p json with the C1 controls and bidirectional formatting characters that a JSON
 * serializer leaves raw (it escapes only U+0000-U+001F) written as `\u009b`, `\u202e`: the same
 * value, safe to print on a terminal. Such characters only occur inside JSON strings.
 */
[[nodiscard]] std::string json_terminal_safe(std::string json);

}  // namespace newsdex
