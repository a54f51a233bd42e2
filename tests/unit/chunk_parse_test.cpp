/** @file
 * @brief Unit tests of split parsing (Parser::split, parse_chunk, ChunkParser): JSON Lines, mbox and
 *        Reuters SGML cut into chunks and parsed apart, on one thread or several, give what one parse
 *        of the whole text gives: documents, lines, diagnostics and raw records, in the same order.
 */
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <oneapi/tbb/task_arena.h>

#include <newsdex/ingest/chunk_parser.hpp>
#include <newsdex/ingest/encoding.hpp>
#include <newsdex/ingest/parser.hpp>
#include <newsdex/schema/stored.hpp>

#include "test_support.hpp"

using namespace newsdex;

namespace {

namespace fs = std::filesystem;
using Log = std::vector<std::string>;

std::string doc_line(const Document& d) {
    return "doc " + d.id + " @" + d.path + ":" + std::to_string(d.line) + " " + encode_stored(d);
}

/// A RecordFilter that logs what it is asked and passes over the records on lines divisible by 3.
bool log_raw(Log& log, std::string_view raw, std::size_t line) {
    log.push_back("raw " + std::to_string(line) + " " + std::string(raw));
    return line % 3 != 0;
}

/// Everything one parse of the whole text does, in order.
Log whole(const Parser& parser, std::string_view text) {
    Log log;
    DiagnosticSink diag([&](const Diagnostic& d) { log.push_back(d.format()); });
    parser.parse_wanted(
        "in", text, diag, [&](Document&& d) { log.push_back(doc_line(d)); },
        [&](std::string_view raw, std::size_t line) { return log_raw(log, raw, line); });
    return log;
}

/// Everything parse_chunk does on the chunks of @p text, one after another.
Log by_chunks(const Parser& parser, const std::vector<TextChunk>& chunks) {
    Log log;
    DiagnosticSink diag([&](const Diagnostic& d) { log.push_back(d.format()); });
    for (const TextChunk& c : chunks)
        if (!parser.parse_chunk(
                "in", c, diag, [&](Document&& d) { log.push_back(doc_line(d)); },
                [&](std::string_view raw, std::size_t line) { return log_raw(log, raw, line); }))
            break;
    return log;
}

/// Where two logs first differ ("" when they do not), short enough to read in a failure.
std::string first_difference(const Log& got, const Log& expected) {
    for (std::size_t i = 0; i < std::max(got.size(), expected.size()); ++i) {
        const std::string g = i < got.size() ? got[i] : "(nothing)",
                          e = i < expected.size() ? expected[i] : "(nothing)";
        if (g != e)
            return "entry " + std::to_string(i) + ":\n  got      " + g.substr(0, 300) + "\n  expected " +
                e.substr(0, 300);
    }
    return "";
}

/// The chunks cover @p text in order, each starting the line it says it starts.
void expect_cover(std::string_view text, const std::vector<TextChunk>& chunks) {
    std::size_t at = 0;
    for (const TextChunk& c : chunks) {
        ASSERT_EQ(c.text.data(), text.data() + at);
        const auto lines = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
        EXPECT_EQ(c.first_line, static_cast<std::size_t>(lines) + 1);
        EXPECT_TRUE(at == 0 || text[at - 1] == '\n');
        at += c.text.size();
    }
    EXPECT_EQ(at, text.size());
}

/// Cut @p text at every size from one record up, and check each cut parses like the whole.
void expect_split_parses_alike(std::string_view format, std::string_view text, std::size_t min_chunks = 2) {
    const auto parser = make_parser(format);
    const Log expected = whole(*parser, text);
    std::size_t most = 0;
    for (std::size_t target = 1; target < text.size(); target += std::max<std::size_t>(1, text.size() / 97)) {
        const auto chunks = parser->split(text, target);
        if (chunks.empty()) continue;
        most = std::max(most, chunks.size());
        SCOPED_TRACE("target " + std::to_string(target) + ", " + std::to_string(chunks.size()) + " chunks");
        expect_cover(text, chunks);
        EXPECT_EQ(first_difference(by_chunks(*parser, chunks), expected), "");
    }
    EXPECT_GE(most, min_chunks);
}

std::string fixture(const std::string& name) {
    return decode_to_utf8(test::read_file(std::string(TEST_DATA_DIR) + "/formats/" + name)).utf8;
}

std::string crlf(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

const std::string jsonl =
    "{\"id\": \"a\", \"title\": \"One\", \"body\": \"first\", \"date\": \"someday\"}\n"
    "\n"
    "{\"id\": \"b\", \"title\": \"Two\", \"body\": \"second\"}\n"
    "{\"id\": \"c\", \"body\": \"broken\"\n"
    "[1, 2]\n"
    "{\"title\": \"no id\", \"body\": \"fourth\"}\n"
    "{\"id\": \"a\", \"body\": \"a again\", \"topics\": [\"x\", \"y\"]}\n"
    "   {\"id\": \"e\", \"body\": \"indented\"}   \n"
    "{\"id\": \"f\", \"body\": \"a long record that spans a chunk boundary when chunks are small: "
    "0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789\"}\n"
    "{\"id\": \"g\", \"body\": \"last, without a newline\"}";

}  // namespace

TEST(SplitParse, JsonLinesLikeTheWhole) {
    expect_split_parses_alike("jsonl", jsonl, 9);
    expect_split_parses_alike("jsonl", jsonl + "\n");
    expect_split_parses_alike("jsonl", crlf(jsonl), 9);
    expect_split_parses_alike("jsonl", "\xEF\xBB\xBF" + jsonl);
    expect_split_parses_alike("jsonl", fixture("records.jsonl"));
}

TEST(SplitParse, ReutersSgmlLikeTheWhole) {
    const std::string sgm = fixture("reuters.sgm");
    expect_split_parses_alike("reuters", sgm, 3);
    expect_split_parses_alike("reuters", crlf(sgm), 3);
    // A record without its end tag, and one without NEWID: errors where the whole parse has them.
    const std::string broken =
        "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
        "<REUTERS NEWID=\"1\"><TEXT><BODY>one</BODY></TEXT></REUTERS>\n"
        "<REUTERS NEWID=\"2\"><TEXT><BODY>cut off</BODY></TEXT>\n"
        "<REUTERS NEWID=\"3\"><TEXT><BODY>three</BODY></TEXT></REUTERS>\n"
        "<REUTERS><TEXT><BODY>no newid</BODY></TEXT></REUTERS>\n"
        "<REUTERS NEWID=\"4\"><DATE>whenever</DATE><TEXT><BODY>four</BODY></TEXT></REUTERS>\n"
        "<REUTERS NEWID=\"5\"><TEXT><BODY>five</BODY></TEXT>\n"
        "<REUTERS NEWID=\"6\"><TEXT><BODY>six, the file ends</BODY></TEXT>";
    expect_split_parses_alike("reuters", broken, 3);
    const Log log = whole(*make_parser("reuters"), broken);
    EXPECT_EQ(std::count_if(log.begin(), log.end(), [](const std::string& l) { return l.starts_with("in:"); }), 4)
        << ::testing::PrintToString(log);
}

TEST(SplitParse, MboxLikeTheWhole) {
    const std::string mbox = fixture("mailbox.mbox");
    expect_split_parses_alike("email", mbox, 4);
    expect_split_parses_alike("email", crlf(mbox), 4);
    // Leading blank lines, a "From " line inside a body (no blank line before it), no final newline.
    const std::string more = "\n\n" + mbox +
        "\nFrom x@y.example Fri Mar  4 10:00:00 2016\nMessage-ID: <m5@y.example>\nSubject: five\n\n"
        "A body line.\nFrom here on, a sentence.\n\nFrom z@y.example Fri Mar  4 11:00:00 2016\n"
        "Message-ID: <m6@y.example>\nSubject: six\n\nThe end";
    expect_split_parses_alike("email", more, 5);
    // An unescaped "From " line after a blank line in a body, cut at: a message of its own.
    expect_split_parses_alike("email", mbox + "\nFrom a broad perspective, a body line.\n\n" + mbox, 5);
}

TEST(SplitParse, WhatDoesNotSplit) {
    EXPECT_TRUE(make_parser("jsonl")->split("", 1).empty());
    EXPECT_TRUE(make_parser("jsonl")->split("{\"id\": \"one\"}\n", 1).empty());
    EXPECT_TRUE(make_parser("jsonl")->split(jsonl, jsonl.size()).empty());
    EXPECT_TRUE(make_parser("reuters")->split("", 1).empty());
    EXPECT_TRUE(make_parser("email")->split("", 1).empty());
    // One message is not an mbox; other formats keep the whole-input parse.
    EXPECT_TRUE(make_parser("email")->split(fixture("email_plain.eml"), 1).empty());
    EXPECT_TRUE(make_parser("news")->split(fixture("news_plain.txt"), 1).empty());
    EXPECT_TRUE(make_parser("trec")->split(fixture("trec.sgml"), 1).empty());
}

// Real collections, cut into chunks of the producer's size and of a few records.
TEST(SplitParse, RealCorporaLikeTheWhole) {
    NEWSDEX_REQUIRE_SHARED("reuters21578");
    const fs::path reuters = test::shared_corpora() / "reuters21578";
    for (const char* name : {"reut2-000.sgm", "reut2-017.sgm", "reut2-021.sgm"}) {
        const std::string text = decode_to_utf8(test::read_file(reuters / name)).utf8;
        const auto parser = make_parser("reuters");
        for (std::size_t target : {std::size_t{256} << 10, std::size_t{5000}}) {
            SCOPED_TRACE(std::string(name) + " in chunks of " + std::to_string(target));
            EXPECT_EQ(first_difference(by_chunks(*parser, parser->split(text, target)), whole(*parser, text)), "");
        }
    }
    NEWSDEX_REQUIRE_SHARED("enron_subset");
    // An mbox of real mail (MIME parts, attachments, forwarded messages) from single messages. Their
    // bodies' "From " lines are not escaped: at one of them GMime gives up on the rest of the file,
    // and the chunks after it must not be parsed either.
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(test::shared_corpora() / "enron_subset" / "maildir"))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    files.resize(std::min<std::size_t>(files.size(), 400));
    std::string mbox;
    for (const auto& f : files)
        mbox +=
            "From someone@enron.example Mon Jan  1 00:00:00 2001\n" + decode_to_utf8(test::read_file(f)).utf8 + "\n";
    const auto parser = make_parser("email");
    for (std::size_t target : {std::size_t{256} << 10, std::size_t{20000}}) {
        const auto chunks = parser->split(mbox, target);
        EXPECT_GT(chunks.size(), 2u);
        EXPECT_EQ(first_difference(by_chunks(*parser, chunks), whole(*parser, mbox)), "") << "chunks of " << target;
    }
}

