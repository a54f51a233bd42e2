/** @file
 * @brief The parallel indexing pipeline: the same documents, terms, values, entities, spelling and
 *        synonyms whatever the number of threads and shards (merged or behind a stub); `--shard K/N`
 *        partitions; incremental runs re-index only changed records; an interrupted sharded build.
 *
 * Databases are compared by unique id, and docid by docid: a fresh build numbers documents in input
 * order however many threads write it (segments merged in order, or shards interleaved by a stub).
 */
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <xapian.h>

#include <newsdex/analysis/terms.hpp>
#include <newsdex/entities/entity_extractor.hpp>
#include <newsdex/index/indexer.hpp>
#include <newsdex/schema/schema.hpp>

#include "test_support.hpp"

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using test::TempDir;
using test::write_file;

/// Everything a document holds, docid aside.
struct DocContent {
    std::string data;
    std::map<std::string, std::pair<Xapian::termcount, std::vector<Xapian::termpos>>> terms;
    std::map<Xapian::valueno, std::string> values;
    bool operator==(const DocContent&) const = default;
};

/// The whole content of a database keyed by unique id term, plus its tables and metadata.
struct DbContent {
    std::map<std::string, DocContent> docs;
    std::map<std::string, Xapian::doccount> spellings;
    std::map<std::string, std::set<std::string>> synonyms;
    std::map<std::string, std::string> metadata;
};

DbContent content(const std::string& path) {
    const Xapian::Database db(path);
    DbContent out;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const Xapian::Document d = db.get_document(*it);
        DocContent c;
        c.data = d.get_data();
        std::string id;
        for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
            auto& [wdf, positions] = c.terms[*t];
            wdf = t.get_wdf();
            for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) positions.push_back(*p);
            if ((*t).starts_with(schema::id_prefix)) id = *t;
        }
        for (auto v = d.values_begin(); v != d.values_end(); ++v) c.values[v.get_valueno()] = *v;
        EXPECT_FALSE(id.empty()) << "document " << *it << " of " << path << " has no id term";
        EXPECT_TRUE(out.docs.emplace(id, std::move(c)).second) << "id " << id << " twice in " << path;
    }
    for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) out.spellings[*it] = it.get_termfreq();
    for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k)
        for (auto s = db.synonyms_begin(*k); s != db.synonyms_end(*k); ++s) out.synonyms[*k].insert(*s);
    for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k) out.metadata[*k] = db.get_metadata(*k);
    return out;
}

void expect_same(const DbContent& a, const DbContent& b, const std::string& what) {
    EXPECT_EQ(a.docs.size(), b.docs.size()) << what;
    for (const auto& [id, doc] : a.docs) {
        const auto it = b.docs.find(id);
        if (it == b.docs.end()) {
            ADD_FAILURE() << what << ": " << id << " missing";
            continue;
        }
        EXPECT_EQ(doc.data, it->second.data) << what << ": " << id;
        EXPECT_TRUE(doc.terms == it->second.terms) << what << ": terms of " << id;
        EXPECT_EQ(doc.values, it->second.values) << what << ": " << id;
    }
    EXPECT_EQ(a.spellings, b.spellings) << what;
    EXPECT_EQ(a.synonyms, b.synonyms) << what;
    EXPECT_EQ(a.metadata, b.metadata) << what;
}

/// One extractor for the whole test program (loading the model is the slow part).
const EntityExtractor& extractor() {
    static const EntityExtractor x = EntityExtractor::load();
    return x;
}

IndexStats index(const std::string& db, const std::vector<std::string>& inputs, unsigned threads, unsigned shards = 0,
                 bool merge = true, std::size_t segment_bytes = 0) {
    IndexOptions o;
    if (segment_bytes > 0) o.segment_bytes = segment_bytes;
    o.db_path = db;
    o.inputs = inputs;
    o.threads = threads;
    o.shards = shards;
    o.merge = merge;
    o.extractor = &extractor();
    DiagnosticSink diag([](const Diagnostic&) {});
    return build_index(o, diag);
}

