/** @file
 * @brief Unit tests of the input formats: news and memo plain text, JSON Lines, format detection.
 */
#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <newsdex/ingest/encoding.hpp>
#include <newsdex/core/error.hpp>
#include <newsdex/ingest/parser.hpp>

#include "test_support.hpp"

using namespace newsdex;

namespace {

using Strings = std::vector<std::string>;

using test::Parsed;

Parsed parse(std::string_view format, std::string_view text, std::string_view path = "input.txt") {
    return test::parse_with(format, text, path);
}

/// Read a fixture from tests/data/formats and decode it.
std::string fixture(const std::string& name) {
    return decode_to_utf8(test::read_file(std::string(TEST_DATA_DIR) + "/formats/" + name)).utf8;
}

std::string iso(const std::optional<Date>& d) { return d ? d->iso() : std::string("-"); }

}  // namespace

// ---------------------------------------------------------------------------------------------
// News plain text

TEST(NewsParser, FullArticleFixture) {
    const auto p = parse("news", fixture("news_basic.txt"), "news_basic.txt");
    ASSERT_EQ(p.docs.size(), 1u) << p.diag_text();
    EXPECT_TRUE(p.diags.empty()) << p.diag_text();
    const Document& d = p.docs[0];
    EXPECT_EQ(d.type, "news");
    EXPECT_EQ(d.path, "news_basic.txt");
    EXPECT_EQ(d.line, 0u);
    EXPECT_TRUE(d.id.empty()) << "plain text has no id: the indexer names it by path";
    EXPECT_EQ(d.title, "City council approves new harbor bridge after long debate");
    EXPECT_EQ(iso(d.date), "2016-03-03");
    EXPECT_EQ(iso(d.updated), "2016-03-04");
    EXPECT_EQ(d.authors, (Strings{"Jane Doe", "John Roe"}));
    EXPECT_EQ(d.source, "Example Press");  // the byline's source wins over the closing credit
    EXPECT_EQ(d.meta.at("dateline"), "PORTVILLE");
    EXPECT_EQ(d.body.rfind("PORTVILLE (Example Press)", 0), 0u) << d.body;
    EXPECT_NE(d.body.find("The Example Wire contributed to this report."), std::string::npos)
        << "the credit stays in the body";
    EXPECT_EQ(d.body.back(), '.') << "trailing blank lines trimmed";
}

