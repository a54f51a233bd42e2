/** @file
 * @brief The corpus-level entity table: its rules (index/entity_table), its storage
 *        (schema/entity_table) and how the searcher applies it (search/entity_canon, FacetColumn::regroup).
 */
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include <newsdex/index/entity_table.hpp>
#include <newsdex/schema/entity_table.hpp>
#include <newsdex/schema/facet_codec.hpp>
#include <newsdex/search/entity_canon.hpp>
#include <newsdex/search/facets.hpp>

namespace newsdex {
namespace {

/// The key of the group holding @p name ("" when alone).
std::string key_of(const std::vector<EntityGroup>& groups, const std::string& name) {
    for (const auto& g : groups)
        if (std::find(g.members.begin(), g.members.end(), name) != g.members.end()) return g.key;
    return {};
}

TEST(EntityTableRules, DefinedAliasJoinsItsLongForm) {
    EntityNames in;
    in.names = {{"securities and exchange commission", 600}, {"sec", 170}};
    in.aliases = {{"sec", "securities and exchange commission"}};
    const auto g = group_entity_names(EntityType::org, in);
    EXPECT_EQ(key_of(g, "sec"), "securities and exchange commission");
}

TEST(EntityTableRules, AcronymOfAKnownLongName) {
    EntityNames in;
    in.names = {{"federal aviation administration", 7},
                {"faa", 7},
                {"u.s. department of agriculture", 20},
                {"usda", 30},
                {"international business machines corp", 60},
                {"ibm", 90},
                // `corp` ends many names: left out of acronyms
                {"texaco corp", 5},
                {"exxon corp", 5},
                {"mobil corp", 5}};
    const auto g = group_entity_names(EntityType::org, in);
    EXPECT_EQ(key_of(g, "faa"), "federal aviation administration");
    EXPECT_EQ(key_of(g, "usda"), "u.s. department of agriculture");
    EXPECT_EQ(key_of(g, "ibm"), "international business machines corp");
}

TEST(EntityTableRules, AmbiguousAcronymStaysApartUnlessOneDominates) {
    EntityNames in;
    in.names = {{"adb", 40}, {"asian development bank", 30}, {"african development bank", 20}};
    EXPECT_EQ(key_of(group_entity_names(EntityType::org, in), "adb"), "");
    in.names[2].second = 5;  // 30 of 35 documents: dominant
    EXPECT_EQ(key_of(group_entity_names(EntityType::org, in), "adb"), "asian development bank");
}

TEST(EntityTableRules, ShortFormJoinsItsDominantExtension) {
    EntityNames in;
    in.names = {{"midcontinent airlines", 6},
                {"midcontinent", 3},
                {"bank", 190},
                {"bank of england", 100},
                {"bank of japan", 100},
                {"federal reserve", 208},
                {"federal reserve board", 143},
                {"federal reserve board vice", 10},
                {"federal reserve bank", 4}};
    const auto g = group_entity_names(EntityType::org, in);
    EXPECT_EQ(key_of(g, "midcontinent"), "midcontinent airlines");
    EXPECT_EQ(key_of(g, "bank"), "") << "no extension holds 80% of the documents";
    // The run-on counts for `federal reserve board`, not as another long form of `federal reserve`.
    EXPECT_EQ(key_of(g, "federal reserve board"), "federal reserve") << "the most frequent full form is the key";
    EXPECT_EQ(key_of(g, "federal reserve bank"), "");
}

TEST(EntityTableRules, RareRunOnIsNoLongForm) {
    EntityNames in;
    in.names = {{"fed", 312}, {"fed says", 48}};
    EXPECT_EQ(key_of(group_entity_names(EntityType::org, in), "fed"), "");
}

TEST(EntityTableRules, PeopleBySurnameAndInitials) {
    EntityNames in;
    in.names = {{"elaine ferro", 2},  {"e. ferro", 1}, {"j. ferro", 1},      {"baker", 50},    {"james baker", 160},
                {"howard baker", 10}, {"walsh", 5},    {"theresa walsh", 7}, {"mary walsh", 6}};
    const auto g = group_entity_names(EntityType::person, in);
    EXPECT_EQ(key_of(g, "e. ferro"), "elaine ferro");
    EXPECT_NE(key_of(g, "j. ferro"), "elaine ferro") << "initials disagree";
    EXPECT_EQ(key_of(g, "baker"), "james baker") << "160 of 170 documents";
    EXPECT_EQ(key_of(g, "walsh"), "") << "two Walshes, neither dominant";
}

TEST(EntityTableRules, QualifiedNames) {
    EntityNames in, places;
    in.names = {{"securities and exchange commission", 600},
                {"u.s. securities and exchange commission", 24},
                {"agriculture department", 46},
                {"u.s. agriculture department", 243}};
    places.names = {{"brazil", 10}};
    const auto g = group_entity_names(EntityType::org, in, &places);
    EXPECT_EQ(key_of(g, "u.s. securities and exchange commission"), "securities and exchange commission");
    EXPECT_EQ(key_of(g, "agriculture department"), "u.s. agriculture department");
}

TEST(EntityTableStorage, RoundTripAndMalformedLines) {
    const std::vector<EntityGroup> groups = {
        {"federal aviation administration", {"faa", "federal aviation administration"}},
        {"elaine ferro", {"e. ferro", "elaine ferro"}}};
    EXPECT_EQ(decode_entity_groups(encode_entity_groups(groups)), groups);
    EXPECT_TRUE(decode_entity_groups("alone\n\n\t\n").empty());
    EXPECT_EQ(entity_table_key(EntityType::org), "newsdex:entities:org");
}

TEST(EntityCanonTest, MembersKeysAndMergedTables) {
    EntityTable a, b;
    a.of(EntityType::org) = {{"federal reserve", {"federal reserve", "federal reserve board"}}};
    b.of(EntityType::org) = {{"federal reserve board", {"fed", "federal reserve board"}}};
    EntityCanon canon;
    canon.add(a);
    canon.add(b);  // a second database: groups sharing a name merge
    const auto m = canon.members(EntityType::org, "fed");
    EXPECT_EQ(std::set<std::string>(m.begin(), m.end()),
              (std::set<std::string>{"fed", "federal reserve", "federal reserve board"}));
    EXPECT_EQ(canon.key(EntityType::org, "fed"), "federal reserve");
    EXPECT_EQ(canon.key(EntityType::person, "fed"), "fed");
    EXPECT_TRUE(canon.members(EntityType::org, "sec").empty());
}

TEST(EntityCanonTest, DisplayIsTheBestCasedFullForm) {
    using V = std::vector<std::string_view>;
    // REAGAN in more documents than Reagan: still Reagan.
    EXPECT_EQ(pick_display(V{"REAGAN", "Reagan"}, {135, 306}, {true, true}), 1u);
    EXPECT_EQ(pick_display(V{"REAGAN", "Reagan"}, {306, 135}, {true, true}), 1u);
    // A single word in capitals in four times as many documents is an acronym.
    EXPECT_EQ(pick_display(V{"NATO", "Nato"}, {40, 3}, {true, true}), 0u);
    // The full form wins over a more frequent short form.
    EXPECT_EQ(pick_display(V{"SEC", "Securities and Exchange Commission"}, {700, 600}, {false, true}), 1u);
    EXPECT_EQ(pick_display(V{"FEDERAL RESERVE"}, {3}, {true}), 0u);
}

TEST(EntityCanonTest, ColumnCountsADocumentOncePerEntity) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const auto add = [&](std::vector<std::string> orgs) {
        Xapian::Document d;
        d.add_value(schema::slot_facet_org, encode_facet_values(std::move(orgs)));
        db.add_document(d);
    };
    add({"FAA", "Federal Aviation Administration"});
    add({"FAA"});
    add({"Federal Aviation Administration", "Dayton"});
    add({"FEDERAL AVIATION ADMINISTRATION"});
    add({"Dayton"});
    db.commit();
    EntityTable t;
    t.of(EntityType::org) = {{"federal aviation administration", {"faa", "federal aviation administration"}}};
    EntityCanon canon;
    canon.add(t);
    FacetColumn column(db, schema::slot_facet_org, false);
    canon.merge_column(column, EntityType::org);
    ASSERT_EQ(column.size(), 2u);
    std::map<std::string, Xapian::doccount> counts;
    const auto docs = column.unit_documents();
    for (std::uint32_t u = 0; u < column.size(); ++u) counts[std::string(column.unit(u))] = docs[u];
    EXPECT_EQ(counts, (std::map<std::string, Xapian::doccount>{{"Federal Aviation Administration", 4}, {"Dayton", 2}}));
    EXPECT_EQ(column.units(1).size(), 1u) << "FAA and its long form: one value for the first document";
}

}  // namespace
}  // namespace newsdex
