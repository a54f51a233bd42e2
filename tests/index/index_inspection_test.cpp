/** @file
 * @brief Index a small hand-written corpus (tests/data/index-mini) and inspect the database: terms and
 *        values present and absent per document, incremental re-runs, prune, duplicates, stop, locks.
 */
#include <atomic>
#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include <newsdex/analysis/analyzer.hpp>
#include <newsdex/analysis/terms.hpp>
#include <newsdex/schema/stored.hpp>
#include <newsdex/core/error.hpp>
#include <newsdex/index/indexer.hpp>
#include <newsdex/schema/schema.hpp>

#include "test_support.hpp"

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using test::read_file;
using test::write_file;

constexpr std::size_t mini_files = 7;  // 4 news, 2 memos, wire.jsonl (README.md is not input)
constexpr std::size_t mini_docs = 9;   // ... and wire.jsonl holds 3 records

std::set<std::string> terms_of(const Xapian::Document& d) {
    std::set<std::string> out;
    for (auto it = d.termlist_begin(); it != d.termlist_end(); ++it) out.insert(*it);
    return out;
}

/// Rewrite a file and move its mtime forward, so the change is seen even within one clock tick.
void rewrite(const fs::path& p, const std::string& bytes) {
    const auto before = fs::last_write_time(p);
    write_file(p, bytes);
    fs::last_write_time(p, before + std::chrono::seconds(2));
}

class IndexMini : public ::testing::Test {
protected:
    void SetUp() override { fs::copy(fs::path(TEST_DATA_DIR) / "index-mini", corpus(), fs::copy_options::recursive); }

    fs::path corpus() const { return m_tmp / "corpus"; }
    fs::path db_path() const { return m_tmp / "db"; }

    IndexOptions options() const {
        IndexOptions o;
        o.db_path = db_path().string();
        o.inputs = {corpus().string()};
        return o;
    }

    IndexStats index(DiagnosticSink& diag, IndexOptions o) { return build_index(o, diag); }
    IndexStats index(DiagnosticSink& diag) { return index(diag, options()); }

    /// Index and expect no error diagnostics.
    IndexStats index_clean() {
        DiagnosticSink diag;
        const IndexStats s = index(diag);
        for (const auto& d : diag.collected()) EXPECT_NE(d.severity, Severity::error) << d.format();
        return s;
    }

    static Xapian::Document doc(const Xapian::Database& db, const std::string& id) {
        const std::string term = id_term(id);
        auto it = db.postlist_begin(term);
        if (it == db.postlist_end(term)) throw std::runtime_error("no document with id " + id);
        return db.get_document(*it);
    }

    static bool has_doc(const Xapian::Database& db, const std::string& id) { return db.term_exists(id_term(id)); }

    std::string abs(const std::string& rel) const { return fs::absolute(corpus() / rel).lexically_normal().string(); }

    test::TempDir m_tmp;
};

#define EXPECT_TERMS(terms, ...) \
    for (const char* t_ : {__VA_ARGS__}) EXPECT_TRUE((terms).count(t_)) << "missing term " << t_
#define EXPECT_NO_TERMS(terms, ...) \
    for (const char* t_ : {__VA_ARGS__}) EXPECT_FALSE((terms).count(t_)) << "unexpected term " << t_

TEST_F(IndexMini, IndexesEveryDocumentAndRecordsMetadata) {
    const IndexStats s = index_clean();
    EXPECT_EQ(s.added, mini_docs);
    EXPECT_EQ(s.updated, 0u);
    EXPECT_EQ(s.unchanged, 0u);
    EXPECT_EQ(s.failed, 0u);
    EXPECT_EQ(s.files, mini_files);
    EXPECT_FALSE(s.interrupted);
    EXPECT_GT(s.bytes, 1000u);

    Xapian::Database db(db_path().string());
    EXPECT_EQ(db.get_doccount(), mini_docs);
    EXPECT_EQ(db.get_metadata(std::string(schema::meta_schema_version)), std::to_string(schema::version));
    EXPECT_EQ(db.get_metadata(std::string(schema::meta_language)), "english");
    EXPECT_EQ(db.get_metadata(std::string(schema::meta_analyzer)), Analyzer().settings());
    EXPECT_EQ(db.get_metadata(std::string(schema::meta_tag_fields)), "places\ntopics\n");
    EXPECT_NO_THROW(schema::check_database(db, db_path().string()));
    const std::string state = db.get_metadata(std::string(schema::meta_file_prefix) + abs("wire.jsonl"));
    EXPECT_TRUE(state.ends_with(" " + std::to_string(fs::file_size(corpus() / "wire.jsonl")) + " 3 0")) << state;
}

