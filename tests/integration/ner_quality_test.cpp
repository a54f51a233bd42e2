/** @file
 * @brief The committed entity-tagger model reaches its F1 on CoNLL-2003 eng.testa as written, upper-cased
 * (wire copy) and in headline case (skipped without ../shared).
 */
#include <newsdex/entities/ner/conll.hpp>
#include <newsdex/entities/ner/tagger.hpp>

#include "test_support.hpp"

namespace {

using namespace newsdex;

/// Overall exact-span F1 of data/ner/model.bin on eng.testa when it was trained (see data/ner/README.md):
/// as written, upper-cased, headline case.
constexpr double reached_f1 = 93.26;
constexpr double reached_upper_f1 = 90.47;
constexpr double reached_headline_f1 = 90.66;

TEST(NerQuality, CommittedModelReachesF1OnTesta) {
    NEWSDEX_REQUIRE_SHARED("conll2003");
    const auto path = ner::Tagger::default_model_path();
    ASSERT_TRUE(std::filesystem::exists(path)) << path;
    EXPECT_LE(std::filesystem::file_size(path), 20u * 1024 * 1024);
    const ner::Tagger tagger = ner::Tagger::load(path);
    const auto docs = ner::read_conll(test::shared_corpora() / "conll2003" / "eng.testa");
    ASSERT_EQ(docs.size(), 216u);
    const ner::Scorer sc = ner::evaluate(tagger, docs);
    EXPECT_EQ(sc.tokens(), 51362u);
    EXPECT_EQ(sc.overall().gold, 5942u);
    for (auto t : {EntityType::person, EntityType::org, EntityType::place, EntityType::misc}) {
        RecordProperty(std::string(ner::type_name(t)) + "_f1", std::to_string(sc.of(t).f1()));
        EXPECT_GT(sc.of(t).f1(), 80.0) << ner::type_name(t);
    }
    RecordProperty("overall_f1", std::to_string(sc.overall().f1()));
    EXPECT_GE(sc.overall().f1(), 90.0);
    EXPECT_GE(sc.overall().f1(), reached_f1 - 0.1);
}

TEST(NerQuality, CommittedModelTagsAllCapsAndHeadlineCase) {
    NEWSDEX_REQUIRE_SHARED("conll2003");
    const ner::Tagger tagger = ner::Tagger::load(ner::Tagger::default_model_path());
    const auto docs = ner::read_conll(test::shared_corpora() / "conll2003" / "eng.testa");
    for (const auto& [mode, reached] :
         {std::pair{ner::CaseMode::upper, reached_upper_f1}, std::pair{ner::CaseMode::headline, reached_headline_f1}}) {
        const ner::Scorer sc = ner::evaluate(tagger, ner::recase(docs, mode));
        const std::string name(ner::case_mode_name(mode));
        RecordProperty(name + "_f1", std::to_string(sc.overall().f1()));
        EXPECT_EQ(sc.overall().gold, 5942u) << name;
        EXPECT_GE(sc.overall().f1(), 85.0) << name;
        EXPECT_GE(sc.overall().f1(), reached - 0.1) << name;
        for (auto t : {EntityType::person, EntityType::org, EntityType::place, EntityType::misc})
            EXPECT_GT(sc.of(t).f1(), 75.0) << name << " " << ner::type_name(t);
    }
}

}  // namespace