TEST(ParallelIndex, ThreadsAndShardsDoNotChangeTheDocuments) {
    TempDir tmp;
    const std::vector<std::string> corpus{CORPUS_DIR};
    const auto one = index((tmp / "t1").string(), corpus, 1);
    EXPECT_EQ(one.shards, 1u);
    ASSERT_GT(one.added, 20u);
    const auto two = index((tmp / "t2").string(), corpus, 2, 2);
    EXPECT_EQ(two.shards, 2u);
    EXPECT_EQ(two.added, one.added);
    index((tmp / "t2s3").string(), corpus, 2, 3);
    index((tmp / "stub").string(), corpus, 2, 2, false);
    index((tmp / "small").string(), corpus, 2, 2, true, 2048);  // many segments of ~2 KB

    EXPECT_FALSE(fs::exists(tmp / "t2.newsdex-build"));
    EXPECT_TRUE(fs::exists(tmp / "stub" / "XAPIANDB"));
    const DbContent a = content((tmp / "t1").string());
    expect_same(a, content((tmp / "t2").string()), "2 threads, 2 shards");
    expect_same(a, content((tmp / "t2s3").string()), "2 threads, 3 shards");
    expect_same(a, content((tmp / "stub").string()), "2 shards behind a stub");
    expect_same(a, content((tmp / "small").string()), "2 threads, segments of 2 KB");
    // The same docids too, so hits that tie (boolean-only queries) come in the same order.
    const Xapian::Database single((tmp / "t1").string());
    for (const char* other : {"t2", "t2s3", "stub", "small"}) {
        const Xapian::Database db((tmp / other).string());
        ASSERT_EQ(db.get_lastdocid(), single.get_lastdocid()) << other;
        for (Xapian::docid did = 1; did <= single.get_lastdocid(); ++did)
            EXPECT_EQ(single.get_document(did).get_data(), db.get_document(did).get_data()) << other << " " << did;
    }
}

TEST(ParallelIndex, AnIdRepeatedInALaterSegmentKeepsOnlyItsLastCopy) {
    TempDir tmp;
    std::string jsonl;
    for (int i = 0; i < 60; ++i)
        jsonl += fmt::format(R"({{"id": "r{}", "title": "Record {}", "body": "{} body text about cocoa and coffee."}})"
                             "\n",
                             i % 50, i, std::string(100, 'x'));
    write_file(tmp / "in.jsonl", jsonl);  // r0..r9 come twice, 50 records apart
    for (const unsigned threads : {1u, 2u}) {
        const std::string db = (tmp / fmt::format("db{}", threads)).string();
        const IndexStats s = index(db, {(tmp / "in.jsonl").string()}, threads, 0, true, 1024);
        EXPECT_EQ(s.added, 50u);
        EXPECT_EQ(s.updated, 10u);
        const Xapian::Database d(db);
        EXPECT_EQ(d.get_doccount(), 50u);
        for (int i = 0; i < 10; ++i) {
            const std::string term = id_term(fmt::format("r{}", i));
            ASSERT_EQ(d.get_termfreq(term), 1u) << term;
            EXPECT_NE(d.get_document(*d.postlist_begin(term)).get_data().find(fmt::format("Record {}", i + 50)),
                      std::string::npos);
        }
    }
    // Both thread counts number the documents alike.
    const Xapian::Database one((tmp / "db1").string()), two((tmp / "db2").string());
    ASSERT_EQ(one.get_lastdocid(), two.get_lastdocid());
    for (auto it = one.postlist_begin(""); it != one.postlist_end(""); ++it)
        EXPECT_EQ(one.get_document(*it).get_data(), two.get_document(*it).get_data()) << *it;
}