TEST_F(IndexMini, NewsArticleTermsAndValues) {
    index_clean();
    Xapian::Database db(db_path().string());
    const auto d = doc(db, "news/fed-rates.txt");
    const auto t = terms_of(d);
    EXPECT_TERMS(t, "Qnews/fed-rates.txt", "XTnews", "Sfed", "Sraises", "Sinterest", "Srates", "Sagain", "ZSrais",
                 "ZSrate",                                                    // title
                 "federal", "reserve", "raised", "hiring", "Zrais", "Zhire",  // body, stems
                 "Ajane", "Amiller",                                          // byline
                 "Y2016", "M201603", "D20160303");
    EXPECT_TRUE(t.count("P" + abs("news/fed-rates.txt")));
    EXPECT_NO_TERMS(t, "Fed", "SFed", "Raises", "Zraised", "ZSraises", "Zhiring", "moving,", "\"moving", "—", "Y2017",
                    "D20160304", "XTmemo", "Qfed-rates.txt");
    EXPECT_EQ(d.get_value(schema::slot_date), "20160303");
    EXPECT_EQ(d.get_value(schema::slot_id), "news/fed-rates.txt");
    EXPECT_EQ(d.get_value(schema::slot_title), "fed raises interest rates again");
    const Document stored = decode_stored(d.get_data());
    EXPECT_EQ(stored.title, "Fed Raises Interest Rates Again");
    EXPECT_EQ(stored.type, "news");
    EXPECT_EQ(stored.date, (Date{2016, 3, 3}));
    EXPECT_EQ(stored.authors, std::vector<std::string>{"Jane Miller"});
    EXPECT_EQ(stored.path, (corpus() / "news/fed-rates.txt").string());
    EXPECT_NE(stored.body.find("Federal Reserve raised interest rates"), std::string::npos);

    const auto port = terms_of(doc(db, "news/port-strike.txt"));
    EXPECT_TERMS(port, "XTnews", "Sstrike", "Sshuts", "Soakland", "D20160614", "container", "Aortega");
    EXPECT_NO_TERMS(port, "Sfed", "D20160303", "Oakland");
}

TEST_F(IndexMini, MemoTermsAndValues) {
    index_clean();
    Xapian::Database db(db_path().string());
    const auto d = doc(db, "memos/budget-guidance.txt");
    const auto t = terms_of(d);
    EXPECT_TERMS(t, "Qmemos/budget-guidance.txt", "XTmemo", "Sbudget", "Ssubmissions", "ZSsubmiss", "XFkaren", "XFliu",
                 "XTOdepartment", "XTOheads", "XCCtom", "XCCavery", "D20160404", "requests", "Zrequest");
    EXPECT_NO_TERMS(t, "XTnews", "XFKaren", "Xfkaren", "Zrequests", "Akaren");
    EXPECT_EQ(d.get_value(schema::slot_date), "20160404");
    const Document stored = decode_stored(d.get_data());
    EXPECT_EQ(stored.type, "memo");
    EXPECT_FALSE(stored.from.empty());

    EXPECT_TERMS(terms_of(doc(db, "memos/parking-changes.txt")), "XTmemo", "Sparking", "Sgarage", "D20160509", "XFray");
}

