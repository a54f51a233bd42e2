/** @file
 * @brief Batch mode: line parsing, output formats, input order with several jobs, bad queries.
 */
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <newsdex/output/batch.hpp>
#include <newsdex/core/error.hpp>
#include <newsdex/index/indexer.hpp>

#include "test_support.hpp"

namespace newsdex {
namespace {

// --- parse_batch_line ------------------------------------------------------------------------

struct LineCase {
    const char* line;
    std::size_t line_no;
    bool query;  // false: skipped
    const char* qid;
    const char* text;
};

TEST(BatchLine, ParsesQueriesQidsAndSkipsBlankAndComments) {
    const LineCase cases[] = {
        {"oil prices", 3, true, "3", "oil prices"},
        {"q7\toil prices", 4, true, "q7", "oil prices"},
        {"  q7 \t  oil  prices \r", 5, true, "q7", "oil  prices"},
        {"\toil", 6, true, "6", "oil"},  // empty qid: the line number
        {"q8\t", 7, true, "q8", ""},     // empty query: run_batch reports it
        {"title:\"a b\"\tc", 8, true, "title:\"a b\"", "c"},
        {"oil\r", 9, true, "9", "oil"},
        {"\xEF\xBB\xBFoil", 1, true, "1", "oil"},  // UTF-8 BOM on the first line
        {"", 2, false, "", ""},
        {"   \t \r", 2, false, "", ""},
        {"# a comment", 2, false, "", ""},
        {"   # indented comment", 2, false, "", ""},
        {"oil # not a comment", 2, true, "2", "oil # not a comment"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.line);
        const auto q = parse_batch_line(c.line, c.line_no);
        ASSERT_EQ(q.has_value(), c.query);
        if (!q) continue;
        EXPECT_EQ(q->qid, c.qid);
        EXPECT_EQ(q->query, c.text);
        EXPECT_EQ(q->line, c.line_no);
    }
}

TEST(BatchLine, FormatNames) {
    EXPECT_EQ(batch_format_from("jsonl"), BatchFormat::jsonl);
    EXPECT_EQ(batch_format_from("json"), BatchFormat::jsonl);
    EXPECT_EQ(batch_format_from("trec"), BatchFormat::trec);
    EXPECT_EQ(batch_format_from("tsv"), BatchFormat::tsv);
    EXPECT_THROW((void)batch_format_from("text"), UsageError);
}

// --- format_batch_result ---------------------------------------------------------------------

SearchResult two_hits() {
    SearchResult r;
    r.query = "oil";
    r.estimate = r.lower = r.upper = 2;
    for (int i = 0; i < 2; ++i) {
        Hit h;
        h.rank = static_cast<std::size_t>(i) + 1;
        h.docid = static_cast<Xapian::docid>(10 + i);
        h.score = 2.5 - i;
        h.doc.id = i == 0 ? "doc one" : "doc-2";
        h.doc.title = i == 0 ? "Oil\tprices\nclimb" : "";
        h.doc.subject = i == 0 ? "" : "Memo subject";
        r.hits.push_back(std::move(h));
    }
    return r;
}

TEST(BatchFormat, TrecLinesUseTheDocumentIdAndTheRunTag) {
    BatchOptions o;
    o.format = BatchFormat::trec;
    o.run_tag = "my run";
    const SearchResult r = two_hits();
    const BatchQuery q{1, "q 1", "oil"};
    EXPECT_EQ(format_batch_result(q, &r, nullptr, o),
              "q_1 Q0 doc_one 1 2.500000 my_run\n"
              "q_1 Q0 doc-2 2 1.500000 my_run\n");
    const std::string error = "bad query: x";
    EXPECT_EQ(format_batch_result(q, nullptr, &error, o), "");
}

TEST(BatchFormat, TsvLinesAreOneFieldPerColumn) {
    BatchOptions o;
    o.format = BatchFormat::tsv;
    const SearchResult r = two_hits();
    EXPECT_EQ(format_batch_result({1, "7", "oil"}, &r, nullptr, o),
              "7\t1\tdoc one\t2.5000\tOil prices climb\n"
              "7\t2\tdoc-2\t1.5000\tMemo subject\n");
}

TEST(BatchFormat, JsonLineIsThePrinterObjectWithQidAndError) {
    BatchOptions o;
    const SearchResult r = two_hits();
    const std::string ok = format_batch_result({1, "q1", "oil"}, &r, nullptr, o);
    EXPECT_EQ(ok.rfind("{\"format_version\":1,\"qid\":\"q1\",\"query\":\"oil\",\"parsed\":", 0), 0u) << ok;
    EXPECT_NE(ok.find("\"hits\":[{\"rank\":1,\"id\":\"doc one\""), std::string::npos) << ok;
    EXPECT_TRUE(ok.ends_with(",\"facets\":{},\"error\":null}\n")) << ok;
    const std::string message = "bad query: unbalanced '\"' at column 1";
    EXPECT_EQ(format_batch_result({4, "q2", "\"oil"}, nullptr, &message, o),
              "{\"format_version\":1,\"qid\":\"q2\",\"query\":\"\\\"oil\",\"parsed\":\"\","
              "\"matches\":{\"estimate\":0,\"lower\":0,\"upper\":0},\"offset\":0,\"hits\":[],"
              "\"suggestion\":null,\"facets\":{},\"error\":\"bad query: unbalanced '\\\"' at column 1\"}\n");
}

// --- run_batch over a real database ------------------------------------------------------------

class BatchRun : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_tmp = new test::TempDir;
        IndexOptions io;
        io.db_path = (*s_tmp / "db").string();
        io.inputs = {std::string(TEST_DATA_DIR) + "/index-mini"};
        io.entities = false;
        DiagnosticSink diag;
        (void)build_index(io, diag);
    }
    static void TearDownTestSuite() {
        delete s_tmp;
        s_tmp = nullptr;
    }
    static std::vector<std::string> dbs() { return {(*s_tmp / "db").string()}; }

