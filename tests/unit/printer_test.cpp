/** @file
 * @brief The text and JSON printers over a hand-made SearchResult.
 */
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <newsdex/core/error.hpp>
#include <newsdex/output/printer.hpp>

namespace newsdex {
namespace {

/// "<open>word<close>" as the Searcher marks highlights.
std::string hl(const std::string& word) { return std::string(1, kSnippetOpen) + word + kSnippetClose; }

SearchResult sample_result() {
    SearchResult r;
    r.query = "oil prices";
    r.parsed = "Query((oil OR Zoil OR price OR Zprice))";
    r.estimate = 2;
    r.lower = 2;
    r.upper = 2;

    Hit a;
    a.rank = 1;
    a.docid = 7;
    a.score = 3.14159265;
    a.percent = 100;
    a.doc.id = "news/oil.txt";
    a.doc.path = "corpus/news/oil.txt";
    a.doc.type = "news";
    a.doc.title = "Oil prices climb";
    a.doc.date = Date{2016, 3, 3};
    a.doc.source = "Reuters";
    a.doc.authors = {"Jane Roe", "John Doe"};
    a.doc.body = "Crude oil prices rose.";
    a.doc.meta = {{"dateline", "HOUSTON"}};
    a.snippet = "Crude " + hl("oil") + " " + hl("prices") + " rose\nsharply on Tuesday.";

    Hit b;
    b.rank = 2;
    b.docid = 12;
    b.score = 1.5;
    b.percent = 48;
    b.doc.id = "m-1";
    b.doc.path = "corpus/all.jsonl";
    b.doc.line = 3;
    b.doc.type = "memo";
    b.doc.subject = "Budget memo";
    b.doc.from = {"Finance"};
    b.doc.to = {"All staff"};
    b.doc.tags = {{"places", {"usa", "mexico"}}};
    b.snippet = "Fuel and " + hl("oil") + " budgets.";

    r.hits = {a, b};
    return r;
}

std::string print(const SearchResult& r, std::string_view format, bool color = false) {
    std::ostringstream out;
    make_printer(format, {color})->print(r, out);
    return out.str();
}

TEST(PrinterTest, UnknownFormatIsUsageError) { EXPECT_THROW(make_printer("xml"), UsageError); }

TEST(PrinterTest, TextWithoutColour) {
    const std::string out = print(sample_result(), "text");
    EXPECT_EQ(out,
              "2 matches\n"
              "\n"
              "1. Oil prices climb\n"
              "   2016-03-03 | Reuters | by Jane Roe, John Doe | news | corpus/news/oil.txt\n"
              "   Crude oil prices rose sharply on Tuesday.\n"
              "\n"
              "2. Budget memo\n"
              "   from Finance | memo | corpus/all.jsonl:3\n"
              "   Fuel and oil budgets.\n");
    EXPECT_EQ(out.find('\x1b'), std::string::npos);
    EXPECT_EQ(out.find(kSnippetOpen), std::string::npos);
    EXPECT_EQ(out.find(kSnippetClose), std::string::npos);
}

TEST(PrinterTest, TextKeepsCharactersBeyondAscii) {
    SearchResult r = sample_result();
    r.hits.resize(1);
    r.hits[0].doc.title = "México — São Paulo";
    r.hits[0].snippet = "El presidente de " + hl("México") + " llegó\u00a0hoy.";
    const std::string out = print(r, "text");
    EXPECT_NE(out.find("1. México — São Paulo\n"), std::string::npos) << out;
    EXPECT_NE(out.find("El presidente de México llegó\u00a0hoy."), std::string::npos) << out;
}

TEST(PrinterTest, CsvQuotesWhatNeedsIt) {
    SearchResult r = sample_result();
    r.hits[0].doc.title = "Oil, \"gas\"\nand coal";
    EXPECT_EQ(print(r, "csv"),
              "rank,id,score,date,title,source,authors,path\r\n"
              "1,news/oil.txt,3.1416,2016-03-03,\"Oil, \"\"gas\"\"\nand coal\",Reuters,Jane Roe; John Doe,"
              "corpus/news/oil.txt\r\n"
              "2,m-1,1.5000,,Budget memo,,,corpus/all.jsonl\r\n");
}

TEST(PrinterTest, TextWithColour) {
    const std::string out = print(sample_result(), "text", true);
    EXPECT_NE(out.find("\x1b[1m1. Oil prices climb\x1b[0m\n"), std::string::npos) << out;
    EXPECT_NE(out.find("Crude \x1b[1;31moil\x1b[0m \x1b[1;31mprices\x1b[0m rose"), std::string::npos) << out;
    EXPECT_NE(out.find("\x1b[35mcorpus/news/oil.txt\x1b[0m"), std::string::npos) << out;
    EXPECT_EQ(out.find(kSnippetOpen), std::string::npos);
}

TEST(PrinterTest, TextSummaryLines) {
    SearchResult r = sample_result();
    r.estimate = 250;
    r.lower = 120;
    r.upper = 400;
    EXPECT_EQ(print(r, "text").substr(0, 32), "About 250 matches (showing 1-2)\n");

    r.lower = r.upper = r.estimate = 5;
    r.offset = 3;
    r.hits[0].rank = 4;
    r.hits[1].rank = 5;
    EXPECT_EQ(print(r, "text").substr(0, 27), "5 matches (showing 4-5)\n\n4.");

    SearchResult none;
    EXPECT_EQ(print(none, "text"), "0 matches\n");

    SearchResult past;
    past.estimate = past.lower = past.upper = 1;
    past.offset = 10;
    EXPECT_EQ(print(past, "text"), "1 match (none shown from 11)\n");
}

TEST(PrinterTest, TextWrapsLongSnippetsOverAtMostThreeLines) {
    SearchResult r = sample_result();
    r.hits.resize(1);
    std::string words;
    for (int i = 0; i < 80; ++i) words += (i == 30 ? hl("needle haystack") : "word" + std::to_string(i)) + " ";
    r.hits[0].snippet = words;
    const std::string out = print(r, "text");
    std::istringstream in(out);
    std::string line;
    int snippet_lines = 0;
    while (std::getline(in, line)) {
        EXPECT_LE(line.size(), 100u) << line;
        if (line.starts_with("   word") || line.starts_with("   needle") || line.starts_with("   haystack"))
            ++snippet_lines;
    }
    EXPECT_EQ(snippet_lines, 3) << out;
    EXPECT_NE(out.find(" …\n"), std::string::npos) << out;
    EXPECT_EQ(out.find("word79"), std::string::npos);
    EXPECT_NE(out.find("needle haystack"), std::string::npos);

    // A highlight crossing a line break is closed and reopened: every line resets its colour.
    r.hits[0].snippet = std::string(60, 'a') + " " + kSnippetOpen + std::string(30, 'b') + " " + std::string(30, 'c') +
        kSnippetClose + " end";
    const std::string coloured = print(r, "text", true);
    EXPECT_NE(coloured.find("\x1b[1;31m" + std::string(30, 'b') + "\x1b[0m\n"), std::string::npos) << coloured;
    EXPECT_NE(coloured.find("   \x1b[1;31m" + std::string(30, 'c') + "\x1b[0m end\n"), std::string::npos) << coloured;
}

TEST(PrinterTest, TextNeutralizesControlCharacters) {
    SearchResult r = sample_result();
    r.hits.resize(1);
    r.hits[0].doc.title = "Evil\x1b[2J title\r\n";
    r.hits[0].snippet = "bell\x07 and\ttab";
    const std::string out = print(r, "text");
    EXPECT_EQ(out.find('\x1b'), std::string::npos);
    EXPECT_EQ(out.find('\x07'), std::string::npos);
    EXPECT_NE(out.find("1. Evil [2J title\n"), std::string::npos) << out;
    EXPECT_NE(out.find("   bell and tab\n"), std::string::npos) << out;
}

TEST(PrinterTest, JsonParsesBackWithDocumentedKeys) {
    const std::string out = print(sample_result(), "json");
    ASSERT_EQ(out.back(), '\n');
    EXPECT_EQ(out.find('\n'), out.size() - 1) << "one object on one line";
    // Keys come in the documented order.
    EXPECT_TRUE(out.starts_with("{\"format_version\":1,\"query\":\"oil prices\",\"parsed\":")) << out;
    EXPECT_NE(out.find("\"hits\":[{\"rank\":1,\"id\":\"news/oil.txt\",\"docid\":7,"), std::string::npos) << out;
    const auto j = nlohmann::json::parse(out);
    EXPECT_EQ(j["format_version"], kJsonFormatVersion);
    EXPECT_EQ(j["query"], "oil prices");
    EXPECT_EQ(j["parsed"], "Query((oil OR Zoil OR price OR Zprice))");
    EXPECT_EQ(j["matches"], (nlohmann::json{{"estimate", 2}, {"lower", 2}, {"upper", 2}}));
    EXPECT_EQ(j["offset"], 0);
    ASSERT_EQ(j["hits"].size(), 2u);

    const auto& h = j["hits"][0];
    for (const char* key : {"rank", "id", "docid", "score", "percent", "title", "date", "updated", "type", "path",
                            "line", "source", "authors", "snippet", "highlights", "fields"})
        EXPECT_TRUE(h.contains(key)) << key;
    for (const char* key : {"from", "to", "cc", "subject", "url", "meta", "tags"})
        EXPECT_TRUE(h["fields"].contains(key)) << key;
    EXPECT_EQ(h["rank"], 1);
    EXPECT_EQ(h["id"], "news/oil.txt");
    EXPECT_EQ(h["docid"], 7);
    EXPECT_DOUBLE_EQ(h["score"].get<double>(), 3.1416);
    EXPECT_EQ(h["percent"], 100);
    EXPECT_EQ(h["date"], "2016-03-03");
    EXPECT_TRUE(h["updated"].is_null());
    EXPECT_EQ(h["authors"], (nlohmann::json{"Jane Roe", "John Doe"}));
    EXPECT_EQ(h["fields"]["meta"]["dateline"], "HOUSTON");

    // The snippet is plain text on one line; highlights are [start, length] byte ranges into it.
    const std::string snippet = h["snippet"];
    EXPECT_EQ(snippet, "Crude oil prices rose sharply on Tuesday.");
    EXPECT_EQ(h["highlights"], (nlohmann::json{{6, 3}, {10, 6}}));
    for (const auto& range : h["highlights"])
        EXPECT_EQ(snippet.substr(range[0].get<std::size_t>(), range[1].get<std::size_t>()),
                  range[0] == 6 ? "oil" : "prices");

    const auto& m = j["hits"][1];
    EXPECT_EQ(m["title"], "");
    EXPECT_EQ(m["line"], 3);
    EXPECT_TRUE(m["date"].is_null());
    EXPECT_EQ(m["fields"]["subject"], "Budget memo");
    EXPECT_EQ(m["fields"]["from"], (nlohmann::json{"Finance"}));
    EXPECT_EQ(m["fields"]["tags"]["places"], (nlohmann::json{"usa", "mexico"}));
}

TEST(PrinterTest, JsonOfNoHitsAndNonAsciiText) {
    SearchResult r;
    r.query = "México \"x\"";
    const auto j = nlohmann::json::parse(print(r, "json"));
    EXPECT_EQ(j["query"], "México \"x\"");
    EXPECT_TRUE(j["hits"].is_array());
    EXPECT_TRUE(j["hits"].empty());

    r = sample_result();
    r.hits[0].snippet = "Año " + hl("México") + " ok";
    const auto k = nlohmann::json::parse(print(r, "json"));
    EXPECT_EQ(k["hits"][0]["highlights"], (nlohmann::json{{5, 7}}));  // byte offsets: "Año " is 5 bytes
}

TEST(PrinterTest, FacetsBlockSuggestionAndCollapse) {
    SearchResult r = sample_result();
    r.suggestion = "oil prizes";
    r.hits[0].collapsed = 3;
    r.hits.resize(1);
    FacetResult person{"person", true, false, 3, {{"Theresa Walsh", 5}, {"Marcus Bell", 3}}};
    FacetResult month{"month", true, true, 2, {{"2017-01", 2}, {"2017-02", 5}}};
    r.facets = {person, month};
    const std::string out = print(r, "text");
    EXPECT_NE(out.find("2 matches (showing 1-1)\nDid you mean: oil prizes\n"), std::string::npos) << out;
    EXPECT_NE(out.find("   (+3 more with the same key)\n"), std::string::npos) << out;
    r.collapse = "title";
    EXPECT_NE(print(r, "text").find("   (+3 more with the same title)\n"), std::string::npos);
    EXPECT_NE(out.find("\nFacets (exact counts over 2 matches):\n"
                       "  person: Theresa Walsh (5) · Marcus Bell (3) · … 1 more\n"
                       "  month:  2017-01 (2) · 2017-02 (5)\n"),
              std::string::npos)
        << out;

    r.facets[0].exact = false;
    EXPECT_NE(print(r, "text").find("Facets (estimated counts over 2 matches):"), std::string::npos);

    const auto j = nlohmann::json::parse(print(r, "json"));
    EXPECT_EQ(j["suggestion"], "oil prizes");
    EXPECT_EQ(j["hits"][0]["collapsed"], 3);
    EXPECT_EQ(j["facets"]["person"]["exact"], false);
    EXPECT_EQ(j["facets"]["person"]["values"][0], (nlohmann::json{{"value", "Theresa Walsh"}, {"count", 5}}));
    EXPECT_EQ(j["facets"]["month"]["values"][1]["value"], "2017-02");
}

TEST(PrinterTest, FacetLinesWrap) {
    SearchResult r = sample_result();
    FacetResult places{"places", true, false, 30, {}};
    for (int i = 0; i < 30; ++i) places.values.push_back({"place-number-" + std::to_string(i), 30u - i});
    r.facets = {places};
    const std::string out = print(r, "text");
    const auto block = out.substr(out.find("Facets"));
    std::size_t lines = 0;
    for (std::size_t start = 0, nl; (nl = block.find('\n', start)) != std::string::npos; start = nl + 1) {
        ++lines;
        EXPECT_LE(nl - start, 110u);  // 100 columns; "·" is 2 bytes
    }
    EXPECT_GT(lines, 4u);
    EXPECT_NE(block.find(" ·\n          place-number-"), std::string::npos) << block;
}

TEST(PrinterTest, NoSuggestionOrFacetsInJsonByDefault) {
    const auto j = nlohmann::json::parse(print(sample_result(), "json"));
    EXPECT_TRUE(j["suggestion"].is_null());
    EXPECT_TRUE(j["facets"].is_object());
    EXPECT_TRUE(j["facets"].empty());
    EXPECT_EQ(j["hits"][0]["collapsed"], 0);
}

TEST(PrinterTest, WholeDocument) {
    Document d = sample_result().hits[0].doc;
    d.entities.push_back(Entity{EntityType::person, "Theresa Walsh", {"Walsh"}, {{0, 5, "body"}, {9, 5, "body"}}});
    d.entities.push_back(Entity{EntityType::org, "FAA", {}, {}});
    d.date_mentions.push_back(DateMention{"last month", Date{2016, 2, 0}, 3});
    d.body = "First paragraph.\n\nSecond   paragraph\nwraps.";
    std::ostringstream text;
    make_printer("text")->print_document(d, text);
    EXPECT_EQ(text.str(),
              "Oil prices climb\n"
              "  id: news/oil.txt\n"
              "  location: corpus/news/oil.txt\n"
              "  type: news\n"
              "  date: 2016-03-03\n"
              "  source: Reuters\n"
              "  authors: Jane Roe, John Doe\n"
              "  dateline: HOUSTON\n"
              "  person: Theresa Walsh (Walsh) ×2\n"
              "  org: FAA\n"
              "  dates mentioned: \"last month\" = 2016-02\n"
              "\nFirst paragraph.\n"
              "\nSecond paragraph wraps.\n");
    std::ostringstream json;
    make_printer("json")->print_document(d, json);
    const auto j = nlohmann::json::parse(json.str());
    EXPECT_EQ(j["format_version"], kJsonFormatVersion);
    // The same shape as `indexer --dump --json` (one writer of whole documents).
    EXPECT_EQ(j["id"], "news/oil.txt");
    EXPECT_EQ(j["entities"][0]["type"], "person");
    EXPECT_EQ(j["entities"][0]["name"], "Theresa Walsh");
    EXPECT_EQ(j["entities"][0]["aliases"], nlohmann::json({"Walsh"}));
    ASSERT_EQ(j["entities"][0]["mentions"].size(), 2u);
    EXPECT_EQ(j["entities"][0]["mentions"][0]["offset"], 0);
    EXPECT_EQ(j["entities"][0]["mentions"][0]["field"], "body");
    EXPECT_EQ(j["dates"][0]["date"], "2016-02");
    EXPECT_EQ(j["body"], d.body);
}

}  // namespace
}  // namespace newsdex