TEST(ChunkParser, ThreadsReplayedInOrderLikeTheWhole) {
    const auto parser = make_parser("jsonl");
    std::string text;
    for (int i = 1; i <= 400; ++i)
        text += i % 37 == 0 ? "{broken\n" : "{\"id\": \"r" + std::to_string(i % 150) + "\", \"body\": \"record\"}\n";
    const Log expected = whole(*parser, text);
    tbb::task_arena arena(2);
    for (std::size_t window : {1u, 4u, 100u}) {
        Log log;
        RecordTriage triage = [](std::string_view, std::size_t line, std::uint64_t& value) {
            value = line * 10;
            return line % 5 != 0;  // held back: the replay parses them (when the filter wants them)
        };
        ChunkParser chunks(*parser, "in", parser->split(text, 200), triage, arena, window);
        double seconds = 0;
        while (ParsedChunk* c = chunks.next()) {
            seconds += c->seconds;
            bool wanted = true;
            for (const ParsedChunk::Event& e : c->events) {
                const ParsedChunk::Record* r = e.kind <= ParsedChunk::Kind::held ? &c->records[e.index] : nullptr;
                if (r) {
                    EXPECT_EQ(r->value, r->line * 10);
                }
                if (e.kind == ParsedChunk::Kind::record) {
                    wanted = log_raw(log, r->raw, r->line);
                } else if (e.kind == ParsedChunk::Kind::held) {
                    if (!log_raw(log, r->raw, r->line)) continue;
                    DiagnosticSink diag([&](const Diagnostic& d) { log.push_back(d.format()); });
                    parser->parse_chunk("in", {r->raw, r->line}, diag,
                                        [&](Document&& d) { log.push_back(doc_line(d)); }, {});
                } else if (e.kind == ParsedChunk::Kind::diagnostic && wanted) {
                    log.push_back(c->diagnostics[e.index].format());
                } else if (e.kind == ParsedChunk::Kind::document && wanted) {
                    log.push_back(doc_line(c->documents[e.index]));
                }
            }
        }
        EXPECT_EQ(first_difference(log, expected), "") << "window " << window;
        EXPECT_DOUBLE_EQ(chunks.parse_seconds(), seconds);
    }
}

TEST(ChunkParser, GivingUpEarlyWaitsForTheWorkers) {
    const auto parser = make_parser("jsonl");
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "{\"id\": \"" + std::to_string(i) + "\"}\n";
    tbb::task_arena arena(2);
    ChunkParser chunks(*parser, "in", parser->split(text, 100), {}, arena, 8);
    ASSERT_NE(chunks.next(), nullptr);
    ASSERT_NE(chunks.next(), nullptr);
    // Destroyed here with chunks being parsed: must neither crash nor leave tasks behind.
}