    static std::string run(const std::string& input, const BatchOptions& o, DiagnosticSink& diag,
                           BatchStats* stats = nullptr) {
        std::istringstream in(input);
        std::ostringstream out;
        const BatchStats s = run_batch(dbs(), in, out, o, diag);
        if (stats) *stats = s;
        return out.str();
    }

    static test::TempDir* s_tmp;
};
test::TempDir* BatchRun::s_tmp = nullptr;

/// 120 queries (some matching nothing), one per line, with comments and blank lines between.
std::string many_queries() {
    const char* words[] = {"cocoa", "coffee", "arabica", "budget", "parking",         "strike",
                           "river", "rates",  "school",  "zzyzx",  "brazil OR cocoa", "\"coffee harvest\""};
    std::string s = "# generated\n";
    for (int i = 0; i < 120; ++i) {
        s += "q" + std::to_string(i) + "\t" + words[i % 12] + "\n";
        if (i % 7 == 0) s += "\n# comment\n";
    }
    return s;
}

TEST_F(BatchRun, OutputIsInInputOrderWhateverTheJobs) {
    BatchOptions one;
    one.format = BatchFormat::trec;
    DiagnosticSink d1;
    BatchStats s1;
    const std::string expected = run(many_queries(), one, d1, &s1);
    EXPECT_EQ(s1.queries, 120u);
    EXPECT_EQ(s1.failures, 0u);
    ASSERT_FALSE(expected.empty());
    for (const std::size_t jobs : {2u, 3u, 8u}) {
        for (const std::size_t window : {0u, 1u, 3u}) {
            SCOPED_TRACE(testing::Message() << "jobs " << jobs << " window " << window);
            BatchOptions o = one;
            o.jobs = jobs;
            o.window = window;
            DiagnosticSink d;
            EXPECT_EQ(run(many_queries(), o, d), expected);
        }
    }
    // JSON Lines too: one line per query, qids in input order.
    BatchOptions j;
    j.jobs = 4;
    DiagnosticSink d;
    std::istringstream lines(run(many_queries(), j, d));
    int n = 0;
    for (std::string line; std::getline(lines, line); ++n)
        EXPECT_EQ(line.rfind("{\"format_version\":1,\"qid\":\"q" + std::to_string(n) + "\"", 0), 0u) << line;
    EXPECT_EQ(n, 120);
}