TEST_F(IndexMini, JsonLinesRecordsWithTags) {
    index_clean();
    Xapian::Database db(db_path().string());
    const auto d1 = doc(db, "wire-1");
    const auto t1 = terms_of(d1);
    EXPECT_TERMS(t1, "Qwire-1", "XGplaces:usa", "XGplaces:ivory coast", "XGtopics:cocoa", "XGtopics:commodities",
                 "Scocoa", "Sprices", "ZSprice", "XSmeridian", "XSwire", "D20160502", "M201605", "Y2016", "futures",
                 "Zfutur");
    EXPECT_NO_TERMS(t1, "XGplaces:USA", "XGtopics:Commodities", "XGplaces:brazil", "Qwire-2", "Zfutures");
    EXPECT_TRUE(t1.count("P" + abs("wire.jsonl")));
    EXPECT_EQ(d1.get_value(schema::slot_source), "Meridian Wire");
    EXPECT_EQ(decode_stored(d1.get_data()).line, 1u);
    EXPECT_EQ(decode_stored(d1.get_data()).tags.at("places"), (std::vector<std::string>{"USA", "Ivory Coast"}));

    const auto d3 = doc(db, "wire-3");  // "2016-06": month precision
    const auto t3 = terms_of(d3);
    EXPECT_TERMS(t3, "Y2016", "M201606", "XGplaces:switzerland", "XGplaces:brazil");
    for (const auto& term : t3) EXPECT_NE(term[0], 'D') << term;
    EXPECT_EQ(d3.get_value(schema::slot_date), "20160600");
    EXPECT_EQ(decode_stored(d3.get_data()).line, 3u);

    // A directory walk passes over README.md (not an input extension).
    EXPECT_FALSE(has_doc(db, "README.md"));
}

TEST_F(IndexMini, NoTermCarriesRawPunctuationOrUpperCase) {
    index_clean();
    Xapian::Database db(db_path().string());
    for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) {
        const std::string term = *it;
        if (term[0] == 'Q' || term[0] == 'P' || term.starts_with("XG")) continue;  // exact values
        const std::size_t body = std::min(term.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), term.size());
        const std::string word = term.substr(body);
        EXPECT_EQ(word.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ,;!?()\"“”—"), std::string::npos) << term;
    }
}

TEST_F(IndexMini, RerunChangesNothing) {
    index_clean();
    const auto revision = Xapian::Database(db_path().string()).get_revision();
    const IndexStats s = index_clean();
    EXPECT_EQ(s.added, 0u);
    EXPECT_EQ(s.updated, 0u);
    EXPECT_EQ(s.removed, 0u);
    EXPECT_EQ(s.unchanged, mini_docs);
    EXPECT_EQ(s.files, 0u);
    EXPECT_EQ(s.skipped_files, mini_files);
    EXPECT_EQ(s.bytes, 0u);
    Xapian::Database db(db_path().string());
    EXPECT_EQ(db.get_doccount(), mini_docs);
    EXPECT_EQ(db.get_revision(), revision);  // nothing was even committed
}

TEST_F(IndexMini, ModifiedFileIsReindexedAlone) {
    index_clean();
    rewrite(corpus() / "news/port-strike.txt",
            "Port of Oakland Reopens After Strike\nJune 20, 2016\nBy Luis Ortega\n\n"
            "OAKLAND, Calif. — Cranes were moving again on Monday after the union and the port authority "
            "agreed to talks.\n");
    const IndexStats s = index_clean();
    EXPECT_EQ(s.updated, 1u);
    EXPECT_EQ(s.added, 0u);
    EXPECT_EQ(s.removed, 0u);
    EXPECT_EQ(s.unchanged, mini_docs - 1);
    EXPECT_EQ(s.files, 1u);
    Xapian::Database db(db_path().string());
    EXPECT_EQ(db.get_doccount(), mini_docs);
    const auto t = terms_of(doc(db, "news/port-strike.txt"));
    EXPECT_TERMS(t, "Sreopens", "D20160620", "cranes");
    EXPECT_NO_TERMS(t, "Sdockworkers", "D20160614", "container");
}

TEST_F(IndexMini, RecordsGoneFromAChangedFileAreRemoved) {
    index_clean();
    const std::string wire = read_file(corpus() / "wire.jsonl");
    const auto line2 = wire.find("\n") + 1, line3 = wire.find("\n", line2) + 1;
    rewrite(corpus() / "wire.jsonl", wire.substr(0, line2) + wire.substr(line3));
    const IndexStats s = index_clean();
    EXPECT_EQ(s.updated, 1u);  // wire-3 moved up a line; wire-1 did not change and is kept as it is
    EXPECT_EQ(s.unchanged, mini_docs - 3 + 1);
    EXPECT_EQ(s.removed, 1u);
    Xapian::Database db(db_path().string());
    EXPECT_FALSE(has_doc(db, "wire-2"));
    EXPECT_TRUE(has_doc(db, "wire-3"));
    EXPECT_EQ(db.get_doccount(), mini_docs - 1);
    EXPECT_EQ(decode_stored(doc(db, "wire-3").get_data()).line, 2u);
}