TEST(ParallelIndex, SegmentsCompactedIntoSeveralShardsMakeTheSameDatabaseWhateverTheThreads) {
    TempDir tmp;
    std::string jsonl;
    for (int i = 0; i < 400; ++i)  // r0..r29 come twice, far apart (other shards)
        jsonl += fmt::format(R"({{"id": "r{}", "title": "Record {}", "body": "{} {} about cocoa and coffee."}})"
                             "\n",
                             i < 370 ? i : i - 370, i, std::string(200, 'x'), i);
    write_file(tmp / "in" / "in.jsonl", jsonl);
    const std::vector<std::string> inputs{(tmp / "in").string()};
    DiagnosticSink diag([](const Diagnostic&) {});
    auto build = [&](const std::string& name, unsigned threads, std::size_t shard_bytes) {
        IndexOptions o;
        o.db_path = (tmp / name).string();
        o.inputs = inputs;
        o.threads = threads;
        o.segment_bytes = 2048;
        o.shard_bytes = shard_bytes;
        o.entities = false;
        return build_index(o, diag);
    };
    build("one", 1, std::size_t{16} << 20);  // a single database
    for (const unsigned threads : {1u, 2u}) build(fmt::format("shards{}", threads), threads, 8192);
    EXPECT_FALSE(fs::exists(tmp / "one" / "XAPIANDB"));
    ASSERT_TRUE(fs::exists(tmp / "shards1" / "XAPIANDB"));
    EXPECT_GT(test::read_file(tmp / "shards1" / "XAPIANDB").size(), 3 * std::string("auto shard-0000\n").size());
    EXPECT_FALSE(fs::exists(tmp / "shards2.newsdex-build"));
    const DbContent one = content((tmp / "one").string());
    EXPECT_EQ(one.docs.size(), 370u);
    for (const char* db : {"shards1", "shards2"}) {
        const DbContent c = content((tmp / db).string());
        expect_same(one, c, db);
        for (int i = 0; i < 30; ++i)  // only the last copy of a repeated id
            EXPECT_NE(c.docs.at(id_term(fmt::format("r{}", i))).data.find(fmt::format("Record {}", i + 370)),
                      std::string::npos)
                << db << " r" << i;
    }
    // The shards do not depend on the threads: the same docids.
    const Xapian::Database a((tmp / "shards1").string()), b((tmp / "shards2").string());
    ASSERT_EQ(a.get_lastdocid(), b.get_lastdocid());
    for (auto it = a.postlist_begin(""); it != a.postlist_end(""); ++it)
        EXPECT_EQ(a.get_document(*it).get_data(), b.get_document(*it).get_data()) << *it;
    // A later run updates the stub in place as it does a single database: an edited record replaces
    // its document (and the repeated ids, whose first copies are gone, are indexed again).
    std::string edited = jsonl;
    edited.replace(edited.find("Record 100\""), 11, "Record 100 edited\"");
    const auto mtime = fs::last_write_time(tmp / "in" / "in.jsonl");
    write_file(tmp / "in" / "in.jsonl", edited);
    fs::last_write_time(tmp / "in" / "in.jsonl", mtime + std::chrono::seconds(2));
    const IndexStats single = build("one", 2, 8192);
    const IndexStats s = build("shards2", 2, 8192);
    EXPECT_EQ(s.updated, single.updated);
    EXPECT_EQ(s.unchanged, single.unchanged);
    EXPECT_EQ(s.added, 0u);
    EXPECT_GT(s.unchanged, 300u);
    expect_same(content((tmp / "one").string()), content((tmp / "shards2").string()), "after an update");
    const Xapian::Database after((tmp / "shards2").string());
    EXPECT_EQ(after.get_doccount(), 370u);
    ASSERT_EQ(after.get_termfreq(id_term("r100")), 1u);
    EXPECT_NE(after.get_document(*after.postlist_begin(id_term("r100"))).get_data().find("Record 100 edited"),
              std::string::npos);
}

TEST(ParallelIndex, RunStatsSayWhereTheTimeWent) {
    TempDir tmp;
    const IndexStats s = index((tmp / "db").string(), {CORPUS_DIR}, 2, 2);
    const RunStats& r = s.run;
    EXPECT_GT(r.wall_s, 0);
    EXPECT_GT(r.cpu_s, 0);
    EXPECT_LE(r.serial_s, r.wall_s);
    EXPECT_LE(r.tail_s, r.serial_s);
    EXPECT_GT(r.peak_rss_mb, 1);
    std::map<std::string, StageStats> stages;
    for (const auto& st : r.stages) stages[st.name] = st;
    for (const char* name : {"read", "analyze", "write", "merge", "spelling"})
        EXPECT_EQ(stages.count(name), 1u) << name;
    EXPECT_EQ(stages["analyze"].threads, 2u);
    EXPECT_EQ(stages["write"].threads, 2u);
    EXPECT_GT(stages["analyze"].busy_s, 0);
    EXPECT_GT(stages["write"].busy_s, 0);
    EXPECT_LE(stages["analyze"].busy_s, r.cpu_s);
}

