/** @file
 * @brief Searcher over a small database built in a temporary directory with build_document.
 */
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <newsdex/index/document_builder.hpp>
#include <newsdex/core/error.hpp>
#include <newsdex/schema/schema.hpp>
#include <newsdex/search/search.hpp>

#include "test_support.hpp"

namespace newsdex {
namespace {

Document make_doc(std::string id, std::string title, std::string body, std::optional<Date> date,
                  std::string type = "news") {
    Document d;
    d.id = std::move(id);
    d.path = "/corpus/" + d.id + ".txt";
    d.type = std::move(type);
    d.title = std::move(title);
    d.body = std::move(body);
    d.date = date;
    return d;
}

std::vector<Document> sample_documents() {
    std::vector<Document> docs;
    docs.push_back(make_doc("oil-1", "Oil prices climb",
                            "Crude oil prices rose sharply on Tuesday as oil supplies fell. Oil traders said "
                            "the rise in oil prices would continue.",
                            Date{2016, 3, 3}));
    docs.back().source = "Reuters";
    docs.back().authors = {"Jane Roe"};
    docs.push_back(
        make_doc("oil-2", "Markets steady", "Gold was steady while oil edged up in thin trading.", Date{2015, 6, 10}));
    docs.push_back(make_doc("coffee", "Coffee harvest shrinks",
                            "The Brazil coffee harvest was hit by drought. Prices of coffee beans soared.",
                            Date{2016, 1, 20}));
    docs.push_back(make_doc("memo", "Budget guidance",
                            "The council budget vote is scheduled. Departments must cut spending by five percent.",
                            Date{2016, 3, 15}, "memo"));
    docs.back().from = {"Finance Office"};
    docs.push_back(make_doc("undated", "Undated note", "A short note that mentions oil once.", std::nullopt));
    docs.push_back(
        make_doc("corn", "Corn crops fail", "Corn crops fail in the drought & heat <again>.", Date{2014, 12, 31}));
    docs.back().tags = {{"places", {"usa", "mexico"}}};
    docs.push_back(make_doc("titleonly", "Drought relief announced", "", Date{2016, 2, 1}));
    return docs;
}

/// Write @p docs into a new database at @p path with the metadata the indexer records.
void write_database(const std::filesystem::path& path, const std::vector<Document>& docs,
                    const std::string& schema_version = std::to_string(schema::version)) {
    Analyzer analyzer;
    Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    std::set<std::string> tags;
    for (const auto& d : docs) {
        db.replace_document(std::string(schema::id_prefix) + d.id, build_document(d, analyzer, d.path));
        for (const auto& [k, v] : d.tags) tags.insert(k);
    }
    std::string tag_lines;
    for (const auto& t : tags) tag_lines += t + "\n";
    db.set_metadata(std::string(schema::meta_schema_version), schema_version);
    db.set_metadata(std::string(schema::meta_language), analyzer.options().language);
    db.set_metadata(std::string(schema::meta_analyzer), analyzer.settings());
    db.set_metadata(std::string(schema::meta_tag_fields), tag_lines);
    db.commit();
}

class SearchTest : public ::testing::Test {
protected:
    void SetUp() override { write_database(db_path(), sample_documents()); }

    [[nodiscard]] std::string db_path() const { return (m_tmp / "db").string(); }

    SearchResult search(const std::string& q, SortOrder sort = SortOrder::relevance, std::size_t offset = 0,
                        std::size_t limit = 10) const {
        SearchOptions o;
        o.query = q;
        o.sort = sort;
        o.offset = offset;
        o.limit = limit;
        return Searcher({db_path()}).search(o);
    }

    static std::vector<std::string> ids(const SearchResult& r) {
        std::vector<std::string> out;
        for (const auto& h : r.hits) out.push_back(h.doc.id);
        return out;
    }

