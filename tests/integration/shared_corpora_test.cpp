/** @file
 * @brief Integration: index the real corpora in ../shared/corpora with the programs, check counts,
 * gold-tag counts and a few searches, and that a re-run adds nothing.
 */
#include <chrono>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <newsdex/schema/schema.hpp>
#include <test_support.hpp>

namespace newsdex::test {
namespace {

std::size_t summary_value(const std::string& err, const std::string& key) {
    std::smatch m;
    const std::regex re(key + " ([0-9]+)");
    if (!std::regex_search(err, m, re)) return static_cast<std::size_t>(-1);
    return std::stoul(m[1]);
}

double seconds_of(const std::function<void()>& f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::size_t search_count(const std::string& db, const std::string& query) {
    const auto r = run(std::string(SEARCHER_BIN) + " --db " + db + " --count '" + query + "'");
    EXPECT_LE(r.exit_code, 1) << r.err;
    return r.out.empty() ? 0 : std::stoul(r.out);
}

TEST(SharedCorpora, BbcNewsIndexesCompletely) {
    NEWSDEX_REQUIRE_SHARED("bbc_news");
    TempDir tmp;
    const std::string db = (tmp / "db").string();
    const std::string corpus = (shared_corpora() / "bbc_news").string();
    RunResult first;
    const double t1 = seconds_of([&] { first = run(std::string(INDEXER_BIN) + " --db " + db + " " + corpus); });
    ASSERT_EQ(first.exit_code, 0) << first.err;
    {
        Xapian::Database x(db);
        // 2,225 articles plus the README.TXT and SOURCE.md files at the top of the folder.
        EXPECT_GE(x.get_doccount(), 2225u);
        EXPECT_LE(x.get_doccount(), 2227u);
        EXPECT_EQ(x.get_termfreq("XTnews"), x.get_doccount());
    }
    // The one Latin-1 file is read as such (no replacement characters stored).
    EXPECT_NE(first.err.find("sport/199.txt"), std::string::npos) << "no charset note for the Latin-1 file";
    EXPECT_GT(search_count(db, "title:chelsea"), 5u);
    EXPECT_GT(search_count(db, "\"prime minister\""), 50u);

    RunResult second;
    const double t2 = seconds_of([&] { second = run(std::string(INDEXER_BIN) + " --db " + db + " " + corpus); });
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_EQ(summary_value(second.err, "added"), 0u) << second.err;
    EXPECT_EQ(summary_value(second.err, "updated"), 0u) << second.err;
    EXPECT_LT(t2 * 3, t1) << "re-run " << t2 << " s vs first run " << t1 << " s";
}

TEST(SharedCorpora, ReutersJsonLinesIndexesCompletelyWithGoldTags) {
    NEWSDEX_REQUIRE_SHARED("reuters21578-jsonl");
    TempDir tmp;
    const std::string db = (tmp / "db").string();
    const auto jsonl = shared_corpora() / "reuters21578-jsonl" / "reuters21578.jsonl";
    const auto r = run(std::string(INDEXER_BIN) + " -q --db " + db + " " + jsonl.string());
    ASSERT_EQ(r.exit_code, 0) << r.err;

    // Gold counts computed independently from the JSON Lines lists.
    std::map<std::string, std::size_t> gold;
    std::ifstream in(jsonl);
    std::string line;
    std::size_t records = 0;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        ++records;
        const auto j = nlohmann::json::parse(line);
        for (const char* key : {"places", "topics"}) {
            if (!j.contains(key) || !j[key].is_array()) continue;
            std::set<std::string> distinct;  // a few records list a value twice; count documents
            for (const auto& v : j[key]) distinct.insert(std::string(key) + ":" + v.get<std::string>());
            for (const auto& tag : distinct) ++gold[tag];
        }
    }
    ASSERT_EQ(records, 21578u);
    Xapian::Database x(db);
    EXPECT_EQ(x.get_doccount(), 21578u);
    for (const char* tag : {"topics:cocoa", "topics:earn", "places:usa", "places:japan"}) {
        SCOPED_TRACE(tag);
        EXPECT_EQ(x.get_termfreq(std::string(schema::tag_prefix) + tag), gold[tag]);
        EXPECT_EQ(search_count(db, tag), gold[tag]);
    }
    EXPECT_GT(search_count(db, "cocoa AND bahia"), 0u);
    EXPECT_GT(search_count(db, "date:1987-03-01..1987-03-31"), 1000u);
    EXPECT_EQ(search_count(db, "id:reuters-1"), 1u);
}

}  // namespace
}  // namespace newsdex::test

namespace newsdex::test {
namespace {

/// Ctrl-C in the middle of a large run: exit 130, a consistent database holding what was
/// committed, and a re-run that completes the corpus without duplicates.
TEST(SharedCorpora, InterruptedRunCommitsAndRerunCompletes) {
    NEWSDEX_REQUIRE_SHARED("reuters21578-jsonl");
    TempDir tmp;
    const std::string db = (tmp / "db").string();
    const auto jsonl = (shared_corpora() / "reuters21578-jsonl" / "reuters21578.jsonl").string();
    // --commit-mb 1 so that some batches are committed before the signal arrives.
    const auto r = run("( " + std::string(INDEXER_BIN) + " --commit-mb 1 --db " + db + " " + jsonl +
                       " & pid=$!; sleep 3; kill -INT $pid; wait $pid )");
    ASSERT_EQ(r.exit_code, 130) << r.err;
    EXPECT_NE(r.err.find("interrupted"), std::string::npos) << r.err;
    {
        Xapian::Database x(db);
        EXPECT_GT(x.get_doccount(), 0u);
        EXPECT_LT(x.get_doccount(), 21578u);
    }
    const auto again = run(std::string(INDEXER_BIN) + " -q --db " + db + " " + jsonl);
    ASSERT_EQ(again.exit_code, 0) << again.err;
    Xapian::Database x(db);
    EXPECT_EQ(x.get_doccount(), 21578u);
    EXPECT_EQ(x.get_termfreq("Qreuters-1"), 1u);
}

}  // namespace
}  // namespace newsdex::test