TEST(NewsParser, HeaderVariants) {
    struct Case {
        std::string name, text;
        std::string date = "-", updated = "-";
        Strings authors{};
        std::string source{};
        std::string body_starts{};
        std::string dateline{};  ///< meta["dateline"], "" when absent
    };
    const std::vector<Case> cases{
        {"date only", "Headline\nMarch 3, 2016\n\nBody text.", "2016-03-03", "-", {}, "", "Body text."},
        {"published", "Headline\nPublished March 3, 2016\n\nBody text.", "2016-03-03", "-", {}, "", "Body text."},
        {"published colon, iso",
         "Headline\nPublished: 2016-03-03T10:00:00Z\nBody text.",
         "2016-03-03",
         "-",
         {},
         "",
         "Body text."},
        {"updated only",
         "Headline\nUpdated March 4, 2016\n\nBody text.",
         "2016-03-04",
         "2016-03-04",
         {},
         "",
         "Body text."},
        {"times and zones",
         "Headline\nMarch 3, 2016 10:30 a.m. EST | Updated: March 4, 2016 8:00 a.m.\n\nBody.",
         "2016-03-03",
         "2016-03-04",
         {},
         "",
         "Body."},
        {"date after blank line", "Headline\n\n3 March 2016\n\nBody text.", "2016-03-03", "-", {}, "", "Body text."},
        {"byline", "Headline\nBy Jane Doe\n\nBody text.", "-", "-", {"Jane Doe"}, "", "Body text."},
        {"byline upper case",
         "Headline\nBY JANE DOE AND JOHN ROE\n\nBody.",
         "-",
         "-",
         {"JANE DOE", "JOHN ROE"},
         "",
         "Body."},
        {"byline with source then date",
         "Headline\nBy Jane Doe, Example Press\nMarch 3, 2016\n\nBody.",
         "2016-03-03",
         "-",
         {"Jane Doe"},
         "Example Press",
         "Body."},
        {"byline with role", "Headline\nBy Jane Doe, staff writer\n\nBody.", "-", "-", {"Jane Doe"}, "", "Body."},
        {"byline with particle",
         "Headline\nBy Ana de la Cruz & John Roe\n\nBody.",
         "-",
         "-",
         {"Ana de la Cruz", "John Roe"},
         "",
         "Body."},
        {"byline agency only", "Headline\nBy The Example Press\n\nBody.", "-", "-", {}, "Example Press", "Body."},
        {"not a byline: sentence",
         "Headline\n\nBy the end of the year, prices rose.",
         "-",
         "-",
         {},
         "",
         "By the end of the year"},
        {"not a byline: weekday", "Headline\n\nBy Monday, the council had voted.", "-", "-", {}, "", "By Monday"},
        {"not a dateline: sentence",
         "Headline\n\nMarch 3, 2016 was a cold day in the harbor.",
         "-",
         "-",
         {},
         "",
         "March 3, 2016 was"},
        {"not a dateline: year in a sentence", "Headline\n\n2016 was a record year.", "-", "-", {}, "", "2016 was"},
        {"credit: dash", "Headline\n\nBody.\n\n-- Example Wire", "-", "-", {}, "Example Wire", "Body."},
        {"credit: em dash", "Headline\n\nBody.\n\n\xE2\x80\x94 Example Wire\n", "-", "-", {}, "Example Wire", "Body."},
        {"credit: contributed, of",
         "Headline\n\nBody.\n\nJane Doe of The Example Times contributed to this report.",
         "-",
         "-",
         {},
         "Example Times",
         "Body."},
        {"credit: contributed, agency",
         "Headline\n\nBody.\n\nReuters contributed to this report.",
         "-",
         "-",
         {},
         "Reuters",
         "Body."},
        {"credit: person only", "Headline\n\nBody.\n\nJane Doe contributed to this report.", "-", "-", {}, "", "Body."},
        {"credit: reporting by",
         "Headline\n\nBody.\n\n(Reporting by Jane Doe in Portville; Editing by John Roe)",
         "-",
         "-",
         {"Jane Doe"},
         "",
         "Body."},
        {"credit: reporting by, for",
         "Headline\n\nBody.\n\nReporting by Jane Doe for Example Wire.",
         "-",
         "-",
         {"Jane Doe"},
         "Example Wire",
         "Body."},
        {"credit: reporting by staff",
         "Headline\n\nBody.\n\nReporting by Example Wire staff",
         "-",
         "-",
         {},
         "Example Wire",
         "Body."},
        {"not a credit: bullet", "Headline\n\nBody.\n\n- prices rose again", "-", "-", {}, "", "Body."},
        {"not a wire dateline", "Headline\n\nNASA said on Monday - the launch slipped.", "-", "-", {}, "", "NASA said"},
        {"wire dateline names the source",
         "Headline\n\nPORTVILLE, Maine (Example Wire) -- The council voted.",
         "-",
         "-",
         {},
         "Example Wire",
         "PORTVILLE, Maine",
         "PORTVILLE, Maine"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE("case: " + c.name);
        const auto p = parse("news", c.text);
        ASSERT_EQ(p.docs.size(), 1u);
        EXPECT_TRUE(p.diags.empty()) << p.diag_text();
        const Document& d = p.docs[0];
        EXPECT_EQ(d.title, "Headline");
        EXPECT_EQ(iso(d.date), c.date);
        EXPECT_EQ(iso(d.updated), c.updated);
        EXPECT_EQ(d.authors, c.authors);
        EXPECT_EQ(d.source, c.source);
        EXPECT_EQ(d.body.rfind(c.body_starts, 0), 0u) << "body: " << d.body;
        EXPECT_EQ(d.meta.count("dateline") ? d.meta.at("dateline") : "", c.dateline);
    }
}

TEST(NewsParser, BbcLayoutAndLineEndings) {
    const auto plain = parse("news", fixture("news_plain.txt"));
    ASSERT_EQ(plain.docs.size(), 1u);
    EXPECT_EQ(plain.docs[0].title, "Local team wins regional cup");
    EXPECT_FALSE(plain.docs[0].date);
    EXPECT_TRUE(plain.docs[0].authors.empty());
    EXPECT_EQ(plain.docs[0].body.rfind("Portville Rovers won", 0), 0u);

    const auto crlf = parse("news", "\r\n  Headline  \r\n\r\nFirst line.\r\nSecond line.\r\n\r\n");
    ASSERT_EQ(crlf.docs.size(), 1u);
    EXPECT_EQ(crlf.docs[0].title, "Headline");
    EXPECT_EQ(crlf.docs[0].body, "First line.\nSecond line.");
}

TEST(NewsParser, OddEncodingsThroughTheDecoder) {
    const auto latin1 = parse("news", fixture("news_latin1.txt"));
    ASSERT_EQ(latin1.docs.size(), 1u);
    EXPECT_EQ(latin1.docs[0].title, "Caf\xC3\xA9 owners protest new terrace fee");
    EXPECT_EQ(iso(latin1.docs[0].date), "2015-05-12");
    EXPECT_NE(latin1.docs[0].body.find("\xC2\xA3"
                                       "250"),
              std::string::npos);

    const auto bom = parse("news", fixture("news_utf8_bom.txt"));
    ASSERT_EQ(bom.docs.size(), 1u);
    EXPECT_EQ(bom.docs[0].title, "Library extends opening hours");
    EXPECT_EQ(iso(bom.docs[0].date), "2017-09-14");
    EXPECT_EQ(bom.docs[0].authors, (Strings{"Mary Major"}));
    EXPECT_EQ(bom.docs[0].source, "Example Wire");

    // A BOM left in the text (caller did not decode) is skipped by the parser too.
    const auto raw_bom = parse("news", "\xEF\xBB\xBFHeadline\n\nBody.");
    ASSERT_EQ(raw_bom.docs.size(), 1u);
    EXPECT_EQ(raw_bom.docs[0].title, "Headline");
}

TEST(NewsParser, EmptyAndOddInputs) {
    for (const std::string text : {"", "   \n\n\t\n", "\xEF\xBB\xBF"}) {
        SCOPED_TRACE("text: '" + text + "'");
        const auto p = parse("news", text, "empty.txt");
        EXPECT_TRUE(p.docs.empty());
        EXPECT_EQ(p.count(Severity::warning), 1u);
        EXPECT_EQ(p.count(Severity::error), 0u);
    }
    // Only a headline.
    const auto only = parse("news", "Just a headline");
    ASSERT_EQ(only.docs.size(), 1u);
    EXPECT_EQ(only.docs[0].title, "Just a headline");
    EXPECT_TRUE(only.docs[0].body.empty());

    // A first line too long for a headline: cut title, the line stays in the body.
    std::string para;
    while (para.size() < 600) para += "word after word after word ";
    const auto longp = parse("news", para + "\n\nMore.");
    ASSERT_EQ(longp.docs.size(), 1u);
    EXPECT_LE(longp.docs[0].title.size(), 210u);
    EXPECT_EQ(longp.docs[0].title.rfind("word after", 0), 0u);
    EXPECT_EQ(longp.docs[0].body.rfind("word after", 0), 0u);
}

// ---------------------------------------------------------------------------------------------
// Memo plain text

TEST(MemoParser, FullMemoFixture) {
    const auto p = parse("memo", fixture("memo_basic.txt"), "memo_basic.txt");
    ASSERT_EQ(p.docs.size(), 1u);
    EXPECT_TRUE(p.diags.empty()) << p.diag_text();
    const Document& d = p.docs[0];
    EXPECT_EQ(d.type, "memo");
    EXPECT_EQ(d.path, "memo_basic.txt");
    EXPECT_EQ(d.to, (Strings{"All Staff", "Walsh, Theresa"}));
    EXPECT_EQ(d.from, (Strings{"Jane Doe"}));
    EXPECT_EQ(d.cc, (Strings{"John Roe", "Mary Major", "Pat Lee"}));
    EXPECT_EQ(iso(d.date), "2016-03-03");
    EXPECT_EQ(d.subject, "Parking changes in the north garage");
    EXPECT_EQ(d.title, d.subject);
    EXPECT_TRUE(d.authors.empty()) << "memo FROM goes to `from`, not authors";
    EXPECT_EQ(d.body.rfind("Starting Monday", 0), 0u) << d.body;
    EXPECT_EQ(d.body.back(), '.');
}

TEST(MemoParser, Utf16MemoFixture) {
    const auto p = parse("memo", fixture("memo_utf16le_bom.txt"));
    ASSERT_EQ(p.docs.size(), 1u);
    EXPECT_TRUE(p.diags.empty()) << p.diag_text();
    const Document& d = p.docs[0];
    EXPECT_EQ(d.to, (Strings{"R\xC3\xA9mi Fontaine"}));
    EXPECT_EQ(d.from, (Strings{"Accounting Team"}));
    EXPECT_EQ(d.subject, "Travel expenses \xE2\x80\x94 Q1");
    EXPECT_EQ(iso(d.date), "2016-04-01");
    EXPECT_EQ(d.body.rfind("All travel expense", 0), 0u);
}

TEST(MemoParser, HeaderVariants) {
    struct Case {
        std::string name, text;
        Strings to, from, cc;
        std::string subject, date, body;
    };
    const std::vector<Case> cases{
        {"any order, any case",
         "subject: Budget\nDate: 3 March 2016\nfrom: Jane Doe\nTo: John Roe\n\nBody.",
         {"John Roe"},
         {"Jane Doe"},
         {},
         "Budget",
         "2016-03-03",
         "Body."},
        {"RE as subject", "MEMO\nTO: A Person\nRE: Lunch\n\nBody.", {"A Person"}, {}, {}, "Lunch", "-", "Body."},
        {"blank lines between keys",
         "MEMORANDUM\n\nTO: Jane Doe\n\nFROM: John Roe\n\nSUBJECT: Plans\n\nBody here.",
         {"Jane Doe"},
         {"John Roe"},
         {},
         "Plans",
         "-",
         "Body here."},
        {"continuation without indent",
         "TO: Jane Doe\nJohn Roe\nFROM: Mary Major\n\nBody.",
         {"Jane Doe", "John Roe"},
         {"Mary Major"},
         {},
         "",
         "-",
         "Body."},
        {"indented header",
         "   MEMORANDUM\n   TO:   Jane Doe\n   FROM: John Roe\n\nBody.",
         {"Jane Doe"},
         {"John Roe"},
         {},
         "",
         "-",
         "Body."},
        {"commas and and",
         "TO: Jane Doe, John Roe and Mary Major\nFROM: Pat Lee\n\nBody.",
         {"Jane Doe", "John Roe", "Mary Major"},
         {"Pat Lee"},
         {},
         "",
         "-",
         "Body."},
        {"last, first alone",
         "TO: Walsh, Theresa\nFROM: Doe, Jane\n\nBody.",
         {"Walsh, Theresa"},
         {"Doe, Jane"},
         {},
         "",
         "-",
         "Body."},
        {"semicolons keep last, first",
         "TO: Walsh, Theresa; Doe, Jane; Roe, John\nFROM: X Y\n\nBody.",
         {"Walsh, Theresa", "Doe, Jane", "Roe, John"},
         {"X Y"},
         {},
         "",
         "-",
         "Body."},
        {"from with role",
         "FROM: Jane Doe, Vice President, Sales\nTO: Board of Directors\n\nBody.",
         {"Board of Directors"},
         {"Jane Doe"},
         {},
         "",
         "-",
         "Body."},
        {"cc and copies",
         "TO: A B\nCC: C D & E F\nFROM: G H\n\nBody.",
         {"A B"},
         {"G H"},
         {"C D", "E F"},
         "",
         "-",
         "Body."},
        {"rule line ends the header",
         "TO: A B\nFROM: C D\n_____\nBody right after.",
         {"A B"},
         {"C D"},
         {},
         "",
         "-",
         "Body right after."},
        {"titles and organizations after commas",
         "TO: Board of Directors, Example Systems Inc.\nFROM: Nathan Reyes, CEO\n"
         "CC: Priya Natarajan, Portville Water Authority; Marcus Bell, Regional Director, Great Lakes Region\n\nBody.",
         {"Board of Directors"},
         {"Nathan Reyes"},
         {"Priya Natarajan", "Marcus Bell"},
         "",
         "-",
         "Body."},
        {"and inside a group name",
         "To: All employees and contractors\nFrom: Olivia Marsh\n\nBody.",
         {"All employees and contractors"},
         {"Olivia Marsh"},
         {},
         "",
         "-",
         "Body."},
        {"long list continued",
         "TO: Council President Ana Lima; Councilmembers Derek Haines, Tanya Friedrich,\n"
         "    Luis Ortega and Grace Liu\nFROM: Sam Otieno\n\nBody.",
         {"Council President Ana Lima", "Councilmembers Derek Haines", "Tanya Friedrich", "Luis Ortega", "Grace Liu"},
         {"Sam Otieno"},
         {},
         "",
         "-",
         "Body."},
        {"crlf",
         "MEMO\r\nTO: A B\r\nFROM: C D\r\nSUBJECT: Crlf\r\n\r\nBody.\r\n",
         {"A B"},
         {"C D"},
         {},
         "Crlf",
         "-",
         "Body."},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE("case: " + c.name);
        const auto p = parse("memo", c.text);
        ASSERT_EQ(p.docs.size(), 1u);
        EXPECT_TRUE(p.diags.empty()) << p.diag_text();
        const Document& d = p.docs[0];
        EXPECT_EQ(d.to, c.to);
        EXPECT_EQ(d.from, c.from);
        EXPECT_EQ(d.cc, c.cc);
        EXPECT_EQ(d.subject, c.subject);
        EXPECT_EQ(d.title, c.subject);
        EXPECT_EQ(iso(d.date), c.date);
        EXPECT_EQ(d.body, c.body);
    }
}

TEST(MemoParser, SubjectWinsOverReAndExtrasGoToMeta) {
    const auto p = parse("memo",
                         "ACME Facilities\nMEMORANDUM\nRE: Old thread\nSUBJECT: New subject\nTO: A B\n"
                         "Classification: Internal\n\nBody.");
    ASSERT_EQ(p.docs.size(), 1u);
    const Document& d = p.docs[0];
    EXPECT_EQ(d.subject, "New subject");
    EXPECT_EQ(d.title, "New subject");
    EXPECT_EQ(d.meta.at("re"), "Old thread");
    EXPECT_EQ(d.meta.at("classification"), "Internal");
    EXPECT_EQ(d.meta.at("heading"), "ACME Facilities");
}

TEST(MemoParser, BadDateIsAWarningWithItsLine) {
    const auto p = parse("memo", "MEMO\nTO: A B\nDATE: the day after tomorrow\nSUBJECT: S\n\nBody.", "m.txt");
    ASSERT_EQ(p.docs.size(), 1u) << "the memo is still produced";
    EXPECT_FALSE(p.docs[0].date);
    EXPECT_EQ(p.docs[0].meta.at("date"), "the day after tomorrow");
    ASSERT_EQ(p.diags.size(), 1u);
    EXPECT_EQ(p.diags[0].severity, Severity::warning);
    EXPECT_EQ(p.diags[0].line, 3u);
    EXPECT_EQ(p.diags[0].path, "m.txt");
}

TEST(MemoParser, NoHeaderIsAWarningAndTheTextIsTheBody) {
    const auto p = parse("memo", "A note\n\nJust some text.");
    ASSERT_EQ(p.docs.size(), 1u);
    EXPECT_EQ(p.count(Severity::warning), 1u);
    EXPECT_EQ(p.docs[0].title, "A note");
    EXPECT_EQ(p.docs[0].body, "Just some text.");

    const auto empty = parse("memo", "\n\n");
    EXPECT_TRUE(empty.docs.empty());
    EXPECT_EQ(empty.count(Severity::warning), 1u);
}

// ---------------------------------------------------------------------------------------------
// JSON Lines

TEST(JsonlParser, FixtureWithBrokenLines) {
    const auto p = parse("jsonl", fixture("records.jsonl"), "records.jsonl");
    ASSERT_EQ(p.docs.size(), 4u) << p.diag_text();
    ASSERT_EQ(p.count(Severity::error), 2u) << p.diag_text();
    EXPECT_EQ(p.count(Severity::warning), 1u) << p.diag_text();
    std::vector<std::size_t> error_lines;
    for (const auto& d : p.diags) {
        EXPECT_EQ(d.path, "records.jsonl");
        if (d.severity == Severity::error) {
            error_lines.push_back(d.line);
            EXPECT_EQ(d.message.rfind("invalid JSON: ", 0), 0u) << d.message;
        } else {
            EXPECT_EQ(d.line, 7u);
        }
    }
    EXPECT_EQ(error_lines, (std::vector<std::size_t>{4, 5}));

    for (const auto& d : p.docs) EXPECT_EQ(d.path, "records.jsonl");
    const Document& r1 = p.docs[0];
    EXPECT_EQ(r1.line, 1u);
    EXPECT_EQ(r1.id, "rec-1");
    EXPECT_EQ(r1.type, "record");
    EXPECT_EQ(r1.title, "Grain exports rise");
    EXPECT_EQ(iso(r1.date), "1987-02-26");
    EXPECT_EQ(r1.body, "Grain exports rose 4 pct in January.");
    EXPECT_EQ(r1.meta.at("dateline"), "PORTVILLE, Feb 26 -");
    EXPECT_EQ(r1.tags.at("places"), (Strings{"usa", "canada"}));
    EXPECT_EQ(r1.tags.at("topics"), (Strings{"grain"}));
    EXPECT_EQ(r1.tags.count("people"), 0u) << "empty lists are dropped";

    const Document& r2 = p.docs[1];
    EXPECT_EQ(r2.line, 3u) << "blank line 2 skipped but counted";
    EXPECT_EQ(r2.id, "2");
    EXPECT_FALSE(r2.date) << "null date";
    EXPECT_EQ(r2.authors, (Strings{"Jane Doe"}));
    EXPECT_EQ(r2.body, "Coffee talks resumed in London.");
    EXPECT_EQ(r2.meta.at("priority"), "3");
    EXPECT_EQ(r2.meta.at("verified"), "true");
    EXPECT_EQ(r2.meta.at("ratio"), "0.5");

    const Document& r5 = p.docs[2];
    EXPECT_EQ(r5.line, 6u);
    EXPECT_EQ(r5.type, "press-release");
    EXPECT_EQ(r5.authors, (Strings{"Jane Doe", "John Roe"}));
    EXPECT_EQ(r5.source, "Example Wire");
    EXPECT_EQ(r5.url, "https://example.com/r5");
    EXPECT_EQ(r5.body, "Results were good.");
    EXPECT_EQ(iso(r5.date), "2016-03-03");
    EXPECT_EQ(r5.meta.count("extra"), 0u) << "nested objects are ignored";

    const Document& r6 = p.docs[3];
    EXPECT_EQ(r6.line, 7u);
    EXPECT_FALSE(r6.date);
    EXPECT_EQ(r6.meta.at("date"), "sometime soon");
}

TEST(JsonlParser, BadLines) {
    struct Case {
        std::string name, line;
    };
    const std::vector<Case> cases{
        {"truncated object", R"({"id": "a", "title": "x")"},
        {"not json", "hello world"},
        {"trailing garbage", R"({"id": "a"} x)"},
        {"two objects", R"({"id": "a"}{"id": "b"})"},
        {"array", R"([1, 2])"},
        {"string", R"("just a string")"},
        {"number", "42"},
        {"null", "null"},
        {"single quotes", "{'id': 'a'}"},
        {"trailing comma", R"({"id": "a",})"},
        {"invalid utf-8", "{\"id\": \"a\xFF\"}"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE("case: " + c.name);
        const auto p = parse("jsonl", "{\"id\": \"ok-1\"}\n" + c.line + "\n{\"id\": \"ok-3\"}\n", "bad.jsonl");
        ASSERT_EQ(p.docs.size(), 2u);
        EXPECT_EQ(p.docs[0].id, "ok-1");
        EXPECT_EQ(p.docs[1].id, "ok-3");
        EXPECT_EQ(p.docs[1].line, 3u);
        ASSERT_EQ(p.diags.size(), 1u);
        EXPECT_EQ(p.diags[0].severity, Severity::error);
        EXPECT_EQ(p.diags[0].line, 2u);
        EXPECT_EQ(p.diags[0].message.rfind("invalid JSON: ", 0), 0u) << p.diags[0].message;
    }
}

TEST(JsonlParser, LineEndingsBomAndLastLine) {
    // CRLF, a BOM, no newline at the end, a short last line (parsed from a padded copy).
    const auto p = parse("jsonl", "\xEF\xBB\xBF{\"id\":\"a\"}\r\n\r\n{\"id\":\"b\"}\r\n{\"id\":1}");
    ASSERT_EQ(p.docs.size(), 3u) << p.diag_text();
    EXPECT_TRUE(p.diags.empty()) << p.diag_text();
    EXPECT_EQ(p.docs[0].id, "a");
    EXPECT_EQ(p.docs[1].id, "b");
    EXPECT_EQ(p.docs[1].line, 3u);
    EXPECT_EQ(p.docs[2].id, "1");
    EXPECT_EQ(p.docs[2].line, 4u);

    EXPECT_TRUE(parse("jsonl", "").docs.empty());
    EXPECT_TRUE(parse("jsonl", "\n\n  \n").diags.empty());
}

TEST(JsonlParser, FieldMapping) {
    const auto p = parse("jsonl",
                         R"({"id": 12.5, "headline": "H", "author": ["A B", "", "C D"], "text": "T", "body": "B",)"
                         R"( "content": "C", "from": "x@example.com", "to": ["y@example.com"], "cc": null,)"
                         R"( "codes": [1, "two", null, {"x": 1}], "empty": "", "flag": false, "type": 5,)"
                         R"( "updated": "2016-03-04", "esc": "line\nbreak \u00e9"})");
    ASSERT_EQ(p.docs.size(), 1u) << p.diag_text();
    const Document& d = p.docs[0];
    EXPECT_EQ(d.id, "12.5");
    EXPECT_EQ(d.title, "H");
    EXPECT_EQ(d.authors, (Strings{"A B", "C D"}));
    EXPECT_EQ(d.body, "B") << "body wins over text and content";
    EXPECT_EQ(d.meta.at("text"), "T");
    EXPECT_EQ(d.meta.at("content"), "C");
    EXPECT_EQ(d.from, (Strings{"x@example.com"}));
    EXPECT_EQ(d.to, (Strings{"y@example.com"}));
    EXPECT_TRUE(d.cc.empty());
    EXPECT_EQ(d.tags.at("codes"), (Strings{"1", "two"}));
    EXPECT_EQ(d.meta.count("empty"), 0u);
    EXPECT_EQ(d.meta.at("flag"), "false");
    EXPECT_EQ(d.type, "record") << "a non-string type is ignored";
    EXPECT_EQ(iso(d.updated), "2016-03-04");
    EXPECT_EQ(d.meta.at("esc"), "line\nbreak \xC3\xA9");
}

TEST(JsonlParser, ManyLines) {
    std::string text;
    for (int i = 1; i <= 5000; ++i)
        text += R"({"id": "r)" + std::to_string(i) + R"(", "title": "Record )" + std::to_string(i) +
            R"(", "topics": ["a", "b"], "body": ")" + std::string(static_cast<std::size_t>(i % 97), 'x') + "\"}\n";
    const auto p = parse("jsonl", text, "many.jsonl");
    ASSERT_EQ(p.docs.size(), 5000u);
    EXPECT_TRUE(p.diags.empty());
    for (std::size_t i = 0; i < p.docs.size(); ++i) {
        ASSERT_EQ(p.docs[i].line, i + 1);
        ASSERT_EQ(p.docs[i].id, "r" + std::to_string(i + 1));
    }
}

// ---------------------------------------------------------------------------------------------
// The project's own sample corpus (corpus/: 22 news, 10 memos, 10 JSON Lines records)

TEST(ProjectCorpus, EveryDocumentParsesCleanly) {
    namespace fs = std::filesystem;
    const fs::path root = CORPUS_DIR;
    if (!fs::exists(root / "news")) GTEST_SKIP() << "corpus/ is missing";
    const auto parser = make_parser("auto");
    DiagnosticSink sink;
    std::map<std::string, std::size_t> types;
    std::size_t latin1 = 0;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        if (!e.is_regular_file() || e.path().filename() == "README.md") continue;
        SCOPED_TRACE(e.path().string());
        const DecodedText text = decode_to_utf8(test::read_file(e.path()));
        EXPECT_EQ(text.replaced, 0u);
        latin1 += text.charset == "windows-1252";
        parser->parse(e.path().string(), text.utf8, sink, [&](Document&& d) {
            ++types[d.type];
            EXPECT_FALSE(d.title.empty());
            EXPECT_FALSE(d.body.empty());
            if (d.type == "memo") {
                EXPECT_FALSE(d.from.empty());
                EXPECT_FALSE(d.to.empty());
                EXPECT_TRUE(d.date.has_value());
                EXPECT_EQ(d.title, d.subject);
            }
            if (d.type == "record") {
                EXPECT_FALSE(d.id.empty());
                EXPECT_TRUE(d.date.has_value());
                EXPECT_FALSE(d.authors.empty());
            }
        });
    }
    EXPECT_EQ(sink.errors() + sink.warnings(), 0u);
    EXPECT_EQ(types["news"], 22u);
    EXPECT_EQ(types["memo"], 10u);
    EXPECT_EQ(types["record"], 10u);
    EXPECT_EQ(latin1, 1u) << "news/zurich-researcher-breach.txt is Latin-1";
}

