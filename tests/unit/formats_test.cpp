/** @file
 * @brief Unit tests of the e-mail (GMime), TREC SGML, Reuters-21578 SGML and HTML (gumbo) parsers, the
 *        archive reader (libarchive), and their detection. Fixtures: tests/data/formats (README.md there).
 */
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <newsdex/ingest/encoding.hpp>
#include <newsdex/entities/people.hpp>
#include <newsdex/core/error.hpp>
#include <newsdex/ingest/parser.hpp>

#include "test_support.hpp"

using namespace newsdex;

namespace {

using Strings = std::vector<std::string>;

using test::Parsed;

Parsed parse(std::string_view format, std::string_view text, std::string_view path = "input") {
    return test::parse_with(format, text, path);
}

std::string fixture_path(const std::string& name) { return std::string(TEST_DATA_DIR) + "/formats/" + name; }
std::string raw_fixture(const std::string& name) { return test::read_file(fixture_path(name)); }
std::string fixture(const std::string& name) { return decode_to_utf8(raw_fixture(name)).utf8; }

/// Parse a fixture as the indexer would: decode, detect by name and content, parse.
Parsed parse_fixture(const std::string& name, std::string* format_out = nullptr) {
    const std::string text = fixture(name);
    const std::string format(detect_format(name, std::string_view(text).substr(0, 4096)));
    if (format_out) *format_out = format;
    return parse(format, text, name);
}

std::string iso(const std::optional<Date>& d) { return d ? d->iso() : std::string("-"); }

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

Strings tag(const Document& d, const std::string& key) {
    const auto it = d.tags.find(key);
    return it == d.tags.end() ? Strings{} : it->second;
}

std::string meta(const Document& d, const std::string& key) {
    const auto it = d.meta.find(key);
    return it == d.meta.end() ? std::string("<none>") : it->second;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// E-mail

TEST(EmailParser, PlainMessageWithEncodedHeadersAndQuotedPrintable) {
    std::string format;
    const auto p = parse_fixture("email_plain.eml", &format);
    EXPECT_EQ(format, "email");
    ASSERT_EQ(p.docs.size(), 1u) << p.diag_text();
    EXPECT_EQ(p.diags.size(), 0u) << p.diag_text();
    const Document& d = p.docs[0];
    EXPECT_EQ(d.type, "email");
    EXPECT_EQ(d.id, "20160303.1234@mail.lanesford.example");
    EXPECT_EQ(d.line, 0u);
    EXPECT_EQ(d.path, "email_plain.eml");
    EXPECT_EQ(d.title, "Café budget review – moved");
    EXPECT_EQ(d.subject, d.title);
    EXPECT_EQ(iso(d.date), "2016-03-03");
    EXPECT_EQ(d.from, (Strings{"Renée Fournier <renee.fournier@lanesford.example>"}));
    EXPECT_EQ(
        d.to,
        (Strings{"Okafor, Daniel <daniel.okafor@lanesford.example>", "Theo Brandt <theo.brandt@lanesford.example>"}));
    EXPECT_EQ(d.cc, (Strings{"Hannah Walsh <hannah.walsh@lanesford.example>"}));
    EXPECT_TRUE(d.body.starts_with("Bonjour Théo,\n\nThe Lanesford café budget review")) << d.body;
    EXPECT_TRUE(d.body.ends_with("Renée")) << d.body;
    EXPECT_EQ(tag(d, "references"),
              (Strings{"20160229.0007@mail.lanesford.example", "20160301.0042@mail.lanesford.example"}));
    EXPECT_EQ(meta(d, "in-reply-to"), "20160301.0042@mail.lanesford.example");
    EXPECT_TRUE(tag(d, "attachments").empty());
}

TEST(EmailParser, MultipartKeepsTextPartsAndNamesAttachments) {
    const auto p = parse_fixture("email_multipart.eml");
    ASSERT_EQ(p.docs.size(), 1u) << p.diag_text();
    EXPECT_EQ(p.diags.size(), 0u) << p.diag_text();
    const Document& d = p.docs[0];
    EXPECT_EQ(d.id, "archive-move-2017@meridian.example");
    EXPECT_EQ(iso(d.date), "2017-08-08");
    EXPECT_EQ(d.to, (Strings{"staff@meridian.example"}));
    // The text/plain alternative (base64, windows-1252: the en dash converted), not the HTML one.
    EXPECT_TRUE(contains(d.body, "The Meridian Wire archive move is done – all 2017 stories are searchable."))
        << d.body;
    EXPECT_FALSE(contains(d.body, "<b>"));
    EXPECT_FALSE(contains(d.body, "color:red"));
    // The forwarded message's text, but not the attachment's bytes nor the MIME preamble.
    EXPECT_TRUE(contains(d.body, "The old archive server in Dayton will be switched off on August 31.")) << d.body;
    EXPECT_FALSE(contains(d.body, "quokka"));
    EXPECT_FALSE(contains(d.body, "multi-part message in MIME format"));
    EXPECT_EQ(tag(d, "attachments"), (Strings{"migration-report.pdf"}));
}

TEST(EmailParser, HtmlOnlyBodyIsConvertedToText) {
    const auto p = parse_fixture("email_html_only.eml");
    ASSERT_EQ(p.docs.size(), 1u) << p.diag_text();
    const Document& d = p.docs[0];
    EXPECT_EQ(d.body, "Security update\n\nBrightwell Systems rotated all customer keys.");
    EXPECT_EQ(iso(d.date), "2017-11-14");  // no weekday in the Date header
    EXPECT_EQ(d.from, (Strings{"Brightwell Systems <news@brightwell.example>"}));
}

TEST(EmailParser, EightBitLatin1MessageThroughTheDecoder) {
    const DecodedText text = decode_to_utf8(raw_fixture("email_8bit_latin1.eml"));
    EXPECT_EQ(text.charset, "windows-1252");
    const auto p = parse("email", text.utf8, "email_8bit_latin1.eml");
    ASSERT_EQ(p.docs.size(), 1u) << p.diag_text();
    const Document& d = p.docs[0];
    EXPECT_EQ(d.from, (Strings{"José Benítez <jose.benitez@harbor.example>"}));
    EXPECT_EQ(d.title, "Señales del puerto");
    EXPECT_EQ(d.body, "La señal del muelle norte funciona otra vez. Café a las diez.");
}

TEST(EmailParser, CmuEnronStyleDisplayNamesAndPersonEntities) {
    std::string format;
    const auto p = parse_fixture("email_cmu_style", &format);
    EXPECT_EQ(format, "email");  // no extension: detected by its headers
    ASSERT_EQ(p.docs.size(), 1u) << p.diag_text();
    EXPECT_EQ(p.diags.size(), 0u) << p.diag_text();
    const Document& d = p.docs[0];
    EXPECT_EQ(d.id, "11223344.1075800000000.JavaMail.evans@thyme");
    EXPECT_EQ(iso(d.date), "2001-05-14");
    EXPECT_EQ(d.from, (Strings{"Bell, Marcus <marcus.bell@lanesford.example>"}));
    EXPECT_EQ(d.to,
              (Strings{"Walsh, Theresa <theresa.walsh@lanesford.example>", "Pat Quinn <pat.quinn@lanesford.example>"}));
    EXPECT_EQ(d.cc, (Strings{"Whitcomb, Dana <dana.whitcomb@lanesford.example>"}));
    EXPECT_EQ(meta(d, "bcc"), "dana.whitcomb@lanesford.example");
    EXPECT_EQ(meta(d, "x-origin"), "Bell-M");
    EXPECT_TRUE(d.body.starts_with("Theresa,\n\nThe Ohio pipeline")) << d.body;
    // The entity extractor's header step (as for memos) makes them person entities.
    Strings people;
    for (const auto& e : header_entities(d))
        if (e.type == EntityType::person) people.push_back(e.canonical);
    std::sort(people.begin(), people.end());
    EXPECT_EQ(people, (Strings{"Dana Whitcomb", "Marcus Bell", "Pat Quinn", "Theresa Walsh"}));
}

TEST(EmailParser, MboxMessagesWithLinesAndABrokenOne) {
    std::string format;
    const auto p = parse_fixture("mailbox.mbox", &format);
    EXPECT_EQ(format, "email");
    ASSERT_EQ(p.docs.size(), 3u) << p.diag_text();
    EXPECT_EQ(p.docs[0].id, "mbox-1@lanesford.example");
    EXPECT_EQ(p.docs[0].line, 1u);
    EXPECT_EQ(p.docs[0].title, "First message");
    EXPECT_TRUE(contains(p.docs[0].body, "The water advisory for Lanesford ends Friday.")) << p.docs[0].body;
    EXPECT_EQ(p.docs[1].id, "mbox-2@lanesford.example");
    EXPECT_EQ(p.docs[1].line, 11u);
    EXPECT_EQ(tag(p.docs[1], "references"), (Strings{"mbox-1@lanesford.example"}));
    EXPECT_EQ(p.docs[1].body, "Thanks, noted.");
    EXPECT_EQ(p.docs[2].id, "mbox-4@lanesford.example");
    EXPECT_EQ(p.docs[2].line, 26u);
    EXPECT_TRUE(contains(p.docs[2].body, "The runway report is in the shared folder.")) << p.docs[2].body;
    // The header-less third message is an error at its "From " line; the multipart without a
    // boundary a warning at the fourth.
    ASSERT_EQ(p.count(Severity::error), 1u) << p.diag_text();
    EXPECT_TRUE(contains(p.diag_text(), "mailbox.mbox:22: error: no e-mail header found")) << p.diag_text();
    ASSERT_EQ(p.count(Severity::warning), 1u) << p.diag_text();
    EXPECT_TRUE(contains(p.diag_text(), "mailbox.mbox:33: warning:")) << p.diag_text();
    EXPECT_TRUE(contains(p.diag_text(), "multipart without a boundary")) << p.diag_text();
}

TEST(EmailParser, OddInputs) {
    {
        const auto p = parse("email", "", "empty.eml");
        EXPECT_TRUE(p.docs.empty());
        EXPECT_EQ(p.count(Severity::warning), 1u) << p.diag_text();
    }
    {
        // Not a message at all, forced with --format email.
        const auto p = parse("email", "Just a line of text.\nAnd another.\n", "text.eml");
        EXPECT_TRUE(p.docs.empty());
        EXPECT_EQ(p.count(Severity::error), 1u) << p.diag_text();
    }
    {
        // No Message-ID (the indexer gives the path id), folded subject, an unreadable date, raw UTF-8.
        const auto p = parse(
            "email", "From: Zoë Lund <zoe@example.org>\nSubject: Über die\n Brücke\nDate: someday soon\n\nText.\n",
            "x.eml");
        ASSERT_EQ(p.docs.size(), 1u) << p.diag_text();
        EXPECT_EQ(p.docs[0].id, "");
        EXPECT_EQ(p.docs[0].title, "Über die Brücke");
        EXPECT_EQ(p.docs[0].from, (Strings{"Zoë Lund <zoe@example.org>"}));
        EXPECT_FALSE(p.docs[0].date);
        EXPECT_EQ(meta(p.docs[0], "date"), "someday soon");
        EXPECT_EQ(p.count(Severity::warning), 1u) << p.diag_text();
        EXPECT_TRUE(contains(p.diag_text(), "x.eml:1: warning: unrecognized date 'someday soon'")) << p.diag_text();
    }
    {
        // CRLF line ends; an mbox after blank lines keeps its line numbers.
        const auto crlf =
            parse("email",
                  "From: a@example.org\r\nSubject: Windows mail\r\nMessage-ID: <w@x>\r\n\r\nLine one\r\nLine two\r\n");
        ASSERT_EQ(crlf.docs.size(), 1u) << crlf.diag_text();
        EXPECT_EQ(crlf.docs[0].title, "Windows mail");
        EXPECT_EQ(crlf.docs[0].body, "Line one\nLine two");
        const auto mbox = parse("email",
                                "\n\nFrom a@b Thu Mar  3 09:15:00 2016\nMessage-ID: <m1@x>\nSubject: one\n\nx\n\n"
                                "From a@b Thu Mar  3 09:16:00 2016\nMessage-ID: <m2@x>\nSubject: two\n\ny\n");
        ASSERT_EQ(mbox.docs.size(), 2u) << mbox.diag_text();
        EXPECT_EQ(mbox.docs[0].line, 3u);
        EXPECT_EQ(mbox.docs[1].line, 9u);
        EXPECT_EQ(mbox.docs[1].title, "two");
    }
    {
        // A bogus year (the Enron corpus has `0001`): kept as text with a note, no date.
        const auto p = parse("email", "From: a@example.org\nDate: Mon, 1 Jan 0001 00:00:00 +0000\nSubject: s\n\nx\n");
        ASSERT_EQ(p.docs.size(), 1u);
        EXPECT_FALSE(p.docs[0].date);
        EXPECT_EQ(p.count(Severity::note), 1u) << p.diag_text();
    }
    {
        // An RFC 2047 encoded-word display name with underscores, a group, and Newsgroups.
        const auto p = parse("email",
                             "From: =?utf-8?q?Ana=C3=AFs_Roe?= <anais@example.org>\n"
                             "To: Team: Pat Lee <pat@example.org>, lin@example.org;\n"
                             "Newsgroups: sci.space, rec.autos\nSubject: hi\n\nbody\n");
        ASSERT_EQ(p.docs.size(), 1u) << p.diag_text();
        EXPECT_EQ(p.docs[0].from, (Strings{"Anaïs Roe <anais@example.org>"}));
        EXPECT_EQ(p.docs[0].to, (Strings{"Pat Lee <pat@example.org>", "lin@example.org"}));
        EXPECT_EQ(tag(p.docs[0], "newsgroups"), (Strings{"sci.space", "rec.autos"}));
    }
}

// ---------------------------------------------------------------------------------------------
// TREC SGML

TEST(TrecParser, FixtureWithBrokenRecords) {
    std::string format;
    const auto p = parse_fixture("trec.sgml", &format);
    EXPECT_EQ(format, "trec");
    ASSERT_EQ(p.docs.size(), 3u) << p.diag_text();

    const Document& ap = p.docs[0];
    EXPECT_EQ(ap.id, "AP880212-0001");
    EXPECT_EQ(ap.type, "news");
    EXPECT_EQ(ap.line, 1u);
    EXPECT_EQ(ap.title, "Harbor Authority Approves Dredging Plan");
    EXPECT_EQ(iso(ap.date), "1988-02-12");  // from the DOCNO
    EXPECT_EQ(ap.authors.size(), 1u);       // the "Example Press Writer" line is a role, not a person
    EXPECT_EQ(meta(ap, "dateline"), "PORTVILLE (EP)");
    EXPECT_EQ(meta(ap, "fileid"), "AP-NR-02-12-88 2344EST");
    EXPECT_EQ(ap.body,
              "The Portville Harbor Authority on Friday approved a $12 million plan\nto dredge the north channel & "
              "rebuild two piers.\n\nWork begins in March, harbor director Jose Benitez said.");

    const Document& la = p.docs[1];
    EXPECT_EQ(la.id, "LA010189-0002");
    EXPECT_EQ(la.title, "NEW YEAR'S FLOOD WATCH ON THE -LANESFORD RIVER");
    EXPECT_EQ(iso(la.date), "1989-01-01");
    EXPECT_EQ(meta(la, "section"), "Metro; Part 2; Page 1");
    EXPECT_EQ(la.body,
              "Residents along the Lanesford River spent New Year's Eve filling sandbags.\n\n"
              "The river crested at 14 feet — two feet above flood stage.");

    const Document& ft = p.docs[2];
    EXPECT_EQ(ft.id, "FT911-3");
    EXPECT_EQ(iso(ft.date), "1991-05-14");  // YYMMDD
    EXPECT_EQ(ft.title, "FT 14 MAY 91 / Quarry expansion approved");

    ASSERT_EQ(p.count(Severity::error), 2u) << p.diag_text();
    EXPECT_TRUE(contains(p.diag_text(), "trec.sgml:42: error: <DOC> without <DOCNO>")) << p.diag_text();
    EXPECT_TRUE(contains(p.diag_text(), "trec.sgml:54: error: <DOC> record without </DOC>")) << p.diag_text();
}

TEST(TrecParser, NestedTitlesDatesAndOddities) {
    const auto p = parse(
        "trec",
        "<doc>\n<docno>FBIS3-1</docno>\n<HEADER><H2>Article Type:BFN</H2><DATE1>  1 March 1994 </DATE1>\n"
        "<H3> <TI>   Harbor Talks Resume </TI></H3></HEADER>\n<TEXT>Talks resumed &lt;today&gt; &unknown; x</TEXT>\n"
        "</doc>\n<DOC><DOCNO>WSJ870320-0001</DOCNO><HL>Quarry Deal</HL><DD>03/20/87</DD><SO>WALL STREET JOURNAL "
        "(J)</SO>"
        "<LP>Lead paragraph.</LP><TEXT>Rest of story.</TEXT></DOC>\n",
        "fbis");
    ASSERT_EQ(p.docs.size(), 2u) << p.diag_text();
    EXPECT_EQ(p.diags.size(), 0u) << p.diag_text();
    EXPECT_EQ(p.docs[0].title, "Harbor Talks Resume");
    EXPECT_EQ(iso(p.docs[0].date), "1994-03-01");
    EXPECT_EQ(p.docs[0].body, "Talks resumed <today> &unknown; x");
    EXPECT_EQ(p.docs[1].title, "Quarry Deal");
    EXPECT_EQ(iso(p.docs[1].date), "1987-03-20");
    EXPECT_EQ(p.docs[1].source, "WALL STREET JOURNAL (J)");
    EXPECT_EQ(p.docs[1].body, "Lead paragraph.\n\nRest of story.");

    const auto none = parse("trec", "no records here\n", "t");
    EXPECT_TRUE(none.docs.empty());
    EXPECT_EQ(none.count(Severity::warning), 1u);
}

// Records that never close: one error for the file, in linear time (each record used to scan the
// rest of the file for its end tag: 40,000 of them took minutes). Closed records after unclosed ones
// still count.
TEST(TrecParser, RecordsWithoutEndTagsAreOneErrorAndLinear) {
    std::string text;
    for (int i = 0; i < 40000; ++i)
        text += "<DOC>\n<DOCNO> T-" + std::to_string(i) + " </DOCNO>\n<TEXT>\nHarbour text.\n</TEXT>\n</DOCX>\n";
    const auto p = parse("trec", text, "noend.sgml");
    EXPECT_TRUE(p.docs.empty());
    ASSERT_EQ(p.diags.size(), 1u);
    EXPECT_EQ(p.diags[0].format(),
              "noend.sgml:1: error: <DOC> record without </DOC>, and no </DOC> in the rest of the file: 40000 records "
              "skipped");

    std::string mixed;
    for (int i = 0; i < 20000; ++i) mixed += "<DOC><DOCNO>U-" + std::to_string(i) + "</DOCNO><TEXT>x</TEXT>\n";
    mixed += "<DOC><DOCNO>CLOSED</DOCNO><TEXT>Closed record.</TEXT></DOC>\n";
    const auto m = parse("trec", mixed, "mixed.sgml");
    ASSERT_EQ(m.docs.size(), 1u);
    EXPECT_EQ(m.docs[0].id, "CLOSED");
    EXPECT_EQ(m.count(Severity::error), 20000u);
}

TEST(ReutersParser, RecordsWithoutEndTagsAreOneErrorAndLinear) {
    std::string text;
    for (int i = 1; i <= 40000; ++i)
        text +=
            "<REUTERS NEWID=\"" + std::to_string(i) + "\">\n<TEXT><TITLE>T</TITLE><BODY>B</BODY></TEXT>\n</REUTERSX>\n";
    const auto p = parse("reuters", text, "noend.sgm");
    EXPECT_TRUE(p.docs.empty());
    ASSERT_EQ(p.diags.size(), 1u);
    EXPECT_EQ(p.diags[0].format(),
              "noend.sgm:1: error: <REUTERS> record without </REUTERS>, and no </REUTERS> in the rest of the file: "
              "40000 records skipped");
}

// ---------------------------------------------------------------------------------------------
// Reuters-21578 SGML

TEST(ReutersParser, FixtureRecords) {
    const DecodedText text = decode_to_utf8(raw_fixture("reuters.sgm"));
    EXPECT_EQ(text.charset, "windows-1252");  // one Latin-1 byte, as in reut2-017.sgm
    EXPECT_EQ(detect_format("reuters.sgm", text.utf8), "reuters");
    EXPECT_EQ(detect_format("reut", text.utf8), "reuters");
    const auto p = parse("reuters", text.utf8, "reuters.sgm");
    ASSERT_EQ(p.docs.size(), 4u) << p.diag_text();

    const Document& a = p.docs[0];
    EXPECT_EQ(a.id, "reuters-101");
    EXPECT_EQ(a.type, "news");
    EXPECT_EQ(a.line, 2u);
    EXPECT_EQ(a.title, "PORTVILLE COCOA <PCC> CROP REVIEW");
    EXPECT_EQ(iso(a.date), "1987-02-26");
    EXPECT_EQ(tag(a, "topics"), (Strings{"cocoa", "coffee"}));
    EXPECT_EQ(tag(a, "places"), (Strings{"el-salvador", "usa"}));
    EXPECT_EQ(tag(a, "orgs"), (Strings{"ico-coffee"}));
    EXPECT_EQ(a.tags.count("people"), 0u);
    EXPECT_EQ(a.tags.count("exchanges"), 0u);
    EXPECT_EQ(meta(a, "dateline"), "PORTVILLE, Feb 26 -");
    EXPECT_EQ(meta(a, "lewissplit"), "TRAIN");
    EXPECT_EQ(meta(a, "cgisplit"), "TRAINING-SET");
    EXPECT_EQ(meta(a, "oldid"), "9001");
    EXPECT_EQ(a.authors, (Strings{"Celia Navarro"}));
    EXPECT_EQ(a.body,
              "Showers in the Portville zone helped the\ncocoa crop, the Müller cooperative said.\n"
              "    Arrivals rose to 155,221 bags.\n Reuter");

    const Document& brief = p.docs[1];
    EXPECT_EQ(brief.id, "reuters-102");
    EXPECT_EQ(brief.title, "FED SETS TWO-DAY RESERVE REPURCHASES");
    EXPECT_EQ(iso(brief.date), "1987-03-01");  // one-digit day with a leading space
    EXPECT_EQ(brief.body, "");
    EXPECT_EQ(tag(brief, "people"), (Strings{"volcker"}));
    EXPECT_EQ(tag(brief, "exchanges"), (Strings{"nyse"}));

    const Document& unproc = p.docs[2];
    EXPECT_EQ(unproc.id, "reuters-103");
    EXPECT_EQ(unproc.title, "");
    EXPECT_EQ(unproc.body, "PORTVILLE HARBOR WEEKLY REPORT - MAR 2\n    Ships docked..........14 vs.....12");

    const Document& bad_date = p.docs[3];
    EXPECT_EQ(bad_date.id, "reuters-105");
    EXPECT_FALSE(bad_date.date);
    EXPECT_EQ(meta(bad_date, "date"), "32-MAR-1987 10:00:00.00");

    ASSERT_EQ(p.count(Severity::error), 2u) << p.diag_text();
    EXPECT_TRUE(contains(p.diag_text(), "reuters.sgm:47: error: <REUTERS> record without NEWID")) << p.diag_text();
    EXPECT_TRUE(contains(p.diag_text(), "reuters.sgm:59: error: <REUTERS> record without </REUTERS>")) << p.diag_text();
    ASSERT_EQ(p.count(Severity::warning), 1u) << p.diag_text();
    EXPECT_TRUE(contains(p.diag_text(), "reuters.sgm:52: warning: unrecognized date")) << p.diag_text();
}

// ---------------------------------------------------------------------------------------------
// HTML

TEST(HtmlParser, NewsPageMetaAndVisibleText) {
    std::string format;
    const auto p = parse_fixture("page.html", &format);
    EXPECT_EQ(format, "html");
    ASSERT_EQ(p.docs.size(), 1u) << p.diag_text();
    EXPECT_EQ(p.diags.size(), 0u) << p.diag_text();
    const Document& d = p.docs[0];
    EXPECT_EQ(d.type, "news");
    EXPECT_EQ(d.title, "Portville council approves harbor budget | Meridian Wire");
    EXPECT_EQ(iso(d.date), "2017-02-13");
    EXPECT_EQ(iso(d.updated), "2017-02-14");
    EXPECT_EQ(d.authors, (Strings{"Daniel Okafor", "Hannah Brandt"}));
    EXPECT_EQ(d.source, "Meridian Wire");
    EXPECT_EQ(d.url, "https://meridian.example/2017/02/13/portville-harbor-budget");
    EXPECT_EQ(meta(d, "description"), "The council voted 7-2 for the new harbor budget.");
    EXPECT_EQ(tag(d, "keywords"), (Strings{"harbor", "budget", "Portville council"}));
    EXPECT_EQ(d.body,
              "Portville council approves harbor budget\n\nBy Daniel Okafor and Hannah Brandt\n\n"
              "The Portville city council voted 7–2 on Monday to approve a $12 million harbor budget.\n\n"
              "Harbor director José Benítez said dredging starts in March.\n\nDredging: $8 million\nPiers: $4 million");
}

TEST(HtmlParser, JsonLdAndMainAndDetection) {
    std::string format;
    const auto p = parse_fixture("page_jsonld.htm", &format);
    EXPECT_EQ(format, "html");
    ASSERT_EQ(p.docs.size(), 1u) << p.diag_text();
    const Document& d = p.docs[0];
    EXPECT_EQ(d.title, "Flood watch lifted");
    EXPECT_EQ(iso(d.date), "2016-03-03");  // DC.date wins over JSON-LD
    EXPECT_EQ(d.authors, (Strings{"Celia Navarro"}));
    EXPECT_EQ(d.source, "Example Press");
    EXPECT_EQ(d.body, "The flood watch for the Lanesford River was lifted early Friday.\n\nMarch 4");

    // <time datetime> alone gives the date; the first <h1> the title; scripts and hidden text are not text.
    const auto q = parse("html",
                         "<body><h1>Quarry <i>vote</i></h1><div aria-hidden=\"true\">menu</div>"
                         "<p>Text &amp; more<br>next line</p><time datetime=\"2015-05-12T10:00\">Tuesday</time>"
                         "<template><p>tpl</p></template><pre>a  b\n c</pre></body>",
                         "x.html");
    ASSERT_EQ(q.docs.size(), 1u) << q.diag_text();
    EXPECT_EQ(q.docs[0].title, "Quarry vote");
    EXPECT_EQ(iso(q.docs[0].date), "2015-05-12");
    EXPECT_EQ(q.docs[0].body, "Quarry vote\n\nText & more\nnext line\n\nTuesday\n\na  b\n c");

    const auto empty = parse("html", "<html><body><script>x()</script></body></html>", "e.html");
    EXPECT_TRUE(empty.docs.empty());
    EXPECT_EQ(empty.count(Severity::warning), 1u);

    // Deep nesting does not exhaust the stack.
    std::string deep;
    for (int i = 0; i < 2000; ++i) deep += "<div>";
    deep += "deep text";
    const auto nested = parse("html", deep, "deep.html");
    ASSERT_EQ(nested.docs.size(), 1u);
    EXPECT_EQ(nested.docs[0].body, "deep text");
}

// ---------------------------------------------------------------------------------------------
// Archives

namespace {

struct Member {
    std::string name, format;
    std::size_t bytes = 0;
};

std::vector<Member> members_of(const std::string& name, Parsed* diags = nullptr) {
    std::vector<Member> out;
    DiagnosticSink sink;
    const std::string bytes = raw_fixture(name);
    EXPECT_TRUE(is_archive(name, bytes)) << name;
    read_archive(name, bytes, sink, [&](ArchiveMember&& m) {
        const DecodedText text = decode_to_utf8(m.bytes);
        out.push_back(
            {m.name, std::string(detect_format(m.name, std::string_view(text.utf8).substr(0, 4096))), m.bytes.size()});
        return true;
    });
    if (diags) diags->diags = sink.collected();
    return out;
}

}  // namespace

TEST(Archives, TarGzMembersNestedArchivesAndSkippedNames) {
    Parsed d;
    const auto m = members_of("archive.tar.gz", &d);
    EXPECT_EQ(d.diags.size(), 0u) << d.diag_text();
    ASSERT_EQ(m.size(), 5u);
    EXPECT_EQ(m[0].name, "corpus/news/harbor.txt");
    EXPECT_EQ(m[0].format, "news");
    EXPECT_EQ(m[1].name, "corpus/mail/1");
    EXPECT_EQ(m[1].format, "email");
    EXPECT_EQ(m[2].name, "corpus/records.jsonl");
    EXPECT_EQ(m[2].format, "jsonl");
    // README.md and the hidden folder are passed over; the zip inside is expanded (its photo.jpg passed
    // over), and the gzip-compressed JSON Lines file is read as what it holds.
    EXPECT_EQ(m[3].name, "corpus/inner.zip:notes/note.txt");
    EXPECT_EQ(m[3].format, "news");
    EXPECT_EQ(m[4].name, "corpus/more.jsonl");
    EXPECT_EQ(m[4].format, "jsonl");
    EXPECT_EQ(archive_member_path("dir/archive.tar.gz", m[3].name),
              "dir/archive.tar.gz:corpus/inner.zip:notes/note.txt");
}

TEST(Archives, ZipAndStoppingEarly) {
    const auto m = members_of("archive.zip");
    ASSERT_EQ(m.size(), 3u);
    EXPECT_EQ(m[0].name, "news/harbor.txt");
    EXPECT_EQ(m[1].format, "email");
    EXPECT_EQ(m[2].format, "jsonl");

    DiagnosticSink sink;
    std::size_t seen = 0;
    read_archive("archive.zip", raw_fixture("archive.zip"), sink, [&](ArchiveMember&&) { return ++seen < 2; });
    EXPECT_EQ(seen, 2u);
}

TEST(Archives, TruncatedArchiveIsAnErrorAfterTheMembersRead) {
    // A tarball cut in the middle (made here with tar and gzip: a committed one would be large, since
    // libarchive's gzip filter drops up to the last 64 KB before a cut).
    test::TempDir tmp;
    test::write_file(tmp / "in/first.txt", "First story\n\nThe first member survives the cut.\n");
    test::write_file(tmp / "in/second.txt", "Second story\n\nThe second member survives too.\n");
    std::string big = "Big file\n\n";
    std::uint32_t x = 12345;
    while (big.size() < 600000) {
        x = x * 1664525u + 1013904223u;
        big += static_cast<char>('a' + (x >> 24) % 26);
        if ((x >> 8) % 7 == 0) big += ' ';
    }
    test::write_file(tmp / "in/big.txt", big);
    test::write_file(tmp / "in/last.txt", "Last story\n\nLost in the cut.\n");
    const auto r =
        test::run("cd " + (tmp / "in").string() + " && tar czf ../full.tar.gz first.txt second.txt big.txt last.txt");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string full = test::read_file(tmp / "full.tar.gz");
    const std::string cut = full.substr(0, full.size() / 2);
    ASSERT_TRUE(is_archive("cut.tar.gz", cut));

    DiagnosticSink sink;
    Strings names;
    read_archive("cut.tar.gz", cut, sink, [&](ArchiveMember&& m) {
        names.push_back(m.name);
        return true;
    });
    Parsed d;
    d.diags = sink.collected();
    EXPECT_EQ(names, (Strings{"first.txt", "second.txt"})) << d.diag_text();
    EXPECT_EQ(d.count(Severity::error), 1u) << d.diag_text();
    EXPECT_TRUE(contains(d.diag_text(), "cut.tar.gz:big.txt: error: cannot read archive member")) << d.diag_text();
}

TEST(Archives, Detection) {
    EXPECT_FALSE(is_archive("a.txt", "Headline\n\nBody"));
    EXPECT_FALSE(is_archive("a.tar", "short"));
    EXPECT_FALSE(is_archive("a.gz", ""));
    EXPECT_TRUE(is_archive("x", std::string("\x1F\x8B\x08\x00", 4)));
    EXPECT_TRUE(is_archive("x", "PK\x03\x04rest"));
    EXPECT_FALSE(is_archive("x", "BZhx not bzip2"));

    // Garbage that starts like gzip: an error, no members, no crash.
    DiagnosticSink sink;
    std::size_t seen = 0;
    read_archive("bad.gz", std::string("\x1F\x8B\x08\x00garbage", 11), sink, [&](ArchiveMember&&) {
        ++seen;
        return true;
    });
    EXPECT_EQ(seen, 0u);
    EXPECT_GE(sink.errors(), 1u);
}

// ---------------------------------------------------------------------------------------------
// Detection of the new formats

TEST(DetectFormat, MailSgmlHtml) {
    struct Case {
        std::string path, head, expected;
    };
    const std::vector<Case> cases{
        {"x", "From: jane@example.org\nTo: bob@example.org\nSubject: Hi\n\nBody", "email"},
        {"x", "Message-ID: <a@b>\nSubject: Hi\n\nBody", "email"},
        {"x", "Return-Path: <a@b>\nReceived: from x by y\n\tid 42\nFrom: a@b\n", "email"},
        {"x", "From a@b Thu Mar  3 09:15:00 2016\nFrom: a@b\n\nx", "email"},
        {"x.txt", "From Wall Street to Main Street\n\nA story.", "news"},
        {"x.txt", "From: Jane Doe\nTo: Staff\n\nBody.", "memo"},  // no address, no mail-only header: a memo
        {"x", "Subject: one\nDate: 2016\nmore text, not a header\n", "memo"},  // a memo-like block, not mail
        {"a.eml", "anything", "email"},
        {"a.mbox", "", "email"},
        {"x.sgm", "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS>", "reuters"},
        {"x", "<REUTERS TOPICS=\"YES\" NEWID=\"1\">", "reuters"},
        {"x.sgml", "<DOC>\n<DOCNO>1</DOCNO>", "trec"},
        {"x", "\n<DOC>\n<DOCNO> AP1 </DOCNO>", "trec"},
        {"x", "<doc><docno>1</docno>", "trec"},
        {"x", "<!DOCTYPE html><html>", "html"},
        {"x", "<?xml version=\"1.0\"?>\n<!-- c -->\n<html xmlns=\"x\">", "html"},
        {"p.HTM", "<p>fragment", "html"},
        {"x.txt", "<b>Bold</b> headline\n\nBody", "news"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE("path: " + c.path + " head: '" + c.head + "'");
        EXPECT_EQ(detect_format(c.path, c.head), c.expected);
    }
}

TEST(ParserRegistry, NewFormatsAreRegistered) {
    for (const char* n : {"email", "trec", "reuters", "html"}) {
        const auto p = make_parser(n);
        ASSERT_TRUE(p);
        EXPECT_EQ(p->name(), n);
    }
    // "auto" delegates to them.
    EXPECT_EQ(parse("auto", fixture("email_plain.eml"), "email_plain.eml").docs.at(0).type, "email");
    EXPECT_EQ(parse("auto", fixture("trec.sgml"), "trec.sgml").docs.size(), 3u);
    EXPECT_EQ(parse("auto", fixture("page.html"), "page.html").docs.size(), 1u);
}
