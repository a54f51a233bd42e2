/** @file
 * @brief Charset detection and conversion to UTF-8: BOMs, a validated UTF-8 fast path, UTF-16 by NUL
 *        pattern, lenient UTF-8 for mostly-UTF-8 text, ICU ucsdet + ucnv for legacy charsets.
 *
 * Decision order (first match wins):
 *  1. a byte order mark (UTF-8, UTF-32LE/BE, UTF-16LE/BE);
 *  2. NUL bytes: UTF-16LE/BE when they sit at alternate positions; otherwise a binary file when the
 *     other bytes hold many control bytes too, else text with NUL bytes in it (a damaged file, a
 *     zero-filled block): the NULs are dropped (nul_bytes) and the rest decoded by these rules;
 *  3. valid UTF-8 (simdjson's SIMD validator): copied as is;
 *  4. many control bytes: binary;
 *  5. mixed encodings (some valid UTF-8, and the invalid bytes are mostly single bytes next to ASCII
 *     letters, as Latin-1 `caf\xE9` is): UTF-8, with each invalid single byte read as windows-1252
 *     (legacy_bytes) and other invalid sequences replaced by U+FFFD;
 *     mostly UTF-8 (at least as many valid multi-byte sequences as invalid ones): UTF-8 with the
 *     invalid sequences replaced by U+FFFD;
 *  6. ICU charset detection, limited to results that make sense for text files; Latin-1 and
 *     anything unsure is read as windows-1252 (a superset of Latin-1's printable characters).
 */
#include <newsdex/ingest/encoding.hpp>

#include <array>
#include <cstring>
#include <memory>

#include <simdjson.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include "core/text_util.hpp"

namespace newsdex {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

/// Result of one pass over bytes read as UTF-8.
struct Utf8Scan {
    std::size_t valid_multibyte = 0;  ///< well-formed sequences of 2-4 bytes
    std::size_t invalid = 0;          ///< maximal ill-formed subparts (each becomes one U+FFFD)
    std::size_t latin1_like = 0;      ///< invalid single bytes next to an ASCII letter (`caf\xE9`)
    std::size_t legacy = 0;           ///< invalid single bytes written as windows-1252 (mixed mode)
};

/// Append byte @p b (0x80-0xFF) read as windows-1252 in UTF-8; false for its five undefined bytes.
bool append_cp1252(unsigned char b, std::string& out) {
    static constexpr std::array<char16_t, 32> high{0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                                   0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                                   0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                                   0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
    const char16_t cp = b >= 0xA0 ? char16_t(b) : high[b - 0x80];
    if (cp == 0) return false;
    if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    }
    out += static_cast<char>(0x80 | (cp & 0x3F));
    return true;
}

/**
 * Length of the well-formed UTF-8 sequence at @p p (Unicode Table 3-7), or 0 with @p bad set to the
 * length of the maximal ill-formed subpart to replace (at least 1).
 */
std::size_t utf8_sequence(const unsigned char* p, std::size_t avail, std::size_t& bad) noexcept {
    const unsigned char c = p[0];
    bad = 1;
    if (c < 0x80) return 1;
    std::size_t need = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // range allowed for the second byte
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    for (std::size_t k = 1; k < need; ++k) {
        if (k >= avail) {
            bad = k;
            return 0;
        }
        const unsigned char b = p[k];
        const unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
        if (b < l || b > h) {
            bad = k;
            return 0;
        }
    }
    return need;
}

/**
 * Read @p bytes as UTF-8, replacing ill-formed subparts; @p out may be null to only count. With
 * @p mixed, an invalid single byte that windows-1252 defines is written as that character instead.
 */
Utf8Scan scan_utf8(std::string_view bytes, std::string* out, bool mixed = false) {
    Utf8Scan scan;
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    if (out) out->reserve(n + n / 8);
    std::size_t i = 0;
    while (i < n) {
        // ASCII run.
        std::size_t j = i;
        while (j < n && p[j] < 0x80) ++j;
        if (out && j > i) out->append(bytes.data() + i, j - i);
        i = j;
        if (i >= n) break;
        std::size_t bad = 1;
        const std::size_t len = utf8_sequence(p + i, n - i, bad);
        if (len > 0) {
            ++scan.valid_multibyte;
            if (out) out->append(bytes.data() + i, len);
            i += len;
        } else {
            ++scan.invalid;
            const bool single = bad == 1;
            if (single &&
                ((i > 0 && detail::is_alpha(static_cast<char>(p[i - 1]))) ||
                 (i + 1 < n && detail::is_alpha(static_cast<char>(p[i + 1])))))
                ++scan.latin1_like;
            if (out) {
                if (mixed && single && append_cp1252(p[i], *out)) {
                    ++scan.legacy;
                    --scan.invalid;
                } else {
                    out->append(kReplacement);
                }
            }
            i += bad;
        }
    }
    return scan;
}

/// To-Unicode callback: every unassigned or illegal sequence becomes U+FFFD and is counted.
void count_and_substitute(const void* context, UConverterToUnicodeArgs* args, const char* /*units*/, int32_t /*length*/,
                          UConverterCallbackReason reason, UErrorCode* err) {
    if (reason > UCNV_IRREGULAR) return;  // reset, close, clone
    auto* counter = static_cast<std::size_t*>(const_cast<void*>(context));
    ++*counter;
    *err = U_ZERO_ERROR;
    static constexpr UChar fffd = 0xFFFD;
    ucnv_cbToUWriteUChars(args, &fffd, 1, 0, err);
}

struct ConverterCloser {
    void operator()(UConverter* c) const noexcept { ucnv_close(c); }
};

/// Convert @p bytes from @p charset to UTF-8 with ICU; false when ICU cannot open the charset.
bool icu_to_utf8(std::string_view bytes, const char* charset, DecodedText& out) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, ConverterCloser> cnv(ucnv_open(charset, &status));
    if (U_FAILURE(status) || !cnv) return false;
    std::size_t replaced = 0;
    ucnv_setToUCallBack(cnv.get(), count_and_substitute, &replaced, nullptr, nullptr, &status);
    if (U_FAILURE(status)) return false;

