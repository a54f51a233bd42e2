/** @file
 * @brief Unit tests of the rules around resolution: boilerplate, ordinary words, names cut in two,
 * one type and casing per name, headline fragments, and the countries of a document.
 */
#include <newsdex/entities/entities.hpp>
#include <newsdex/entities/gazetteer.hpp>

#include <algorithm>
#include <map>
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

/// Tagger mentions over a title and a body, located by the n-th occurrence of their text.
class Doc {
public:
    Doc(std::string title, std::string body) : m_title(std::move(title)), m_body(std::move(body)) {}

    Doc& tag(EntityType type, const std::string& surface, int nth = 0, const std::string& field = "body") {
        const std::string& text = field == "title" ? m_title : m_body;
        std::size_t at = text.find(surface);
        for (int i = 0; i < nth && at != std::string::npos; ++i) at = text.find(surface, at + 1);
        EXPECT_NE(at, std::string::npos) << surface;
        m_mentions.push_back(EntityMention{type, surface, at, surface.size(), field});
        return *this;
    }
    Doc& title(EntityType type, const std::string& surface) { return tag(type, surface, 0, "title"); }

    [[nodiscard]] std::vector<Entity> resolve() {
        // Mentions in document order, as the tagger gives them.
        std::stable_sort(m_mentions.begin(), m_mentions.end(), [](const EntityMention& a, const EntityMention& b) {
            return a.field != b.field ? a.field == "title" : a.offset < b.offset;
        });
        return newsdex::resolve_entities(m_mentions, {TextField{"title", m_title}, TextField{"body", m_body}});
    }

private:
    std::string m_title, m_body;
    std::vector<EntityMention> m_mentions;
};

/// "type:name" of every entity.
std::vector<std::string> names(const std::vector<Entity>& entities) {
    std::vector<std::string> out;
    for (const auto& e : entities) out.push_back(std::string(newsdex::entity_type_name(e.type)) + ":" + e.canonical);
    return out;
}

bool has(const std::vector<Entity>& entities, const std::string& name) {
    const auto n = names(entities);
    return std::find(n.begin(), n.end(), name) != n.end();
}

// --- boilerplate -------------------------------------------------------------------------------

TEST(Boilerplate, SignOffLineIsNoEntity) {
    Doc d("", "Acme Widgets said its profits rose sharply.\n Acme\n");
    d.tag(EntityType::org, "Acme Widgets").tag(EntityType::person, "Acme", 1);
    const auto e = d.resolve();
    EXPECT_TRUE(has(e, "org:Acme Widgets"));
    EXPECT_FALSE(has(e, "person:Acme"));
}

TEST(Boilerplate, CreditLineNamingTheSourceOrAuthorGivesNoNames) {
    const std::string body = "Quill Corp said sales rose.\n\nReporting by Dana Lee for Vorn Wire.";
    std::vector<EntityMention> m{{EntityType::org, "Quill Corp", 0, 10, "body"},
                                 {EntityType::person, "Dana Lee", body.find("Dana"), 8, "body"},
                                 {EntityType::org, "Vorn Wire", body.find("Vorn"), 9, "body"}};
    const auto e = newsdex::resolve_entities(m, {TextField{"body", body}, TextField{"source", "Vorn Wire"}});
    EXPECT_EQ(names(e), std::vector<std::string>{"org:Quill Corp"});
    const auto kept = newsdex::resolve_entities(m, {TextField{"body", body}});  // no byline known
    EXPECT_EQ(kept.size(), 3u);
}

TEST(Boilerplate, SignOffInCapitalsMayTrailDots) {
    Doc d("", "Acme Widgets said its profits rose.\n ACME...");
    d.tag(EntityType::org, "ACME");
    EXPECT_TRUE(d.resolve().empty());
}

TEST(Boilerplate, OneWordSentenceAtTheEndStays) {
    Doc d("", "The winner of the race was a horse named Thunder.\nThunder.");
    d.tag(EntityType::person, "Thunder", 1);
    EXPECT_TRUE(has(d.resolve(), "person:Thunder"));
}

