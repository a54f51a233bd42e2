/** @file
 * @brief Charset detection and conversion to UTF-8 (ICU ucsdet + ucnv).
 */
#pragma once
#include <string>
#include <string_view>

namespace newsdex {

struct DecodedText {
    std::string utf8;          ///< the text as UTF-8, BOM removed, invalid bytes replaced by U+FFFD
    std::string charset;       ///< what it was read as: "UTF-8", "UTF-16LE", "windows-1252"...
    std::size_t replaced = 0;  ///< number of invalid byte sequences replaced
    /// Mixed encodings: bytes of a mostly-UTF-8 text that were not UTF-8 but single Latin-1 letters
    /// among ASCII letters (`caf\xE9`), read as windows-1252 instead of being replaced.
    std::size_t legacy_bytes = 0;
    std::size_t nul_bytes = 0;  ///< NUL bytes dropped from a text file (not UTF-16, otherwise text)
    bool binary = false;        ///< looks like a binary file (NULs and control bytes): not text
};

/**
 * Detect the encoding of @p bytes and convert to UTF-8.
 *
 * UTF-8 with or without BOM, UTF-16 with or without BOM, and single-byte legacy charsets
 * (Latin-1 read as its superset windows-1252) are recognised. Valid UTF-8 takes a fast path.
 * Never throws on bad input: invalid sequences are replaced and counted. Mixed files (UTF-8 with
 * Latin-1 lines pasted in) keep both: the Latin-1 letters are read as windows-1252 (legacy_bytes).
 * NUL bytes in otherwise plain text are dropped (nul_bytes); NULs with many other control bytes
 * mean a binary file.
 */
DecodedText decode_to_utf8(std::string_view bytes);

/**
 * Whether decode_to_utf8 would return @p bytes as they are (valid UTF-8 without BOM or NUL, not
 * binary-looking): the caller can then use them without decoding (a copy).
 */
bool is_plain_utf8(std::string_view bytes) noexcept;

/**
 * What decode_to_utf8 had to repair in one input, as the text of one warning: invalid sequences
 * replaced, mixed encodings, NUL bytes dropped (joined by "; "); "" when nothing was repaired.
 */
std::string describe_repairs(const DecodedText& text);

/**
 * Convert @p bytes from a declared @p charset (a MIME or HTML charset name such as "iso-8859-1",
 * "windows-1252", "koi8-r", "iso-2022-jp") to UTF-8 with ICU. Invalid sequences are replaced and
 * counted. Returns false (and leaves @p out alone) when ICU does not know the charset.
 */
bool decode_charset(std::string_view bytes, std::string_view charset, DecodedText& out);

}  // namespace newsdex
