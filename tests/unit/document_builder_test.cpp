/** @file
 * @brief Unit tests of build_document (terms, values, positions), bounded terms, and the stored-data codec.
 */
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include <newsdex/analysis/analyzer.hpp>
#include <newsdex/analysis/terms.hpp>
#include <newsdex/index/document_builder.hpp>
#include <newsdex/schema/stored.hpp>
#include <newsdex/core/error.hpp>
#include <newsdex/schema/schema.hpp>

#include "test_support.hpp"

namespace newsdex {
namespace {

Document sample() {
    Document d;
    d.id = "news/fed-rates.txt";
    d.path = "corpus/news/fed-rates.txt";
    d.line = 1;
    d.type = "news";
    d.title = "Fed Raises Interest Rates";
    d.date = Date{2016, 3, 3};
    d.updated = Date{2016, 3, 4};
    d.authors = {"Jane Miller", "Bob Stone"};
    d.source = "Meridian Wire";
    d.url = "https://example.com/fed";
    d.body = "WASHINGTON — The Federal Reserve raised rates on Thursday.";
    d.meta = {{"dateline", "WASHINGTON"}};
    d.tags = {{"places", {"USA", "São Paulo"}}, {"topics", {"Rates"}}};
    Entity e;
    e.type = EntityType::org;
    e.canonical = "Federal Reserve";
    e.aliases = {"Fed"};
    e.mentions = {{0, 3, "title"}, {18, 15, "body"}};
    d.entities.push_back(e);
    d.date_mentions.push_back({"on Thursday", Date{2016, 3, 3}, 47});
    return d;
}

std::set<std::string> terms_of(const Xapian::Document& x) {
    std::set<std::string> out;
    for (auto it = x.termlist_begin(); it != x.termlist_end(); ++it) out.insert(*it);
    return out;
}

std::vector<Xapian::termpos> positions(const Xapian::Document& x, const std::string& term) {
    std::vector<Xapian::termpos> out;
    auto it = x.termlist_begin();
    it.skip_to(term);
    if (it == x.termlist_end() || *it != term) return out;
    for (auto p = it.positionlist_begin(); p != it.positionlist_end(); ++p) out.push_back(*p);
    return out;
}

Xapian::termcount wdf(const Xapian::Document& x, const std::string& term) {
    auto it = x.termlist_begin();
    it.skip_to(term);
    return it != x.termlist_end() && *it == term ? it.get_wdf() : 0;
}

class DocumentBuilderTest : public ::testing::Test {
protected:
    Analyzer analyzer;
};

TEST_F(DocumentBuilderTest, TermsOfEveryField) {
    const auto x = build_document(sample(), analyzer, "/corpus/news/fed-rates.txt");
    const auto terms = terms_of(x);
    for (const char* t : {"Qnews/fed-rates.txt",
                          "P/corpus/news/fed-rates.txt",
                          "XTnews",  // identity
                          "Sfed",
                          "Sraises",
                          "Sinterest",
                          "ZSrais",  // title + stems
                          "federal",
                          "reserve",
                          "raised",
                          "thursday",
                          "Zrais",  // body
                          "Ajane",
                          "Amiller",
                          "Abob",
                          "Astone",
                          "XSmeridian",
                          "XSwire",  // author, source
                          "XGplaces:usa",
                          "XGplaces:são paulo",
                          "XGtopics:rates",  // tags, folded
                          "D20160303",
                          "M201603",
                          "Y2016"})  // date terms
        EXPECT_TRUE(terms.count(t)) << "missing " << t;
    for (const char* t : {"Fed", "SFed", "QNews/fed-rates.txt", "XGplaces:USA", "XGplaces:São Paulo", "Zraised",
                          "ZSraises", "rates.", "—", "washington,", "D20160304"})
        EXPECT_FALSE(terms.count(t)) << "unexpected " << t;
    // No term carries raw punctuation or upper case beyond its prefix.
    for (const auto& t : terms) {
        if (t[0] == 'Q' || t[0] == 'P') continue;
        const auto body = t.substr(std::min(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), t.size()));
        EXPECT_EQ(body.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ,;!?()\"“”"), std::string::npos) << t;
    }
}

TEST_F(DocumentBuilderTest, ValuesAndBooleanTermsHaveNoWdf) {
    const auto x = build_document(sample(), analyzer, "/corpus/news/fed-rates.txt");
    EXPECT_EQ(x.get_value(schema::slot_date), "20160303");
    EXPECT_EQ(x.get_value(schema::slot_updated), "20160304");
    EXPECT_EQ(x.get_value(schema::slot_id), "news/fed-rates.txt");
    EXPECT_EQ(x.get_value(schema::slot_title), "fed raises interest rates");
    EXPECT_EQ(x.get_value(schema::slot_source), "Meridian Wire");
    EXPECT_EQ(wdf(x, "Qnews/fed-rates.txt"), 0u);
    EXPECT_EQ(wdf(x, "XGplaces:usa"), 0u);
    EXPECT_EQ(wdf(x, "Y2016"), 0u);
    EXPECT_EQ(wdf(x, "Sfed"), 1u);
}

