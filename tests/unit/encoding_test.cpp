/** @file
 * @brief Unit tests of charset detection and conversion to UTF-8 (decode_to_utf8).
 */
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <newsdex/ingest/encoding.hpp>

#include "test_support.hpp"

using newsdex::decode_to_utf8;
using newsdex::DecodedText;
using newsdex::describe_repairs;
using newsdex::is_plain_utf8;

namespace {

using namespace std::string_literals;

const std::string kFffd = "\xEF\xBF\xBD";

std::string formats_dir() { return std::string(TEST_DATA_DIR) + "/formats/"; }

/// UTF-16 code units of an ASCII/Latin-1 string, little- or big-endian.
std::string utf16(std::string_view latin1, bool little_endian) {
    std::string out;
    for (char c : latin1) {
        const char lo = c, hi = '\0';
        out += little_endian ? lo : hi;
        out += little_endian ? hi : lo;
    }
    return out;
}

struct Case {
    std::string name;
    std::string bytes;
    std::string utf8;
    std::string charset;
    std::size_t replaced = 0;
    bool binary = false;
};

}  // namespace

TEST(DecodeToUtf8, Table) {
    const std::vector<Case> cases{
        {"empty", "", "", "UTF-8"},
        {"ascii", "Plain text.\n", "Plain text.\n", "UTF-8"},
        {"utf8 multibyte", "Caf\xC3\xA9 \xE2\x82\xAC 5 \xF0\x9F\x93\xB0", "Caf\xC3\xA9 \xE2\x82\xAC 5 \xF0\x9F\x93\xB0",
         "UTF-8"},
        {"utf8 bom", "\xEF\xBB\xBFHello", "Hello", "UTF-8"},
        {"utf8 bom only", "\xEF\xBB\xBF", "", "UTF-8"},
        {"utf8 bom then invalid byte",
         "\xEF\xBB\xBF"
         "ab\xFF"
         "cd",
         "ab" + kFffd + "cd", "UTF-8", 1},
        {"utf16le bom", "\xFF\xFE" + utf16("Hi \xE9", true), "Hi \xC3\xA9", "UTF-16LE"},
        {"utf16be bom", "\xFE\xFF" + utf16("Hi \xE9", false), "Hi \xC3\xA9", "UTF-16BE"},
        {"utf16le bom, odd trailing byte", "\xFF\xFE" + utf16("Hi", true) + "x", "Hi" + kFffd, "UTF-16LE", 1},
        {"utf16le lone surrogate",
         "\xFF\xFE"
         "A\0\x00\xD8"
         "B\0"s,
         "A" + kFffd + "B", "UTF-16LE", 1},
        {"utf32le bom",
         "\xFF\xFE\0\0"
         "A\0\0\0"
         "\xE9\0\0\0"s,
         "A\xC3\xA9", "UTF-32LE"},
        {"utf32be bom",
         "\0\0\xFE\xFF"
         "\0\0\0A"s,
         "A", "UTF-32BE"},
        {"utf16le without bom", utf16("Memo to all staff\n", true), "Memo to all staff\n", "UTF-16LE"},
        {"utf16be without bom", utf16("Memo to all staff\n", false), "Memo to all staff\n", "UTF-16BE"},
        {"latin-1",
         "Caf\xE9 costs \xA3"
         "5, na\xEFve \xC9lodie",
         "Caf\xC3\xA9 costs \xC2\xA3"
         "5, na\xC3\xAFve \xC3\x89lodie",
         "windows-1252"},
        {"windows-1252 quotes and euro",
         "\x93Quoted\x94 price: \x80"
         "5 \x96 cheap",
         "\xE2\x80\x9CQuoted\xE2\x80\x9D price: \xE2\x82\xAC"
         "5 \xE2\x80\x93 cheap",
         "windows-1252"},
        {"mostly utf8, one bad byte", "Caf\xC3\xA9 and \xE9 and na\xC3\xAFve",
         "Caf\xC3\xA9 and " + kFffd + " and na\xC3\xAFve", "UTF-8", 1},
        {"mixed utf8 and latin-1", "Caf\xC3\xA9 and caf\xE9 and na\xC3\xAFve",
         "Caf\xC3\xA9 and caf\xC3\xA9 and na\xC3\xAFve", "UTF-8", 0},
        {"text with NULs", "Plain\0 text\0\0.\n"s, "Plain text.\n", "UTF-8", 0},
        {"mostly utf8, truncated at the end", "Caf\xC3\xA9 \xE2\x82", "Caf\xC3\xA9 " + kFffd, "UTF-8", 1},
        {"mostly utf8, surrogate and overlong", "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9 \xED\xA0\x80 \xC0\xAF",
         "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9 " + kFffd + kFffd + kFffd + " " + kFffd + kFffd, "UTF-8", 5},
        {"binary with NULs",
         "\x7F"
         "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0\x3E\0\x01\0\0\0"s,
         "", "binary", 0, true},
        {"many control bytes", "\x01\x02\x03\x04\x05\x06\x07\x08 text \x0E\x0F\x10", "", "binary", 0, true},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE("case: " + c.name);
        DecodedText d;
        ASSERT_NO_THROW(d = decode_to_utf8(c.bytes));
        EXPECT_EQ(d.charset, c.charset);
        EXPECT_EQ(d.binary, c.binary);
        if (!c.binary) {
            EXPECT_EQ(d.utf8, c.utf8);
            EXPECT_EQ(d.replaced, c.replaced);
        }
        // Bytes taken as they are (the indexer's fast path) are exactly the decoded text.
        if (is_plain_utf8(c.bytes)) {
            EXPECT_EQ(d.utf8, c.bytes);
            EXPECT_EQ(d.charset, "UTF-8");
            EXPECT_FALSE(d.binary);
            EXPECT_EQ(describe_repairs(d), "");
        }
    }
}