TEST(Boilerplate, TableLinesGiveNoPeopleButKeepPlaces) {
    const std::string body =
        "Widget maker Foo Corp reported results for the quarter on Monday in a statement.\n"
        "    Qtr shr 12 cts vs 15 cts\n"
        "    Opex 4.5 mln vs 3.2 mln\n"
        "    Ohio 120 vs 98\n"
        "    Note: figures restated.\n";
    Doc d("", body);
    d.tag(EntityType::org, "Foo Corp").tag(EntityType::person, "Qtr").tag(EntityType::org, "Opex");
    d.tag(EntityType::place, "Ohio");
    const auto e = d.resolve();
    EXPECT_TRUE(has(e, "org:Foo Corp"));
    EXPECT_FALSE(has(e, "person:Qtr"));
    EXPECT_FALSE(has(e, "org:Opex"));
    EXPECT_TRUE(has(e, "place:Ohio"));
}

TEST(Boilerplate, ReportLinesWithTwoNumbersInNineWordsAreATable) {
    const std::string body =
        "Oper shr loss 16 cts vs loss 44 cts\n"
        "    Oper net loss 221.8 mln vs loss 53.7 mln\n"
        "    Revs 9,920,000 vs 21.2 mln\n";
    Doc d("", body);
    d.tag(EntityType::person, "Oper").tag(EntityType::person, "Oper", 1);
    EXPECT_TRUE(d.resolve().empty());
}

TEST(Boilerplate, ShortLineOfRunningTextIsNoTable) {
    Doc d("", "The mayor, Tom Quill, spoke for 20 minutes\nand Quill then left.");
    d.tag(EntityType::person, "Tom Quill");
    EXPECT_TRUE(has(d.resolve(), "person:Tom Quill"));
}

// --- ordinary words ----------------------------------------------------------------------------

TEST(OrdinaryWords, OneWordWrittenInLowerCaseElsewhereIsNoName) {
    Doc d("", "Commission officials met. The commission said the bank would split. Split shares rose.");
    d.tag(EntityType::org, "Commission").tag(EntityType::place, "Split");
    const auto e = d.resolve();
    EXPECT_TRUE(e.empty()) << ::testing::PrintToString(names(e));
}

TEST(OrdinaryWords, NamesNeverWrittenInLowerCaseStay) {
    Doc d("", "Zorbex said the bank would expand. Zorbex shares rose.");
    d.tag(EntityType::org, "Zorbex").tag(EntityType::org, "Zorbex", 1);
    EXPECT_TRUE(has(d.resolve(), "org:Zorbex"));
}

TEST(OrdinaryWords, InsideALongerNameTheWordStays) {
    Doc d("", "The Commission on Trade met. The commission said so.");
    d.tag(EntityType::org, "Commission on Trade");
    EXPECT_TRUE(has(d.resolve(), "org:Commission on Trade"));
}

TEST(OrdinaryWords, AcronymsInMixedCaseTextStay) {
    Doc d("", "US officials and WHO experts told us who would go.");
    d.tag(EntityType::place, "US").tag(EntityType::org, "WHO");
    const auto e = d.resolve();
    EXPECT_TRUE(has(e, "place:US"));
    EXPECT_TRUE(has(e, "org:WHO"));
}

TEST(OrdinaryWords, HeadlineCapitalsOfAnOrdinaryWordGo) {
    Doc d("PRICES SAID TO RISE", "Prices will rise, dealers said.");
    d.title(EntityType::person, "SAID");
    EXPECT_TRUE(d.resolve().empty());
}

