/** @file
 * @brief Entities and date mentions in the database: exact and free-text entity terms, `XMD:` terms,
 *        alias synonyms, stored entities; none of them with entities turned off.
 */
#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include <newsdex/analysis/terms.hpp>
#include <newsdex/schema/stored.hpp>
#include <newsdex/entities/entity_extractor.hpp>
#include <newsdex/index/indexer.hpp>
#include <newsdex/schema/schema.hpp>
#include <newsdex/search/search.hpp>

#include "test_support.hpp"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

const EntityExtractor& extractor() {
    static const EntityExtractor x = EntityExtractor::load();
    return x;
}

std::set<std::string> terms_of(const Xapian::Document& d) {
    std::set<std::string> out;
    for (auto it = d.termlist_begin(); it != d.termlist_end(); ++it) out.insert(*it);
    return out;
}

std::set<std::string> synonyms_of(const Xapian::Database& db, const std::string& term) {
    std::set<std::string> out;
    for (auto it = db.synonyms_begin(term); it != db.synonyms_end(term); ++it) out.insert(*it);
    return out;
}

bool any_with_prefix(const std::set<std::string>& terms, std::string_view prefix) {
    return std::any_of(terms.begin(), terms.end(), [&](const std::string& t) { return t.starts_with(prefix); });
}

class EntityIndex : public testing::Test {
protected:
    void SetUp() override {
        test::write_file(m_tmp / "corpus" / "news" / "review.txt",
                         "Walsh orders review of runway safety\n"
                         "February 14, 2017\n"
                         "By Daniel Okafor\n"
                         "\n"
                         "WASHINGTON - Deputy Administrator Theresa Walsh of the Federal Aviation Administration "
                         "(FAA) ordered a review of runway safety on Tuesday. Walsh said the FAA would report "
                         "next month on the incident of Feb. 2 at Dayton International Airport in Ohio.\n");
        test::write_file(m_tmp / "corpus" / "memos" / "staffing.txt",
                         "MEMORANDUM\n"
                         "TO: Theresa Walsh\n"
                         "FROM: Marcus Bell\n"
                         "DATE: February 20, 2017\n"
                         "SUBJECT: Tower staffing\n"
                         "\n"
                         "Staffing at Dayton remains thin, as reported last week. The FAA tower needs two more "
                         "controllers.\n");
        test::write_file(
            m_tmp / "corpus" / "wire.jsonl",
            R"({"id": "w1", "title": "FAA review", "date": "2017-02-14", "body": "The FAA said on Monday it would review staffing.", "orgs": ["faa"], "people": ["Theresa Walsh"]})"
            "\n");
    }

    Xapian::Database index(bool entities) {
        IndexOptions o;
        o.db_path = (m_tmp / (entities ? "db" : "db-plain")).string();
        o.inputs = {(m_tmp / "corpus").string()};
        o.entities = entities;
        o.extractor = &extractor();
        DiagnosticSink diag;
        (void)build_index(o, diag);
        for (const auto& d : diag.collected()) EXPECT_NE(d.severity, Severity::error) << d.format();
        return Xapian::Database(o.db_path);
    }

    static Xapian::Document doc(const Xapian::Database& db, const std::string& id) {
        const std::string term = id_term(id);
        auto it = db.postlist_begin(term);
        if (it == db.postlist_end(term)) throw std::runtime_error("no document with id " + id);
        return db.get_document(*it);
    }

    test::TempDir m_tmp;
};

