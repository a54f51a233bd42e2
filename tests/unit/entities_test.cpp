/** @file
 * @brief Unit tests of the entity resolver: names, titles, acronyms, places, memo/e-mail headers.
 */
#include <newsdex/entities/acronyms.hpp>
#include <newsdex/entities/entities.hpp>
#include <newsdex/entities/people.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace {

using newsdex::Document;
using newsdex::Entity;
using newsdex::EntityMention;
using newsdex::EntityType;
using newsdex::TextField;

/// Builds tagger mentions over one body text, located by their n-th occurrence.
class Body {
public:
    explicit Body(std::string text) : m_text(std::move(text)) {}

    /// Tag the @p nth (0-based) occurrence of @p surface.
    Body& tag(EntityType type, const std::string& surface, int nth = 0) {
        std::size_t at = m_text.find(surface);
        for (int i = 0; i < nth && at != std::string::npos; ++i) at = m_text.find(surface, at + 1);
        EXPECT_NE(at, std::string::npos) << surface;
        m_mentions.push_back(EntityMention{type, surface, at, surface.size(), "body"});
        return *this;
    }

    [[nodiscard]] std::vector<Entity> resolve(const newsdex::PlaceCanonicalizer& places = {}) const {
        return newsdex::resolve_entities(m_mentions, {TextField{"body", m_text}}, places);
    }
    [[nodiscard]] const std::string& text() const { return m_text; }

private:
    std::string m_text;
    std::vector<EntityMention> m_mentions;
};

bool has_alias(const Entity& e, const std::string& alias) {
    return std::find(e.aliases.begin(), e.aliases.end(), alias) != e.aliases.end();
}

std::vector<std::string> canonicals(const std::vector<Entity>& entities) {
    std::vector<std::string> out;
    for (const auto& e : entities) out.push_back(e.canonical);
    return out;
}

// --- person names ------------------------------------------------------------------------------

TEST(PersonName, StripsTitlesRolesAndPossessives) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"Theresa Walsh", "Theresa Walsh"},
        {"Deputy Administrator Theresa Walsh", "Theresa Walsh"},
        {"former Deputy Administrator Theresa Walsh", "Theresa Walsh"},
        {"FAA Administrator Theresa Walsh", "Theresa Walsh"},
        {"Ms. Walsh", "Walsh"},
        {"Mr. Bell's", "Bell"},
        {"Walsh's", "Walsh"},
        {"Walsh\xE2\x80\x99s", "Walsh"},
        {"Dr.  Omar\nHaddad", "Omar Haddad"},
        {"Secretary of State Lena Ortiz", "Lena Ortiz"},
        {"Minister of Public Works Lena Ortiz", "Lena Ortiz"},
        {"Sen. Lena J. Ortiz", "Lena J. Ortiz"},
        {"Ludwig van Hal", "Ludwig van Hal"},
        {"President", "President"},
        {"", ""},
    };
    for (const auto& [written, expected] : cases) EXPECT_EQ(newsdex::person_name(written), expected) << written;
}

TEST(Resolver, SurnameMapsToEarlierFullName) {
    Body body(
        "Deputy Administrator Theresa Walsh opened the session. Walsh said the review would take weeks. "
        "Ms. Walsh's office declined to comment.");
    body.tag(EntityType::person, "Deputy Administrator Theresa Walsh")
        .tag(EntityType::person, "Walsh", 1)
        .tag(EntityType::person, "Ms. Walsh's");
    const auto entities = body.resolve();
    ASSERT_EQ(entities.size(), 1u);
    EXPECT_EQ(entities[0].type, EntityType::person);
    EXPECT_EQ(entities[0].canonical, "Theresa Walsh");
    EXPECT_TRUE(has_alias(entities[0], "Walsh"));
    EXPECT_EQ(entities[0].aliases.size(), 1u);
    ASSERT_EQ(entities[0].mentions.size(), 3u);
    EXPECT_EQ(entities[0].mentions[0].offset, 0u);
    EXPECT_EQ(entities[0].mentions[1].offset, body.text().find("Walsh said"));
    EXPECT_EQ(entities[0].mentions[2].field, "body");
}

TEST(Resolver, FirstNameMapsWhenNoSurnameMatches) {
    Body body("Omar Haddad chairs the panel. Omar told colleagues he would stay.");
    body.tag(EntityType::person, "Omar Haddad").tag(EntityType::person, "Omar", 1);
    const auto entities = body.resolve();
    ASSERT_EQ(entities.size(), 1u);
    EXPECT_EQ(entities[0].canonical, "Omar Haddad");
    EXPECT_EQ(entities[0].mentions.size(), 2u);
}