TEST(OrdinaryWords, HeadlinePhraseTheBodyWritesSmallGoes) {
    // The body writes the headline's words as a phrase with a small last word: no name.
    Doc d("KORVAN CO 4TH QTR OPER NET", "Korvan said.\n    Oper net profit 415,000 vs 73,000");
    d.title(EntityType::person, "OPER NET").title(EntityType::org, "KORVAN CO");
    EXPECT_EQ(names(d.resolve()), std::vector<std::string>{"org:Korvan CO"});
    // A name keeps its last capital in the body: it stays.
    Doc n("FEDERAL RESERVE ACTS", "The Federal Reserve acted; reserve levels rose.");
    n.title(EntityType::org, "FEDERAL RESERVE").tag(EntityType::org, "Federal Reserve");
    EXPECT_EQ(names(n.resolve()), std::vector<std::string>{"org:Federal Reserve"});
}

TEST(OrdinaryWords, SurnameOfALongerPersonNameStays) {
    Doc d("", "Arthur Little spoke. Little said little had changed.");
    d.tag(EntityType::person, "Arthur Little").tag(EntityType::person, "Little", 1);
    const auto e = d.resolve();
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].canonical, "Arthur Little");
    EXPECT_EQ(e[0].mentions.size(), 2u);
}

TEST(OrdinaryWords, OneLetterIsNoName) {
    Doc d("ZORBEX <Z> TO REDEEM NOTES", "Zorbex will redeem.");
    d.title(EntityType::misc, "Z").tag(EntityType::org, "Zorbex");
    EXPECT_EQ(names(d.resolve()), std::vector<std::string>{"org:Zorbex"});
}

// --- person evidence -----------------------------------------------------------------------------

TEST(PersonEvidence, TitleBeforeAnOrganisationMentionMakesItAPerson) {
    Doc d("", "Finance Minister Barend du Plessis said the budget was tight.");
    d.tag(EntityType::org, "Barend du Plessis");
    EXPECT_EQ(names(d.resolve()), std::vector<std::string>{"person:Barend du Plessis"});
}

TEST(PersonEvidence, TitleStartingTheSpanMakesItAPerson) {
    Doc d("", "Markets rose after President Zorbin spoke.");
    d.tag(EntityType::org, "President Zorbin");
    EXPECT_EQ(names(d.resolve()), std::vector<std::string>{"person:Zorbin"});
}

TEST(PersonEvidence, SurnameOfAPersonNameIsThatPerson) {
    Doc d("", "Barend du Plessis spoke. Analysts expect Du Plessis to raise taxes.");
    d.tag(EntityType::person, "Barend du Plessis").tag(EntityType::org, "Du Plessis");
    const auto e = d.resolve();
    ASSERT_EQ(names(e), std::vector<std::string>{"person:Barend du Plessis"});
    EXPECT_EQ(e[0].mentions.size(), 2u);
}

TEST(PersonEvidence, LowerCaseRoleBeforeAnOrganisationIsNoTitle) {
    // `committee chairman Citibank`: a role word describing the bank, not a title of a name.
    Doc d("", "It said so in a telex from committee chairman Citibank to banks.");
    d.tag(EntityType::org, "Citibank");
    EXPECT_EQ(names(d.resolve()), std::vector<std::string>{"org:Citibank"});
}

TEST(PersonEvidence, CapitalsSayNothingInAnAllCapitalsLine) {
    Doc d("KUWAIT MINISTER ZORBEX LUND SAYS NO TALKS SET", "");
    d.title(EntityType::org, "ZORBEX LUND");
    EXPECT_EQ(names(d.resolve()), std::vector<std::string>{"org:Zorbex Lund"});
}

TEST(PersonEvidence, AcronymIsNoTitle) {
    Doc d("", "It offers packages including MS Net Ware, a network product.");
    d.tag(EntityType::org, "Net Ware");
    EXPECT_EQ(names(d.resolve()), std::vector<std::string>{"org:Net Ware"});
}

TEST(PersonEvidence, WordTheDocumentWritesSmallIsNoName) {
    Doc d("", "Chairman Silver Lake spoke as silver prices fell.");
    d.tag(EntityType::org, "Silver Lake");
    EXPECT_EQ(names(d.resolve()), std::vector<std::string>{"org:Silver Lake"});
}