TEST(DecodeToUtf8, MixedEncodingsAndNulBytesAreDescribed) {
    // UTF-8 "Café" with Latin-1 "café, naïve, résumé": the Latin-1 letters sit next to ASCII letters.
    const DecodedText mixed = decode_to_utf8("Caf\xC3\xA9 and caf\xE9, na\xEFve, r\xE9sum\xE9");
    EXPECT_EQ(mixed.utf8, "Caf\xC3\xA9 and caf\xC3\xA9, na\xC3\xAFve, r\xC3\xA9sum\xC3\xA9");
    EXPECT_EQ(describe_repairs(mixed), "mixed encodings: 4 bytes read as windows-1252");
    const DecodedText nul = decode_to_utf8(std::string("Plain text\0 with a NUL.\n", 24));
    EXPECT_FALSE(nul.binary);
    EXPECT_EQ(describe_repairs(nul), "1 NUL byte dropped");
    // Stray bytes away from letters in mostly UTF-8 text: replaced.
    const DecodedText bad = decode_to_utf8("Caf\xC3\xA9 na\xC3\xAFve \xE2\x80\x9Cq\xE2\x80\x9D \xFF \xC3( end");
    EXPECT_EQ(describe_repairs(bad), "invalid UTF-8 replaced (2 sequences)");
    EXPECT_EQ(describe_repairs(decode_to_utf8("clean")), "");
    // A PNG header: NULs and control bytes make a binary file, not text with NULs.
    EXPECT_TRUE(decode_to_utf8(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20)).binary);  // 20 bytes
}