TEST_F(BatchRun, ABadQueryGivesAnErrorEntryAndTheOthersStillRun) {
    const std::string input = "cocoa\n\"coffee harvest\n\nbrazil\nq9\t\n(river\n";
    BatchOptions o;
    o.jobs = 2;
    o.input_name = "queries.txt";
    DiagnosticSink diag;
    BatchStats stats;
    const std::string out = run(input, o, diag, &stats);
    EXPECT_EQ(stats.queries, 5u);
    EXPECT_EQ(stats.failures, 3u);
    const auto errors = diag.collected();
    ASSERT_EQ(errors.size(), 3u);
    EXPECT_EQ(errors[0].format(), "queries.txt:2: error: bad query: unbalanced '\"' at column 1");
    EXPECT_EQ(errors[1].format(), "queries.txt:5: error: empty query");
    EXPECT_EQ(errors[2].format(), "queries.txt:6: error: bad query: missing ')' for '(' at column 1");
    std::istringstream lines(out);
    std::vector<std::string> v;
    for (std::string line; std::getline(lines, line);) v.push_back(line);
    ASSERT_EQ(v.size(), 5u);
    EXPECT_NE(v[0].find("\"qid\":\"1\""), std::string::npos);
    EXPECT_NE(v[0].find("\"id\":\"wire-1\""), std::string::npos);  // cocoa
    EXPECT_TRUE(v[0].ends_with("\"error\":null}"));
    EXPECT_NE(v[1].find("\"qid\":\"2\""), std::string::npos);
    EXPECT_NE(v[1].find("\"hits\":[]"), std::string::npos);
    EXPECT_TRUE(v[1].ends_with("\"error\":\"bad query: unbalanced '\\\"' at column 1\"}"));
    EXPECT_NE(v[2].find("\"qid\":\"4\""), std::string::npos);
    EXPECT_TRUE(v[2].ends_with("\"error\":null}"));
    EXPECT_NE(v[3].find("\"qid\":\"q9\""), std::string::npos);
    EXPECT_NE(v[4].find("\"qid\":\"6\""), std::string::npos);

    // TREC: nothing for the bad ones, the good ones intact.
    o.format = BatchFormat::trec;
    DiagnosticSink d2;
    const std::string trec = run(input, o, d2);
    EXPECT_EQ(d2.errors(), 3u);
    EXPECT_EQ(trec.rfind("1 Q0 wire-1 1 ", 0), 0u) << trec;
    EXPECT_EQ(trec.find("\n2 Q0"), std::string::npos);
    EXPECT_NE(trec.find("\n4 Q0 "), std::string::npos);
}

TEST_F(BatchRun, OptionErrorsStopTheBatchBeforeAnyOutput) {
    DiagnosticSink diag;
    BatchOptions o;
    o.search.facets = {"nosuchfield"};
    EXPECT_THROW((void)run("cocoa\n", o, diag), UsageError);
    o = {};
    o.search.collapse = "colour";
    EXPECT_THROW((void)run("cocoa\n", o, diag), UsageError);
    o = {};
    o.jobs = 0;
    EXPECT_THROW((void)run("cocoa\n", o, diag), UsageError);
    std::istringstream in("cocoa\n");
    std::ostringstream out;
    EXPECT_THROW((void)run_batch({(*s_tmp / "missing").string()}, in, out, {}, diag), RuntimeError);
    EXPECT_EQ(out.str(), "");
}

TEST_F(BatchRun, SearchOptionsApplyToEveryQuery) {
    BatchOptions o;
    o.format = BatchFormat::tsv;
    o.search.limit = 1;
    o.search.offset = 1;
    DiagnosticSink diag;
    const std::string out = run("a\tcoffee OR cocoa\nb\tcoffee OR cocoa OR arabica\n", o, diag);
    std::istringstream lines(out);
    std::vector<std::string> v;
    for (std::string line; std::getline(lines, line);) v.push_back(line);
    ASSERT_EQ(v.size(), 2u) << out;
    EXPECT_EQ(v[0].rfind("a\t2\t", 0), 0u);
    EXPECT_EQ(v[1].rfind("b\t2\t", 0), 0u);
}

}  // namespace
}  // namespace newsdex