TEST(PersonEvidence, NoSurnameFromANameThatIsNoPersonName) {
    // `Mark IV` (a tagger slip for a company) ends in an acronym: `IV` stays what it was tagged.
    Doc d("", "Mark IV Industries <IV> bid. IV said it would.");
    d.tag(EntityType::person, "Mark IV").tag(EntityType::org, "IV", 2);
    EXPECT_TRUE(has(d.resolve(), "org:IV"));
}

// --- whole names ---------------------------------------------------------------------------------

TEST(WholeNames, AmpersandJoinsTwoSpans) {
    Doc d("", "Analysts at Quill & Barrow's Corp cut the rating.");
    d.tag(EntityType::place, "Quill").tag(EntityType::org, "Barrow's Corp");
    const auto e = d.resolve();
    ASSERT_EQ(e.size(), 1u) << ::testing::PrintToString(names(e));
    EXPECT_EQ(names(e)[0], "org:Quill & Barrow's Corp");
}

TEST(WholeNames, AmpersandTakesAnUntaggedWord) {
    Doc d("", "Shares of Hobbs & Vane fell.");
    d.tag(EntityType::org, "Vane");
    EXPECT_EQ(names(d.resolve()), std::vector<std::string>{"org:Hobbs & Vane"});
}

TEST(WholeNames, PossessiveBeforeACapitalisedWordIsNoCut) {
    Doc d("", "Rating agency Mallory's Investors Service Inc said.");
    d.tag(EntityType::person, "Mallory").tag(EntityType::org, "Investors Service Inc");
    EXPECT_EQ(names(d.resolve()), std::vector<std::string>{"org:Mallory's Investors Service Inc"});
}

TEST(WholeNames, OfOnAndJoinAChain) {
    Doc d("", "The General Accord on Levies and Trade met in Geneva.");
    d.tag(EntityType::misc, "General Accord").tag(EntityType::org, "Levies").tag(EntityType::org, "Trade");
    EXPECT_EQ(names(d.resolve())[0], "org:General Accord on Levies and Trade");
}

TEST(WholeNames, AndBeforeAnOrganisationTakesAWordNeverWrittenSmall) {
    Doc d("", "Bayle and Tusk's Corp said analysts and Vorn Corp agreed.");
    d.tag(EntityType::org, "Tusk's Corp").tag(EntityType::org, "Vorn Corp");
    EXPECT_EQ(names(d.resolve()), (std::vector<std::string>{"org:Bayle and Tusk's Corp", "org:Vorn Corp"}));
}

TEST(WholeNames, NoNameRunsOverASentenceEndAtALineBreak) {
    Doc d("", "Its unit Quorn Finance Corp.\n    Raised were the ratings.");
    d.tag(EntityType::org, "Quorn Finance Corp.\n    Raised");
    EXPECT_EQ(names(d.resolve()), std::vector<std::string>{"org:Quorn Finance Corp."});
}

TEST(WholeNames, AWrappedLineIsNoSentenceEnd) {
    Doc d("", "The Vorn Farm Corp.\nAgriculture unit said.");
    d.tag(EntityType::org, "Vorn Farm Corp.\nAgriculture");
    EXPECT_EQ(names(d.resolve()), std::vector<std::string>{"org:Vorn Farm Corp. Agriculture"});
}

TEST(WholeNames, TwoWordsTypedApartBeforeAPossessiveJoinAtAnd) {
    Doc d("", "It is rated AAA by Quill and Barrow's and by Canada and Mexico's agencies.");
    d.tag(EntityType::org, "Quill").tag(EntityType::person, "Barrow").tag(EntityType::place, "Canada");
    d.tag(EntityType::place, "Mexico");
    EXPECT_EQ(names(d.resolve()), (std::vector<std::string>{"org:Quill and Barrow", "place:Canada", "place:Mexico"}));
}