// ---------------------------------------------------------------------------------------------
// Registry and detection

TEST(ParserRegistry, NamesAndFactory) {
    const auto names = format_names();
    const Strings got(names.begin(), names.end());
    EXPECT_EQ(got, (Strings{"auto", "news", "memo", "jsonl", "email", "trec", "reuters", "html"}));
    for (const auto n : names) {
        SCOPED_TRACE(std::string(n));
        const auto parser = make_parser(n);
        ASSERT_TRUE(parser);
        EXPECT_EQ(parser->name(), n);
    }
    EXPECT_EQ(make_parser("JSONL")->name(), "jsonl");
    EXPECT_THROW((void)make_parser("xml"), UsageError);
    EXPECT_THROW((void)make_parser(""), UsageError);
}

TEST(ParserRegistry, AutoDetectsPerInput) {
    const auto memo = parse("auto", fixture("memo_basic.txt"), "memo_basic.txt");
    ASSERT_EQ(memo.docs.size(), 1u);
    EXPECT_EQ(memo.docs[0].type, "memo");
    const auto news = parse("auto", fixture("news_basic.txt"), "news_basic.txt");
    ASSERT_EQ(news.docs.size(), 1u);
    EXPECT_EQ(news.docs[0].type, "news");
    const auto records = parse("auto", fixture("records.jsonl"), "records.jsonl");
    EXPECT_EQ(records.docs.size(), 4u);
}