TEST(Resolver, MiddleInitialVariantsMerge) {
    Body body("Lena J. Ortiz spoke first. Later Lena Ortiz answered questions.");
    body.tag(EntityType::person, "Lena J. Ortiz").tag(EntityType::person, "Lena Ortiz");
    const auto entities = body.resolve();
    ASSERT_EQ(entities.size(), 1u);
    EXPECT_EQ(entities[0].canonical, "Lena J. Ortiz");
    EXPECT_TRUE(has_alias(entities[0], "Lena Ortiz"));
}

TEST(Resolver, FullerLaterFormBecomesCanonical) {
    Body body("Lena Ortiz spoke first. Later Lena J. Ortiz answered questions, and Ortiz left.");
    body.tag(EntityType::person, "Lena Ortiz")
        .tag(EntityType::person, "Lena J. Ortiz")
        .tag(EntityType::person, "Ortiz", 2);
    const auto entities = body.resolve();
    ASSERT_EQ(entities.size(), 1u);
    EXPECT_EQ(entities[0].canonical, "Lena J. Ortiz");
    EXPECT_EQ(entities[0].aliases, (std::vector<std::string>{"Lena Ortiz", "Ortiz"}));
    EXPECT_EQ(entities[0].mentions.size(), 3u);
}

TEST(Resolver, SharedSurnameIsAmbiguous) {
    Body body("George Bell and Martha Bell filed the claim. Mr. Bell said the claim was fair.");
    body.tag(EntityType::person, "George Bell")
        .tag(EntityType::person, "Martha Bell")
        .tag(EntityType::person, "Mr. Bell");
    const auto entities = body.resolve();
    EXPECT_EQ(canonicals(entities), (std::vector<std::string>{"George Bell", "Martha Bell", "Bell"}));
}

TEST(Resolver, EarlierNameWinsOverALaterNamesake) {
    Body body("Ruth Kemp arrived. Kemp spoke. Then Victor Kemp arrived.");
    body.tag(EntityType::person, "Ruth Kemp").tag(EntityType::person, "Kemp", 1).tag(EntityType::person, "Victor Kemp");
    const auto entities = body.resolve();
    ASSERT_EQ(entities.size(), 2u);
    EXPECT_EQ(entities[0].canonical, "Ruth Kemp");
    EXPECT_EQ(entities[0].mentions.size(), 2u);
    EXPECT_EQ(entities[1].canonical, "Victor Kemp");
}

TEST(Resolver, HeadlineSurnameMapsToTheBodyName) {
    const std::string title = "Walsh orders safety review";
    const std::string body = "Theresa Walsh ordered a review on Monday.";
    const std::vector<EntityMention> mentions{
        {EntityType::person, "Walsh", 0, 5, "title"},
        {EntityType::person, "Theresa Walsh", 0, 13, "body"},
    };
    const auto entities = newsdex::resolve_entities(mentions, {{"title", title}, {"body", body}});
    ASSERT_EQ(entities.size(), 1u);
    EXPECT_EQ(entities[0].canonical, "Theresa Walsh");
    ASSERT_EQ(entities[0].mentions.size(), 2u);
    EXPECT_EQ(entities[0].mentions[0].field, "title");
}

// --- organisations ----------------------------------------------------------------------------

TEST(Resolver, AcronymInBracketsAfterLongName) {
    Body body(
        "The Federal Aviation Administration (FAA) grounded the fleet. The FAA's order covers 40 jets. "
        "The Administration did not say more.");
    body.tag(EntityType::org, "Federal Aviation Administration")
        .tag(EntityType::org, "FAA's")
        .tag(EntityType::org, "Administration", 1);
    const auto entities = body.resolve();
    ASSERT_EQ(entities.size(), 2u);
    EXPECT_EQ(entities[0].canonical, "Federal Aviation Administration");
    EXPECT_EQ(entities[0].aliases, std::vector<std::string>{"FAA"});
    EXPECT_EQ(entities[0].mentions.size(), 2u);
    EXPECT_EQ(entities[1].canonical, "Administration");  // a partial mention is not merged
}

TEST(Resolver, AcronymAfterCommaOr) {
    Body body(
        "Screeners at the Transportation Security Administration, or TSA, found nothing. "
        "TSA officials later confirmed it.");
    body.tag(EntityType::org, "the Transportation Security Administration").tag(EntityType::org, "TSA", 1);
    const auto entities = body.resolve();
    ASSERT_EQ(entities.size(), 1u);
    EXPECT_EQ(entities[0].canonical, "Transportation Security Administration");
    EXPECT_TRUE(has_alias(entities[0], "TSA"));
    EXPECT_EQ(entities[0].mentions.size(), 2u);
}