TEST(WholeNames, OrganisationFormTakesTheCapitalisedWordsBeforeIt) {
    Doc d("<PAGE ROCK LTD> YEAR LOSS", "Loss widened.");
    d.title(EntityType::org, "LTD");
    EXPECT_EQ(names(d.resolve()), std::vector<std::string>{"org:PAGE ROCK LTD"});
    Doc e("OWLS AND MICE INC RAISES PAYOUT", "Payout raised.");
    e.title(EntityType::org, "INC");
    EXPECT_EQ(names(e.resolve()), std::vector<std::string>{"org:MICE INC"});
    Doc f("", "Quorn Equity (Pacific) Ltd said.");
    f.tag(EntityType::org, "Ltd");
    EXPECT_EQ(names(f.resolve()), std::vector<std::string>{"org:Quorn Equity (Pacific) Ltd"});
}

TEST(WholeNames, OneWordOrganisationIsTheShortFormOfTheOnlyLongerOne) {
    Doc d("",
          "Mallory's said that Mallory's Investors Service Inc cut Navar. Navar Credit Corp and Navar Finance Corp.");
    d.tag(EntityType::org, "Mallory's").tag(EntityType::org, "Mallory's Investors Service Inc");
    d.tag(EntityType::org, "Navar")
        .tag(EntityType::org, "Navar Credit Corp")
        .tag(EntityType::org, "Navar Finance Corp");
    const auto e = d.resolve();
    EXPECT_EQ(names(e),
              (std::vector<std::string>{"org:Mallory's Investors Service Inc", "org:Navar", "org:Navar Credit Corp",
                                        "org:Navar Finance Corp"}));
    EXPECT_EQ(e[0].mentions.size(), 2u);
    Doc f("", "Quill and Barrow's Corp said. Quill and Barrow's agreed.");
    f.tag(EntityType::org, "Quill and Barrow's Corp").tag(EntityType::org, "Quill and Barrow's");
    EXPECT_EQ(names(f.resolve()), std::vector<std::string>{"org:Quill and Barrow's Corp"});
}

TEST(WholeNames, TwoPlacesOrPeopleStayApart) {
    Doc d("", "Talks between Canada and Mexico, said Jim Rook of Chicago, and Britain's Labour Party.");
    d.tag(EntityType::place, "Canada").tag(EntityType::place, "Mexico").tag(EntityType::person, "Jim Rook");
    d.tag(EntityType::place, "Chicago").tag(EntityType::place, "Britain").tag(EntityType::org, "Labour Party");
    const auto e = d.resolve();
    EXPECT_EQ(e.size(), 6u) << ::testing::PrintToString(names(e));
}

TEST(WholeNames, OrganisationFormAfterANameJoinsIt) {
    Doc d("", "Shares of BLUE RIVER INC rose.");
    d.tag(EntityType::org, "BLUE RIVER").tag(EntityType::org, "INC");
    EXPECT_EQ(names(d.resolve()), std::vector<std::string>{"org:BLUE RIVER INC"});
}

// --- one name, one type, one casing --------------------------------------------------------------

TEST(OneName, MixedCaseBeatsHeadlineCapitals) {
    Doc d("ZELLWEGER VISITS TOKYO", "Emil Zellweger arrived. Zellweger said.");
    d.title(EntityType::person, "ZELLWEGER").tag(EntityType::person, "Emil Zellweger");
    d.tag(EntityType::person, "Zellweger", 1);
    const auto e = d.resolve();
    ASSERT_EQ(e.size(), 1u) << ::testing::PrintToString(names(e));
    EXPECT_EQ(e[0].canonical, "Emil Zellweger");
    EXPECT_EQ(e[0].mentions.size(), 3u);
}