TEST(ParallelIndex, ExistingDatabasesAreUpdatedInPlaceByOneWriter) {
    TempDir tmp;
    const fs::path corpus = tmp / "corpus";
    fs::copy(CORPUS_DIR, corpus, fs::copy_options::recursive);
    const std::vector<std::string> inputs{corpus.string()};
    index((tmp / "single").string(), inputs, 1);
    index((tmp / "stub").string(), inputs, 2, 2, false);

    // Change one news file: both are updated in place (one writer), with the same result.
    fs::path news;
    for (const auto& e : fs::recursive_directory_iterator(corpus / "news"))
        if (e.is_regular_file()) {
            news = e.path();
            break;
        }
    ASSERT_FALSE(news.empty());
    const auto before = fs::last_write_time(news);
    write_file(news, test::read_file(news) + "\nA late paragraph about the Brightwell Reservoir.\n");
    fs::last_write_time(news, before + std::chrono::seconds(2));
    for (const char* db : {"single", "stub"}) {
        const auto s = index((tmp / db).string(), inputs, 2, 2);
        EXPECT_EQ(s.shards, 1u) << db;
        EXPECT_EQ(s.updated, 1u) << db;
        EXPECT_EQ(s.added, 0u) << db;
        EXPECT_GT(s.unchanged, 20u) << db;
    }
    expect_same(content((tmp / "single").string()), content((tmp / "stub").string()), "after an update");
    EXPECT_TRUE(fs::exists(tmp / "stub" / "XAPIANDB"));
}

TEST(ParallelIndex, ShardKOfNPartitionsByIdHash) {
    TempDir tmp;
    const std::vector<std::string> corpus{CORPUS_DIR};
    index((tmp / "all").string(), corpus, 2);
    const DbContent all = content((tmp / "all").string());
    std::set<std::string> seen;
    for (unsigned k = 0; k < 2; ++k) {
        IndexOptions o;
        o.db_path = (tmp / ("part" + std::to_string(k))).string();
        o.inputs = corpus;
        o.shard_index = k;
        o.shard_count = 2;
        o.extractor = &extractor();
        DiagnosticSink diag([](const Diagnostic&) {});
        const IndexStats s = build_index(o, diag);
        EXPECT_GT(s.added, 0u);
        const DbContent part = content(o.db_path);
        EXPECT_EQ(part.docs.size(), s.added);
        for (const auto& [id, doc] : part.docs) {
            EXPECT_EQ(stable_id_hash(id) % 2, k) << id;
            EXPECT_TRUE(seen.insert(id).second) << id << " in two parts";
            ASSERT_TRUE(all.docs.count(id)) << id;
            EXPECT_EQ(doc.data, all.docs.at(id).data) << id;
            EXPECT_TRUE(doc.terms == all.docs.at(id).terms) << id;
            EXPECT_EQ(doc.values, all.docs.at(id).values) << id;
        }
    }
    EXPECT_EQ(seen.size(), all.docs.size());
}

TEST(ParallelIndex, OnlyChangedRecordsOfAChangedFileAreIndexedAgain) {
    TempDir tmp;
    const fs::path file = tmp / "in" / "wire.jsonl";
    auto record = [](int i, const std::string& body) {
        return R"({"id": "w-)" + std::to_string(i) + R"(", "title": "Item )" + std::to_string(i) +
            R"(", "date": "2024-05-0)" + std::to_string(i) + R"(", "body": ")" + body + "\"}\n";
    };
    std::string v1;
    for (int i = 1; i <= 5; ++i)
        v1 += record(i, "The council met in Lanesford on budget item " + std::to_string(i) + ".");
    write_file(file, v1);
    const std::string db = (tmp / "db").string();
    EXPECT_EQ(index(db, {file.string()}, 2).added, 5u);

    // Record 2 edited, record 4 removed, record 6 added; the rest unchanged.
    std::string v2;
    for (int i : {1, 2, 3, 5, 6})
        v2 += record(i,
                     i == 2 ? std::string("An edited body about the Harwick cooperative.")
                            : "The council met in Lanesford on budget item " + std::to_string(i) + ".");
    const auto before = fs::last_write_time(file);
    write_file(file, v2);
    fs::last_write_time(file, before + std::chrono::seconds(2));
    const IndexStats s = index(db, {file.string()}, 2);
    EXPECT_EQ(s.unchanged, 2u);  // w-1, w-3 (w-5 and w-6 moved lines: their stored line changed)
    EXPECT_EQ(s.updated, 2u);    // w-2 edited, w-5 moved
    EXPECT_EQ(s.added, 1u);
    EXPECT_EQ(s.removed, 1u);

    // The same as a fresh build of the new file.
    const std::string fresh = (tmp / "fresh").string();
    index(fresh, {file.string()}, 1);
    DbContent a = content(db), b = content(fresh);
    EXPECT_EQ(a.docs.size(), 5u);
    for (const auto& [id, doc] : b.docs) {
        ASSERT_TRUE(a.docs.count(id)) << id;
        EXPECT_EQ(doc.data, a.docs.at(id).data) << id;
        EXPECT_TRUE(doc.terms == a.docs.at(id).terms) << id;
    }
    // Unchanged now: nothing read.
    const IndexStats again = index(db, {file.string()}, 2);
    EXPECT_EQ(again.unchanged, 5u);
    EXPECT_EQ(again.files, 0u);
}