    // To UTF-16 in chunks (no int32 limits on the whole input), then to UTF-8.
    std::u16string utf16;
    utf16.reserve(bytes.size() + 16);
    std::array<UChar, 16384> buffer{};
    const char* src = bytes.data();
    const char* const src_end = bytes.data() + bytes.size();
    for (;;) {
        UChar* target = buffer.data();
        status = U_ZERO_ERROR;
        ucnv_toUnicode(cnv.get(), &target, buffer.data() + buffer.size(), &src, src_end, nullptr, true, &status);
        utf16.append(reinterpret_cast<const char16_t*>(buffer.data()),
                     static_cast<std::size_t>(target - buffer.data()));
        if (status == U_BUFFER_OVERFLOW_ERROR) continue;
        break;
    }
    if (U_FAILURE(status)) return false;

    // UTF-16 -> UTF-8 in chunks; lone surrogates become U+FFFD and are counted.
    out.utf8.clear();
    out.utf8.reserve(utf16.size() + utf16.size() / 2);
    std::size_t pos = 0;
    constexpr std::size_t chunk = 1 << 20;
    while (pos < utf16.size()) {
        std::size_t len = std::min(chunk, utf16.size() - pos);
        // Do not split a surrogate pair between chunks.
        if (pos + len < utf16.size() && (utf16[pos + len - 1] & 0xFC00) == 0xD800) --len;
        int32_t needed = 0;
        int32_t subs = 0;
        status = U_ZERO_ERROR;
        const auto* s = reinterpret_cast<const UChar*>(utf16.data() + pos);
        u_strToUTF8WithSub(nullptr, 0, &needed, s, static_cast<int32_t>(len), 0xFFFD, &subs, &status);
        const std::size_t old = out.utf8.size();
        out.utf8.resize(old + static_cast<std::size_t>(needed));
        status = U_ZERO_ERROR;
        u_strToUTF8WithSub(out.utf8.data() + old, needed, &needed, s, static_cast<int32_t>(len), 0xFFFD, &subs,
                           &status);
        if (U_FAILURE(status)) return false;
        replaced += static_cast<std::size_t>(subs);
        pos += len;
    }
    out.charset = charset;
    out.replaced = replaced;
    return true;
}

/// Lenient UTF-8 decode (never fails); @p mixed: see scan_utf8.
void lenient_utf8(std::string_view bytes, DecodedText& out, bool mixed = false) {
    out.utf8.clear();
    const Utf8Scan scan = scan_utf8(bytes, &out.utf8, mixed);
    out.replaced = scan.invalid;
    out.legacy_bytes = scan.legacy;
    out.charset = "UTF-8";
}