TEST(OneName, CapitalsOnlyBecomeTitleCaseExceptShortWords) {
    Doc acme("ACME RIVER INC RAISES DIVIDEND", "No name here.");
    acme.title(EntityType::org, "ACME RIVER INC");
    EXPECT_EQ(acme.resolve()[0].canonical, "Acme River Inc");
    EXPECT_EQ(newsdex::resolve_entities({EntityMention{EntityType::misc, "BRAZILIAN", 0, 9, "title"}},
                                        {TextField{"title", "BRAZILIAN OUTPUT"}})[0]
                  .canonical,
              "Brazilian");
    Doc d("IBM AND ZORBEX MERGE", "No body.");
    d.title(EntityType::org, "IBM");
    EXPECT_EQ(d.resolve()[0].canonical, "IBM");
}

TEST(OneName, MajorityTypeBodyOverHeadline) {
    Doc d("VELDANA SHARES UP", "Veldana rose. Veldana gained. Later Veldana fell.");
    d.title(EntityType::person, "VELDANA");
    d.tag(EntityType::org, "Veldana").tag(EntityType::org, "Veldana", 1).tag(EntityType::person, "Veldana", 2);
    const auto e = d.resolve();
    ASSERT_EQ(e.size(), 1u) << ::testing::PrintToString(names(e));
    EXPECT_EQ(names(e)[0], "org:Veldana");
    EXPECT_EQ(e[0].mentions.size(), 4u);
}

TEST(OneName, HeadlineSpanRunningIntoWordsJoinsTheBodyName) {
    Doc d("KORVAX INDUSTRIES 2ND QTR LOSS", "Korvax Industries said its loss widened.");
    d.title(EntityType::org, "KORVAX INDUSTRIES 2ND QTR").tag(EntityType::org, "Korvax Industries");
    const auto e = d.resolve();
    ASSERT_EQ(e.size(), 1u) << ::testing::PrintToString(names(e));
    EXPECT_EQ(e[0].canonical, "Korvax Industries");
    EXPECT_EQ(e[0].mentions.size(), 2u);
    EXPECT_TRUE(e[0].aliases.empty());
}

TEST(OneName, HeadlineFragmentJoinsTheOneBodyNameItEnds) {
    Doc d("OWLS AND MICE INC RAISES PAYOUT", "Owls and Mice Inc raised its payout. It sells to Japan.");
    d.title(EntityType::org, "INC").tag(EntityType::org, "Owls and Mice Inc").tag(EntityType::place, "Japan");
    const auto e = d.resolve();
    EXPECT_EQ(names(e), (std::vector<std::string>{"org:Owls and Mice Inc", "place:Japan"}));
}

TEST(OneName, AnInitialStandsForTheFirstName) {
    Doc d("", "Elaine Ferro wrote the memo. Capt. E. Ferro signed it; Ms. Ferro left.");
    d.tag(EntityType::person, "Elaine Ferro").tag(EntityType::person, "E. Ferro").tag(EntityType::person, "Ferro", 2);
    const auto e = d.resolve();
    ASSERT_EQ(e.size(), 1u) << ::testing::PrintToString(names(e));
    EXPECT_EQ(e[0].canonical, "Elaine Ferro");
    EXPECT_EQ(e[0].mentions.size(), 3u);
}

// --- countries ---------------------------------------------------------------------------------

