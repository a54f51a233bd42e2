/** @file
 * @brief NameLexicon (entities/lexicon): which WordNet synsets and names it keeps, and how the entity
 *        table uses them (index/entity_types, index/entity_table).
 */
#include <algorithm>
#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <newsdex/core/error.hpp>
#include <newsdex/entities/gazetteer.hpp>
#include <newsdex/entities/lexicon.hpp>
#include <newsdex/index/entity_table.hpp>

namespace newsdex {
namespace {

// Lines in WordNet's data.noun format (wndb(5WN)): offset, lexicographer file (14 noun.group, 15
// noun.location, 18 noun.person), `n`, the number of words in hex, word and lex_id pairs, pointers,
// gloss. Written for these tests: made-up bodies of two or three names each.
constexpr std::string_view kData =
    "  1 This is a licence line, as WordNet's files begin.\n"
    "00000001 15 n 03 Sorland 0 Sorland_Union 0 SLU 0 000 | a made-up country\n"
    "00000002 14 n 03 Bureau_of_Tides 0 Tides_Bureau 0 tides_office 0 000 | a made-up agency\n"
    "00000003 14 n 02 Harbour_Board 0 Portia 0 000 | Portia has two senses\n"
    "00000004 15 n 01 Portia 0 000 | a made-up town\n"
    "00000005 18 n 02 Jon_Smit 0 Smit 0 000 | a person: left out\n"
    "00000006 14 n 02 Blue_Party 0 party 0 000 | one proper name only\n"
    "00000007 14 n 03 Tide_Office 0 Tide_Office 1 Tidal_Office 0 000 | a repeated lemma is one name\n"
    "00000008 14 n 02 Tidal_Office 0 Tide_Room 0 000 | `Tidal Office` has two senses\n";

TEST(NameLexicon, KeepsOrganisationsAndPlacesWithTwoProperNamesOfOneSense) {
    const NameLexicon lexicon = NameLexicon::parse(kData, "data.noun");
    // Synset 3 loses `Portia` (a town too) and keeps one name; 5 is a person's; 6 has one proper
    // name; 7 has one name of one sense left (`Tidal Office` is also synset 8's), and 8 none.
    ASSERT_EQ(lexicon.synsets().size(), 2U);
    EXPECT_EQ(lexicon.synsets()[0].type, EntityType::place);
    EXPECT_EQ(lexicon.synsets()[0].names, (std::vector<std::string>{"SLU", "Sorland", "Sorland Union"}));
    EXPECT_EQ(lexicon.synsets()[1].type, EntityType::org);
    EXPECT_EQ(lexicon.synsets()[1].names, (std::vector<std::string>{"Bureau of Tides", "Tides Bureau"}))
        << "lower-case words are no names";
}

TEST(NameLexicon, MalformedLineSaysWhere) {
    try {
        (void)NameLexicon::parse("00000001 15 n 02 Sorland 0\n", "data.noun");
        FAIL() << "no error";
    } catch (const RuntimeError& e) {
        EXPECT_STREQ(e.what(), "data.noun:1: not a WordNet noun synset");
    }
}

TEST(ProperSynsets, InstancesAdjectivesAndTheirMarkers) {
    const auto nouns = proper_synsets(
        "00000001 18 n 02 Jon_Smit 0 Smit 0 001 @i 00000009 n 0000 | a made-up person\n"
        "00000002 18 n 02 Sorlander 0 native 0 001 @ 00000010 n 0000 | a kind of person\n"
        "00000003 18 n 01 teacher 0 000 | no proper name: left out\n",
        'n', "data.noun");
    ASSERT_EQ(nouns.size(), 2u);
    EXPECT_EQ(nouns[0].lexfile, 18);
    EXPECT_TRUE(nouns[0].instance);
    EXPECT_EQ(nouns[0].names, (std::vector<std::string>{"Jon Smit", "Smit"}));
    EXPECT_FALSE(nouns[1].instance);
    EXPECT_EQ(nouns[1].names, std::vector<std::string>{"Sorlander"});
    // Satellite adjectives count as adjectives; a syntactic marker is no part of the word.
    const auto adjectives = proper_synsets(
        "00000001 00 a 01 Sorlandic 0 000 | x\n00000002 00 s 02 Tidal(a) 0 tidal 1 000 | y\n", 'a', "data.adj");
    ASSERT_EQ(adjectives.size(), 2u);
    EXPECT_EQ(adjectives[1].names, std::vector<std::string>{"Tidal"});
    EXPECT_THROW((void)proper_synsets("00000001 00 a 01 Sorlandic 0 000 | x\n", 'n', "data.noun"), RuntimeError);
}

TEST(NameLexicon, MissingFolderIsAnEmptyLexicon) {
    EXPECT_TRUE(NameLexicon::load(std::filesystem::path("/nonexistent/wordnet")).synsets().empty());
}

/// The key of the group holding @p name ("" when alone).
std::string key_of(const std::vector<EntityGroup>& groups, const std::string& name) {
    for (const auto& g : groups)
        if (std::find(g.members.begin(), g.members.end(), name) != g.members.end()) return g.key;
    return {};
}

std::size_t at(EntityType t) { return static_cast<std::size_t>(t); }

TEST(EntityTableLexicon, SynonymsJoinAcrossTypesWhereTheSynsetTypeHoldsMostDocuments) {
    const NameLexicon lexicon = NameLexicon::parse(kData, "data.noun");
    std::array<EntityNames, 4> names;
    names[at(EntityType::org)].names = {{"slu", 30}, {"tides bureau", 4}, {"bureau of tides", 6}};
    names[at(EntityType::place)].names = {{"sorland union", 200}, {"sorland", 50}};
    const EntityTable t = build_entity_table(names, nullptr, {}, &lexicon);
    EXPECT_EQ(key_of(t.of(EntityType::place), "slu"), "sorland union") << "neither an acronym nor a long form";
    EXPECT_EQ(key_of(t.of(EntityType::place), "sorland"), "sorland union");
    EXPECT_NE(std::find(t.moves.begin(), t.moves.end(), EntityMove{EntityType::org, EntityType::place, "slu", {}}),
              t.moves.end());
    EXPECT_EQ(key_of(t.of(EntityType::org), "tides bureau"), "bureau of tides");
    EXPECT_EQ(key_of(build_entity_table(names).of(EntityType::place), "slu"), "") << "without the lexicon";
}

TEST(EntityTableLexicon, TheCorpusUsageOfANameStillDecidesItsType) {
    const NameLexicon lexicon = NameLexicon::parse(kData, "data.noun");
    std::array<EntityNames, 4> names;
    // `Sorland` is mostly a company here: it stays one, and the place keeps its other names.
    names[at(EntityType::org)].names = {{"sorland", 300}};
    names[at(EntityType::place)].names = {{"sorland union", 20}, {"slu", 4}};
    const EntityTable t = build_entity_table(names, nullptr, {}, &lexicon);
    for (const auto& m : t.moves) EXPECT_NE(m.name, "sorland");
    EXPECT_EQ(key_of(t.of(EntityType::place), "slu"), "sorland union");
}

TEST(EntityTableLexicon, MiscNamesSideWithTheSynsetType) {
    const NameLexicon lexicon = NameLexicon::parse(kData, "data.noun");
    std::array<EntityNames, 4> names;
    // The tagger calls the union misc (beside the adjective) as often as a place: misc yields.
    names[at(EntityType::misc)].names = {{"sorland union", 120}, {"slu", 10}};
    names[at(EntityType::place)].names = {{"sorland union", 60}, {"sorland", 50}};
    names[at(EntityType::org)].names = {{"slu", 100}};
    const EntityTable t = build_entity_table(names, nullptr, {}, &lexicon);
    EXPECT_EQ(key_of(t.of(EntityType::place), "slu"), "sorland union");
    EXPECT_EQ(key_of(t.of(EntityType::place), "sorland"), "sorland union");
    // Without the misc documents the org `SLU` would hold most: nothing moves.
    names[at(EntityType::misc)].names.clear();
    names[at(EntityType::org)].names = {{"slu", 200}};
    EXPECT_EQ(key_of(build_entity_table(names, nullptr, {}, &lexicon).of(EntityType::place), "slu"), "");
}

TEST(EntityTableLexicon, ASynonymJoinsOtherLongFormsOnlyWhereDocumentsDefineThem) {
    const NameLexicon lexicon =
        NameLexicon::parse("00000001 14 n 02 Federal_Bureau_of_Investigation 0 FBI 0 000 | x\n", "data.noun");
    std::array<EntityNames, 4> names;
    EntityNames& org = names[at(EntityType::org)];
    // `FBI` spells `First Boston Inc` too, and that name is far more frequent.
    org.names = {{"fbi", 8}, {"federal bureau of investigation", 5}, {"first boston inc", 80}};
    EXPECT_EQ(key_of(build_entity_table(names).of(EntityType::org), "fbi"), "first boston inc") << "no lexicon";
    EXPECT_EQ(key_of(build_entity_table(names, nullptr, {}, &lexicon).of(EntityType::org), "fbi"),
              "federal bureau of investigation");
    // A document's definition still counts, weighed against the synonyms' documents.
    org.aliases = {{"fbi", "first boston inc"}};
    EXPECT_EQ(key_of(build_entity_table(names, nullptr, {}, &lexicon).of(EntityType::org), "fbi"), "first boston inc");
}

TEST(EntityTableLexicon, TwoLetterNamesAndPeopleAreLeftAlone) {
    const NameLexicon lexicon = NameLexicon::parse(
        "00000001 15 n 03 Nevada 0 NV 0 Silver_State 0 000 | x\n"
        "00000002 15 n 02 Brasil 0 Federative_Republic_of_Brasil 0 000 | y\n",
        "data.noun");
    std::array<EntityNames, 4> names;
    names[at(EntityType::org)].names = {{"nv", 40}};
    names[at(EntityType::place)].names = {{"nevada", 60}, {"brasil", 300}, {"federative republic of brasil", 2}};
    names[at(EntityType::person)].names = {{"carlos brasil", 3}, {"brasil", 2}};
    const EntityTable t = build_entity_table(names, nullptr, {}, &lexicon);
    EXPECT_EQ(key_of(t.of(EntityType::place), "nv"), "") << "`N.V.`, a Dutch company's legal form";
    EXPECT_EQ(key_of(t.of(EntityType::person), "brasil"), "carlos brasil") << "a person's surname";
    EXPECT_EQ(key_of(t.of(EntityType::place), "brasil"), "federative republic of brasil");
}

TEST(EntityTableLexicon, ACountryNameBeforeANameIsAlsoItsDottedInitials) {
    const NameLexicon lexicon =
        NameLexicon::parse("00000001 14 n 02 Tides_Bureau 0 United_States_Tides_Bureau 0 000 | x\n", "data.noun");
    std::array<EntityNames, 4> names;
    names[at(EntityType::org)].names = {{"tides bureau", 10}, {"u.s. tides bureau", 10}};
    const auto gazetteer = Gazetteer::system();
    const EntityTable t = build_entity_table(names, gazetteer.get(), {}, &lexicon);
    EXPECT_EQ(key_of(t.of(EntityType::org), "tides bureau"), "u.s. tides bureau");
}

TEST(EntityTableLexicon, AnOldNameThatIsALargeCityElsewhereStaysApart) {
    const NameLexicon lexicon = NameLexicon::parse(
        "00000001 15 n 02 Ghana 0 Gold_Coast 0 000 | x\n"
        "00000002 15 n 02 Netherlands 0 Holland 0 000 | y\n",
        "data.noun");
    std::array<EntityNames, 4> names;
    names[at(EntityType::place)].names = {{"ghana", 20}, {"gold coast", 2}, {"netherlands", 30}, {"holland", 10}};
    const auto gazetteer = Gazetteer::system();
    const EntityTable t = build_entity_table(names, gazetteer.get(), {}, &lexicon);
    EXPECT_EQ(key_of(t.of(EntityType::place), "gold coast"), "") << "Australia's city";
    EXPECT_EQ(key_of(t.of(EntityType::place), "holland"), "netherlands") << "a town in Michigan does not count";
}

}  // namespace
}  // namespace newsdex