TEST_F(DocumentBuilderTest, FieldsAndValuesAreSeparatedByAPositionGap) {
    const auto x = build_document(sample(), analyzer, "");
    const auto rates = positions(x, "Srates"), federal = positions(x, "federal");
    const auto miller = positions(x, "Amiller"), bob = positions(x, "Abob");
    ASSERT_EQ(rates.size(), 1u);
    ASSERT_EQ(federal.size(), 1u);
    ASSERT_EQ(miller.size(), 1u);
    ASSERT_EQ(bob.size(), 1u);
    EXPECT_GE(federal[0], rates[0] + 100);
    EXPECT_GE(bob[0], miller[0] + 100);  // "Jane Miller" and "Bob Stone" never make the phrase "miller bob"
    EXPECT_EQ(positions(x, "Ajane")[0] + 1, miller[0]);
    // No path term for stdin documents.
    for (const auto& t : terms_of(x)) EXPECT_NE(t[0], 'P') << t;
}

TEST_F(DocumentBuilderTest, SubjectIsIndexedUnderTitlePrefixOnlyWhenDifferent) {
    Document d;
    d.id = "memo-1";
    d.type = "memo";
    d.title = "Parking garage closure";
    d.subject = d.title;
    auto x = build_document(d, analyzer, "");
    EXPECT_EQ(wdf(x, "Sparking"), 1u);
    d.subject = "Re: parking";
    x = build_document(d, analyzer, "");
    EXPECT_EQ(wdf(x, "Sparking"), 2u);
    EXPECT_TRUE(terms_of(x).count("XTmemo"));
}

TEST_F(DocumentBuilderTest, PartialDatesGiveOnlyTheTermsTheyCanAnswer) {
    Document d;
    d.id = "r";
    d.date = Date{2016, 6, 0};
    auto terms = terms_of(build_document(d, analyzer, ""));
    EXPECT_TRUE(terms.count("Y2016"));
    EXPECT_TRUE(terms.count("M201606"));
    EXPECT_FALSE(std::any_of(terms.begin(), terms.end(), [](const std::string& t) { return t[0] == 'D'; }));
    EXPECT_EQ(build_document(d, analyzer, "").get_value(schema::slot_date), "20160600");
    d.date = Date{1987, 0, 0};
    terms = terms_of(build_document(d, analyzer, ""));
    EXPECT_TRUE(terms.count("Y1987"));
    EXPECT_FALSE(std::any_of(terms.begin(), terms.end(), [](const std::string& t) { return t[0] == 'M'; }));
}

TEST_F(DocumentBuilderTest, MinimalDocumentHasOnlyItsId) {
    Document d;
    d.id = "only-id";
    const auto x = build_document(d, analyzer, "");
    EXPECT_EQ(terms_of(x), (std::set<std::string>{"Qonly-id"}));
    EXPECT_EQ(x.get_value(schema::slot_date), "");
    EXPECT_EQ(x.get_value(schema::slot_title), "");
    EXPECT_EQ(decode_stored(x.get_data()).id, "only-id");
}

TEST(BoundedTerm, ShortValuesAreKeptLongOnesHashed) {
    EXPECT_EQ(bounded_term("Q", "abc"), "Qabc");
    EXPECT_EQ(id_term("Wire-1"), "Qwire-1");  // folded like the query parser folds id:
    const std::string base(250, 'x');
    const std::string a = bounded_term("Q", base + "a"), b = bounded_term("Q", base + "b");
    EXPECT_NE(a, b);
    EXPECT_EQ(a, bounded_term("Q", base + "a"));  // stable
    EXPECT_EQ(a.size(), 1 + max_term_value_bytes);
    EXPECT_EQ(a.substr(0, 101), "Q" + std::string(100, 'x'));
    EXPECT_EQ(a[a.size() - 17], '#');
    const std::string exact(max_term_value_bytes, 'y');
    EXPECT_EQ(bounded_term("P", exact), "P" + exact);
    // Never cut inside a UTF-8 sequence.
    std::string accents;
    while (accents.size() < 400) accents += "é";
    const std::string t = bounded_term("Q", accents);
    const std::string kept = t.substr(1, t.size() - 1 - 17);
    EXPECT_EQ(kept.size() % 2, 0u);
    EXPECT_EQ(kept.find_first_not_of("é"), std::string::npos);
}