/// "UTF-16LE", "UTF-16BE" when the NULs of @p bytes sit at alternate positions, else nullptr.
const char* utf16_by_nul_pattern(std::string_view bytes) noexcept {
    const std::size_t n = std::min<std::size_t>(bytes.size(), 8192) & ~std::size_t{1};
    if (n < 2) return nullptr;
    std::size_t even = 0, odd = 0;
    for (std::size_t i = 0; i < n; i += 2) {
        even += bytes[i] == '\0';
        odd += bytes[i + 1] == '\0';
    }
    const std::size_t units = n / 2;
    // Latin text in UTF-16 has a NUL in (nearly) every unit at the high-byte position.
    if (odd * 10 >= units * 3 && even * 20 <= units) return "UTF-16LE";
    if (even * 10 >= units * 3 && odd * 20 <= units) return "UTF-16BE";
    return nullptr;
}

/// Control bytes other than tab, newlines, form feed and ESC: a sign of binary data.
std::size_t count_control_bytes(std::string_view bytes) noexcept {
    std::size_t count = 0;
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1B) ++count;
    }
    return count;
}

bool charset_is(const char* name, std::initializer_list<const char*> names) noexcept {
    for (const char* n : names)
        if (std::strcmp(name, n) == 0) return true;
    return false;
}

/**
 * ICU's guess for bytes that are neither UTF-8 nor UTF-16, restricted to charsets that plausibly hold
 * text files; "windows-1252" when unsure.
 */
std::string detect_legacy_charset(std::string_view bytes) {
    std::string chosen = "windows-1252";
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector* det = ucsdet_open(&status);
    if (U_FAILURE(status) || !det) return chosen;
    const auto len = static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 64 * 1024));
    ucsdet_setText(det, bytes.data(), len, &status);
    const UCharsetMatch* match = U_SUCCESS(status) ? ucsdet_detect(det, &status) : nullptr;
    if (U_SUCCESS(status) && match) {
        const char* name = ucsdet_getName(match, &status);
        const int32_t confidence = ucsdet_getConfidence(match, &status);
        if (U_SUCCESS(status) && name) {
            if (charset_is(name, {"Shift_JIS", "EUC-JP", "GB18030", "EUC-KR", "Big5"})) {
                if (confidence >= 60) chosen = name;
            } else if (charset_is(name,
                                  {"windows-1251", "ISO-8859-5", "KOI8-R", "windows-1253", "ISO-8859-7", "windows-1255",
                                   "ISO-8859-8", "ISO-8859-8-I", "windows-1256", "ISO-8859-6"})) {
                // ICU scores short Cyrillic/Greek/Hebrew/Arabic text low (about 30): being the top
                // match at all already rules out the Latin charsets.
                if (confidence >= 25) chosen = name;
            } else if (charset_is(name, {"windows-1250", "ISO-8859-2"})) {
                // Central European only when ICU is sure: short Western text often scores here too.
                if (confidence >= 70) chosen = "windows-1250";
            } else if (charset_is(name, {"windows-1254", "ISO-8859-9"})) {
                if (confidence >= 70) chosen = "windows-1254";
            }
            // ISO-8859-1, windows-1252 and everything else (EBCDIC, ISO-2022...): windows-1252.
        }
    }
    ucsdet_close(det);
    return chosen;
}

/// Decode a UTF-16/32 body after its BOM; falls back to lenient UTF-8 if ICU is unavailable.
void decode_with(std::string_view bytes, const char* charset, DecodedText& out) {
    if (!icu_to_utf8(bytes, charset, out)) lenient_utf8(bytes, out);
}

}  // namespace

