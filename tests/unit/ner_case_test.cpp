/** @file
 * @brief Unit tests of the tagger's case robustness: case transforms, word clusters (learning, look-up,
 * file round trip), case-augmented training and tuning on a held-out split.
 */
#include <newsdex/core/error.hpp>
#include <newsdex/entities/ner/clusters.hpp>
#include <newsdex/entities/ner/conll.hpp>
#include <newsdex/entities/ner/tagger.hpp>
#include <newsdex/entities/ner/train.hpp>

#include "test_support.hpp"

#include <random>

namespace {

using namespace newsdex;
using namespace newsdex::ner;

Label L(std::string_view name) { return *parse_label(name); }

TEST(NerCase, ModeNames) {
    for (CaseMode m : {CaseMode::as_is, CaseMode::upper, CaseMode::headline})
        EXPECT_EQ(parse_case_mode(case_mode_name(m)), m);
    EXPECT_EQ(case_mode_name(CaseMode::as_is), "as-is");
    EXPECT_FALSE(parse_case_mode("lower"));
}

TEST(NerCase, UpperAndHeadlineWords) {
    EXPECT_EQ(recase_word("McDonald's", CaseMode::upper, false), "MCDONALD'S");
    EXPECT_EQ(recase_word("1996-08-22", CaseMode::upper, false), "1996-08-22");
    EXPECT_EQ(recase_word("said", CaseMode::as_is, false), "said");
    // Headline case: content words capitalised, the rest of the word kept.
    EXPECT_EQ(recase_word("said", CaseMode::headline, false), "Said");
    EXPECT_EQ(recase_word("eBay", CaseMode::headline, false), "EBay");
    EXPECT_EQ(recase_word("U.S.", CaseMode::headline, false), "U.S.");
    EXPECT_EQ(recase_word("win", CaseMode::headline, false), "Win");
    // Short function words are lower-cased, except at the start of a sentence.
    EXPECT_EQ(recase_word("of", CaseMode::headline, false), "of");
    EXPECT_EQ(recase_word("The", CaseMode::headline, false), "the");
    EXPECT_EQ(recase_word("the", CaseMode::headline, true), "The");
    EXPECT_EQ(recase_word("AND", CaseMode::headline, false), "and");
}

TEST(NerCase, RecaseDocumentsKeepsLabels) {
    const auto docs = parse_conll(
        "-DOCSTART- -X- O O\n\nthe DT O O\nbank NN O O\nof IN O O\nJapan NNP O I-LOC\n"
        "said VBD O O\n\nin IN O O\nTokyo NNP O I-LOC\n");
    const auto head = recase(docs, CaseMode::headline);
    ASSERT_EQ(head.size(), 1u);
    EXPECT_EQ(head[0].sentences[0].words, (std::vector<std::string>{"The", "Bank", "of", "Japan", "Said"}));
    EXPECT_EQ(head[0].sentences[1].words, (std::vector<std::string>{"In", "Tokyo"}));
    EXPECT_EQ(head[0].sentences[0].labels, docs[0].sentences[0].labels);
    const auto up = recase(docs, CaseMode::upper);
    EXPECT_EQ(up[0].sentences[0].words, (std::vector<std::string>{"THE", "BANK", "OF", "JAPAN", "SAID"}));
    EXPECT_EQ(recase(docs, CaseMode::as_is)[0].sentences[0].words, docs[0].sentences[0].words);
}

/// Unlabeled text where cities follow "in"/"to" and precede "." and people precede "said"/"told".
ClusterCorpus toy_unlabeled() {
    const std::vector<std::string> cities = {"Paris", "Berlin", "Oslo", "Rome", "Lima", "Cairo"};
    const std::vector<std::string> people = {"Smith", "Jones", "Weber", "Rossi", "Brown", "Dubois"};
    std::mt19937_64 rng(5);
    ClusterCorpus c;
    for (int i = 0; i < 400; ++i) {
        const std::string& city = cities[rng() % cities.size()];
        const std::string& who = people[rng() % people.size()];
        c.add_line("Mr " + who + (i % 2 ? " said prices rose in " : " told reporters in ") + city + " .");
        c.add_line("He flew to " + city + " on Monday , " + who + " said .");
    }
    return c;
}

TEST(NerClusters, SimilarContextsShareClusters) {
    const ClusterCorpus corpus = toy_unlabeled();
    EXPECT_EQ(corpus.tokens(), 200u * 8 + 200u * 7 + 400u * 10);
    ClusterOptions o;
    o.contexts = 16;
    o.min_count = 2;
    const WordClusters c = WordClusters::learn(corpus, o);
    EXPECT_GT(c.size(), 10u);
    const std::uint16_t paris = c.find_word("paris");
    ASSERT_NE(paris, WordClusters::unknown);
    // Case-free: every casing of a word finds the same cluster.
    EXPECT_EQ(c.find_word("PARIS"), paris);
    EXPECT_EQ(c.find_word("Paris"), paris);
    EXPECT_EQ(c.find_word("Zanzibar"), WordClusters::unknown);
    // Cities share their top-level cluster with each other, not with people.
    EXPECT_EQ(WordClusters::prefix(c.find_word("oslo"), 1), WordClusters::prefix(paris, 1));
    EXPECT_EQ(WordClusters::prefix(c.find_word("Cairo"), 1), WordClusters::prefix(paris, 1));
    EXPECT_NE(WordClusters::prefix(c.find_word("smith"), 1), WordClusters::prefix(paris, 1));
    // Usual case from the mixed-case lines: names capitalised, "prices" lower case, "mr" never after
    // a word (first in its lines: too rare to say).
    EXPECT_EQ(WordClusters::usual_case(paris), 4u);
    EXPECT_EQ(WordClusters::usual_case(c.find_word("prices")), 1u);
    EXPECT_EQ(WordClusters::usual_case(c.find_word("mr")), 0u);
    // Deterministic.
    EXPECT_EQ(WordClusters::learn(corpus, o).to_bytes(), c.to_bytes());
}

TEST(NerClusters, PrefixesNest) {
    // Leaf 0 is path 1; 8 leaves per level-2 cluster, 128 per level-1 cluster.
    EXPECT_EQ(WordClusters::prefix(WordClusters::unknown, 1), 0);
    EXPECT_EQ(WordClusters::prefix(1, 1), 1);
    EXPECT_EQ(WordClusters::prefix(1, 2), 1);
    EXPECT_EQ(WordClusters::prefix(9, 2), 2);
    EXPECT_EQ(WordClusters::prefix(9, 1), 1);
    EXPECT_EQ(WordClusters::prefix(129, 1), 2);
    EXPECT_EQ(WordClusters::prefix(129, 3), 129);
    // The usual case lives in the high bits and does not change the path.
    WordClusters c;
    c.set(7, 129, 4);
    EXPECT_EQ(WordClusters::usual_case(c.find(7)), 4u);
    EXPECT_EQ(WordClusters::prefix(c.find(7), 3), 129);
    EXPECT_EQ(WordClusters::prefix(c.find(7), 1), 2);
}

TEST(NerClusters, BytesRoundTripAndCorruption) {
    WordClusters c;
    c.set(WordClusters::word_key("paris"), 5);
    c.set(WordClusters::word_key("berlin"), 5);
    c.set(WordClusters::word_key("said"), 2048, 1);
    const std::string bytes = c.to_bytes();
    const WordClusters d = WordClusters::from_bytes(bytes);
    EXPECT_EQ(d.size(), 3u);
    EXPECT_EQ(d.find_word("BERLIN"), 5);
    EXPECT_EQ(WordClusters::prefix(d.find_word("said"), 3), 2048);
    EXPECT_EQ(WordClusters::usual_case(d.find_word("said")), 1u);
    EXPECT_EQ(d.to_bytes(), bytes);
    EXPECT_THROW((void)WordClusters::from_bytes(bytes.substr(0, bytes.size() - 1)), RuntimeError);
    EXPECT_THROW((void)WordClusters::from_bytes(bytes + "x"), RuntimeError);
    EXPECT_TRUE(WordClusters::from_bytes(WordClusters{}.to_bytes()).empty());
}

TEST(NerClusters, JsonLinesGiveTheirStringValues) {
    test::TempDir tmp;
    test::write_file(tmp / "a.jsonl", "{\"id\": \"r-1\", \"body\": \"Prices rose\\nin Paris .\"}\nplain text line\n");
    ClusterCorpus c;
    c.add_path(tmp.path());
    // "r-1", "Prices rose in Paris ." and "plain text line": the keys are not text.
    EXPECT_EQ(c.tokens(), 1u + 5u + 3u);
    EXPECT_THROW(c.add_path(tmp / "missing"), RuntimeError);
}

/// A toy corpus: "<First> <Last> visited <City> for <Org> talks ." in mixed case.
std::vector<ConllDocument> toy_corpus(std::uint64_t seed, std::size_t docs) {
    const std::vector<std::string> first = {"John", "Mary", "Peter", "Anna", "Karl", "Lena"};
    const std::vector<std::string> last = {"Smith", "Jones", "Brown", "Weber", "Rossi", "Dubois"};
    const std::vector<std::string> cities = {"Paris", "Berlin", "Rome", "Lima", "Cairo"};
    const std::vector<std::string> orgs = {"Siemens", "Fiat", "Nestle", "Reuters", "Unilever", "Boeing"};
    std::mt19937_64 rng(seed);
    auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
    std::vector<ConllDocument> out(docs);
    for (auto& d : out) {
        for (int s = 0; s < 4; ++s) {
            Sentence sent;
            auto add = [&](const std::string& w, const char* tag) {
                sent.words.push_back(w);
                sent.labels.push_back(L(tag));
            };
            add(pick(first), "B-PER");
            add(pick(last), "I-PER");
            add("visited", "O");
            add(pick(cities), "B-LOC");
            add("for", "O");
            add(pick(orgs), "B-ORG");
            add("talks", "O");
            add(".", "O");
            d.sentences.push_back(std::move(sent));
        }
    }
    return out;
}

TEST(NerCaseTraining, CaseCopiesClustersAndHeldOutTuning) {
    TrainOptions o;
    o.epochs = 4;
    o.folds = 2;
    o.min_feature_count = 1;
    o.threads = 1;
    o.upper_copies = 0.5;
    o.headline_copies = 0.5;
    o.dev_split = 0.2;
    ClusterOptions co;
    co.contexts = 16;
    co.min_count = 2;
    o.clusters = WordClusters::learn(toy_unlabeled(), co);
    TuneReport tuned;
    int reports = 0;
    o.tuned = [&](const TuneReport& r) {
        tuned = r;
        ++reports;
    };
    const auto docs = toy_corpus(11, 20);
    const Tagger t = train(docs, {}, o);
    EXPECT_EQ(reports, 1);
    EXPECT_EQ(tuned.dev_documents, 4u);
    EXPECT_GE(tuned.epochs1, 1);
    EXPECT_LE(tuned.epochs1, 4);
    EXPECT_GT(tuned.dev_f1[1], 90.0);  // upper-cased held-out documents

    // ALL CAPS and headline case, including a city the labeled data never had (Oslo: clustered).
    for (CaseMode mode : {CaseMode::as_is, CaseMode::upper, CaseMode::headline}) {
        std::vector<std::string> words;
        const std::vector<std::string> src = {"Anna", "Weber", "visited", "Oslo", "for", "Fiat", "talks", "."};
        for (std::size_t i = 0; i < src.size(); ++i) words.push_back(recase_word(src[i], mode, i == 0));
        const std::vector<std::string_view> views(words.begin(), words.end());
        const auto labs = t.tag(views);
        EXPECT_EQ(labs,
                  (std::vector<Label>{L("B-PER"), L("I-PER"), L("O"), L("B-LOC"), L("O"), L("B-ORG"), L("O"), L("O")}))
            << case_mode_name(mode);
    }
    const Scorer upper = evaluate(t, recase(toy_corpus(12, 5), CaseMode::upper));
    EXPECT_GT(upper.overall().f1(), 95.0);

    // The clusters travel in the model file, byte for byte.
    test::TempDir tmp;
    t.save(tmp / "m.bin");
    const Tagger back = Tagger::load(tmp / "m.bin");
    back.save(tmp / "m2.bin");
    EXPECT_EQ(test::read_file(tmp / "m.bin"), test::read_file(tmp / "m2.bin"));
    EXPECT_EQ(back.tag(std::vector<std::string_view>{"LENA", "ROSSI", "VISITED", "OSLO"}),
              t.tag(std::vector<std::string_view>{"LENA", "ROSSI", "VISITED", "OSLO"}));
    o.dev_split = 1.5;
    EXPECT_THROW((void)train(docs, {}, o), UsageError);
}

}  // namespace
