/** @file
 * @brief The corpus-level entity table in a database of the demo corpus: recorded at the end of each
 *        run (fresh and in place), applied to facets and exact entity queries, and joining names of
 *        documents indexed in an earlier run without re-indexing them.
 */
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include <newsdex/entities/entity_extractor.hpp>
#include <newsdex/index/indexer.hpp>
#include <newsdex/schema/entity_table.hpp>
#include <newsdex/search/search.hpp>

#include "test_support.hpp"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

const EntityExtractor& extractor() {
    static const EntityExtractor x = EntityExtractor::load();
    return x;
}

bool grouped(const EntityTable& t, EntityType type, const std::string& a, const std::string& b) {
    for (const auto& g : t.of(type)) {
        const bool has_a = std::find(g.members.begin(), g.members.end(), a) != g.members.end();
        const bool has_b = std::find(g.members.begin(), g.members.end(), b) != g.members.end();
        if (has_a || has_b) return has_a && has_b;
    }
    return false;
}

class EntityTableIndex : public testing::Test {
protected:
    IndexStats index(const std::vector<fs::path>& inputs) {
        IndexOptions o;
        o.db_path = db().string();
        for (const auto& p : inputs) o.inputs.push_back(p.string());
        o.extractor = &extractor();
        DiagnosticSink diag;
        const IndexStats stats = build_index(o, diag);
        for (const auto& d : diag.collected()) EXPECT_NE(d.severity, Severity::error) << d.format();
        return stats;
    }
    fs::path db() const { return m_tmp / "db"; }

    /// Values of facet @p field over the matches of @p query (the whole corpus by default).
    std::vector<std::string> facet_values(const std::string& field, const std::string& query = "NOT qqqzzz") const {
        Searcher s({db().string()});
        SearchOptions o;
        o.query = query;
        o.facets = {field};
        o.facet_size = 1000;
        o.limit = 0;
        std::vector<std::string> out;
        const SearchResult r = s.search(o);
        for (const auto& v : r.facets.at(0).values) out.push_back(v.value);
        return out;
    }

    Xapian::doccount count(const std::string& query) const {
        Searcher s({db().string()});
        SearchOptions o;
        o.query = query;
        return s.count(o);
    }

    test::TempDir m_tmp;
};

bool has(const std::vector<std::string>& values, const std::string& v) {
    return std::find(values.begin(), values.end(), v) != values.end();
}

TEST_F(EntityTableIndex, DemoCorpusPairsAreOneValueAndOneQuery) {
    const fs::path corpus = CORPUS_DIR;
    index({corpus / "news", corpus / "memos", corpus / "wire"});
    const EntityTable t = EntityTable::read(Xapian::Database(db().string()));
    EXPECT_TRUE(grouped(t, EntityType::org, "faa", "federal aviation administration"));
    EXPECT_TRUE(grouped(t, EntityType::org, "midcontinent", "midcontinent airlines"));
    EXPECT_TRUE(grouped(t, EntityType::person, "e. ferro", "elaine ferro"));

    const auto orgs = facet_values("org");
    EXPECT_TRUE(has(orgs, "Federal Aviation Administration"));
    EXPECT_FALSE(has(orgs, "FAA"));
    EXPECT_TRUE(has(orgs, "Midcontinent Airlines"));
    EXPECT_FALSE(has(orgs, "Midcontinent"));
    const auto people = facet_values("person");
    EXPECT_TRUE(has(people, "Elaine Ferro"));
    EXPECT_FALSE(has(people, "E. Ferro"));
    EXPECT_FALSE(has(people, "Midcontinent")) << "tagged a person twice, counted with the airline";
    EXPECT_TRUE(has(facet_values("country", "runway"), "United States"));

    const Xapian::doccount faa = count(R"(org:"FAA")");
    EXPECT_GT(faa, 0u);
    EXPECT_EQ(faa, count(R"(org:"Federal Aviation Administration")"));
    // Every document naming the airline is found by its short name too. The short name finds one
    // more: there the tagger left `Airlines` out of `Midcontinent Airlines`, and the document made
    // `Midcontinent` the alias of its one longer name, `Midcontinent Flight 2210`.
    const Xapian::doccount airline = count(R"(org:"Midcontinent Airlines")");
    EXPECT_GT(airline, 0u);
    EXPECT_EQ(count(R"(org:"Midcontinent Airlines" AND org:"Midcontinent")"), airline);
    EXPECT_LE(count(R"(org:"Midcontinent")"), airline + 1);
    EXPECT_EQ(count(R"(person:"E. Ferro")"), count(R"(person:"Elaine Ferro")"));
}

TEST_F(EntityTableIndex, LaterRunJoinsNamesOfEarlierDocuments) {
    // Run 1: a document naming only the short form; nothing to join it to yet.
    test::write_file(m_tmp / "in" / "a.txt",
                     "Board meets\nMarch 1, 2017\n\nOfficials of the TBA met on Monday. The TBA said it "
                     "would raise rates.\n");
    test::write_file(m_tmp / "in2" / "b.txt",
                     "Rates rise\nMarch 2, 2017\n\nOfficials of the Tessaly Basin Authority (TBA) said rates rise.\n");
    test::write_file(m_tmp / "in2" / "c.txt", "Basin news\nMarch 3, 2017\n\nThe Tessaly Basin Authority voted.\n");
    index({m_tmp / "in"});
    index({m_tmp / "in"});  // in place, nothing new: the table is rebuilt all the same
    const IndexStats second = index({m_tmp / "in", m_tmp / "in2"});
    EXPECT_EQ(second.added, 2u);
    EXPECT_EQ(second.updated, 0u) << "the first document is not re-indexed";
    const EntityTable t = EntityTable::read(Xapian::Database(db().string()));
    const auto orgs = facet_values("org");
    // Whatever the tagger made of each document, every org name of the corpus that folds to one
    // of a group's members is shown under one value.
    for (const auto& g : t.of(EntityType::org)) {
        std::size_t shown = 0;
        for (const auto& m : g.members)
            shown += std::count_if(orgs.begin(), orgs.end(), [&](const std::string& v) {
                std::string f = v;
                std::transform(f.begin(), f.end(), f.begin(), [](unsigned char c) { return std::tolower(c); });
                return f == m;
            });
        EXPECT_LE(shown, 1u) << g.key;
    }
    EXPECT_TRUE(grouped(t, EntityType::org, "tba", "tessaly basin authority"));
    EXPECT_EQ(count(R"(org:"TBA")"), 3u);
    EXPECT_EQ(count(R"(org:"Tessaly Basin Authority")"), 3u);
    EXPECT_FALSE(has(orgs, "TBA"));
}

}  // namespace
}  // namespace newsdex
