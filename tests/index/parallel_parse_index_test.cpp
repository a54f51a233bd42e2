/** @file
 * @brief A big JSON Lines input parsed in chunks on two threads indexes as when one thread parses it:
 *        the same documents docid by docid, the same diagnostics in the same order, on a fresh build
 *        and on a re-run that keeps unchanged records unparsed, claims ids and replaces duplicates.
 */
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <xapian.h>

#include <newsdex/index/indexer.hpp>

#include "test_support.hpp"

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using test::TempDir;
using test::write_file;

/// Every docid's terms (with wdf and positions), values and data, in docid order.
std::vector<std::string> documents(const std::string& path) {
    const Xapian::Database db(path);
    std::vector<std::string> out;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const Xapian::Document d = db.get_document(*it);
        std::string all = std::to_string(*it) + '\n';
        for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
            all += *t + ':' + std::to_string(t.get_wdf());
            for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) all += ',' + std::to_string(*p);
            all += '\n';
        }
        for (auto v = d.values_begin(); v != d.values_end(); ++v)
            all += std::to_string(v.get_valueno()) + '=' + *v + '\n';
        out.push_back(all + d.get_data());
    }
    return out;
}

/// A JSON Lines file of @p n records (big enough to be cut into chunks): ids repeated now and then,
/// records without an id, broken lines, blank lines, dates the parser warns about.
std::string records(int n, int changed_every = 0) {
    std::string out;
    for (int i = 1; i <= n; ++i) {
        const bool changed = changed_every > 0 && i % changed_every == 0;
        if (i % 211 == 0) {
            out += "{\"id\": \"broken\n";
        } else if (i % 97 == 0) {
            out += "\n";
        } else if (i % 53 == 0) {
            out += fmt::format("{{\"title\": \"Untitled {}\", \"body\": \"a record without an id{}\"}}\n", i,
                               changed ? " (changed)" : "");
        } else {
            // Every 41st record repeats an earlier id; a changed record may take the id of a later one.
            const int id = i % 41 == 0 ? i - 300 : changed && i % 2 == 0 ? i + 500 : i;
            out += fmt::format(
                "{{\"id\": \"r{}\", \"title\": \"Record {}\", \"date\": \"{}\", \"body\": \"The body of record {} "
                "says something about harbours, ships and weather in the bay{}. {}\"}}\n",
                id, i, i % 59 == 0 ? "not a date" : "1987-03-02", i, changed ? ", changed" : "",
                std::string(static_cast<std::size_t>(i % 7) * 40, 'x'));
        }
    }
    return out;
}

struct Outcome {
    std::vector<std::string> diagnostics;
    IndexStats stats;
};

Outcome index(const std::string& db, const fs::path& input, unsigned threads) {
    IndexOptions o;
    o.db_path = db;
    o.inputs = {input.string()};
    o.threads = threads;
    o.entities = false;
    Outcome r;
    DiagnosticSink diag([&](const Diagnostic& d) { r.diagnostics.push_back(d.format()); });
    r.stats = build_index(o, diag);
    return r;
}

TEST(ParallelParse, TwoThreadsIndexAsOneDoes) {
    TempDir tmp;
    const fs::path input = tmp / "big.jsonl";
    const std::string v1 = records(4000);
    ASSERT_GT(v1.size(), std::size_t{1} << 20);  // cut into several chunks
    write_file(input, v1);
    const Outcome one = index((tmp / "one").string(), input, 1);
    const Outcome two = index((tmp / "two").string(), input, 2);
    EXPECT_EQ(two.diagnostics, one.diagnostics);
    EXPECT_GT(one.diagnostics.size(), 50u);  // duplicates, broken lines and dates were reported
    EXPECT_EQ(two.stats.added, one.stats.added);
    EXPECT_EQ(two.stats.failed, one.stats.failed);
    EXPECT_EQ(documents((tmp / "two").string()), documents((tmp / "one").string()));

    // A re-run over a changed file: unchanged records are kept unparsed, changed ones replace theirs,
    // some take the id of a later unchanged record (which is then parsed after all).
    write_file(input, records(4000, 13) + records(30));
    const Outcome one_again = index((tmp / "one").string(), input, 1);
    const Outcome two_again = index((tmp / "two").string(), input, 2);
    EXPECT_EQ(two_again.diagnostics, one_again.diagnostics);
    EXPECT_GT(one_again.stats.unchanged, 3000u);
    EXPECT_GT(one_again.stats.updated + one_again.stats.added, 200u);
    EXPECT_EQ(two_again.stats.unchanged, one_again.stats.unchanged);
    EXPECT_EQ(two_again.stats.updated, one_again.stats.updated);
    EXPECT_EQ(two_again.stats.added, one_again.stats.added);
    EXPECT_EQ(documents((tmp / "two").string()), documents((tmp / "one").string()));
}

}  // namespace
}  // namespace newsdex