TEST(Resolver, AcronymFirstThenLongNameInBrackets) {
    Body body("Investigators from the NTSB (National Transportation Safety Board) arrived. The NTSB will report.");
    body.tag(EntityType::org, "NTSB").tag(EntityType::misc, "NTSB", 1);
    const auto entities = body.resolve();
    ASSERT_EQ(entities.size(), 1u);
    EXPECT_EQ(entities[0].type, EntityType::org);
    EXPECT_EQ(entities[0].canonical, "National Transportation Safety Board");
    EXPECT_TRUE(has_alias(entities[0], "NTSB"));
    EXPECT_EQ(entities[0].mentions.size(), 2u);
}

TEST(Resolver, AcronymBeforeItsDefinitionStillMaps) {
    Body body("EPA rules were cut. The Environmental Protection Agency (EPA) confirmed the cut.");
    body.tag(EntityType::org, "EPA").tag(EntityType::org, "Environmental Protection Agency");
    const auto entities = body.resolve();
    ASSERT_EQ(entities.size(), 1u);
    EXPECT_EQ(entities[0].canonical, "Environmental Protection Agency");
    EXPECT_EQ(entities[0].mentions[0].offset, 0u);
}

TEST(Resolver, TaggerSpanIncludingTheAcronym) {
    Body body("The Bureau of Land Management (BLM) leased the parcel.");
    body.tag(EntityType::org, "Bureau of Land Management (BLM)");
    const auto entities = body.resolve();
    ASSERT_EQ(entities.size(), 1u);
    EXPECT_EQ(entities[0].canonical, "Bureau of Land Management");
    EXPECT_TRUE(has_alias(entities[0], "BLM"));
}

TEST(Resolver, MismatchedAcronymIsNotMerged) {
    Body body("The Federal Aviation Administration (FBI) label was a typo. The FBI said so.");
    body.tag(EntityType::org, "Federal Aviation Administration").tag(EntityType::org, "FBI", 1);
    const auto entities = body.resolve();
    EXPECT_EQ(canonicals(entities), (std::vector<std::string>{"Federal Aviation Administration", "FBI"}));
    EXPECT_TRUE(entities[0].aliases.empty());
}

TEST(Resolver, DefinitionTheTaggerMissedBecomesAnEntity) {
    Body body("Grants from the National Science Foundation (NSF) doubled.");
    const auto entities = body.resolve();
    ASSERT_EQ(entities.size(), 1u);
    EXPECT_EQ(entities[0].type, EntityType::org);
    EXPECT_EQ(entities[0].canonical, "National Science Foundation");
    EXPECT_TRUE(has_alias(entities[0], "NSF"));
    ASSERT_EQ(entities[0].mentions.size(), 2u);
    EXPECT_EQ(entities[0].mentions[0].offset, body.text().find("National"));
    EXPECT_EQ(entities[0].mentions[1].offset, body.text().find("NSF"));
}

TEST(Resolver, IdenticalNamesMergeCaseInsensitively) {
    Body body("the Harbor Council met. THE HARBOR COUNCIL VOTES, said a sign. The Harbor Council's vote passed.");
    body.tag(EntityType::org, "the Harbor Council")
        .tag(EntityType::org, "THE HARBOR COUNCIL")
        .tag(EntityType::org, "The Harbor Council's");
    const auto entities = body.resolve();
    ASSERT_EQ(entities.size(), 1u);
    EXPECT_EQ(entities[0].canonical, "Harbor Council");
    EXPECT_EQ(entities[0].mentions.size(), 3u);
    EXPECT_TRUE(entities[0].aliases.empty());
}

TEST(Acronyms, FindsDefinitionsInPlainText) {
    const std::string text =
        "Agents of the Department of Homeland Security (DHS) met staff from the National Aeronautics and "
        "Space Administration (NASA). The Department of Transportation (DOT) and the U.S. Department of "
        "Agriculture (USDA) sent letters. Officials said Tuesday. Anti-Defamation League (ADL) members and "
        "the Office of Personnel Management, or OPM, agreed. A second (DHS) mention is ignored.";
    const auto pairs = newsdex::find_acronym_definitions(text);
    const std::vector<std::pair<std::string, std::string>> expected{
        {"Department of Homeland Security", "DHS"}, {"National Aeronautics and Space Administration", "NASA"},
        {"Department of Transportation", "DOT"},    {"U.S. Department of Agriculture", "USDA"},
        {"Anti-Defamation League", "ADL"},          {"Office of Personnel Management", "OPM"},
    };
    EXPECT_EQ(pairs, expected);
}

