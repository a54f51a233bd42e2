/** @file
 * @brief The corpus-level entity table: its rules (index/entity_table), its storage
 *        (schema/entity_table) and how the searcher applies it (search/entity_canon, FacetColumn::regroup).
 */
#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include <newsdex/analysis/analyzer.hpp>
#include <newsdex/entities/gazetteer.hpp>
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

TEST(EntityTableRules, ACompanysBareNameIsItsNameWithALegalForm) {
    // `chrysler corp` holds 70% of the extensions' documents: less than 80%, but its only other words
    // are frequent last words, while the others name units of the company.
    EntityNames in, places;
    in.names = {{"chrysler", 25},  {"chrysler corp", 92}, {"chrysler motors corp", 20}, {"chrysler financial corp", 20},
                {"exxon corp", 5}, {"mobil corp", 5}};
    places.names = {{"chrysler", 3}};  // the tagger's slip: no place that qualifies `chrysler corp`
    EXPECT_EQ(key_of(group_entity_names(EntityType::org, in, &places), "chrysler"), "chrysler corp");
    places.names = {{"chrysler", 40}};  // more a place than an organisation: it qualifies the names
    EXPECT_EQ(key_of(group_entity_names(EntityType::org, in, &places), "chrysler"), "");
    in.names.push_back({"chrysler lebaron", 200});  // a larger candidate: no legal form, no dominance
    EXPECT_EQ(key_of(group_entity_names(EntityType::org, in), "chrysler"), "");
}