    test::TempDir m_tmp;
};

using Ids = std::vector<std::string>;

TEST_F(SearchTest, RanksTheMostRelevantFirstAndFillsHits) {
    const SearchResult r = search("oil");
    ASSERT_EQ(r.hits.size(), 3u);
    EXPECT_EQ(r.hits[0].doc.id, "oil-1");
    EXPECT_EQ(r.estimate, 3u);
    EXPECT_EQ(r.lower, 3u);
    EXPECT_EQ(r.upper, 3u);
    EXPECT_EQ(r.query, "oil");
    EXPECT_FALSE(r.parsed.empty());
    EXPECT_EQ(r.offset, 0u);
    for (std::size_t i = 0; i < r.hits.size(); ++i) {
        const Hit& h = r.hits[i];
        EXPECT_EQ(h.rank, i + 1);
        EXPECT_GT(h.docid, 0u);
        EXPECT_GT(h.score, 0);
        EXPECT_GT(h.percent, 0);
        EXPECT_LE(h.percent, 100);
        if (i > 0) {
            EXPECT_LE(h.score, r.hits[i - 1].score);
        }
    }
    const Document& top = r.hits[0].doc;
    EXPECT_EQ(top.title, "Oil prices climb");
    EXPECT_EQ(top.source, "Reuters");
    EXPECT_EQ(top.authors, (std::vector<std::string>{"Jane Roe"}));
    ASSERT_TRUE(top.date.has_value());
    EXPECT_EQ(top.date->iso(), "2016-03-03");
}

TEST_F(SearchTest, SnippetsHighlightMatchesAndFallBackToTheTitle) {
    SearchResult r = search("oil");
    const std::string& s = r.hits[0].snippet;
    EXPECT_NE(s.find(std::string(1, kSnippetOpen) + "oil" + kSnippetClose), std::string::npos) << s;

    // Stemmed matches are highlighted too; HTML escaping of the snippet is undone.
    r = search("crops");
    ASSERT_EQ(r.hits.size(), 1u);
    EXPECT_NE(r.hits[0].snippet.find(std::string(1, kSnippetOpen) + "crops" + kSnippetClose), std::string::npos);
    EXPECT_NE(r.hits[0].snippet.find("drought & heat <again>"), std::string::npos) << r.hits[0].snippet;

    r = search("relief");
    ASSERT_EQ(r.hits.size(), 1u);
    EXPECT_EQ(r.hits[0].doc.id, "titleonly");
    EXPECT_NE(r.hits[0].snippet.find("Drought"), std::string::npos) << r.hits[0].snippet;

    SearchOptions o;
    o.query = "oil";
    o.snippets = false;
    for (const auto& h : Searcher({db_path()}).search(o).hits) EXPECT_TRUE(h.snippet.empty());
}

TEST_F(SearchTest, SortsByDateBothWays) {
    EXPECT_EQ(ids(search("oil", SortOrder::date)), (Ids{"oil-2", "oil-1", "undated"}));
    EXPECT_EQ(ids(search("oil", SortOrder::date_desc)), (Ids{"oil-1", "oil-2", "undated"}));
    EXPECT_EQ(ids(search("drought OR oil OR budget", SortOrder::date_desc)),
              (Ids{"memo", "oil-1", "titleonly", "coffee", "oil-2", "corn", "undated"}));
}

TEST_F(SearchTest, OffsetAndLimitPage) {
    const Ids all = ids(search("drought OR oil OR budget", SortOrder::date));
    ASSERT_EQ(all.size(), 7u);
    const SearchResult page = search("drought OR oil OR budget", SortOrder::date, 2, 3);
    EXPECT_EQ(ids(page), (Ids(all.begin() + 2, all.begin() + 5)));
    EXPECT_EQ(page.hits.front().rank, 3u);
    EXPECT_EQ(page.offset, 2u);
    EXPECT_EQ(page.estimate, 7u);

    const SearchResult past = search("oil", SortOrder::relevance, 10, 10);
    EXPECT_TRUE(past.hits.empty());
    EXPECT_EQ(past.lower, 3u);
    EXPECT_TRUE(search("oil", SortOrder::relevance, 0, 0).hits.empty());
}

TEST_F(SearchTest, DateRangesInTheirThreeForms) {
    auto sorted = [](Ids v) {
        std::sort(v.begin(), v.end());
        return v;
    };
    EXPECT_EQ(sorted(ids(search("date:2016-03-01..2016-03-31"))), (Ids{"memo", "oil-1"}));
    EXPECT_EQ(sorted(ids(search("date:2016-03"))), (Ids{"memo", "oil-1"}));
    EXPECT_EQ(sorted(ids(search("date:..2015"))), (Ids{"corn", "oil-2"}));
    EXPECT_EQ(sorted(ids(search("date:2016-02.."))), (Ids{"memo", "oil-1", "titleonly"}));
    EXPECT_EQ(ids(search("oil date:2016")), (Ids{"oil-1"}));
}

TEST_F(SearchTest, PhrasesFieldsAndOperators) {
    EXPECT_EQ(ids(search("\"oil prices\"")), (Ids{"oil-1"}));
    EXPECT_TRUE(search("\"coffee prices\"").hits.empty());
    EXPECT_EQ(ids(search("title:coffee")), (Ids{"coffee"}));
    auto sorted = [](Ids v) {
        std::sort(v.begin(), v.end());
        return v;
    };
    EXPECT_EQ(sorted(ids(search("oil -crude"))), (Ids{"oil-2", "undated"}));
    EXPECT_EQ(sorted(ids(search("oil NOT crude"))), (Ids{"oil-2", "undated"}));
    EXPECT_EQ(ids(search("+crude oil")), (Ids{"oil-1"}));
    EXPECT_EQ(ids(search("gold NEAR/5 oil")), (Ids{"oil-2"}));
    EXPECT_TRUE(search("gold NEAR/1 trading").hits.empty());
    EXPECT_EQ(ids(search("harv*")), (Ids{"coffee"}));
    EXPECT_EQ(ids(search("type:memo")), (Ids{"memo"}));
    EXPECT_EQ(ids(search("from:finance")), (Ids{"memo"}));
    EXPECT_EQ(ids(search("places:mexico")), (Ids{"corn"}));
    EXPECT_EQ(ids(search("oil AND gold")), (Ids{"oil-2"}));

    SearchOptions o;
    o.query = "oil gold";
    o.default_op = Xapian::Query::OP_AND;
    EXPECT_EQ(ids(Searcher({db_path()}).search(o)), (Ids{"oil-2"}));
}

TEST_F(SearchTest, EnglishStopWordsAreDroppedFromPlainWords) {
    const Searcher s({db_path()});
    SearchOptions o;
    o.query = "the oil";
    const SearchResult stopped = s.search(o);
    o.query = "oil";
    EXPECT_EQ(ids(stopped), ids(s.search(o)));
    EXPECT_EQ(stopped.parsed, s.search(o).parsed);
    o.query = "the oil";
    o.stopwords = false;
    EXPECT_NE(s.search(o).parsed, stopped.parsed);
    SearchOptions oil;
    oil.query = "oil";
    EXPECT_GT(s.count(o), s.count(oil));  // "the" matches documents without oil
    o.stopwords = true;
    o.query = "the";  // nothing else to search for: kept
    EXPECT_FALSE(s.search(o).hits.empty());
}

TEST_F(SearchTest, Bm25ParametersChangeScoresNotMatches) {
    const Searcher s({db_path()});
    SearchOptions o;
    o.query = "oil drought";
    const SearchResult classic = s.search(o);
    o.bm25 = Bm25Params{1.0, 0.0, 1.0, 0.0, 0.5};  // no length normalisation
    const SearchResult flat = s.search(o);
    auto sorted = [](Ids v) {
        std::sort(v.begin(), v.end());
        return v;
    };
    EXPECT_EQ(sorted(ids(classic)), sorted(ids(flat)));
    EXPECT_NE(classic.hits[0].score, flat.hits[0].score);
}

TEST_F(SearchTest, ExpandWidensPlainWordsAndOnlyReranksTheRest) {
    const Searcher s({db_path()});
    auto sorted = [](Ids v) {
        std::sort(v.begin(), v.end());
        return v;
    };
    SearchOptions o;
    o.query = "coffee";
    const Ids plain = sorted(ids(s.search(o)));
    EXPECT_EQ(plain, (Ids{"coffee"}));
    o.expand.enabled = true;
    const SearchResult expanded = s.search(o);
    // The words of the coffee document (brazil, harvest, drought, prices...) find more documents:
    // corn (drought) and oil-1 (prices).
    const Ids widened = sorted(ids(expanded));
    EXPECT_EQ(widened, (Ids{"coffee", "corn", "oil-1"}));
    EXPECT_NE(expanded.parsed.find("Zdrought"), std::string::npos) << expanded.parsed;
    EXPECT_EQ(expanded.parsed.find("Zthe"), std::string::npos) << expanded.parsed;  // no stop words
    EXPECT_EQ(s.count(o), widened.size());
    EXPECT_EQ(expanded.hits[0].doc.id, "coffee");

    // Phrases, operators and filters keep their matches.
    for (const char* q : {"\"coffee harvest\"", "+drought", "drought date:2016", "drought OR budget"}) {
        o.query = q;
        o.expand.enabled = false;
        const Ids before = sorted(ids(s.search(o)));
        o.expand.enabled = true;
        EXPECT_EQ(sorted(ids(s.search(o))), before) << q;
    }
    // Sorting by date ignores it.
    o.query = "coffee";
    o.sort = SortOrder::date;
    EXPECT_EQ(sorted(ids(s.search(o))), plain);
    o.sort = SortOrder::relevance;

    // The ESet schemes work too; an unknown scheme is a usage error.
    for (const char* scheme : {"trad", "bo1"}) {
        o.expand.scheme = scheme;
        EXPECT_FALSE(s.search(o).hits.empty()) << scheme;
    }
    o.expand.scheme = "rm4";
    EXPECT_THROW(s.search(o), UsageError);
    // No match: nothing to expand from.
    o.expand.scheme = "rm3";
    o.query = "zzyzx";
    EXPECT_TRUE(s.search(o).hits.empty());
}

TEST_F(SearchTest, CountIsExact) {
    const Searcher s({db_path()});
    SearchOptions o;
    o.query = "oil";
    EXPECT_EQ(s.count(o), 3u);
    o.query = "drought OR oil OR budget";
    EXPECT_EQ(s.count(o), 7u);
    o.query = "zzyzx";
    EXPECT_EQ(s.count(o), 0u);
    o.query = "oil prices";
    o.default_op = Xapian::Query::OP_AND;
    EXPECT_EQ(s.count(o), 1u);
}

TEST_F(SearchTest, SeveralDatabasesAndStubFiles) {
    std::vector<Document> more{make_doc("oil-3", "Oil again", "More oil news.", Date{2017, 1, 1})};
    write_database(m_tmp / "db2", more);
    SearchOptions o;
    o.query = "oil";
    const Searcher both({db_path(), (m_tmp / "db2").string()});
    EXPECT_EQ(both.count(o), 4u);
    EXPECT_EQ(both.search(o).hits.size(), 4u);

    test::write_file(m_tmp / "stub", "auto " + db_path() + "\nauto " + (m_tmp / "db2").string() + "\n");
    EXPECT_EQ(Searcher({(m_tmp / "stub").string()}).count(o), 4u);
}

TEST_F(SearchTest, BadQueryIsQueryError) {
    const Searcher s({db_path()});
    for (const char* q : {"\"oil", "(oil", "oil AND", "date:2016-13-45", "date:2017..2016", ""}) {
        SearchOptions o;
        o.query = q;
        EXPECT_THROW(s.search(o), QueryError) << q;
        EXPECT_THROW(s.count(o), QueryError) << q;
    }
}

TEST_F(SearchTest, MissingOrForeignDatabases) {
    try {
        Searcher({(m_tmp / "nope").string()});
        FAIL() << "no exception";
    } catch (const RuntimeError& e) {
        EXPECT_NE(std::string(e.what()).find("cannot open database '" + (m_tmp / "nope").string() + "'"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_THROW(Searcher({db_path(), (m_tmp / "nope").string()}), RuntimeError);
    test::write_file(m_tmp / "junk" / "file.txt", "not a database");
    EXPECT_THROW(Searcher({(m_tmp / "junk").string()}), RuntimeError);
    EXPECT_THROW(Searcher(std::vector<std::string>{}), UsageError);

    write_database(m_tmp / "old", sample_documents(), "99");
    EXPECT_THROW(Searcher({(m_tmp / "old").string()}), SchemaError);
    EXPECT_THROW(Searcher({db_path(), (m_tmp / "old").string()}), SchemaError);

    {
        Xapian::WritableDatabase foreign((m_tmp / "foreign").string(), Xapian::DB_CREATE);
        foreign.add_document(Xapian::Document());
        foreign.commit();
    }
    EXPECT_THROW(Searcher({(m_tmp / "foreign").string()}), SchemaError);

    {
        Xapian::WritableDatabase other((m_tmp / "settings").string(), Xapian::DB_CREATE);
        other.add_document(Xapian::Document());
        other.set_metadata(std::string(schema::meta_schema_version), std::to_string(schema::version));
        other.set_metadata(std::string(schema::meta_language), "english");
        other.set_metadata(std::string(schema::meta_analyzer), "some other analyzer");
        other.commit();
    }
    EXPECT_THROW(Searcher({(m_tmp / "settings").string()}), SchemaError);
}

TEST_F(SearchTest, SurvivesCommitsWhileOpen) {
    const Searcher s({db_path()});
    SearchOptions o;
    o.query = "oil";
    ASSERT_EQ(s.search(o).hits.size(), 3u);
    // Commits may recycle the blocks of the revision the searcher holds: Xapian then throws
    // DatabaseModifiedError, which the searcher handles by reopening and retrying once.
    {
        const Analyzer analyzer;
        Xapian::WritableDatabase w(db_path(), Xapian::DB_OPEN);
        for (int round = 0; round < 10; ++round) {
            for (int i = 0; i < 200; ++i) {
                const Document d = make_doc("extra-" + std::to_string(round) + "-" + std::to_string(i),
                                            "Extra oil story", "More oil and gas news", Date{2017, 1, 1});
                w.replace_document("Q" + d.id, build_document(d, analyzer, d.path));
            }
            w.commit();
        }
    }
    // Either the old revision was still readable or the retry reopened the new one; no error escapes.
    const SearchResult r = s.search(o);
    EXPECT_TRUE(r.lower == 3u || r.lower == 2003u) << r.lower;
    const auto n = s.count(o);
    EXPECT_TRUE(n == 3u || n == 2003u) << n;
}

TEST(SearchEmptyTest, AnEmptyNewDatabaseSearchesToNothing) {
    test::TempDir tmp;
    {
        Xapian::WritableDatabase db((tmp / "db").string(), Xapian::DB_CREATE);
        db.commit();
    }
    SearchOptions o;
    o.query = "oil";
    const Searcher s({(tmp / "db").string()});
    EXPECT_TRUE(s.search(o).hits.empty());
    EXPECT_EQ(s.count(o), 0u);
}

/// Give document @p id of the database at @p path the indexer run @p run, and the database run @p db_run.
void set_run(const std::string& path, const std::string& id, std::uint64_t run, std::uint64_t db_run) {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    const std::string term = std::string(schema::id_prefix) + id;
    Xapian::Document doc = db.get_document(*db.postlist_begin(term));
    doc.add_value(schema::slot_run, Xapian::sortable_serialise(static_cast<double>(run)));
    db.replace_document(term, doc);
    db.set_metadata(std::string(schema::meta_run), std::to_string(db_run));
    db.commit();
}

TEST_F(SearchTest, SeenRunsKeepOnlyNewerDocumentsOfEachDatabase) {
    const std::string other = (m_tmp / "other").string();
    write_database(other, {make_doc("late", "Late oil news", "More oil.", Date{2017, 1, 1})});
    set_run(db_path(), "oil-1", 2, 3);
    set_run(db_path(), "oil-2", 3, 3);
    set_run(other, "late", 1, 1);
    const Searcher s({db_path(), other});
    ASSERT_EQ(s.opened().size(), 2u);
    EXPECT_EQ(s.opened()[0].run, 3u);
    EXPECT_EQ(s.opened()[1].run, 1u);

    SearchOptions o;
    o.query = "oil";
    EXPECT_EQ(s.count(o), 4u);                   // no runs seen: every match
    o.seen_runs = {{db_path(), 2}, {other, 2}};  // one bound: Xapian's value range
    EXPECT_EQ(ids(s.search(o)), Ids{"oil-2"});
    o.seen_runs = {{db_path(), 1}};  // the other database not seen yet: all of it
    std::vector<std::string> got = ids(s.search(o));
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, (Ids{"late", "oil-1", "oil-2"}));  // `undated` has no run: never new
    o.seen_runs = {{db_path(), 3}, {other, 0}};       // different bounds: the per-database posting source
    EXPECT_EQ(ids(s.search(o)), Ids{"late"});
    EXPECT_EQ(s.count(o), 1u);
}

}  // namespace
}  // namespace newsdex