TEST_F(IndexMini, PruneRemovesDocumentsOfDeletedFiles) {
    index_clean();
    fs::remove(corpus() / "memos/parking-changes.txt");
    IndexStats s = index_clean();
    EXPECT_EQ(s.removed, 0u);
    EXPECT_TRUE(has_doc(Xapian::Database(db_path().string()), "memos/parking-changes.txt"));

    DiagnosticSink diag;
    IndexOptions o = options();
    o.prune = true;
    s = index(diag, o);
    EXPECT_EQ(s.removed, 1u);
    EXPECT_EQ(s.unchanged, mini_docs - 1);
    Xapian::Database db(db_path().string());
    EXPECT_FALSE(has_doc(db, "memos/parking-changes.txt"));
    EXPECT_EQ(db.get_doccount(), mini_docs - 1);
    EXPECT_EQ(db.get_metadata(std::string(schema::meta_file_prefix) + abs("memos/parking-changes.txt")), "");
    EXPECT_NE(db.get_metadata(std::string(schema::meta_file_prefix) + abs("memos/budget-guidance.txt")), "");
}

TEST_F(IndexMini, DuplicateIdsWarnAndTheLastOneWins) {
    // "dup.jsonl" sorts before "wire.jsonl", so wire.jsonl:1 replaces dup.jsonl:1.
    write_file(corpus() / "dup.jsonl",
               R"({"id": "WIRE-1", "title": "An older copy"})"
               "\n");
    DiagnosticSink diag;
    const IndexStats s = index(diag);
    EXPECT_EQ(s.added, mini_docs);
    EXPECT_EQ(s.updated, 1u);
    std::vector<std::string> warnings;
    for (const auto& d : diag.collected())
        if (d.message.find("duplicate id") != std::string::npos) warnings.push_back(d.format());
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0],
              (corpus() / "wire.jsonl").string() + ":1: warning: duplicate id 'wire-1' (replaces " +
                  (corpus() / "dup.jsonl").string() + ":1)");
    Xapian::Database db(db_path().string());
    EXPECT_EQ(db.get_doccount(), mini_docs);
    EXPECT_EQ(decode_stored(doc(db, "wire-1").get_data()).title, "Cocoa prices climb on Ivory Coast supply fears");
}

TEST_F(IndexMini, AnIdTakenFromAFileIndexedEarlierWarnsToo) {
    index_clean();
    write_file(corpus() / "copy.jsonl",
               R"({"id": "wire-2", "title": "A later copy"})"
               "\n");
    DiagnosticSink diag;
    const IndexStats s = index(diag);
    EXPECT_EQ(s.updated, 1u);
    EXPECT_EQ(s.unchanged, mini_docs);  // wire.jsonl is not re-read
    ASSERT_EQ(diag.collected().size(), 1u);
    EXPECT_EQ(diag.collected()[0].format(),
              (corpus() / "copy.jsonl").string() + ":1: warning: duplicate id 'wire-2' (replaces " +
                  (corpus() / "wire.jsonl").string() + ":2, indexed earlier)");
    // Re-indexing the same file again is an update, not a duplicate.
    rewrite(corpus() / "copy.jsonl",
            R"({"id": "wire-2", "title": "A later copy, edited"})"
            "\n");
    DiagnosticSink diag2;
    EXPECT_EQ(index(diag2).updated, 1u);
    EXPECT_TRUE(diag2.collected().empty());
}

// A re-run of a changed JSON Lines file passes over the lines it has indexed without parsing them
// (their raw hash is in the database): the tests below pin what must not change because of that.