TEST(Acronyms, RejectsNonDefinitions) {
    EXPECT_TRUE(newsdex::find_acronym_definitions("The Federal Aviation Administration (FBI) said.").empty());
    EXPECT_TRUE(newsdex::find_acronym_definitions("It rose sharply (USA) last year.").empty());
    EXPECT_TRUE(newsdex::find_acronym_definitions("In Boston, Federal Aviation (FAA)").empty());
    EXPECT_TRUE(newsdex::find_acronym_definitions("Notes (see page 4) and (a) (b).").empty());
    EXPECT_TRUE(newsdex::find_acronym_definitions("").empty());
}

TEST(Acronyms, MatchesInitials) {
    EXPECT_TRUE(newsdex::acronym_matches("FAA", "Federal Aviation Administration"));
    EXPECT_TRUE(newsdex::acronym_matches("FAA", "the Federal Aviation Administration"));
    EXPECT_TRUE(newsdex::acronym_matches("DoD", "Department of Defense"));
    EXPECT_TRUE(newsdex::acronym_matches("DOD", "Department of Defense"));
    EXPECT_TRUE(newsdex::acronym_matches("R&D", "Research & Development"));
    EXPECT_TRUE(newsdex::acronym_matches("OPEC", "Organization of the Petroleum Exporting Countries"));
    EXPECT_FALSE(newsdex::acronym_matches("FBI", "Federal Aviation Administration"));
    EXPECT_FALSE(newsdex::acronym_matches("FA", "Federal Aviation Administration"));
    EXPECT_FALSE(newsdex::acronym_matches("FAA", "federal aviation administration"));
    EXPECT_FALSE(newsdex::acronym_matches("FAA", "Federal aviation safety Administration"));
}

// --- places -----------------------------------------------------------------------------------

TEST(Resolver, PlacesGoThroughTheCanonicalizer) {
    Body body("Exports from the U.S. rose. The United States and USA Today disagree; New   York and Oslo.");
    body.tag(EntityType::place, "the U.S.")
        .tag(EntityType::place, "The United States")
        .tag(EntityType::place, "New   York")
        .tag(EntityType::place, "Oslo");
    std::vector<std::string> asked;
    const newsdex::PlaceCanonicalizer places = [&](std::string_view name) -> std::optional<std::string> {
        asked.emplace_back(name);
        if (name == "U.S." || name == "USA" || name == "United States") return "United States";
        return std::nullopt;
    };
    const auto entities = body.resolve(places);
    EXPECT_EQ(canonicals(entities), (std::vector<std::string>{"United States", "New York", "Oslo"}));
    EXPECT_TRUE(has_alias(entities[0], "U.S."));
    EXPECT_EQ(entities[0].mentions.size(), 2u);
    EXPECT_NE(std::find(asked.begin(), asked.end(), "Oslo"), asked.end());

    // Without a canonicalizer: as written, white space normalised.
    const auto plain = body.resolve();
    EXPECT_EQ(canonicals(plain), (std::vector<std::string>{"U.S.", "United States", "New York", "Oslo"}));
}

// --- headers ----------------------------------------------------------------------------------

TEST(Headers, PersonFromHeaderValues) {
    const std::vector<std::pair<std::string, std::optional<std::string>>> cases = {
        {"Theresa Walsh", "Theresa Walsh"},
        {"Theresa Walsh, Deputy Administrator", "Theresa Walsh"},
        {"Walsh, Theresa", "Theresa Walsh"},
        {"Walsh, Theresa M.", "Theresa M. Walsh"},
        {"\"Pat Quinn\" <pquinn@example.org>", "Pat Quinn"},
        {"Pat Quinn <pquinn@example.org>", "Pat Quinn"},
        {"pquinn@example.org (Pat Quinn)", "Pat Quinn"},
        {"DR. ALAN REYES", "Alan Reyes"},
        {"Walsh Jr., Theresa", "Theresa Walsh Jr."},
        {"Walsh, Theresa </O=AGENCY/OU=HQ/CN=RECIPIENTS/CN=TWALSH>", "Theresa Walsh"},
        {"Pat Quinn (Legal) <pquinn@example.org>", "Pat Quinn"},
        {"\"Quinn, Pat (OPS, EAST)\" <pquinn@example.org>", "Pat Quinn"},
        {"Pat Quinn-@RELAY <relay-pquinn@example.org>", "Pat Quinn"},
        {"  Mr. Alan   Reyes ", "Alan Reyes"},
        {"pquinn@example.org", std::nullopt},
        {"<pquinn@example.org>", std::nullopt},
        {"Regional Directors", std::nullopt},
        {"All Staff", std::nullopt},
        {"Deputy Administrator", std::nullopt},
        {"FAA", std::nullopt},
        {"", std::nullopt},
    };
    for (const auto& [value, expected] : cases) EXPECT_EQ(newsdex::header_person(value), expected) << value;
}

