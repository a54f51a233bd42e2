/** @file
 * @brief EntityExtractor on texts written here: CoNLL-style tokens and sentences, coreference of
 *        surnames, acronym aliases, one place for U.S./United States, memo header people, dates.
 */
#include <newsdex/entities/entity_extractor.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace newsdex {
namespace {

std::vector<std::string> words(std::string_view text) {
    ConllText t;
    tokenize_conll(text, t);
    std::vector<std::string> out;
    for (const auto& tok : t.tokens) out.emplace_back(tok.word);
    return out;
}

/// Sentences as space-joined words.
std::vector<std::string> sentences(std::string_view text) {
    ConllText t;
    tokenize_conll(text, t);
    std::vector<std::string> out;
    std::size_t i = 0;
    for (const std::size_t end : t.sentence_ends) {
        std::string s;
        for (; i < end; ++i) s.append(s.empty() ? "" : " ").append(t.tokens[i].word);
        out.push_back(s);
    }
    return out;
}

using Words = std::vector<std::string>;

TEST(ConllTokenizer, SplitsPunctuationPossessivesAndContractions) {
    EXPECT_EQ(words("The U.S. Army, said (Reuters) it's Smith's car."),
              (Words{"The", "U.S.", "Army", ",", "said", "(", "Reuters", ")", "it", "'s", "Smith", "'s", "car", "."}));
    EXPECT_EQ(words("Mr. Walsh didn't say; Feb. 2 was \"fine.\""),
              (Words{"Mr.", "Walsh", "did", "n't", "say", ";", "Feb.", "2", "was", "\"", "fine", ".", "\""}));
    // Typographic punctuation reaches the tagger in CoNLL's ASCII spelling; em dashes split words.
    EXPECT_EQ(words("DAYTON, Ohio\xE2\x80\x94the FAA\xE2\x80\x99s \xE2\x80\x9Creview\xE2\x80\x9D"),
              (Words{"DAYTON", ",", "Ohio", "--", "the", "FAA", "'s", "\"", "review", "\""}));
    EXPECT_EQ(
        words("Corliss Chemical Co. and Brightwell Systems Inc. in Lanesford, Pa."),
        (Words{"Corliss", "Chemical", "Co.", "and", "Brightwell", "Systems", "Inc.", "in", "Lanesford", ",", "Pa."}));
}

TEST(ConllTokenizer, OffsetsPointIntoTheText) {
    const std::string text = "Walsh\xE2\x80\x99s memo (FAA).";
    ConllText t;
    tokenize_conll(text, t);
    ASSERT_EQ(t.tokens.size(), 7u);
    for (const auto& tok : t.tokens) EXPECT_LE(tok.offset + tok.length, text.size());
    EXPECT_EQ(text.substr(t.tokens[1].offset, t.tokens[1].length), "\xE2\x80\x99s");
    EXPECT_EQ(text.substr(t.tokens[4].offset, t.tokens[4].length), "FAA");
}

TEST(ConllTokenizer, SentenceBoundaries) {
    EXPECT_EQ(sentences("Mr. Walsh met Dr. Bell on Feb. 2 in the U.S. Army base. They talked! \"Why?\" he asked.\n\n"
                        "new paragraph without a capital\nstill the same sentence"),
              (Words{"Mr. Walsh met Dr. Bell on Feb. 2 in the U.S. Army base .", "They talked !",
                     "\" Why ? \" he asked .", "new paragraph without a capital still the same sentence"}));
    EXPECT_EQ(sentences("It fell 3.5 percent. shares rose"), (Words{"It fell 3.5 percent . shares rose"}));
    EXPECT_TRUE(sentences("  \n\n ").empty());
}

class Extractor : public testing::Test {
protected:
    static const EntityExtractor& extractor() {
        static const EntityExtractor x = EntityExtractor::load();
        return x;
    }

    static const Entity* find(const Document& doc, EntityType type, std::string_view canonical) {
        for (const auto& e : doc.entities)
            if (e.type == type && e.canonical == canonical) return &e;
        return nullptr;
    }

    static std::size_t count_named(const Document& doc, std::string_view word) {
        return static_cast<std::size_t>(std::count_if(doc.entities.begin(), doc.entities.end(), [&](const Entity& e) {
            return e.canonical.find(word) != std::string::npos;
        }));
    }

