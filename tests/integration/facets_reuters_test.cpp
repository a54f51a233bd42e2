/** @file
 * @brief Integration: facet counts over Reuters-21578 (JSON Lines) equal the counts computed here,
 * independently, from the gold `places` and `people` lists of the matching records.
 */
#include <fstream>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include <newsdex/analysis/analyzer.hpp>
#include <newsdex/search/search.hpp>
#include <test_support.hpp>

namespace newsdex::test {
namespace {

using Counts = std::map<std::string, Xapian::doccount>;

class FacetsReuters : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (!std::filesystem::exists(shared_corpora() / "reuters21578-jsonl")) return;
        s_tmp = new TempDir();
        const std::string jsonl = (shared_corpora() / "reuters21578-jsonl" / "reuters21578.jsonl").string();
        // Entities are not needed for the gold tag fields: --no-entities keeps this quick.
        const auto r =
            run(std::string(INDEXER_BIN) + " -q --no-entities --db " + (*s_tmp / "db").string() + " " + jsonl);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        // Gold: per topic, each distinct place / person of each record having that topic, once.
        std::ifstream in(jsonl);
        std::string line;
        while (std::getline(in, line)) {
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            const auto j = nlohmann::json::parse(line);
            if (!j.contains("topics")) continue;
            for (const auto& topic : j["topics"]) {
                const std::string t = fold_exact_value(topic.get<std::string>());
                ++s_docs[t];
                for (const char* field : {"places", "people"}) {
                    if (!j.contains(field)) continue;
                    std::set<std::string> distinct;
                    for (const auto& v : j[field])
                        if (!v.get<std::string>().empty()) distinct.insert(v.get<std::string>());
                    for (const auto& v : distinct) ++s_gold[t][field][v];
                }
            }
        }
    }
    static void TearDownTestSuite() {
        delete s_tmp;
        s_tmp = nullptr;
    }

    static void check_topic(const std::string& topic) {
        ASSERT_NE(s_tmp, nullptr);
        const Searcher searcher({(*s_tmp / "db").string()});
        SearchOptions o;
        o.query = "topics:" + topic;
        o.facets = {"places,people"};
        o.facet_size = 100000;  // the full lists
        o.limit = 0;
        const SearchResult r = searcher.search(o);
        ASSERT_EQ(r.lower, r.upper);
        EXPECT_EQ(r.lower, s_docs[topic]) << "documents with topic " << topic;
        ASSERT_EQ(r.facets.size(), 2u);
        for (const auto& f : r.facets) {
            EXPECT_TRUE(f.exact);
            Counts got;
            for (const auto& v : f.values) got[v.value] = v.count;
            EXPECT_EQ(got, s_gold[topic][f.field]) << topic << " / " << f.field;
            EXPECT_EQ(f.distinct, f.values.size());
        }
        EXPECT_FALSE(s_gold[topic]["places"].empty());
    }

    static TempDir* s_tmp;
    static std::map<std::string, Xapian::doccount> s_docs;
    static std::map<std::string, std::map<std::string, Counts>> s_gold;  // topic -> field -> value -> docs
};

TempDir* FacetsReuters::s_tmp = nullptr;
std::map<std::string, Xapian::doccount> FacetsReuters::s_docs;
std::map<std::string, std::map<std::string, Counts>> FacetsReuters::s_gold;

// One test (ctest runs each test in its own process): Reuters is indexed once.
TEST_F(FacetsReuters, PlacesAndPeopleMatchGoldAndDepthMarksEstimates) {
    NEWSDEX_REQUIRE_SHARED("reuters21578-jsonl");
    for (const char* topic : {"cocoa", "coffee", "gold"}) {
        SCOPED_TRACE(topic);
        check_topic(topic);
    }

    ASSERT_NE(s_tmp, nullptr);
    const Searcher searcher({(*s_tmp / "db").string()});
    SearchOptions o;
    o.query = "said";
    o.facets = {"places"};
    o.facet_depth = 500;
    const SearchResult r = searcher.search(o);
    ASSERT_GT(r.estimate, 5000u);
    ASSERT_EQ(r.facets.size(), 1u);
    EXPECT_FALSE(r.facets[0].exact);
    ASSERT_FALSE(r.facets[0].values.empty());
    EXPECT_EQ(r.facets[0].values[0].value, "usa");
}

}  // namespace
}  // namespace newsdex::test