TEST_F(DocumentBuilderTest, LongIdsPathsAndTagsFitInAGlassDatabase) {
    test::TempDir tmp;
    Xapian::WritableDatabase db((tmp / "db").string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    Document d = sample();
    d.id = std::string(600, 'i');
    d.tags["places"].push_back(std::string(400, 'p'));
    const std::string path = "/" + std::string(500, 'd') + "/file.txt";
    ASSERT_NO_THROW(db.replace_document(id_term(d.id), build_document(d, analyzer, path)));
    d.id += "2";  // same 200-byte prefix, different id: a different document
    ASSERT_NO_THROW(db.replace_document(id_term(d.id), build_document(d, analyzer, path)));
    db.commit();
    EXPECT_EQ(db.get_doccount(), 2u);
    EXPECT_EQ(db.get_termfreq(id_term(d.id)), 1u);
    EXPECT_EQ(db.get_termfreq(bounded_term(schema::path_prefix, path)), 2u);
    const Document back = decode_stored(db.get_document(2).get_data());
    EXPECT_EQ(back.id, d.id);  // the full id survives in the stored data
    EXPECT_EQ(db.get_document(2).get_value(schema::slot_id), d.id);
}

TEST(StoredData, RoundTripsEveryField) {
    Document d = sample();
    d.subject = "Rates";
    d.from = {"Karen Liu"};
    d.to = {"All Staff", "Tom Avery"};
    d.cc = {"Ray Dunn"};
    const Document back = decode_stored(encode_stored(d));
    EXPECT_EQ(back.id, d.id);
    EXPECT_EQ(back.path, d.path);
    EXPECT_EQ(back.line, d.line);
    EXPECT_EQ(back.type, d.type);
    EXPECT_EQ(back.title, d.title);
    EXPECT_EQ(back.date, d.date);
    EXPECT_EQ(back.updated, d.updated);
    EXPECT_EQ(back.authors, d.authors);
    EXPECT_EQ(back.source, d.source);
    EXPECT_EQ(back.from, d.from);
    EXPECT_EQ(back.to, d.to);
    EXPECT_EQ(back.cc, d.cc);
    EXPECT_EQ(back.subject, d.subject);
    EXPECT_EQ(back.url, d.url);
    EXPECT_EQ(back.body, d.body);
    EXPECT_EQ(back.meta, d.meta);
    EXPECT_EQ(back.tags, d.tags);
    ASSERT_EQ(back.entities.size(), 1u);
    EXPECT_EQ(back.entities[0].type, EntityType::org);
    EXPECT_EQ(back.entities[0].canonical, "Federal Reserve");
    EXPECT_EQ(back.entities[0].aliases, std::vector<std::string>{"Fed"});
    ASSERT_EQ(back.entities[0].mentions.size(), 2u);
    EXPECT_EQ(back.entities[0].mentions[1].offset, 18u);
    EXPECT_EQ(back.entities[0].mentions[1].length, 15u);
    EXPECT_EQ(back.entities[0].mentions[1].field, "body");
    ASSERT_EQ(back.date_mentions.size(), 1u);
    EXPECT_EQ(back.date_mentions[0].text, "on Thursday");
    EXPECT_EQ(back.date_mentions[0].date, (Date{2016, 3, 3}));
    EXPECT_EQ(back.date_mentions[0].offset, 47u);
}

TEST(StoredData, PartialDatesAndEmptyDocument) {
    Document d;
    d.id = "x";
    d.date = Date{2016, 6, 0};
    d.updated = Date{1987, 0, 0};
    const Document back = decode_stored(encode_stored(d));
    EXPECT_EQ(back.date, (Date{2016, 6, 0}));
    EXPECT_EQ(back.updated, (Date{1987, 0, 0}));
    EXPECT_TRUE(back.body.empty());
    EXPECT_TRUE(back.tags.empty());
    EXPECT_NE(encode_stored(d).find("\"v\":2"), std::string::npos);
}

TEST(StoredData, ReadsVersionOneEntitiesAndDates) {
    const Document back = decode_stored(
        R"({"v":1,"id":"x","entities":[{"type":"person","name":"Theresa Walsh","aliases":["Walsh"],)"
        R"("mentions":[[0,13,"body"],[40,5,"body"]]}],"dates":[{"text":"Feb. 2","offset":20,"date":"2017-02-02"}]})");
    ASSERT_EQ(back.entities.size(), 1u);
    EXPECT_EQ(back.entities[0].canonical, "Theresa Walsh");
    EXPECT_EQ(back.entities[0].aliases, std::vector<std::string>{"Walsh"});
    ASSERT_EQ(back.entities[0].mentions.size(), 2u);
    EXPECT_EQ(back.entities[0].mentions[1].offset, 40u);
    EXPECT_EQ(back.entities[0].mentions[1].field, "body");
    ASSERT_EQ(back.date_mentions.size(), 1u);
    EXPECT_EQ(back.date_mentions[0].date, (Date{2017, 2, 2}));
    EXPECT_EQ(back.date_mentions[0].text, "Feb. 2");
}

TEST(StoredData, CorruptDataThrowsRuntimeError) {
    EXPECT_THROW(decode_stored("not json"), RuntimeError);
    EXPECT_THROW(decode_stored("[1,2]"), RuntimeError);
    EXPECT_THROW(decode_stored(R"({"v":99,"id":"x"})"), RuntimeError);
    EXPECT_THROW(decode_stored(R"({"v":1,"id":5})"), RuntimeError);
    EXPECT_THROW(decode_stored(R"({"v":1,"id":"x","date":"March"})"), RuntimeError);
}

}  // namespace
}  // namespace newsdex