TEST_F(IndexMini, UnchangedLinesAreNotParsedAgain) {
    const fs::path f = corpus() / "lines.jsonl";
    write_file(f,
               R"({"id": "a", "title": "Alpha", "date": 12})"
               "\n"
               R"({"id": "b", "title": "Beta"})"
               "\n");
    DiagnosticSink first;
    index(first);
    ASSERT_EQ(first.warnings(), 1u);  // 'date' is not a date string
    rewrite(f,
            R"({"id": "a", "title": "Alpha", "date": 12})"
            "\n"
            R"({"id": "b", "title": "Beta two"})"
            "\n");
    DiagnosticSink again;
    const IndexStats s = index(again);
    EXPECT_EQ(s.updated, 1u);
    EXPECT_EQ(s.unchanged, mini_docs + 1);
    EXPECT_EQ(again.warnings(), 0u) << "line 1 was parsed again";
    Xapian::Database db(db_path().string());
    EXPECT_EQ(decode_stored(doc(db, "b").get_data()).title, "Beta two");
    EXPECT_EQ(decode_stored(doc(db, "a").get_data()).title, "Alpha");
}

TEST_F(IndexMini, RecordsWithoutIdKeepTheirIdsWhenOthersAreSkipped) {
    const fs::path f = corpus() / "noid.jsonl";
    write_file(f,
               R"({"title": "One"})"
               "\n"
               R"({"title": "Two"})"
               "\n"
               R"({"title": "Three"})"
               "\n");
    index_clean();
    rewrite(f,
            R"({"title": "One"})"
            "\n"
            R"({"title": "Two"})"
            "\n"
            R"({"title": "Three, edited"})"
            "\n");
    const IndexStats s = index_clean();
    EXPECT_EQ(s.updated, 1u);
    EXPECT_EQ(s.added, 0u);
    EXPECT_EQ(s.removed, 0u);
    Xapian::Database db(db_path().string());
    EXPECT_EQ(db.get_doccount(), mini_docs + 3);
    EXPECT_EQ(decode_stored(doc(db, "noid.jsonl").get_data()).title, "One");
    EXPECT_EQ(decode_stored(doc(db, "noid.jsonl#2").get_data()).title, "Two");
    EXPECT_EQ(decode_stored(doc(db, "noid.jsonl#3").get_data()).title, "Three, edited");
}

TEST_F(IndexMini, ANewCopyOfASkippedRecordsIdWarnsAndWins) {
    const fs::path f = corpus() / "lines.jsonl";
    const std::string kept = R"({"id": "x", "title": "Kept"})"
                             "\n";
    write_file(f, kept);
    index_clean();
    rewrite(f,
            kept +
                R"({"id": "x", "title": "Later copy"})"
                "\n");
    DiagnosticSink diag;
    const IndexStats s = index(diag);
    ASSERT_EQ(diag.collected().size(), 1u);
    EXPECT_EQ(diag.collected()[0].format(),
              f.string() + ":2: warning: duplicate id 'x' (replaces " + f.string() + ":1)");
    EXPECT_EQ(s.updated, 1u);
    Xapian::Database db(db_path().string());
    EXPECT_EQ(db.get_doccount(), mini_docs + 1);
    EXPECT_EQ(decode_stored(doc(db, "x").get_data()).title, "Later copy");
}

TEST_F(IndexMini, AnUnchangedLineAfterANewCopyOfItsIdStillWins) {
    // Line 2 is unchanged, but line 1 now holds its id too: the last copy (line 2) must win.
    const fs::path f = corpus() / "lines.jsonl";
    const std::string last = R"({"id": "x", "title": "Last"})"
                             "\n";
    write_file(f,
               R"({"id": "z", "title": "Other"})"
               "\n" +
                   last);
    index_clean();
    rewrite(f,
            R"({"id": "x", "title": "First copy"})"
            "\n" +
                last);
    DiagnosticSink diag;
    const IndexStats s = index(diag);
    ASSERT_EQ(diag.collected().size(), 1u);
    EXPECT_EQ(diag.collected()[0].format(),
              f.string() + ":2: warning: duplicate id 'x' (replaces " + f.string() + ":1)");
    EXPECT_EQ(s.removed, 1u);  // z
    Xapian::Database db(db_path().string());
    EXPECT_EQ(db.get_doccount(), mini_docs + 1);
    EXPECT_FALSE(has_doc(db, "z"));
    EXPECT_EQ(decode_stored(doc(db, "x").get_data()).title, "Last");
}