TEST(Countries, PlacesAndDatelineRollUp) {
    const std::map<std::string, std::string> known{
        {"Tokyo", "Japan"},         {"Ohio", "United States"},     {"PORTLAND", "United States"},
        {"Maine", "United States"}, {"Britain", "United Kingdom"}, {"LONDON", "United Kingdom"}};
    const newsdex::CountryOf country_of = [&](std::string_view p) -> std::optional<std::string> {
        const auto it = known.find(std::string(p));
        if (it == known.end()) return std::nullopt;
        return it->second;
    };
    Document doc;
    doc.entities.push_back({EntityType::place, "Tokyo", {}, {}});
    doc.entities.push_back({EntityType::place, "Nowhere Land", {"Ohio"}, {}});
    doc.entities.push_back({EntityType::person, "Britain", {}, {}});  // not a place
    doc.meta["dateline"] = "LONDON, March 3 -";
    EXPECT_EQ(newsdex::document_countries(doc, country_of),
              (std::vector<std::string>{"Japan", "United Kingdom", "United States"}));
    Document only_dateline;
    only_dateline.meta["dateline"] = "PORTLAND, Maine, March 3 -";
    EXPECT_EQ(newsdex::document_countries(only_dateline, country_of), std::vector<std::string>{"United States"});
    // With the real gazetteer: `N.C.` after a known city is its state, not New Caledonia's initials.
    const auto g = newsdex::Gazetteer::system();
    const newsdex::CountryOf gazetteer = [&](std::string_view p) { return g->country_of(p); };
    const newsdex::DatelineCountryOf dateline = [&](std::string_view c, std::string_view r) {
        return g->dateline_country(c, r);
    };
    Document carolina;
    carolina.meta["dateline"] = "CHARLOTTE, N.C., March 3 -";
    EXPECT_EQ(newsdex::document_countries(carolina, gazetteer, dateline), std::vector<std::string>{"United States"});
    carolina.meta["dateline"] = "LONDON, Ontario, March 3 -";  // a region written out still decides
    EXPECT_EQ(newsdex::document_countries(carolina, gazetteer, dateline), std::vector<std::string>{"Canada"});
    carolina.meta["dateline"] = "CAMBRIDGE, Mass., March 3 -";  // not England's Cambridge
    EXPECT_EQ(newsdex::document_countries(carolina, gazetteer, dateline), std::vector<std::string>{"United States"});
    carolina.meta["dateline"] = "NEW YORK -";
    EXPECT_EQ(newsdex::document_countries(carolina, gazetteer, dateline), std::vector<std::string>{"United States"});
}

TEST(Countries, ProvincesOfSmallCountriesNeedACity) {
    const auto g = newsdex::Gazetteer::system();
    const auto country = [&](std::string_view p) { return g->mention_country(p).value_or("-"); };
    // `Gulf` is Papua New Guinea's first choice, a province, but in news the Persian or the U.S. Gulf.
    EXPECT_EQ(g->country_of("Gulf").value_or("-"), "Papua New Guinea");
    EXPECT_EQ(country("Gulf"), "-");
    // A province of El Salvador, and a larger city of California: the city.
    EXPECT_EQ(country("Santa Ana"), "United States");
    // Provinces of large countries and capitals of small ones keep their country.
    EXPECT_EQ(country("Ohio"), "United States");
    EXPECT_EQ(country("Sabah"), "Malaysia");
    EXPECT_EQ(country("Ljubljana"), "Slovenia");
    EXPECT_EQ(country("Tokyo"), "Japan");
}

TEST(Countries, DatelineCityAndRegion) {
    const auto g = newsdex::Gazetteer::system();
    const auto country = [&](std::string_view c, std::string_view r) {
        return g->dateline_country(c, r).value_or("-");
    };
    // The region picks among the places of the city's name, by name or abbreviation.
    EXPECT_EQ(country("CAMBRIDGE", ""), "United Kingdom");
    EXPECT_EQ(country("CAMBRIDGE", "Mass."), "United States");
    EXPECT_EQ(country("SANTA CLARA", "Calif."), "United States");  // not Cuba's, the most populous
    EXPECT_EQ(country("MORGANTOWN", "W. Va."), "United States");
    EXPECT_EQ(country("SYDNEY", "N.S.W."), "Australia");
    EXPECT_EQ(country("TORONTO", "Ont."), "Canada");
    EXPECT_EQ(country("ATLANTA", "Georgia"), "United States");  // the state, not the country
    EXPECT_EQ(country("LONDON", "Ontario"), "Canada");
    EXPECT_EQ(country("WASHINGTON", ""), "United States");  // the state's name, before England's town
    EXPECT_EQ(country("WASHINGTON", "D.C."), "United States");
    // A city the gazetteer does not know: the region alone, when it names a province or its
    // abbreviation fits provinces of one country only.
    EXPECT_EQ(country("BAR HARBOUR ISLAND", "Florida"), "United States");
    EXPECT_EQ(country("BALA CYNWYD", "Pa."), "-");  // Pennsylvania, or a province of India
    EXPECT_EQ(country("BRUNSWICK", "West Germany"), "Germany");
    // `St.` abbreviates the first word of `Saint Louis`; a city beats a province of its name.
    EXPECT_EQ(country("ST. LOUIS", ""), "United States");
    EXPECT_EQ(country("SINGAPORE", ""), "Singapore");
    // Without its qualifier (`Frankfurt am Main`), German umlauts in two letters (`Düsseldorf`).
    EXPECT_EQ(country("FRANKFURT", ""), "Germany");
    EXPECT_EQ(country("DUESSELDORF", ""), "Germany");
    EXPECT_EQ(country("Nowhere Town", "Xq."), "-");
    // An initial is no abbreviation of a one-word province.
    EXPECT_EQ(country("Nowhere Town", "C."), "-");
}