    static bool has_alias(const Entity& e, std::string_view alias) {
        return std::find(e.aliases.begin(), e.aliases.end(), alias) != e.aliases.end();
    }
};

TEST_F(Extractor, SurnameIsTheSamePersonAndAcronymTheSameOrganisation) {
    Document doc;
    doc.title = "Walsh orders review of runway safety";
    doc.date = Date{2017, 2, 14};
    doc.body =
        "WASHINGTON - Deputy Administrator Theresa Walsh of the Federal Aviation Administration (FAA) "
        "ordered a review of runway safety on Tuesday. Walsh said the FAA would report to Congress "
        "next month. The review follows an incident at Dayton International Airport in Ohio last week.";
    extractor().annotate(doc);

    const Entity* walsh = find(doc, EntityType::person, "Theresa Walsh");
    ASSERT_NE(walsh, nullptr);
    EXPECT_EQ(count_named(doc, "Walsh"), 1u) << "Walsh is one entity";
    EXPECT_GE(walsh->mentions.size(), 3u);  // title, body full name, body surname
    EXPECT_TRUE(std::any_of(walsh->mentions.begin(), walsh->mentions.end(),
                            [](const Entity::Mention& m) { return m.field == "title"; }));
    for (const auto& m : walsh->mentions) {
        const std::string& text = m.field == "title" ? doc.title : doc.body;
        ASSERT_LE(m.offset + m.length, text.size());
        EXPECT_NE(text.substr(m.offset, m.length).find("Walsh"), std::string::npos);
    }

    const Entity* faa = find(doc, EntityType::org, "Federal Aviation Administration");
    ASSERT_NE(faa, nullptr);
    EXPECT_TRUE(has_alias(*faa, "FAA"));
    EXPECT_EQ(count_named(doc, "FAA"), 0u) << "no separate FAA entity";

    // Relative dates resolved against the document's date (Tuesday 2017-02-14).
    auto resolved = [&](std::string_view text) -> std::string {
        for (const auto& m : doc.date_mentions)
            if (m.text == text) return m.date.iso();
        return "";
    };
    EXPECT_EQ(resolved("Tuesday"), "2017-02-14");
    EXPECT_EQ(resolved("next month"), "2017-03");
    EXPECT_EQ(resolved("last week"), "2017-02-07");
}

TEST_F(Extractor, AcronymDefinedWithOr) {
    Document doc;
    doc.body = "The Federal Trade Commission, or FTC, opened an inquiry. An FTC spokeswoman declined to comment.";
    extractor().annotate(doc);
    const Entity* ftc = find(doc, EntityType::org, "Federal Trade Commission");
    ASSERT_NE(ftc, nullptr);
    EXPECT_TRUE(has_alias(*ftc, "FTC"));
    EXPECT_EQ(ftc->mentions.size(), 3u);
}

TEST_F(Extractor, UsAndUnitedStatesAreOnePlace) {
    Document doc;
    doc.body =
        "Exports from the United States rose in March. U.S. officials in Washington welcomed the figures, "
        "and analysts in Mexico City said U.S. demand would stay strong.";
    extractor().annotate(doc);
    const Entity* us = find(doc, EntityType::place, "United States");
    ASSERT_NE(us, nullptr);
    EXPECT_TRUE(has_alias(*us, "U.S.")) << "U.S. is an alias of United States";
    EXPECT_GE(us->mentions.size(), 3u);
    EXPECT_EQ(count_named(doc, "U.S."), 0u);
}

TEST_F(Extractor, MemoHeadersArePeople) {
    Document doc;
    doc.type = "memo";
    doc.title = doc.subject = "Tower staffing";
    doc.date = Date{2017, 2, 20};
    doc.from = {"Marcus Bell, Regional Director"};
    doc.to = {"Theresa Walsh"};
    doc.cc = {"Regional Directors"};
    doc.body = "Theresa, as discussed on Friday, staffing at Dayton remains thin. Bell will follow up.";
    extractor().annotate(doc);
    const Entity* bell = find(doc, EntityType::person, "Marcus Bell");
    ASSERT_NE(bell, nullptr);
    EXPECT_TRUE(std::any_of(bell->mentions.begin(), bell->mentions.end(),
                            [](const Entity::Mention& m) { return m.field == "from"; }));
    const Entity* walsh = find(doc, EntityType::person, "Theresa Walsh");
    ASSERT_NE(walsh, nullptr);
    EXPECT_EQ(walsh->mentions.front().field, "to");
    EXPECT_EQ(find(doc, EntityType::person, "Regional Directors"), nullptr);
    ASSERT_FALSE(doc.date_mentions.empty());
    EXPECT_EQ(doc.date_mentions.front().text, "Friday");
    EXPECT_EQ(doc.date_mentions.front().date.iso(), "2017-02-17");
}

TEST_F(Extractor, EmptyDocumentAndMerging) {
    Document empty;
    extractor().annotate(empty);
    EXPECT_TRUE(empty.entities.empty());
    EXPECT_TRUE(empty.date_mentions.empty());

    Document doc;
    doc.body = "Theresa Walsh spoke.";
    doc.entities.push_back(Entity{EntityType::person, "Theresa Walsh", {"T. Walsh"}, {}});
    extractor().annotate(doc);
    ASSERT_EQ(doc.entities.size(), 1u);  // merged into the entity the document already had
    EXPECT_TRUE(has_alias(doc.entities.front(), "T. Walsh"));
    EXPECT_EQ(doc.entities.front().mentions.size(), 1u);
}

TEST_F(Extractor, SharedAcrossThreadsGivesTheSameResult) {
    Document doc;
    doc.body = "Theresa Walsh of the Federal Aviation Administration (FAA) visited Dayton, Ohio.";
    Document a = doc, b = doc;
    extractor().annotate(a);
    std::thread t([&] { extractor().annotate(b); });
    t.join();
    ASSERT_EQ(a.entities.size(), b.entities.size());
    for (std::size_t i = 0; i < a.entities.size(); ++i) EXPECT_EQ(a.entities[i].canonical, b.entities[i].canonical);
}

}  // namespace
}  // namespace newsdex