TEST_F(EntityIndex, ExactAndTextEntityTermsAndMentionDates) {
    const Xapian::Database db = index(true);
    const auto news = terms_of(doc(db, "news/review.txt"));
    for (const char* t : {"XEP:theresa walsh", "XEO:federal aviation administration", "XEL:ohio", "XPtheresa",
                          "XPwalsh", "XOfederal", "XOfaa", "XOaviation", "XLohio", "XMD:2017-02-14", "XMD:2017-02",
                          "XMD:2017", "XMD:2017-03", "XMD:2017-02-02"})
        EXPECT_TRUE(news.count(t)) << t;
    EXPECT_FALSE(news.count("XEP:walsh")) << "Walsh is Theresa Walsh, not an entity of its own";
    // Entity words are indexed unstemmed and without positions.
    EXPECT_FALSE(news.count("ZXPwalsh"));
    EXPECT_FALSE(news.count("ZXOaviat"));
    const Xapian::Document d = doc(db, "news/review.txt");
    for (auto it = d.termlist_begin(); it != d.termlist_end(); ++it) {
        const std::string t = *it;
        if (t.rfind("XP", 0) == 0 || t.rfind("XO", 0) == 0 || t.rfind("XL", 0) == 0) {
            EXPECT_EQ(it.positionlist_count(), 0u) << t;
        }
    }
    EXPECT_FALSE(news.count("XEO:faa")) << "FAA is an alias, not an entity of its own";

    // Memo header people are person entities.
    const auto memo = terms_of(doc(db, "memos/staffing.txt"));
    for (const char* t : {"XEP:theresa walsh", "XEP:marcus bell", "XPbell", "XMD:2017-02-13", "XMD:2017-02"})
        EXPECT_TRUE(memo.count(t)) << t;

    // JSON Lines tags stay tags; entities come from the text.
    const auto wire = terms_of(doc(db, "w1"));
    EXPECT_TRUE(wire.count("XGorgs:faa"));
    EXPECT_TRUE(wire.count("XGpeople:theresa walsh"));
    EXPECT_TRUE(wire.count("XMD:2017-02-13"));

    // Aliases and canonical names are synonyms both ways.
    EXPECT_EQ(synonyms_of(db, "XEO:faa"), (std::set<std::string>{"XEO:federal aviation administration"}));
    EXPECT_TRUE(synonyms_of(db, "XEO:federal aviation administration").count("XEO:faa"));
    EXPECT_TRUE(synonyms_of(db, "XEP:walsh").count("XEP:theresa walsh"));

    // Entities are stored for display and facets.
    const Document stored = decode_stored(doc(db, "news/review.txt").get_data());
    EXPECT_TRUE(std::any_of(stored.entities.begin(), stored.entities.end(), [](const Entity& e) {
        return e.type == EntityType::org && e.canonical == "Federal Aviation Administration" &&
            std::find(e.aliases.begin(), e.aliases.end(), "FAA") != e.aliases.end() && e.mentions.size() >= 3;
    }));
    EXPECT_FALSE(stored.date_mentions.empty());
}

TEST_F(EntityIndex, SearchByEntityFieldsAndMentionedDates) {
    (void)index(true);
    const Searcher searcher({(m_tmp / "db").string()});
    auto ids = [&](const std::string& q) {
        SearchOptions o;
        o.query = q;
        o.limit = 100;
        std::set<std::string> out;
        for (const auto& h : searcher.search(o).hits) out.insert(h.doc.id);
        return out;
    };
    using Ids = std::set<std::string>;
    EXPECT_EQ(ids("person:\"Theresa Walsh\""), (Ids{"news/review.txt", "memos/staffing.txt"}));
    EXPECT_EQ(ids("person:walsh"), (Ids{"news/review.txt", "memos/staffing.txt"}));
    EXPECT_EQ(ids("person:\"Walsh\""), (Ids{"news/review.txt", "memos/staffing.txt"}));  // synonym
    EXPECT_EQ(ids("org:\"Federal Aviation Administration\""),
              (Ids{"news/review.txt", "memos/staffing.txt", "w1"}));  // FAA alone, via the synonym
    EXPECT_EQ(ids("org:\"FAA\""), (Ids{"news/review.txt", "memos/staffing.txt", "w1"}));
    EXPECT_EQ(ids("mentions:2017-02-02"), (Ids{"news/review.txt"}));
    EXPECT_EQ(ids("mentions:2017-03"), (Ids{"news/review.txt"}));
    EXPECT_EQ(ids("person:\"Marcus Bell\" mentions:2017"), (Ids{"memos/staffing.txt"}));
    EXPECT_EQ(ids("person:\"Marcus Bell\" org:\"Federal Aviation Administration\""), (Ids{"memos/staffing.txt"}));
}

TEST_F(EntityIndex, NoEntitiesMeansNoEntityTermsOrSynonyms) {
    const Xapian::Database db = index(false);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const auto terms = terms_of(db.get_document(*it));
        for (const char* prefix :
             {"XEP:", "XEO:", "XEL:", "XEM:", "XMD:", "XP", "XO", "XL", "XM", "ZXP", "ZXO", "ZXL", "ZXM"})
            EXPECT_FALSE(any_with_prefix(terms, prefix)) << prefix;
        EXPECT_TRUE(decode_stored(db.get_document(*it).get_data()).entities.empty());
    }
    EXPECT_EQ(db.synonym_keys_begin(), db.synonym_keys_end());
}

}  // namespace
}  // namespace newsdex