TEST_F(IndexMini, StopBeforeStartLeavesAnEmptyConsistentDatabase) {
    std::atomic<bool> stop{true};
    IndexOptions o = options();
    o.stop = &stop;
    DiagnosticSink diag;
    const IndexStats s = index(diag, o);
    EXPECT_TRUE(s.interrupted);
    EXPECT_EQ(s.documents(), 0u);
    {
        Xapian::Database db(db_path().string());
        EXPECT_EQ(db.get_doccount(), 0u);
        EXPECT_EQ(db.get_metadata(std::string(schema::meta_schema_version)), std::to_string(schema::version));
        EXPECT_EQ(db.metadata_keys_begin(std::string(schema::meta_file_prefix)),
                  db.metadata_keys_end(std::string(schema::meta_file_prefix)));
    }
    EXPECT_EQ(index_clean().added, mini_docs);
}

TEST_F(IndexMini, InterruptedFileIsNotMarkedDoneAndIsRedoneNextTime) {
    const fs::path dir = m_tmp / "broken";
    write_file(dir / "records.jsonl",
               R"({"id": "r1", "title": "one"})"
               "\n"
               R"({"id": "r2", "title": "two"})"
               "\n"
               R"({"id": "r3", "title": )"
               "\n"
               R"({"id": "r4", "title": "four"})"
               "\n");
    std::atomic<bool> stop{false};
    // Stop (as SIGINT would) when the parser reports the broken third line.
    DiagnosticSink diag([&](const Diagnostic& d) {
        if (d.severity == Severity::error) stop = true;
    });
    IndexOptions o = options();
    o.inputs = {dir.string()};
    o.stop = &stop;
    IndexStats s = build_index(o, diag);
    EXPECT_TRUE(s.interrupted);
    EXPECT_EQ(s.added, 2u);
    EXPECT_EQ(s.failed, 1u);
    {
        Xapian::Database db(db_path().string());
        EXPECT_EQ(db.get_doccount(), 2u);                                  // what was done is committed...
        EXPECT_EQ(db.get_metadata(std::string(schema::meta_file_prefix) +  // ...but the file is not done
                                  fs::absolute(dir / "records.jsonl").lexically_normal().string()),
                  "");
    }
    stop = false;
    DiagnosticSink diag2;
    s = build_index(o, diag2);
    EXPECT_FALSE(s.interrupted);
    EXPECT_EQ(s.unchanged, 2u);  // r1, r2: written last time, records unchanged
    EXPECT_EQ(s.added, 1u);
    EXPECT_EQ(s.failed, 1u);
    EXPECT_EQ(diag2.errors(), 1u);
    EXPECT_EQ(Xapian::Database(db_path().string()).get_doccount(), 3u);
    // Unchanged now: not re-read, but the failed record is still mentioned.
    DiagnosticSink diag3;
    EXPECT_EQ(build_index(o, diag3).unchanged, 3u);
    ASSERT_EQ(diag3.collected().size(), 1u);
    EXPECT_EQ(diag3.collected()[0].severity, Severity::warning);
    EXPECT_EQ(diag3.collected()[0].message, "unchanged, not re-read: 1 record failed when it was indexed");
}

TEST_F(IndexMini, LockedDatabaseIsARuntimeError) {
    Xapian::WritableDatabase holder(db_path().string(), Xapian::DB_CREATE_OR_OPEN);
    DiagnosticSink diag;
    try {
        index(diag);
        FAIL() << "expected RuntimeError";
    } catch (const RuntimeError& e) {
        EXPECT_EQ(std::string(e.what()), "database '" + db_path().string() + "' is locked by another indexer");
    }
}

TEST_F(IndexMini, OtherAnalyzerSettingsAreRefused) {
    index_clean();
    IndexOptions o = options();
    o.analyzer.language = "none";
    DiagnosticSink diag;
    EXPECT_THROW(index(diag, o), UsageError);
    EXPECT_EQ(Xapian::Database(db_path().string()).get_metadata(std::string(schema::meta_language)), "english");
}

