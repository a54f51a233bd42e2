/** @file
 * @brief Charset detection and conversion to UTF-8 (ICU ucsdet + ucnv).
 */
#pragma once
#include <string>
#include <string_view>

namespace newsdex {

struct DecodedText {
    std::string utf8;         ///< the text as UTF-8, BOM removed, invalid bytes replaced by U+FFFD
    std::string charset;      ///< what it was read as: "UTF-8", "UTF-16LE", "windows-1252"...
    std::size_t replaced = 0; ///< number of invalid byte sequences replaced
    bool binary = false;      ///< looks like a binary file (NULs outside UTF-16): not text
};

/**
 * Detect the encoding of @p bytes and convert to UTF-8.
 *
 * UTF-8 with or without BOM, UTF-16 with or without BOM, and single-byte legacy charsets
 * (Latin-1 read as its superset windows-1252) are recognised. Valid UTF-8 takes a fast path.
 * Never throws on bad input: invalid sequences are replaced and counted.
 */
DecodedText decode_to_utf8(std::string_view bytes);

/**
 * Convert @p bytes from a declared @p charset (a MIME or HTML charset name such as "iso-8859-1",
 * "windows-1252", "koi8-r", "iso-2022-jp") to UTF-8 with ICU. Invalid sequences are replaced and
 * counted. Returns false (and leaves @p out alone) when ICU does not know the charset.
 */
bool decode_charset(std::string_view bytes, std::string_view charset, DecodedText& out);

}  // namespace newsdex
