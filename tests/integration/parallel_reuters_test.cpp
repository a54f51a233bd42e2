/** @file
 * @brief 1 thread against 2 threads and 2 merged shards on real news: the first 3,000 Reuters-21578
 *        records (JSON Lines, entities on) give the same documents, terms, positions, values, stored
 *        data, spelling and synonyms, compared by unique id.
 */
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include <newsdex/index/indexer.hpp>
#include <newsdex/schema/schema.hpp>

#include "test_support.hpp"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

/// Every document as one string (terms with wdf and positions, values, data), keyed by id term.
std::map<std::string, std::string> documents(const Xapian::Database& db) {
    std::map<std::string, std::string> out;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const Xapian::Document d = db.get_document(*it);
        std::string id, all;
        for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
            if ((*t).starts_with(schema::id_prefix)) id = *t;
            all += *t + ':' + std::to_string(t.get_wdf());
            for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) all += ',' + std::to_string(*p);
            all += '\n';
        }
        for (auto v = d.values_begin(); v != d.values_end(); ++v)
            all += std::to_string(v.get_valueno()) + '=' + *v + '\n';
        out[id] = all + d.get_data();
    }
    return out;
}

TEST(ParallelReuters, OneAndTwoThreadsGiveTheSameDatabase) {
    NEWSDEX_REQUIRE_SHARED("reuters21578-jsonl");
    test::TempDir tmp;
    const fs::path slice = tmp / "reuters-3000.jsonl";
    {
        std::ifstream in(fs::path(SHARED_CORPORA_DIR) / "reuters21578-jsonl" / "reuters21578.jsonl", std::ios::binary);
        std::ofstream out(slice, std::ios::binary);
        std::string line;
        for (int n = 0; n < 3000 && std::getline(in, line); ++n) out << line << '\n';
    }
    std::vector<std::string> dbs;
    for (unsigned threads : {1u, 2u}) {
        IndexOptions o;
        o.db_path = (tmp / ("t" + std::to_string(threads))).string();
        o.inputs = {slice.string()};
        o.threads = threads;
        o.shards = threads;
        DiagnosticSink diag([](const Diagnostic&) {});
        const IndexStats s = build_index(o, diag);
        EXPECT_EQ(s.added, 3000u);
        EXPECT_EQ(s.shards, threads);
        dbs.push_back(o.db_path);
    }
    const Xapian::Database a(dbs[0]), b(dbs[1]);
    const auto da = documents(a), db = documents(b);
    ASSERT_EQ(da.size(), 3000u);
    ASSERT_EQ(db.size(), 3000u);
    std::size_t different = 0;
    for (const auto& [id, doc] : da)
        if (db.count(id) == 0 || db.at(id) != doc) ++different;
    EXPECT_EQ(different, 0u);
    std::map<std::string, Xapian::doccount> sa, sb;
    for (auto it = a.spellings_begin(); it != a.spellings_end(); ++it) sa[*it] = it.get_termfreq();
    for (auto it = b.spellings_begin(); it != b.spellings_end(); ++it) sb[*it] = it.get_termfreq();
    EXPECT_EQ(sa, sb);
    std::set<std::string> ya, yb;
    for (auto k = a.synonym_keys_begin(); k != a.synonym_keys_end(); ++k)
        for (auto s = a.synonyms_begin(*k); s != a.synonyms_end(*k); ++s) ya.insert(*k + '\t' + *s);
    for (auto k = b.synonym_keys_begin(); k != b.synonym_keys_end(); ++k)
        for (auto s = b.synonyms_begin(*k); s != b.synonyms_end(*k); ++s) yb.insert(*k + '\t' + *s);
    EXPECT_EQ(ya, yb);
    EXPECT_GT(ya.size(), 0u);
}

}  // namespace
}  // namespace newsdex