TEST_F(IndexMini, SkipsHiddenEntriesBinariesAndTheDatabaseItself) {
    write_file(corpus() / ".hidden.txt", "Hidden Note\nMarch 3, 2016\n\nNot to be indexed.\n");
    write_file(corpus() / ".git/notes.txt", "Hidden Dir\nMarch 3, 2016\n\nNot to be indexed.\n");
    // No extension, so the walk reads it (as maildirs need) and finds it is binary.
    static constexpr char png_head[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";  // 20 bytes (read 24 before: ASan)
    write_file(corpus() / "logo", std::string(png_head, sizeof png_head - 1));
    IndexOptions o = options();
    o.db_path = (corpus() / "db").string();  // the database lives inside the corpus
    DiagnosticSink diag;
    IndexStats s = build_index(o, diag);
    EXPECT_EQ(s.added, mini_docs);
    bool binary_warned = false;
    for (const auto& d : diag.collected()) {
        EXPECT_NE(d.severity, Severity::error) << d.format();
        binary_warned |= d.path.ends_with("logo") && d.severity == Severity::warning;
    }
    EXPECT_TRUE(binary_warned);
    Xapian::Database db(o.db_path);
    EXPECT_FALSE(has_doc(db, ".hidden.txt"));
    EXPECT_FALSE(has_doc(db, ".git/notes.txt"));
    EXPECT_FALSE(has_doc(db, "logo.bin"));
    s = build_index(o, diag);  // the database files written meanwhile are still not input
    EXPECT_EQ(s.documents(), 0u);
    EXPECT_EQ(s.unchanged, mini_docs);
}

TEST_F(IndexMini, FileArgumentsTakeIdsRelativeToTheirDirectory) {
    IndexOptions o = options();
    o.inputs = {(corpus() / "news/fed-rates.txt").string(), (corpus() / "wire.jsonl").string()};
    DiagnosticSink diag;
    EXPECT_EQ(build_index(o, diag).added, 4u);
    Xapian::Database db(db_path().string());
    EXPECT_TRUE(has_doc(db, "fed-rates.txt"));
    EXPECT_TRUE(has_doc(db, "wire-2"));
}

TEST_F(IndexMini, MissingInputIsAnErrorOthersAreStillIndexed) {
    IndexOptions o = options();
    o.inputs = {(m_tmp / "nope").string(), corpus().string()};
    DiagnosticSink diag;
    const IndexStats s = build_index(o, diag);
    EXPECT_EQ(s.added, mini_docs);
    EXPECT_EQ(s.failed, 1u);
    ASSERT_FALSE(diag.collected().empty());
    EXPECT_EQ(diag.collected()[0].format(), (m_tmp / "nope").string() + ": error: no such file or directory");
}

TEST_F(IndexMini, TinyCommitBatchesGiveTheSameDatabase) {
    IndexOptions o = options();
    o.segment_bytes = 1;  // a fresh build: one segment per document, merged at the end
    o.commit_bytes = 1;   // an update: one commit per document
    DiagnosticSink diag;
    const IndexStats s = build_index(o, diag);
    EXPECT_EQ(s.added, mini_docs);
    IndexOptions big = options();
    big.db_path = (m_tmp / "big").string();
    DiagnosticSink diag2;
    build_index(big, diag2);
    Xapian::Database db(db_path().string()), one_batch(big.db_path);
    EXPECT_EQ(db.get_doccount(), mini_docs);
    EXPECT_EQ(db.get_metadata(std::string(schema::meta_tag_fields)), "places\ntopics\n");
    ASSERT_EQ(db.get_lastdocid(), one_batch.get_lastdocid());
    for (Xapian::docid did = 1; did <= db.get_lastdocid(); ++did)  // the same docids: input order
        EXPECT_EQ(db.get_document(did).get_data(), one_batch.get_document(did).get_data()) << did;

    // An update commits every commit_bytes in place: one revision per document.
    fs::path wire = corpus() / "wire.jsonl";
    std::string text = test::read_file(wire);
    const std::string key = "\"title\": \"";
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + 1))
        text.insert(at + key.size(), "Updated ");
    test::write_file(wire, text);
    const auto before = Xapian::Database(db_path().string()).get_revision();
    DiagnosticSink diag3;
    const IndexStats u = build_index(o, diag3);
    ASSERT_GT(u.updated, 1u);
    EXPECT_GE(Xapian::Database(db_path().string()).get_revision(), before + u.updated);
}

}  // namespace
}  // namespace newsdex