DecodedText decode_to_utf8(std::string_view bytes) {
    DecodedText out;
    out.charset = "UTF-8";
    if (bytes.empty()) return out;

    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    const std::size_t n = bytes.size();

    // 1. Byte order marks (UTF-32 before UTF-16: FF FE 00 00 starts with FF FE).
    if (n >= 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) {
        const std::string_view rest = bytes.substr(3);
        if (simdjson::validate_utf8(rest.data(), rest.size()))
            out.utf8.assign(rest);
        else
            lenient_utf8(rest, out);
        out.charset = "UTF-8";
        out.binary = std::memchr(rest.data(), 0, rest.size()) != nullptr;
        return out;
    }
    if (n >= 4 && byte(0) == 0xFF && byte(1) == 0xFE && byte(2) == 0 && byte(3) == 0) {
        decode_with(bytes.substr(4), "UTF-32LE", out);
        return out;
    }
    if (n >= 4 && byte(0) == 0 && byte(1) == 0 && byte(2) == 0xFE && byte(3) == 0xFF) {
        decode_with(bytes.substr(4), "UTF-32BE", out);
        return out;
    }
    if (n >= 2 && byte(0) == 0xFF && byte(1) == 0xFE) {
        decode_with(bytes.substr(2), "UTF-16LE", out);
        return out;
    }
    if (n >= 2 && byte(0) == 0xFE && byte(1) == 0xFF) {
        decode_with(bytes.substr(2), "UTF-16BE", out);
        return out;
    }

    // 2. NUL bytes: UTF-16 without BOM, or binary.
    const bool has_nul = std::memchr(bytes.data(), 0, n) != nullptr;
    if (has_nul) {
        if (const char* utf16 = utf16_by_nul_pattern(bytes)) {
            decode_with(bytes, utf16, out);
            return out;
        }
        // Text with NULs in it (a damaged file, a zero-filled block): drop them, unless the other
        // bytes hold control bytes too (a binary file: a PNG header has 2 in 14).
        std::string rest;
        rest.reserve(n);
        for (const char c : bytes)
            if (c != '\0') rest += c;
        const std::size_t controls = count_control_bytes(rest);
        if (!rest.empty() && controls * 20 <= rest.size()) {
            out = decode_to_utf8(rest);
            out.nul_bytes = n - rest.size();
            return out;
        }
        lenient_utf8(bytes, out);
        out.charset = "binary";
        out.binary = true;
        return out;
    }

    // 3. The fast path: valid UTF-8 (ASCII included).
    if (simdjson::validate_utf8(bytes.data(), n)) {
        out.utf8.assign(bytes);
        const std::size_t controls = count_control_bytes(bytes);
        if (controls >= 4 && controls * 20 > n) {
            out.charset = "binary";
            out.binary = true;
        }
        return out;
    }

    // 4. Lots of control bytes: binary.
    const std::size_t controls = count_control_bytes(bytes);
    if (controls >= 4 && controls * 20 > n) {
        lenient_utf8(bytes, out);
        out.charset = "binary";
        out.binary = true;
        return out;
    }

    // 5. Mixed encodings (UTF-8 and Latin-1 letters), or mostly UTF-8 with a few bad bytes.
    const Utf8Scan scan = scan_utf8(bytes, nullptr);
    if (scan.valid_multibyte > 0 && scan.latin1_like * 4 >= scan.invalid * 3) {
        lenient_utf8(bytes, out, true);
        return out;
    }
    if (scan.valid_multibyte > 0 && scan.invalid <= scan.valid_multibyte) {
        lenient_utf8(bytes, out);
        return out;
    }

    // 6. A legacy charset.
    const std::string charset = detect_legacy_charset(bytes);
    if (!icu_to_utf8(bytes, charset.c_str(), out) && !icu_to_utf8(bytes, "windows-1252", out)) lenient_utf8(bytes, out);
    return out;
}

bool is_plain_utf8(std::string_view bytes) noexcept {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    const bool bom = bytes.size() >= 2 && (byte(0) == 0xEF || byte(0) == 0xFF || byte(0) == 0xFE || byte(0) == 0);
    if (bom || std::memchr(bytes.data(), 0, bytes.size()) != nullptr ||
        !simdjson::validate_utf8(bytes.data(), bytes.size()))
        return false;
    const std::size_t controls = count_control_bytes(bytes);
    return !(controls >= 4 && controls * 20 > bytes.size());  // as decode_to_utf8's step 3
}

std::string describe_repairs(const DecodedText& text) {
    std::string out;
    const auto add = [&](const std::string& part) {
        if (!out.empty()) out += "; ";
        out += part;
    };
    if (text.replaced > 0) {
        const bool utf8 = text.charset.empty() || text.charset == "UTF-8" || text.charset == "binary";
        add("invalid " + (utf8 ? std::string("UTF-8") : text.charset + " bytes") + " replaced (" +
            std::to_string(text.replaced) + (text.replaced == 1 ? " sequence)" : " sequences)"));
    }
    if (text.legacy_bytes > 0)
        add("mixed encodings: " + std::to_string(text.legacy_bytes) + (text.legacy_bytes == 1 ? " byte" : " bytes") +
            " read as windows-1252");
    if (text.nul_bytes > 0)
        add(std::to_string(text.nul_bytes) + (text.nul_bytes == 1 ? " NUL byte" : " NUL bytes") + " dropped");
    return out;
}

bool decode_charset(std::string_view bytes, std::string_view charset, DecodedText& out) {
    const std::string name(charset);
    if (name.empty()) return false;
    DecodedText converted;
    if (!icu_to_utf8(bytes, name.c_str(), converted)) return false;
    out = std::move(converted);
    return true;
}

}  // namespace newsdex