TEST(DecodeToUtf8, CyrillicLegacyCharsetIsDetected) {
    // "Городской совет утвердил новый мост через гавань после долгих споров." in windows-1251, twice.
    const std::string cp1251 =
        "\xC3\xEE\xF0\xEE\xE4\xF1\xEA\xEE\xE9 \xF1\xEE\xE2\xE5\xF2 \xF3\xF2\xE2\xE5\xF0\xE4\xE8\xEB "
        "\xED\xEE\xE2\xFB\xE9 \xEC\xEE\xF1\xF2 \xF7\xE5\xF0\xE5\xE7 \xE3\xE0\xE2\xE0\xED\xFC \xEF\xEE\xF1\xEB\xE5 "
        "\xE4\xEE\xEB\xE3\xE8\xF5 \xF1\xEF\xEE\xF0\xEE\xE2. ";
    const DecodedText d = decode_to_utf8(cp1251 + cp1251 + cp1251);
    EXPECT_EQ(d.charset, "windows-1251");
    EXPECT_EQ(d.replaced, 0u);
    EXPECT_EQ(d.utf8.substr(0, 16), "\xD0\x93\xD0\xBE\xD1\x80\xD0\xBE\xD0\xB4\xD1\x81\xD0\xBA\xD0\xBE");
}

TEST(DecodeToUtf8, FixtureFiles) {
    struct FileCase {
        std::string file;
        std::string charset;
        std::string contains;
    };
    const std::vector<FileCase> cases{
        {"news_latin1.txt", "windows-1252", "Caf\xC3\xA9 owners protest"},
        {"news_utf8_bom.txt", "UTF-8", "Library extends"},
        {"memo_utf16le_bom.txt", "UTF-16LE", "R\xC3\xA9mi Fontaine"},
        {"news_basic.txt", "UTF-8", "\xE2\x80\x94 The Portville"},
        {"records.jsonl", "UTF-8", "\"id\": \"rec-1\""},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE("file: " + c.file);
        const std::string bytes = newsdex::test::read_file(formats_dir() + c.file);
        ASSERT_FALSE(bytes.empty());
        const DecodedText d = decode_to_utf8(bytes);
        EXPECT_EQ(d.charset, c.charset);
        EXPECT_EQ(d.replaced, 0u);
        EXPECT_FALSE(d.binary);
        EXPECT_NE(d.utf8.find(c.contains), std::string::npos);
        EXPECT_NE(d.utf8.substr(0, 3), "\xEF\xBB\xBF") << "the BOM is removed";
    }
}

TEST(DecodeToUtf8, RandomBytesNeverThrowAndGiveValidUtf8) {
    std::mt19937 rng(12345);
    std::uniform_int_distribution<int> byte(0, 255), length(0, 600), mode(0, 3);
    for (int round = 0; round < 300; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        std::string bytes;
        const int n = length(rng);
        const int m = mode(rng);
        for (int i = 0; i < n; ++i) {
            int b = byte(rng);
            if (m == 1 && b < 0x80) b = 'a' + b % 26;  // text with random high bytes
            if (m == 2 && i % 2 == 1) b = 0;           // UTF-16-looking
            if (m == 3 && i == 0) b = 0xFF;            // starts like a UTF-16LE BOM
            bytes += static_cast<char>(b);
        }
        DecodedText d;
        ASSERT_NO_THROW(d = decode_to_utf8(bytes));
        // Valid UTF-8 out: decoding the output again changes nothing.
        if (d.utf8.find('\0') == std::string::npos) {
            const DecodedText again = decode_to_utf8(d.utf8);
            EXPECT_TRUE(again.charset == "UTF-8" || again.charset == "binary") << again.charset;
            EXPECT_EQ(again.replaced, 0u);
            EXPECT_EQ(again.utf8, d.utf8);
        }
    }
}

TEST(DecodeToUtf8, LargeValidUtf8TakesTheFastPath) {
    std::string big;
    while (big.size() < (4u << 20)) big += "Grain exports rose 4 pct \xE2\x80\x94 caf\xC3\xA9 \xC2\xA3 news.\n";
    const DecodedText d = decode_to_utf8(big);
    EXPECT_EQ(d.charset, "UTF-8");
    EXPECT_EQ(d.replaced, 0u);
    EXPECT_EQ(d.utf8.size(), big.size());
}