TEST(Countries, GazetteerRollsPlacesUpToTheirCountry) {
    const auto g = newsdex::Gazetteer::system();
    EXPECT_EQ(g->country_of("Tokyo").value_or(""), "Japan");
    EXPECT_EQ(g->country_of("Ohio").value_or(""), "United States");
    EXPECT_EQ(g->country_of("Dayton").value_or(""), "United States");
    EXPECT_EQ(g->country_of("U.K.").value_or(""), "United Kingdom");
    EXPECT_EQ(g->country_of("Britain").value_or(""), "United Kingdom");
    EXPECT_EQ(g->country_of("Great Britain").value_or(""), "United Kingdom");
    EXPECT_EQ(g->country_of("America").value_or(""), "United States");
    EXPECT_EQ(g->country_of("Paris").value_or(""), "France");  // the most populous Paris
    EXPECT_FALSE(g->country_of("Africa").has_value());         // not South Africa
    EXPECT_FALSE(g->country_of("Euro").has_value());           // a currency
    EXPECT_EQ(g->country_of("the Netherlands").value_or(""), "Netherlands");
    EXPECT_FALSE(g->country_of("the Gulf").has_value());  // no Gulf Province
    EXPECT_EQ(g->country_name("JP"), "Japan");
}

TEST(Countries, PartsAndFormerCountriesRollUpToTheirCountry) {
    const auto g = newsdex::Gazetteer::system();
    EXPECT_EQ(g->country_of("West Germany").value_or(""), "Germany");
    EXPECT_EQ(g->country_of("East Germany").value_or(""), "Germany");
    EXPECT_EQ(g->country_of("Southern California").value_or(""), "United States");
    EXPECT_EQ(g->country_of("South Africa").value_or(""), "South Africa") << "a country of its own comes first";
    EXPECT_FALSE(g->country_of("South America").has_value()) << "`America` is no everyday country name";
    EXPECT_FALSE(g->country_of("West Bank").has_value());
    EXPECT_FALSE(g->country_of("the West Germany").has_value()) << "`the X` is a country or nothing";
    // ISO 3166-3: a former country with one successor lies in it, as its own place
    EXPECT_EQ(g->country_of("Burma").value_or(""), g->country_name("MM"));
    EXPECT_EQ(g->country_of("Upper Volta").value_or(""), g->country_name("BF"));
    EXPECT_EQ(g->country_of("Zaire").value_or(""), g->country_name("CD")) << "not Angola's province";
    EXPECT_EQ(g->country_of("German Democratic Republic").value_or(""), "Germany");
    EXPECT_NE(g->lookup("Burma")->kind, newsdex::GazetteerKind::country);
    EXPECT_FALSE(g->country_of("USSR").has_value()) << "no one successor";
    EXPECT_FALSE(g->country_of("West").has_value()) << "Cameroon's region: a direction when alone";
}

}  // namespace