TEST(Headers, EntitiesFromMemoAndMailHeaders) {
    Document doc;
    doc.type = "memo";
    doc.from = {"Theresa Walsh, Deputy Administrator"};
    doc.to = {"Regional Directors", "Walsh, Theresa", "ops@example.org"};
    doc.cc = {"\"Pat Quinn\" <pquinn@example.org>; DR. ALAN REYES"};
    const auto entities = newsdex::header_entities(doc);
    ASSERT_EQ(entities.size(), 4u) << entities.size();
    EXPECT_EQ(entities[0].type, EntityType::person);
    EXPECT_EQ(entities[0].canonical, "Theresa Walsh");
    ASSERT_EQ(entities[0].mentions.size(), 2u);
    EXPECT_EQ(entities[0].mentions[0].field, "from");
    EXPECT_EQ(entities[0].mentions[0].offset, 0u);
    EXPECT_EQ(entities[0].mentions[0].length, 13u);
    EXPECT_EQ(entities[0].mentions[1].field, "to");
    EXPECT_EQ(entities[1].type, EntityType::misc);
    EXPECT_EQ(entities[1].canonical, "Regional Directors");
    EXPECT_EQ(entities[2].canonical, "Pat Quinn");
    EXPECT_EQ(entities[2].mentions[0].field, "cc");
    EXPECT_EQ(entities[2].mentions[0].offset, 1u);
    EXPECT_EQ(entities[3].canonical, "Alan Reyes");
}

TEST(Headers, ListsInsideOneValueAreSplit) {
    Document doc;
    doc.to = {"Walsh, Theresa </O=AGENCY/CN=TWALSH>, Quinn, Pat </O=AGENCY/CN=PQUINN>",
              "ops@example.org, Alan Reyes <areyes@example.org>"};
    doc.cc = {"a@example.org, b@example.org"};
    const auto entities = newsdex::header_entities(doc);
    EXPECT_EQ(canonicals(entities), (std::vector<std::string>{"Theresa Walsh", "Pat Quinn", "Alan Reyes"}));
    ASSERT_EQ(entities.size(), 3u);
    EXPECT_EQ(entities[1].mentions[0].offset, doc.to[0].find("Quinn, Pat"));
}

TEST(Resolver, DocumentBodyRefersToHeaderPeople) {
    Document doc;
    doc.type = "memo";
    doc.from = {"Theresa Walsh, Deputy Administrator"};
    doc.subject = "Runway inspections";
    doc.body = "Per Walsh, inspections at Dulles resume Monday.";
    const std::vector<EntityMention> mentions{
        {EntityType::person, "Walsh", doc.body.find("Walsh"), 5, "body"},
        {EntityType::place, "Dulles", doc.body.find("Dulles"), 6, "body"},
    };
    const auto entities = newsdex::resolve_document_entities(doc, mentions);
    ASSERT_EQ(entities.size(), 2u);
    EXPECT_EQ(entities[0].canonical, "Theresa Walsh");
    ASSERT_EQ(entities[0].mentions.size(), 2u);
    EXPECT_EQ(entities[0].mentions[0].field, "from");
    EXPECT_EQ(entities[0].mentions[1].field, "body");
    EXPECT_EQ(entities[1].canonical, "Dulles");
}

TEST(Merge, SameTypeAndNameMergeOthersAppend) {
    std::vector<Entity> into{{EntityType::org, "Harbor Council", {"HC"}, {{0, 14, "body"}}}};
    const std::vector<Entity> more{
        {EntityType::org, "harbor council", {"HC", "the Council"}, {{0, 14, "body"}, {30, 14, "title"}}},
        {EntityType::person, "Harbor Council", {}, {}},
    };
    newsdex::merge_entities(into, more);
    ASSERT_EQ(into.size(), 2u);
    EXPECT_EQ(into[0].aliases, (std::vector<std::string>{"HC", "the Council"}));
    EXPECT_EQ(into[0].mentions.size(), 2u);
    EXPECT_EQ(into[1].type, EntityType::person);
}

}  // namespace