TEST(DetectFormat, Table) {
    struct Case {
        std::string path, head, expected;
    };
    const std::vector<Case> cases{
        {"a.jsonl", R"({"id": 1})", "jsonl"},
        {"a.JSONL", "", "jsonl"},
        {"dir.v2/a.ndjson", "\n\n{\"id\": 1}", "jsonl"},
        {"a.json", "  {\"id\": 1}\n{\"id\": 2}", "jsonl"},
        {"a.json", "[{\"id\": 1}]", "news"},
        {"records.txt", "{\"id\": 1, \"title\": \"x\"}\n", "jsonl"},
        {"records.txt", "\xEF\xBB\xBF{\"id\": 1}\n", "jsonl"},
        {"memo.txt", "MEMORANDUM\n\nTO: All\n\nBody", "memo"},
        {"memo.txt", "Interoffice Memo\nTo: All\n", "memo"},
        {"x.txt", "TO: Jane Doe\nFROM: John Roe\n\nBody.", "memo"},
        {"x.txt", "\n\nsubject: Budget\ndate: March 3, 2016\n\nBody.", "memo"},
        {"x.txt", "ACME Corp\nTO: Jane Doe\n    Pat Lee\nRE: Budget\n\nBody.", "memo"},
        {"x.txt", "Headline\n\nBody text.\n", "news"},
        {"x.txt", "Headline\nMarch 3, 2016\nBy Jane Doe\n\nBody text.\n", "news"},
        {"x.txt", "Re: one key only\n\nBody text.", "news"},
        {"x.txt", "Headline\n\nThe memo was sent TO: staff.\nFROM: nobody\n", "news"},
        {"x.txt", "ACME Corp\n\nMEMORANDUM\nTO: x\n", "memo"},
        {"x.txt", "Headline\n\nA paragraph about a memo.\n\nMEMORANDUM\nTO: x\nFROM: y", "news"},
        {"x.txt", "", "news"},
        {"x.txt", "{ not json at all", "news"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE("path: " + c.path + " head: '" + c.head + "'");
        EXPECT_EQ(detect_format(c.path, c.head), c.expected);
    }
}

namespace {
TEST(InputFileName, TextExtensionsAndBareNamesAreInputOthersNot) {
    for (const char* yes :
         {"a.txt", "A.TXT", "wire.jsonl", "x.ndjson",      "x.json",   "notes.text", "1.",    "1",
          "mbox",  "a.eml", "b.mbox",     "reut2-000.sgm", "x.SGML",   "page.html",  "p.htm", "archive.tar.gz",
          "a.tgz", "a.zip", "a.tar",      "x.jsonl.gz",    "a.tar.xz", "a.tar.bz2"})
        EXPECT_TRUE(newsdex::is_input_file_name(yes)) << yes;
    for (const char* no : {"README.md", "photo.jpg", "report.pdf", "lewis.dtd", "style.css", "x.xml"})
        EXPECT_FALSE(newsdex::is_input_file_name(no)) << no;
}
}  // namespace
