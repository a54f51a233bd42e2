/** @file
 * @brief Unit tests of the entity tagger: labels, CoNLL reading, scoring, gazetteer, training, model files.
 */
#include <newsdex/core/error.hpp>
#include <newsdex/entities/gazetteer.hpp>
#include <newsdex/entities/ner/conll.hpp>
#include <newsdex/entities/ner/labels.hpp>
#include <newsdex/entities/ner/tagger.hpp>
#include <newsdex/entities/ner/train.hpp>

#include "test_support.hpp"

#include <random>
#include <thread>

namespace {

using namespace newsdex;
using namespace newsdex::ner;

Label L(std::string_view name) { return *parse_label(name); }

std::vector<Label> labels(std::initializer_list<const char*> names) {
    std::vector<Label> out;
    for (const char* n : names) out.push_back(L(n));
    return out;
}

TEST(NerLabels, NamesAndParsing) {
    EXPECT_EQ(label_name(L("B-PER")), "B-PERSON");
    EXPECT_EQ(label_name(L("I-LOC")), "I-PLACE");
    EXPECT_EQ(L("B-PLACE"), L("B-LOC"));
    EXPECT_EQ(L("O"), label_o);
    EXPECT_FALSE(parse_label("B-FOO"));
    EXPECT_FALSE(parse_label("X-PER"));
    EXPECT_EQ(label_type(L("I-MISC")), EntityType::misc);
    EXPECT_TRUE(is_begin(L("B-ORG")));
    EXPECT_FALSE(is_begin(L("I-ORG")));
}

TEST(NerLabels, DecodeSpansIsLenientLikeConlleval) {
    // An I- after O or after another type starts an entity; B- always starts one.
    const auto seq = labels({"I-PER", "I-PER", "O", "I-ORG", "I-LOC", "B-LOC", "I-LOC"});
    const auto spans = decode_spans(seq);
    ASSERT_EQ(spans.size(), 4u);
    EXPECT_EQ(spans[0], (Span{EntityType::person, 0, 2}));
    EXPECT_EQ(spans[1], (Span{EntityType::org, 3, 4}));
    EXPECT_EQ(spans[2], (Span{EntityType::place, 4, 5}));
    EXPECT_EQ(spans[3], (Span{EntityType::place, 5, 7}));
    EXPECT_FALSE(valid_bio(seq));
    EXPECT_TRUE(valid_bio(labels({"B-PER", "I-PER", "O", "B-ORG", "B-LOC", "I-LOC"})));
}

TEST(NerConll, Iob1BecomesBio) {
    const std::string text =
        "-DOCSTART- -X- O O\n\n"
        "Peter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\nJohn NNP I-NP B-PER\nsaid VBD I-VP O\n\n"
        "EU NNP I-NP I-ORG\nGerman JJ I-NP I-MISC\nBonn NNP I-NP I-LOC\n\n"
        "-DOCSTART- -X- O O\n\nParis NNP I-NP I-LOC\n";
    const auto docs = parse_conll(text, "t");
    ASSERT_EQ(docs.size(), 2u);
    ASSERT_EQ(docs[0].sentences.size(), 2u);
    EXPECT_EQ(docs[0].sentences[0].words, (std::vector<std::string>{"Peter", "Blackburn", "John", "said"}));
    EXPECT_EQ(docs[0].sentences[0].labels, labels({"B-PER", "I-PER", "B-PER", "O"}));
    EXPECT_EQ(docs[0].sentences[1].labels, labels({"B-ORG", "B-MISC", "B-LOC"}));
    EXPECT_EQ(docs[1].sentences[0].labels, labels({"B-LOC"}));
    EXPECT_EQ(docs[0].token_count(), 7u);
    EXPECT_THROW((void)parse_conll("word POS CHUNK I-FOO\n", "bad"), RuntimeError);
}

TEST(NerScorer, HandComputedExampleWithPartialSpans) {
    Scorer sc;
    // gold: PER [0,2), ORG [3,5), LOC [6,7)
    // pred: PER [0,2) (correct), ORG [3,4) (boundary error), MISC [6,7) (type error)
    sc.add(labels({"B-PER", "I-PER", "O", "B-ORG", "I-ORG", "O", "B-LOC"}),
           labels({"B-PER", "I-PER", "O", "B-ORG", "O", "O", "B-MISC"}));
    // second sentence: gold ORG [0,1); pred ORG [0,2) (too long) and PER [3,4) (spurious)
    sc.add(labels({"B-ORG", "O", "O", "O"}), labels({"B-ORG", "I-ORG", "O", "B-PER"}));
    EXPECT_EQ(sc.overall().gold, 4u);
    EXPECT_EQ(sc.overall().predicted, 5u);
    EXPECT_EQ(sc.overall().correct, 1u);
    EXPECT_NEAR(sc.overall().precision(), 20.0, 1e-9);
    EXPECT_NEAR(sc.overall().recall(), 25.0, 1e-9);
    EXPECT_NEAR(sc.overall().f1(), 2 * 20.0 * 25.0 / 45.0, 1e-9);
    EXPECT_EQ(sc.of(EntityType::person).gold, 1u);
    EXPECT_EQ(sc.of(EntityType::person).predicted, 2u);
    EXPECT_NEAR(sc.of(EntityType::person).precision(), 50.0, 1e-9);
    EXPECT_NEAR(sc.of(EntityType::person).recall(), 100.0, 1e-9);
    EXPECT_EQ(sc.of(EntityType::org).gold, 2u);
    EXPECT_EQ(sc.of(EntityType::org).correct, 0u);
    EXPECT_EQ(sc.of(EntityType::org).f1(), 0.0);
    EXPECT_EQ(sc.of(EntityType::place).predicted, 0u);
    EXPECT_EQ(sc.of(EntityType::misc).gold, 0u);
    EXPECT_EQ(sc.tokens(), 11u);
    EXPECT_NEAR(sc.accuracy(), 100.0 * 7 / 11, 1e-9);
    EXPECT_THROW(sc.add(labels({"O"}), labels({"O", "O"})), UsageError);
}

TEST(NerTokenize, PeelsPunctuationKeepsAbbreviations) {
    EXPECT_EQ(simple_tokenize("The U.S. Army, said (Reuters) it's Smith's car."),
              (std::vector<std::string>{"The", "U.S.", "Army", ",", "said", "(", "Reuters", ")", "it", "'s", "Smith",
                                        "'s", "car", "."}));
}

TEST(Gazetteer, CountryVariantsShareOneCanonicalName) {
    const auto gaz = Gazetteer::system();
    ASSERT_GT(gaz->size(), 20000u);
    for (const char* v : {"United States", "U.S.", "USA", "US", "United States of America", "united states"}) {
        const auto m = gaz->lookup(v);
        ASSERT_TRUE(m) << v;
        EXPECT_EQ(m->canonical, "United States") << v;
        EXPECT_EQ(m->country_code, "US") << v;
        EXPECT_EQ(m->kind, GazetteerKind::country) << v;
        EXPECT_EQ(m->type, EntityType::place) << v;
    }
    const auto uk = gaz->lookup("U.K.");
    ASSERT_TRUE(uk);
    EXPECT_EQ(uk->canonical, gaz->lookup("United Kingdom")->canonical);
    EXPECT_EQ(gaz->lookup("Russian Federation")->canonical, gaz->lookup("Russia")->canonical);
    EXPECT_EQ(gaz->lookup("Korea, Republic of") ? gaz->lookup("South Korea")->country_code : "KR", "KR");
}

TEST(Gazetteer, CitiesSubdivisionsCurrencies) {
    const auto gaz = Gazetteer::system();
    const auto paris = gaz->lookup("Paris");
    ASSERT_TRUE(paris);
    EXPECT_EQ(paris->country_code, "FR");  // the French region and the biggest city win over Paris, Texas
    EXPECT_EQ(paris->type, EntityType::place);
    const auto chicago = gaz->lookup("Chicago");
    ASSERT_TRUE(chicago);
    EXPECT_EQ(chicago->kind, GazetteerKind::large_city);
    EXPECT_EQ(chicago->country_code, "US");
    const auto sp = gaz->lookup("Sao Paulo");  // accents folded
    ASSERT_TRUE(sp);
    EXPECT_EQ(sp->country_code, "BR");
    const auto texas = gaz->lookup("Texas");
    ASSERT_TRUE(texas);
    EXPECT_EQ(texas->kind, GazetteerKind::subdivision);
    // Provinces of several countries: the one of the country with the larger city population.
    for (const auto& [name, code] :
         std::vector<std::pair<std::string, std::string>>{{"Maryland", "US"}, {"Montana", "US"}, {"Toledo", "ES"}}) {
        const auto p = gaz->lookup(name);
        ASSERT_TRUE(p) << name;
        EXPECT_EQ(p->country_code, code) << name;
    }
    // Continents and world regions are in no country, whatever town is named like one.
    EXPECT_FALSE(gaz->country_of("Asia")) << "a town of the Philippines";
    EXPECT_FALSE(gaz->country_of("Southeast Asia"));
    ASSERT_TRUE(gaz->lookup("Caribbean"));
    EXPECT_EQ(gaz->country_of("Micronesia"), "Micronesia") << "the country outranks the region";
    // `The` may be part of a city's name.
    EXPECT_EQ(gaz->country_of("The Hague"), "Netherlands");
    EXPECT_FALSE(gaz->country_of("the Midwest"));
    const auto euro = gaz->lookup("Euro");
    ASSERT_TRUE(euro);
    EXPECT_EQ(euro->type, EntityType::misc);
    EXPECT_FALSE(gaz->lookup("Blarglefrumpton"));
    // Token keys, as the tagger computes them.
    std::uint64_t k = Gazetteer::extend_key(0, Gazetteer::token_hash("new"));
    EXPECT_TRUE(gaz->key_kinds(k) & Gazetteer::continues_bit);
    k = Gazetteer::extend_key(k, Gazetteer::token_hash("york"));
    EXPECT_TRUE(gaz->key_kinds(k) & (1u << static_cast<unsigned>(GazetteerKind::city)));
}

TEST(Gazetteer, AddKeepsHighestPriority) {
    Gazetteer g;
    g.add("Springfield", {GazetteerKind::city, EntityType::place, "Springfield", "US", 100});
    g.add("Springfield", {GazetteerKind::city, EntityType::place, "Springfield", "AU", 50});
    g.add("Georgia", {GazetteerKind::subdivision, EntityType::place, "Georgia", "US", 0});
    g.add("Georgia", {GazetteerKind::country, EntityType::place, "Georgia", "GE", 0});
    EXPECT_EQ(g.lookup("springfield")->country_code, "US");
    EXPECT_EQ(g.lookup("GEORGIA")->country_code, "GE");
    EXPECT_EQ(g.size(), 2u);
}

/// A toy corpus: "<First> <Last> visited <City> for <Org> talks ." and variations.
std::vector<ConllDocument> toy_corpus(std::uint64_t seed, std::size_t docs) {
    const std::vector<std::string> first = {"John", "Mary", "Peter", "Anna", "Karl", "Lena"};
    const std::vector<std::string> last = {"Smith", "Jones", "Brown", "Weber", "Rossi", "Dubois"};
    const std::vector<std::string> cities = {"Paris", "Berlin", "Madrid", "Tokyo", "Cairo", "Lima"};
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

TrainOptions toy_options() {
    TrainOptions o;
    o.epochs = 3;
    o.folds = 2;
    o.min_feature_count = 1;
    o.threads = 1;
    return o;
}

TEST(NerTrain, LearnsToyDataAndIsDeterministic) {
    const auto train_docs = toy_corpus(1, 20);
    const auto dev_docs = toy_corpus(2, 5);
    const Tagger a = train(train_docs, dev_docs, toy_options());
    const Scorer sc = evaluate(a, dev_docs);
    EXPECT_GT(sc.overall().f1(), 95.0);
    const auto [p1, p2] = a.feature_counts();
    EXPECT_GT(p1, 0u);
    EXPECT_GT(p2, 0u);

    test::TempDir tmp;
    a.save(tmp / "a.bin");
    const Tagger b = train(train_docs, dev_docs, toy_options());
    b.save(tmp / "b.bin");
    EXPECT_EQ(test::read_file(tmp / "a.bin"), test::read_file(tmp / "b.bin"));
}

TEST(NerModel, SaveLoadRoundTripAndValidBio) {
    const auto train_docs = toy_corpus(3, 20);
    TrainOptions o = toy_options();
    o.description = "toy model";
    const Tagger a = train(train_docs, {}, o);
    test::TempDir tmp;
    a.save(tmp / "m.bin");
    const Tagger b = Tagger::load(tmp / "m.bin");
    EXPECT_EQ(b.description(), "toy model");
    EXPECT_EQ(a.feature_counts(), b.feature_counts());
    b.save(tmp / "m2.bin");
    EXPECT_EQ(test::read_file(tmp / "m.bin"), test::read_file(tmp / "m2.bin"));

    // Random word salad: the decoder must still produce valid BIO, identical for both copies.
    const std::vector<std::string> vocab = {"Paris", "visited", "John",  "of",    "THE", "U.S.",
                                            "1996",  "-",       "Smith", "talks", ",",   "Reuters"};
    std::mt19937_64 rng(7);
    for (int i = 0; i < 200; ++i) {
        std::vector<std::string_view> words;
        const std::size_t n = 1 + rng() % 12;
        for (std::size_t k = 0; k < n; ++k) words.push_back(vocab[rng() % vocab.size()]);
        const auto la = a.tag(words), lb = b.tag(words);
        EXPECT_EQ(la, lb);
        EXPECT_EQ(la.size(), n);
        EXPECT_TRUE(valid_bio(la));
    }
    EXPECT_TRUE(a.tag({}).empty());

    // A document-level call gives one label vector per sentence.
    const std::vector<std::vector<std::string_view>> doc = {
        {"John", "Smith", "visited", "Paris", "."}, {}, {"Smith", "talks"}};
    const auto labs = a.tag_document(doc);
    ASSERT_EQ(labs.size(), 3u);
    EXPECT_EQ(labs[0].size(), 5u);
    EXPECT_TRUE(labs[1].empty());
    EXPECT_EQ(labs[0][0], L("B-PER"));
    EXPECT_EQ(labs[0][3], L("B-LOC"));
}

/// Documents whose first sentence, `<Name> said .`, says nothing of the name's type; a later one does:
/// `shares of <Name> rose .` (an organisation) or `Mr <Name> spoke .` (a person). Names are made-up
/// words, new in every document.
std::vector<ConllDocument> context_corpus(std::uint64_t seed, std::size_t docs) {
    std::mt19937_64 rng(seed);
    std::vector<ConllDocument> out(docs);
    for (auto& d : out) {
        std::string name(1, static_cast<char>('A' + rng() % 26));
        for (int k = 0; k < 6; ++k) name += static_cast<char>('a' + rng() % 26);
        const bool org = rng() % 2 == 0;
        const char* type = org ? "B-ORG" : "B-PER";
        Sentence first;
        first.words = {name, "said", "."};
        first.labels = {L(type), L("O"), L("O")};
        Sentence second;
        second.words = org ? std::vector<std::string>{"shares", "of", name, "rose", "."}
                           : std::vector<std::string>{"Mr", name, "spoke", "."};
        second.labels.assign(second.words.size(), L("O"));
        second.labels[org ? 2 : 1] = L(type);
        d.sentences = {first, second};
    }
    return out;
}

/// How many of @p docs get their first sentence's first word labelled right by @p t.
std::size_t first_mentions_right(const Tagger& t, const std::vector<ConllDocument>& docs) {
    std::size_t right = 0;
    for (const auto& d : docs) {
        std::vector<std::vector<std::string_view>> doc;
        for (const auto& s : d.sentences) doc.emplace_back(s.words.begin(), s.words.end());
        right += t.tag_document(doc)[0][0] == d.sentences[0].labels[0] ? 1 : 0;
    }
    return right;
}

TEST(NerModel, ContextAggregationReadsTheOtherMentionsAndIsStored) {
    const auto train_docs = context_corpus(5, 60), test_docs = context_corpus(6, 40);
    TrainOptions o = toy_options();
    o.second_pass = false;  // pass 2 would also carry the later mention's label back
    const Tagger without = train(train_docs, {}, o);
    o.context_window = 2;
    const Tagger with = train(train_docs, {}, o);
    // The first sentences alone: their type is in the other sentence only.
    auto first_sentences = [&](const Tagger& t) { return first_mentions_right(t, test_docs); };
    EXPECT_GE(first_sentences(with), 36u);     // of 40
    EXPECT_LE(first_sentences(without), 30u);  // about half, by chance

    // Stored in the model (format version 4); a model without keeps version 3.
    test::TempDir tmp;
    with.save(tmp / "with.bin");
    without.save(tmp / "without.bin");
    EXPECT_EQ(test::read_file(tmp / "with.bin")[8], 4);
    EXPECT_EQ(test::read_file(tmp / "without.bin")[8], 3);
    const Tagger loaded = Tagger::load(tmp / "with.bin");
    EXPECT_EQ(first_sentences(loaded), first_sentences(with));
    loaded.save(tmp / "again.bin");
    EXPECT_EQ(test::read_file(tmp / "with.bin"), test::read_file(tmp / "again.bin"));
}

TEST(NerModel, ContextAggregationInTheSecondPassOnly) {
    const auto train_docs = context_corpus(5, 60), test_docs = context_corpus(6, 40);
    TrainOptions o = toy_options();
    const auto without = train(train_docs, {}, o).feature_counts();
    o.context_window = 2;
    const auto both_passes = train(train_docs, {}, o).feature_counts();
    o.context_pass2_only = true;
    const Tagger second = train(train_docs, {}, o);
    // The first pass is the one without context features, weight for weight (in both passes they
    // change it); the second has them.
    EXPECT_EQ(second.feature_counts().first, without.first);
    EXPECT_NE(both_passes.first, without.first);
    EXPECT_GT(second.feature_counts().second, without.second);
    EXPECT_GE(first_mentions_right(second, test_docs), 36u);  // of 40

    // Stored in the window's byte (version 4, high bit set): the model loads to the same bytes.
    test::TempDir tmp;
    second.save(tmp / "second.bin");
    const std::string bytes = test::read_file(tmp / "second.bin");
    EXPECT_EQ(bytes[8], 4);
    const Tagger loaded = Tagger::load(tmp / "second.bin");
    EXPECT_EQ(loaded.feature_counts(), second.feature_counts());
    loaded.save(tmp / "again.bin");
    EXPECT_EQ(test::read_file(tmp / "again.bin"), bytes);
}

/// Documents `<Name> said .`: nothing in them tells a person from an organisation but a name table.
/// Names are made-up words; @p persons / @p groups get B-PER / B-ORG.
std::vector<ConllDocument> name_corpus(const std::vector<std::string>& persons,
                                       const std::vector<std::string>& groups) {
    std::vector<ConllDocument> out;
    for (const auto* list : {&persons, &groups})
        for (const auto& name : *list) {
            Sentence s;
            s.words = {name, "said", "."};
            s.labels = {L(list == &persons ? "B-PER" : "B-ORG"), L("O"), L("O")};
            out.push_back(ConllDocument{{s}});
        }
    return out;
}

TEST(NerModel, WordNetNamesTellTypesAndAreStored) {
    std::mt19937_64 rng(7);
    auto made_up = [&] {
        std::string w(1, static_cast<char>('A' + rng() % 26));
        for (int k = 0; k < 7; ++k) w += static_cast<char>('a' + rng() % 26);
        return w;
    };
    std::vector<std::string> persons, groups;
    for (int i = 0; i < 60; ++i) persons.push_back(made_up()), groups.push_back(made_up());
    // A WordNet folder of its own (wndb(5WN) lines): persons are instances in noun.person (18),
    // groups in noun.group (14).
    test::TempDir wn;
    std::string nouns = "  1 licence line\n";
    auto offset = [](std::size_t k) {
        const std::string digits = std::to_string(k);
        return std::string(8 - digits.size(), '0') + digits;
    };
    for (std::size_t i = 0; i < persons.size(); ++i)
        nouns += offset(2 * i + 10) + " 18 n 01 " + persons[i] + " 0 001 @i 00000001 n 0000 | a person\n" +
            offset(2 * i + 11) + " 14 n 01 " + groups[i] + " 0 000 | a group\n";
    test::write_file(wn / "data.noun", nouns);
    test::write_file(wn / "data.adj", "00000001 00 a 01 Sorlandic 0 000 | x\n");

    const std::vector<std::string> train_p(persons.begin(), persons.begin() + 40),
        train_g(groups.begin(), groups.begin() + 40);
    const std::vector<std::string> test_p(persons.begin() + 40, persons.end()),
        test_g(groups.begin() + 40, groups.end());
    const auto train_docs = name_corpus(train_p, train_g), test_docs = name_corpus(test_p, test_g);
    TrainOptions o = toy_options();
    const Tagger without = train(train_docs, {}, o);
    o.names_from = wn.path();
    const Tagger with = train(train_docs, {}, o);
    auto right = [&](const Tagger& t) {
        std::size_t n = 0;
        for (const auto& d : test_docs) {
            const auto& s = d.sentences[0];
            n += t.tag(std::vector<std::string_view>(s.words.begin(), s.words.end()))[0] == s.labels[0] ? 1 : 0;
        }
        return n;
    };
    EXPECT_GE(right(with), 38u);     // of 40 names the training data never saw
    EXPECT_LE(right(without), 30u);  // about half, by chance

    // Stored in the model (format version 5): tagging needs no WordNet.
    test::TempDir tmp;
    with.save(tmp / "with.bin");
    EXPECT_EQ(test::read_file(tmp / "with.bin")[8], 5);
    const Tagger loaded = Tagger::load(tmp / "with.bin");
    EXPECT_EQ(right(loaded), right(with));
    loaded.save(tmp / "again.bin");
    EXPECT_EQ(test::read_file(tmp / "with.bin"), test::read_file(tmp / "again.bin"));

    o.names_from = tmp.path() / "no-wordnet";
    EXPECT_THROW((void)train(train_docs, {}, o), RuntimeError);
}

TEST(NerModel, CorruptFilesAreRejected) {
    test::TempDir tmp;
    test::write_file(tmp / "bad.bin", "not a model");
    EXPECT_THROW((void)Tagger::load(tmp / "bad.bin"), RuntimeError);
    EXPECT_THROW((void)Tagger::load(tmp / "missing.bin"), RuntimeError);
    const Tagger a = train(toy_corpus(4, 8), {}, toy_options());
    a.save(tmp / "m.bin");
    const std::string bytes = test::read_file(tmp / "m.bin");
    test::write_file(tmp / "cut.bin", bytes.substr(0, bytes.size() / 2));
    EXPECT_THROW((void)Tagger::load(tmp / "cut.bin"), RuntimeError);
    const Tagger empty;
    EXPECT_TRUE(empty.empty());
    const std::vector<std::string_view> w = {"John"};
    EXPECT_EQ(empty.tag(w), std::vector<Label>{label_o});
}

TEST(NerModel, CommittedModelLoads) {
    const auto path = Tagger::default_model_path();
    if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is missing";
    EXPECT_LE(std::filesystem::file_size(path), 20u * 1024 * 1024);
    const Tagger t = Tagger::load(path);
    const std::vector<std::string_view> words = {"Peter", "Blackburn", "said", "in", "Brussels", "."};
    const auto labs = t.tag(words);
    EXPECT_EQ(labs, labels({"B-PER", "I-PER", "O", "O", "B-LOC", "O"}));
    // Copies share the model; tagging is const and gives the same answer from several threads.
    const Tagger copy = t;
    std::vector<std::vector<Label>> results(4);
    std::vector<std::thread> threads;
    for (std::size_t k = 0; k < results.size(); ++k)
        threads.emplace_back([&, k] { results[k] = (k % 2 ? copy : t).tag(words); });
    for (auto& th : threads) th.join();
    for (const auto& r : results) EXPECT_EQ(r, labs);
    // Non-ASCII words do not break the features (they are folded like gazetteer names).
    const std::vector<std::string_view> accented = {"Lula", "visited", "S\xc3\xa3o", "Paulo", "."};
    EXPECT_EQ(t.tag(accented).size(), 5u);
}

}  // namespace