TEST(EntityTableRules, AndBeforeALegalFormIsTheLegalForms) {
    // `Merrill Lynch & Co Inc` (`&` is written `and`): 65 of the 100 extension documents, and only
    // `and` and frequent last words after the bare name. `and` before another word is no legal form.
    EntityNames in;
    in.names = {{"merrill lynch", 90},
                {"merrill lynch and co inc", 65},
                {"merrill lynch canada inc", 15},
                {"merrill lynch economics", 10},
                {"merrill lynch futures inc", 10},
                {"exxon corp", 5},
                {"mobil corp", 5},
                {"ford motor co", 5},
                {"boeing co", 5}};
    EXPECT_EQ(key_of(group_entity_names(EntityType::org, in), "merrill lynch"), "merrill lynch");
    EXPECT_EQ(key_of(group_entity_names(EntityType::org, in), "merrill lynch and co inc"), "merrill lynch");
    in.names[1].first = "merrill lynch and canada inc";
    EXPECT_EQ(key_of(group_entity_names(EntityType::org, in), "merrill lynch"), "");
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

TEST(EntityTableRules, APersonsRunOnsAreNoLongForms) {
    // Documents joined `reagan` to names run on from headlines (`reagan friday`): beside the names
    // ending with the surname they would dilute `ronald reagan` below a dominant share.
    EntityNames in;
    in.names = {{"reagan", 500},      {"ronald reagan", 24}, {"nancy reagan", 1},  {"michael reagan", 1},
                {"reagan friday", 1}, {"reagan lunch", 1},   {"reagan iran", 1},   {"reagan scrubs", 1},
                {"reagan said", 1},   {"deng", 30},          {"deng xiaoping", 12}};
    in.aliases = {{"reagan", "ronald reagan"}, {"reagan", "nancy reagan"}, {"reagan", "michael reagan"},
                  {"reagan", "reagan friday"}, {"reagan", "reagan lunch"}, {"reagan", "reagan iran"},
                  {"reagan", "reagan scrubs"}, {"reagan", "reagan said"},  {"deng", "deng xiaoping"}};
    const auto g = group_entity_names(EntityType::person, in);
    EXPECT_EQ(key_of(g, "reagan"), "ronald reagan");
    EXPECT_EQ(key_of(g, "reagan friday"), "");
    EXPECT_EQ(key_of(g, "deng"), "deng xiaoping") << "family name first: only names it begins";
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

TEST(EntityTableRules, DocumentsJoiningOnlyExtensionsLeaveTheCountrysFormIn) {
    // Documents joined `treasury` only to names it begins; none of them dominates, while its form
    // qualified by a country's dotted abbreviation holds most of its long forms' documents.
    EntityNames in;
    in.names = {{"treasury", 400},
                {"u.s. treasury", 230},
                {"treasury department", 28},
                {"treasury secretary", 6},
                {"exxon corp", 5}};
    in.aliases = {{"treasury", "treasury department"}, {"treasury", "treasury secretary"}};
    EXPECT_EQ(key_of(group_entity_names(EntityType::org, in), "treasury"), "u.s. treasury");
    // Writers mostly leave the country out: a tenth as many documents is enough (as for an acronym's
    // expansion), where a long form inferred from names needs a quarter.
    in.names = {{"congress", 307}, {"u.s. congress", 38}, {"congress financial", 2}, {"exxon corp", 5}};
    in.aliases = {{"congress", "congress financial"}};
    EXPECT_EQ(key_of(group_entity_names(EntityType::org, in), "congress"), "u.s. congress");
}

TEST(EntityTableRules, ABodyEveryPlaceHasIsNoOneEntity) {
    // Each city's stock exchange is its own: the bare name is a kind of body, not a short form.
    EntityNames in, places;
    in.names = {{"stock exchange", 40},
                {"tokyo stock exchange", 40},
                {"london stock exchange", 38},
                {"toronto stock exchange", 34},
                {"securities and exchange commission", 600},
                {"u.s. securities and exchange commission", 24}};
    places.names = {{"tokyo", 10}, {"london", 10}, {"toronto", 10}};
    const auto g = group_entity_names(EntityType::org, in, &places);
    EXPECT_EQ(key_of(g, "tokyo stock exchange"), "");
    EXPECT_EQ(key_of(g, "london stock exchange"), "");
    EXPECT_EQ(key_of(g, "u.s. securities and exchange commission"), "securities and exchange commission")
        << "the only qualified form";
}

TEST(EntityTableRules, SpellingVariantsAreOneName) {
    EntityNames in;
    in.names = {{"international coffee organisation", 30},
                {"international coffee organization", 20},
                {"commodity credit corp", 60},
                {"commodity credit corporation", 40},
                {"u.s. department of agriculture", 20},
                {"u.s. agriculture department", 240},
                {"european community", 90},
                {"european communities", 3},
                // two letters abbreviate nothing: `Co` is no `Communications`
                {"sun co", 5},
                {"sun communications", 5},
                {"broken hill proprietary ltd", 9},
                {"broken hill proprietary limited", 2},
                {"chase manhattan bank", 9},
                {"chase manhattan bancorp", 4},
                // one letter more is another word, not an abbreviation; a dot or comma changes nothing
                {"west german", 9},
                {"west germany", 9},
                {"daiwa securities co. ltd.", 3},
                {"daiwa securities co ltd", 9}};
    const auto g = group_entity_names(EntityType::org, in);
    EXPECT_EQ(key_of(g, "international coffee organization"), "international coffee organisation");
    EXPECT_EQ(key_of(g, "commodity credit corporation"), "commodity credit corp");
    EXPECT_EQ(key_of(g, "u.s. department of agriculture"), "u.s. agriculture department");
    EXPECT_EQ(key_of(g, "european communities"), "european community");
    EXPECT_EQ(key_of(g, "sun co"), "");
    EXPECT_EQ(key_of(g, "broken hill proprietary limited"), "broken hill proprietary ltd");
    EXPECT_EQ(key_of(g, "chase manhattan bancorp"), "") << "bank / bancorp: no abbreviation";
    EXPECT_EQ(key_of(g, "west germany"), "") << "german / germany";
    EXPECT_EQ(key_of(g, "daiwa securities co. ltd."), "daiwa securities co ltd");
}

TEST(EntityTableRules, PlacesAreNoAbbreviationsNorTheirBareNames) {
    // A place's last word is a name: `asia` spells no `australia` (same first and last letters, in
    // order), nor `fort lee` `fort lauderdale`; a misspelt one is the same place. A place behind
    // another is a place of its own (`new england`, `south africa`), not what the bare name means.
    EntityNames in;
    in.names = {{"south australia", 10}, {"south asia", 5},     {"fort lauderdale", 8}, {"fort lee", 2},
                {"sri lanka", 30},       {"sri lanaka", 1},     {"west virginia", 20},  {"west virgina", 1},
                {"africa", 50},          {"south africa", 150}, {"england", 40},        {"new england", 70}};
    EntityNames places = in;
    places.names.push_back({"south", 15});  // headline words the tagger took for places
    places.names.push_back({"new", 3});
    const auto g = group_entity_names(EntityType::place, in, &places);
    EXPECT_EQ(key_of(g, "south asia"), "");
    EXPECT_EQ(key_of(g, "fort lee"), "");
    EXPECT_EQ(key_of(g, "sri lanaka"), "sri lanka");
    EXPECT_EQ(key_of(g, "west virgina"), "west virginia");
    EXPECT_EQ(key_of(g, "africa"), "");
    EXPECT_EQ(key_of(g, "england"), "");
    // An organisation's last word may be abbreviated (`ltd`, `limited`), as above.
    EXPECT_EQ(key_of(group_entity_names(EntityType::org, in), "south asia"), "south australia");
}

TEST(EntityTableRules, AcronymsWithAndAndCutNames) {
    EntityNames in;
    in.names = {{"american telephone and telegraph co", 40},
                {"at and t", 30},
                {"standard and poor's corp", 130},
                {"poor's corp", 10},
                {"s and p", 8},
                // `co` and `corp` end many names: left out of acronyms
                {"ford motor co", 9},
                {"eastman kodak co", 9},
                {"mobil corp", 5}};
    const auto g = group_entity_names(EntityType::org, in);
    EXPECT_EQ(key_of(g, "at and t"), "american telephone and telegraph co");
    EXPECT_EQ(key_of(g, "s and p"), "standard and poor's corp");
    EXPECT_EQ(key_of(g, "poor's corp"), "standard and poor's corp");
}

TEST(EntityTableRules, NamesCutAtTheirOn) {
    EntityNames in;
    in.names = {{"general agreement on tariffs and trade", 60},
                {"tariffs and trade", 12},
                {"bank of new york", 30},
                {"new york", 6},  // the tagger's slip: an organisation
                {"conference on new york", 2}};
    EntityNames places;
    places.names = {{"new york", 400}};
    const auto g = group_entity_names(EntityType::org, in, &places);
    EXPECT_EQ(key_of(g, "tariffs and trade"), "general agreement on tariffs and trade");
    EXPECT_EQ(key_of(g, "new york"), "") << "a place's name is no cut name";
}

TEST(EntityTableRules, FrequentLastWordsMakeNoShortAcronyms) {
    EntityNames in;
    // `corp` ends most of these names: `Exxon Corp` is no `EC`, `Graphic Media Inc` no `GM`.
    in.names = {{"ec", 180},       {"european community", 90},   {"exxon corp", 60},        {"energy corp", 20},
                {"gm", 50},        {"general motors corp", 130}, {"graphic media inc", 30}, {"mobil corp", 5},
                {"texaco inc", 5}, {"general motors", 18}};  // GM's two-word core is written too
    const auto g = group_entity_names(EntityType::org, in);
    EXPECT_EQ(key_of(g, "ec"), "european community");
    EXPECT_EQ(key_of(g, "gm"), "general motors corp");
}

TEST(EntityTableRules, DocumentJoinsToNamesItBeginsDoNotHideExpansions) {
    EntityNames in;
    in.names = {{"ibm", 70},           {"ibm pc", 3},
                {"ibm canada ltd", 2}, {"international business machines corp", 70},
                {"exxon corp", 5},     {"mobil corp", 5}};
    in.aliases = {{"ibm", "ibm pc"}, {"ibm", "ibm canada ltd"}};
    EXPECT_EQ(key_of(group_entity_names(EntityType::org, in), "ibm"), "international business machines corp");
}

TEST(EntityTableTypes, ANameGoesToTheTypeOfItsEntity) {
    std::array<EntityNames, 4> names;
    auto& person = names[static_cast<std::size_t>(EntityType::person)];
    auto& org = names[static_cast<std::size_t>(EntityType::org)];
    auto& misc = names[static_cast<std::size_t>(EntityType::misc)];
    person.names = {{"gatt", 13}, {"washington", 2}, {"harold washington", 5}};
    org.names = {{"gatt", 7}, {"general agreement on tariffs and trade", 40}};
    org.aliases = {{"gatt", "general agreement on tariffs and trade"}};
    misc.names = {{"general agreement on tariffs and trade", 9}};
    names[static_cast<std::size_t>(EntityType::place)].names = {{"washington", 500}};
    const EntityTable t = build_entity_table(names);
    const auto moved = [&](EntityType from, EntityType to, const std::string& name) {
        return std::find(t.moves.begin(), t.moves.end(), EntityMove{from, to, name, {}}) != t.moves.end();
    };
    // GATT: 13 headlines call it a person, but its entity (with its long form) is an organisation.
    EXPECT_TRUE(moved(EntityType::person, EntityType::org, "gatt"));
    EXPECT_TRUE(moved(EntityType::misc, EntityType::org, "general agreement on tariffs and trade"));
    EXPECT_EQ(key_of(t.of(EntityType::org), "gatt"), "general agreement on tariffs and trade");
    // A person written with a given name stays one, beside the city.
    EXPECT_FALSE(moved(EntityType::person, EntityType::place, "washington"));
}

TEST(EntityTableTypes, AOneWordPersonNamedLikeAnOrganisationIsIt) {
    std::array<EntityNames, 4> names;
    auto& person = names[static_cast<std::size_t>(EntityType::person)];
    person.names = {{"reuter", 70}, {"reuter news-watch", 8}};
    person.aliases = {{"reuter", "reuter news-watch"}};  // a run-on, not Reuter's given name
    names[static_cast<std::size_t>(EntityType::org)].names = {{"reuters", 870}};
    const EntityTable t = build_entity_table(names);
    EXPECT_NE(std::find(t.moves.begin(), t.moves.end(), EntityMove{EntityType::person, EntityType::org, "reuter", {}}),
              t.moves.end());
    EXPECT_EQ(key_of(t.of(EntityType::org), "reuter"), "reuters");
}

TEST(EntityTableTypes, OnlySharedNamesLeaveAWrongGroup) {
    std::array<EntityNames, 4> names;
    names[static_cast<std::size_t>(EntityType::org)].names = {{"gm", 50}, {"general motors corp", 130}};
    auto& place = names[static_cast<std::size_t>(EntityType::place)];
    place.names = {{"gm", 2}, {"gulf of mexico", 24}};  // joined there as an acronym
    const EntityTable t = build_entity_table(names);
    EXPECT_NE(std::find(t.moves.begin(), t.moves.end(), EntityMove{EntityType::place, EntityType::org, "gm", {}}),
              t.moves.end());
    for (const auto& m : t.moves) EXPECT_NE(m.name, "gulf of mexico");
}

TEST(EntityTableTypes, CountryNamesArePlacesOfTheirCountry) {
    std::array<EntityNames, 4> names;
    names[static_cast<std::size_t>(EntityType::misc)].names = {{"u.k.", 3}, {"ec", 40}};
    names[static_cast<std::size_t>(EntityType::place)].names = {{"united kingdom", 500}};
    const auto gazetteer = Gazetteer::system();
    const EntityTable t = build_entity_table(names, gazetteer.get());
    EXPECT_NE(std::find(t.moves.begin(), t.moves.end(), EntityMove{EntityType::misc, EntityType::place, "u.k.", {}}),
              t.moves.end());
    EXPECT_EQ(key_of(t.of(EntityType::place), "u.k."), "united kingdom");
    for (const auto& m : t.moves) EXPECT_NE(m.name, "ec") << "a bare code (Ecuador's) is no country name";
}

TEST(EntityTableTypes, FirmsNamedAfterPeopleAreOrganisations) {
    std::array<EntityNames, 4> names;
    EntityNames& people = names[static_cast<std::size_t>(EntityType::person)];
    people.names = {{"smith barney", 52}, {"charles schwab", 10}, {"schwab", 5}, {"james baker", 40}};
    people.aliases = {{"schwab", "charles schwab"}};  // a document shortened his name: a person
    names[static_cast<std::size_t>(EntityType::org)].names = {
        {"smith barney harris upham and co", 6},
        {"charles schwab corp", 8},
        {"merrill lynch and co", 30},
        {"chrysler corp", 20},
        {"james baker lane", 3}};  // `lane` ends no other name: no legal name
    const EntityTable t = build_entity_table(names);
    const auto moved = [&](const std::string& n) {
        return std::find(t.moves.begin(), t.moves.end(), EntityMove{EntityType::person, EntityType::org, n, {}}) !=
            t.moves.end();
    };
    EXPECT_TRUE(moved("smith barney"));
    EXPECT_FALSE(moved("charles schwab"));
    EXPECT_FALSE(moved("james baker"));
}

TEST(EntityTableStorage, MovesRoundTrip) {
    const std::vector<EntityMove> moves = {{EntityType::person, EntityType::org, "gatt", "GATT"},
                                           {EntityType::misc, EntityType::place, "u.k.", "U.K."}};
    EXPECT_EQ(decode_entity_moves(encode_entity_moves(moves)), moves);
    EXPECT_TRUE(decode_entity_moves("person\torg\tgatt\n\nbogus\torg\tx\tX\nperson\tperson\tx\tX\n").empty());
}

TEST(EntityTableRules, AbbreviationsJoinTheNameTheyAreWrittenBeside) {
    EntityNames in;
    in.names = {{"fed", 300}, {"federal reserve", 190},        {"federal express corp", 20},
                {"amex", 40}, {"american stock exchange", 80}, {"american express co", 60},
                {"fund", 30}, {"fireman's fund corp", 10}};
    // Which names documents write beside each short word (their neighbours).
    const NameNeighbours neighbours = [](EntityType, const std::string& name) {
        using V = std::vector<std::pair<std::string, Xapian::doccount>>;
        if (name == "fed") return V{{"federal reserve", 90}, {"federal express corp", 2}};
        if (name == "amex") return V{{"american stock exchange", 25}, {"american express co", 1}};
        if (name == "fund") return V{{"fireman's fund corp", 10}};
        return V{};
    };
    const auto g = group_entity_names(EntityType::org, in, nullptr, neighbours);
    EXPECT_EQ(key_of(g, "fed"), "federal reserve");
    EXPECT_EQ(key_of(g, "amex"), "american stock exchange");
    EXPECT_EQ(key_of(g, "fund"), "") << "a word of the name is no abbreviation of it";
    EXPECT_EQ(key_of(group_entity_names(EntityType::org, in), "fed"), "") << "without neighbours: ambiguous";
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

TEST(EntityCanonTest, MovedNamesCountUnderTheirNewType) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const auto add = [&](std::vector<std::string> people, std::vector<std::string> orgs) {
        Xapian::Document d;
        for (const auto& p : people) d.add_boolean_term(std::string(schema::person_exact_prefix) + fold_exact_value(p));
        for (const auto& o : orgs) d.add_boolean_term(std::string(schema::org_exact_prefix) + fold_exact_value(o));
        d.add_value(schema::slot_facet_person, encode_facet_values(people));
        d.add_value(schema::slot_facet_org, encode_facet_values(orgs));
        db.add_document(d);
    };
    add({"GATT", "Clayton Yeutter"}, {});
    add({}, {"General Agreement on Tariffs and Trade"});
    add({"GATT"}, {"GATT"});
    db.commit();
    EntityTable t;
    t.of(EntityType::org) = {
        {"general agreement on tariffs and trade", {"gatt", "general agreement on tariffs and trade"}}};
    t.moves = {{EntityType::person, EntityType::org, "gatt", "GATT"}};
    EntityCanon canon;
    canon.add(t);
    FacetColumn people(db, schema::slot_facet_person, false), orgs(db, schema::slot_facet_org, false);
    canon.add_moved_units(people, EntityType::person, db);
    canon.merge_column(people, EntityType::person);
    canon.add_moved_units(orgs, EntityType::org, db);
    canon.merge_column(orgs, EntityType::org);
    const auto counts = [](const FacetColumn& c) {
        std::map<std::string, Xapian::doccount> out;
        const auto docs = c.unit_documents();
        for (std::uint32_t u = 0; u < c.size(); ++u)
            if (docs[u] > 0) out[std::string(c.unit(u))] = docs[u];
        return out;
    };
    EXPECT_EQ(counts(people), (std::map<std::string, Xapian::doccount>{{"Clayton Yeutter", 1}}));
    EXPECT_EQ(counts(orgs), (std::map<std::string, Xapian::doccount>{{"General Agreement on Tariffs and Trade", 3}}));
    EXPECT_EQ(canon.moved_from(EntityType::org, "gatt"), std::vector<EntityType>{EntityType::person});
    EXPECT_TRUE(canon.moved_from(EntityType::person, "gatt").empty());
}

}  // namespace
}  // namespace newsdex