TEST(ParallelIndex, InterruptedShardedBuildIsUsableAndARerunCompletesIt) {
    TempDir tmp;
    const fs::path dir = tmp / "in";
    std::string jsonl;
    for (int i = 1; i <= 60; ++i)
        jsonl += R"({"id": "r)" + std::to_string(i) + R"(", "title": "record )" + std::to_string(i) + "\"}\n";
    write_file(dir / "a.jsonl", jsonl);
    write_file(dir / "b.jsonl",
               R"({"id": "b1", "title": "one"})"
               "\n"
               R"({"id": "b2", "title": )"
               "\n"
               R"({"id": "b3", "title": "three"})"
               "\n");
    std::atomic<bool> stop{false};
    // Stop (as SIGINT would) when the parser reports the broken line of b.jsonl.
    DiagnosticSink diag([&](const Diagnostic& d) {
        if (d.severity == Severity::error) stop = true;
    });
    IndexOptions o;
    o.db_path = (tmp / "db").string();
    o.inputs = {dir.string()};
    o.threads = 2;
    o.shards = 2;
    o.entities = false;
    o.stop = &stop;
    IndexStats s = build_index(o, diag);
    EXPECT_TRUE(s.interrupted);
    EXPECT_EQ(s.shards, 2u);
    EXPECT_EQ(s.added, 61u);
    EXPECT_FALSE(fs::exists(tmp / "db.newsdex-build"));
    {
        Xapian::Database db(o.db_path);  // merged, usable
        EXPECT_EQ(db.get_doccount(), 61u);
        EXPECT_NE(db.get_metadata(std::string(schema::meta_file_prefix) +
                                  fs::absolute(dir / "a.jsonl").lexically_normal().string()),
                  "");
        EXPECT_EQ(db.get_metadata(std::string(schema::meta_file_prefix) +
                                  fs::absolute(dir / "b.jsonl").lexically_normal().string()),
                  "");
    }
    stop = false;
    DiagnosticSink diag2;
    s = build_index(o, diag2);
    EXPECT_FALSE(s.interrupted);
    EXPECT_EQ(s.shards, 1u);      // the database exists now: updated in place
    EXPECT_EQ(s.unchanged, 61u);  // a.jsonl skipped, b1 unchanged
    EXPECT_EQ(s.added, 1u);
    EXPECT_EQ(Xapian::Database(o.db_path).get_doccount(), 62u);
}

TEST(ParallelIndex, AFreshBuildLeftByACrashIsRedone) {
    TempDir tmp;
    const std::string db = (tmp / "db").string();
    // What a crash during a sharded build leaves: an empty database and the scratch shards.
    { Xapian::WritableDatabase w(db, Xapian::DB_CREATE_OR_OPEN); }
    write_file(tmp / "db.newsdex-build" / "shard-0" / "junk", "x");
    const auto s = index(db, {CORPUS_DIR}, 2, 2);
    EXPECT_EQ(s.shards, 2u);
    EXPECT_GT(Xapian::Database(db).get_doccount(), 20u);
    EXPECT_FALSE(fs::exists(tmp / "db.newsdex-build"));
}

}  // namespace
}  // namespace newsdex
