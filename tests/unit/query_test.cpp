/** @file
 * @brief Query language tests: parse trees, every error message, and searches on a small in-memory
 * database (date ranges, tag fields, wildcards, NEAR, filters that do not score).
 */
#include <newsdex/search/query.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include <newsdex/analysis/analyzer.hpp>
#include <newsdex/core/error.hpp>
#include <newsdex/schema/schema.hpp>

#include "test_support.hpp"

namespace newsdex {
namespace {

QueryOptions tag_options() {
    QueryOptions o;
    o.tag_fields = {"places", "people"};
    return o;
}

std::string parse(std::string_view text, const QueryOptions& options = tag_options()) {
    static const Analyzer analyzer;
    return parse_query(text, analyzer, options).get_description();
}

/// The OR over every default field of one term, as unqualified words produce.
std::string all_fields(const std::string& term, bool stemmed = true) {
    const std::vector<std::string> prefixes = {"", "S", "A", "XS", "XF", "XTO", "XCC"};
    std::string out = "(";
    for (std::size_t i = 0; i < prefixes.size(); ++i) {
        if (i) out += " OR ";
        out += (stemmed ? "Z" : "") + prefixes[i] + term;
    }
    return out + ")";
}

// ---------------------------------------------------------------- parse trees

struct ParseCase {
    const char* query;
    std::string expected;  ///< Xapian::Query::get_description()
};

class QueryParse : public testing::TestWithParam<ParseCase> {};

TEST_P(QueryParse, Description) { EXPECT_EQ(parse(GetParam().query), GetParam().expected) << GetParam().query; }

// clang-format off
INSTANTIATE_TEST_SUITE_P(Cases, QueryParse, testing::Values(
    // Unqualified words: the stem under every default field; numbers unstemmed.
    ParseCase{"México", "Query(" + all_fields("mexico") + ")"},
    ParseCase{"2016", "Query(" + all_fields("2016", false) + ")"},
    ParseCase{"oil prices", "Query((" + all_fields("oil") + " OR " + all_fields("price") + "))"},
    // Field-qualified words, phrases and groups.
    ParseCase{"title:Oil", "Query(ZSoil)"},
    ParseCase{"TITLE:oil", "Query(ZSoil)"},
    ParseCase{"subject:oil", "Query(ZSoil)"},
    // A space after the colon: the field still applies to the next word, phrase or group.
    ParseCase{"subject: oil", "Query(ZSoil)"},
    ParseCase{"title:  \"oil prices\"", "Query((Soil PHRASE 2 Sprices))"},
    ParseCase{"title: oil gas", "Query((ZSoil OR " + all_fields("gas") + "))"},
    // `*` alone: every document; with other items a filter that changes nothing.
    ParseCase{"*", "Query(0 * <alldocuments>)"},
    ParseCase{"* type:news", "Query(0 * (<alldocuments> AND XTnews))"},
    ParseCase{"body:oil", "Query(Zoil)"},
    ParseCase{"author:Smith", "Query(ZAsmith)"},
    ParseCase{"title:\"oil prices\"", "Query((Soil PHRASE 2 Sprices))"},
    ParseCase{"title:\"Prices\"", "Query(Sprices)"},
    ParseCase{"title:(oil OR gas)", "Query((ZSoil OR ZSgas))"},
    ParseCase{"title:(oil body:gas)", "Query((ZSoil OR Zgas))"},
    ParseCase{"title:U.S.-based", "Query((Sus PHRASE 2 Sbased))"},
    ParseCase{"title:2016-03-01", "Query((S2016 PHRASE 3 S03 PHRASE 3 S01))"},
    ParseCase{"title:“oil price”", "Query((Soil PHRASE 2 Sprice))"},
    // Boolean operators; lower-case and/or/not are words.
    ParseCase{"title:a AND title:b", "Query((Sa AND ZSb))"},
    ParseCase{"title:a OR title:b", "Query((Sa OR ZSb))"},
    ParseCase{"title:a NOT title:b", "Query((Sa AND_NOT ZSb))"},
    ParseCase{"title:a AND NOT title:b", "Query((Sa AND_NOT ZSb))"},
    ParseCase{"NOT title:b", "Query(0 * (<alldocuments> AND_NOT ZSb))"},
    ParseCase{"title:(a and b)", "Query((Sa OR Sand OR ZSb))"},
    ParseCase{"title:a title:b AND title:c", "Query(((Sa OR ZSb) AND ZSc))"},
    ParseCase{"title:a OR title:b AND title:c", "Query((Sa OR (ZSb AND ZSc)))"},
    ParseCase{"(title:a OR title:b) AND title:c", "Query(((Sa OR ZSb) AND ZSc))"},
    // +required -excluded, as Xapian's QueryParser.
    ParseCase{"+title:a title:b -title:c", "Query(((Sa AND_MAYBE ZSb) AND_NOT ZSc))"},
    ParseCase{"+title:a +title:b", "Query((Sa AND ZSb))"},
    ParseCase{"-title:c", "Query(0 * (<alldocuments> AND_NOT ZSc))"},
    ParseCase{"title:(a -b)", "Query((Sa AND_NOT ZSb))"},
    ParseCase{"-5 degrees", "Query((" + all_fields("5", false) + " OR " + all_fields("degre") + "))"},
    // Wildcards: unstemmed, with the field prefix.
    ParseCase{"title:Mex*", "Query(WILDCARD SYNONYM Smex)"},
    ParseCase{"title:e-mai*", "Query((Se AND WILDCARD SYNONYM Smai))"},
    ParseCase{"places:us*", "Query(0 * WILDCARD SYNONYM XGplaces:us)"},
    // NEAR: positional (unstemmed) terms, window as Xapian's QueryParser.
    ParseCase{"title:oil NEAR title:prices", "Query((Soil NEAR 11 Sprices))"},
    ParseCase{"title:oil NEAR/3 prices", "Query((Soil NEAR 4 Sprices))"},
    ParseCase{"title:a NEAR title:b NEAR/2 title:c", "Query((Sa NEAR 12 Sb NEAR 12 Sc))"},
    ParseCase{"oil NEAR price", "Query(((oil NEAR 11 price) OR (Soil NEAR 11 Sprice) OR (Aoil NEAR 11 Aprice) OR "
                                "(XSoil NEAR 11 XSprice) OR (XFoil NEAR 11 XFprice) OR (XTOoil NEAR 11 XTOprice) OR "
                                "(XCCoil NEAR 11 XCCprice)))"},
    // Filters: boolean, tag and date fields never score.
    ParseCase{"type:news", "Query(0 * XTnews)"},
    ParseCase{"type:News type:memo", "Query(0 * (XTnews OR XTmemo))"},
    ParseCase{"id:ABC-12", "Query(0 * Qabc-12)"},
    ParseCase{"places:USA", "Query(0 * XGplaces:usa)"},
    ParseCase{"People:\"Paul  Volcker\"", "Query(0 * XGpeople:paul volcker)"},
    ParseCase{"title:oil type:news places:usa", "Query((ZSoil FILTER (XTnews AND XGplaces:usa)))"},
    ParseCase{"title:oil AND type:news", "Query((ZSoil FILTER XTnews))"},
    ParseCase{"title:oil OR type:news", "Query((ZSoil OR 0 * XTnews))"},
    ParseCase{"title:oil -type:memo", "Query((ZSoil AND_NOT XTmemo))"},
    ParseCase{"type:(news OR memo)", "Query(0 * (XTnews OR XTmemo))"},
    // Dates: exact days, months and years are terms; ranges are value ranges on slot 0.
    ParseCase{"date:2016-03-01", "Query(0 * D20160301)"},
    ParseCase{"date:2016-03", "Query(0 * M201603)"},
    ParseCase{"date:2016", "Query(0 * Y2016)"},
    ParseCase{"date:2016-02-29", "Query(0 * D20160229)"},
    ParseCase{"date:2016-03-01..2016-03-31", "Query(VALUE_RANGE 0 20160301 20160331)"},
    ParseCase{"date:2016..2017", "Query(VALUE_RANGE 0 20160000 20179999)"},
    ParseCase{"date:2016..", "Query(VALUE_GE 0 20160000)"},
    ParseCase{"date:..2016-06", "Query(VALUE_LE 0 20160699)"},
    ParseCase{"date:(2016 2017)", "Query(0 * (Y2016 OR Y2017))"},
    ParseCase{"title:oil date:2016..", "Query((ZSoil FILTER VALUE_GE 0 20160000))"},
    // Unknown fields, URLs and times are plain text.
    ParseCase{"title:(foo:bar)", "Query((Sfoo PHRASE 2 Sbar))"},
    ParseCase{"title:(http://bbc.co.uk/news)", "Query((Shttp PHRASE 3 Sbbc.co.uk PHRASE 3 Snews))"},
    ParseCase{"title:(10:30)", "Query((S10 PHRASE 2 S30))"},
    // Punctuation-only chunks are ignored.
    ParseCase{"title:oil & title:gas", "Query((ZSoil OR ZSgas))"},
    // Entity fields: a word is free text under the entity prefix, a "quoted" value the exact name (a filter).
    ParseCase{"person:walsh", "Query(XPwalsh)"},
    // Entity words are unstemmed and have no positions: several words are all required, not a phrase.
    ParseCase{"org:at&t", "Query((XOat AND XOt))"},
    ParseCase{"person:walsh*", "Query(WILDCARD SYNONYM XPwalsh)"},
    ParseCase{"person:(walsh OR bell)", "Query((XPwalsh OR XPbell))"},
    ParseCase{"org:\"Federal  Aviation Administration\"", "Query(0 * XEO:federal aviation administration)"},
    ParseCase{"person:\"Theresa Walsh\" person:\"Marcus Bell\"", "Query(0 * (XEP:theresa walsh OR XEP:marcus bell))"},
    ParseCase{"person:\"Theresa Walsh\" org:\"FAA\"", "Query(0 * (XEP:theresa walsh AND XEO:faa))"},
    ParseCase{"runway place:\"Ohio\"", "Query((" + all_fields("runway") + " FILTER XEL:ohio))"},
    ParseCase{"misc:\"El Niño\" place:dayton", "Query((XLdayton FILTER XEM:el niño))"},
    // Dates mentioned in the text: day, month or year terms, filters.
    ParseCase{"mentions:2017-02-05", "Query(0 * XMD:2017-02-05)"},
    ParseCase{"mentions:2017-02", "Query(0 * XMD:2017-02)"},
    ParseCase{"mentions:2017 mentions:2018", "Query(0 * (XMD:2017 OR XMD:2018))"}
));
// clang-format on

TEST(Query, DefaultOperatorAnd) {
    QueryOptions o = tag_options();
    o.default_op = Xapian::Query::OP_AND;
    EXPECT_EQ(parse("title:a title:b -title:c", o), "Query(((Sa AND ZSb) AND_NOT ZSc))");
    EXPECT_EQ(parse("type:news type:memo", o), "Query(0 * (XTnews AND XTmemo))");
}

// ---------------------------------------------------------------- ranking options

/// tag_options() with a stopper of a few English stop words.
QueryOptions stop_options() {
    static const std::vector<std::string> words = {"the", "of", "in", "who"};
    static const Xapian::SimpleStopper stopper(words.begin(), words.end());
    QueryOptions o = tag_options();
    o.stopper = &stopper;
    return o;
}

ParsedQuery details(std::string_view text, const QueryOptions& options) {
    static const Analyzer analyzer;
    return parse_query_details(text, analyzer, options);
}

TEST(Query, StopWordsAreDroppedFromPlainWordsOnly) {
    const QueryOptions o = stop_options();
    EXPECT_EQ(parse("the war", o), "Query(" + all_fields("war") + ")");
    EXPECT_EQ(parse("fall of the wall", o), parse("fall wall"));
    const ParsedQuery p = details("the fall of the wall", o);
    EXPECT_EQ(p.stopped, (std::vector<std::string>{"the", "of", "the"}));
    // Kept: in phrases, required, with a field, and when nothing else would be searched for.
    EXPECT_EQ(parse("\"the war\"", o), parse("\"the war\""));
    EXPECT_EQ(parse("+the war", o), parse("+the war"));
    EXPECT_EQ(parse("title:the war", o), parse("title:the war"));
    EXPECT_EQ(parse("the who", o), parse("the who"));
    EXPECT_EQ(parse("the -war", o), parse("the -war"));
    EXPECT_EQ(parse("the type:news", o), parse("the type:news"));
    EXPECT_EQ(parse("the AND war", o), parse("the AND war"));
    EXPECT_TRUE(details("the who", o).stopped.empty());
    // Dropped inside a group that has other words; NEAR operands stay whole.
    EXPECT_EQ(parse("(the war) OR peace", o), parse("war OR peace"));
    EXPECT_EQ(parse("walsh NEAR the", o), parse("walsh NEAR the"));
    // Without a stopper nothing is dropped.
    EXPECT_TRUE(details("the war", tag_options()).stopped.empty());
    // A stop word that is searched is searched unstemmed: the index has no stem term for it.
    const std::string who = parse("the who", o);
    EXPECT_EQ(who.find("Zthe"), std::string::npos) << who;
    EXPECT_NE(who.find("the"), std::string::npos) << who;
    EXPECT_EQ(parse("+the", o).find("Zthe"), std::string::npos) << parse("+the", o);
}

TEST(Query, PlainWordsAreRecognised) {
    const QueryOptions o = stop_options();
    for (const char* q : {"oil prices", "the price of oil", "U.S.-based firms", "oil"})
        EXPECT_TRUE(details(q, o).plain_words) << q;
    for (const char* q : {"\"oil prices\"", "oil OR gas", "oil AND gas", "+oil gas", "oil -gas", "title:oil", "oil*",
                          "oil NEAR gas", "(oil gas)", "oil date:2016", "type:news", "NOT oil"})
        EXPECT_FALSE(details(q, o).plain_words) << q;
    QueryOptions all = o;
    all.default_op = Xapian::Query::OP_AND;
    EXPECT_FALSE(details("oil prices", all).plain_words);
}

TEST(Query, DefaultFieldsAndWeightsComeFromOptions) {
    QueryOptions o = tag_options();
    o.default_fields = {{"", 1.0}, {"S", 2.0}};
    EXPECT_EQ(parse("oil", o), "Query((Zoil OR 2 * ZSoil))");
    EXPECT_EQ(parse("\"oil price\"", o), "Query(((oil PHRASE 2 price) OR 2 * (Soil PHRASE 2 Sprice)))");
    EXPECT_EQ(parse("oil NEAR/2 price", o), "Query(((oil NEAR 3 price) OR 2 * (Soil NEAR 3 Sprice)))");
    // A field named in the query is searched alone, unweighted.
    EXPECT_EQ(parse("title:oil", o), "Query(ZSoil)");
    o.default_fields = {{"", 1.0}};
    EXPECT_EQ(parse("oil", o), "Query(Zoil)");
}

TEST(Query, TagFieldsComeFromOptions) {
    QueryOptions o;  // no tag fields: `places:usa` is plain text
    EXPECT_EQ(parse("title:(places:usa)", o), "Query((Splaces PHRASE 2 Susa))");
}

// ---------------------------------------------------------------- errors

struct ErrorCase {
    const char* query;
    const char* message;
};

class QueryErrors : public testing::TestWithParam<ErrorCase> {};

TEST_P(QueryErrors, Message) {
    try {
        (void)parse(GetParam().query);
        FAIL() << "no QueryError for: " << GetParam().query;
    } catch (const QueryError& e) {
        EXPECT_STREQ(e.what(), GetParam().message) << GetParam().query;
    }
}

// clang-format off
INSTANTIATE_TEST_SUITE_P(Cases, QueryErrors, testing::Values(
    ErrorCase{"", "empty query"},
    ErrorCase{"  \t ", "empty query"},
    ErrorCase{"!!! ...", "query has no words to search for"},
    ErrorCase{"oil \"price", "unbalanced '\"' at column 5"},
    ErrorCase{"ünïcode “oil", "unbalanced '“' at column 9"},
    ErrorCase{"(oil OR gas", "missing ')' for '(' at column 1"},
    ErrorCase{"person:walsh NEAR faa",
              "'NEAR' at column 14 cannot take entity words (person:, org:, place:, misc: keep no word positions)"},
    ErrorCase{"x (oil (gas)", "missing ')' for '(' at column 3"},
    ErrorCase{"oil)", "unmatched ')' at column 4"},
    ErrorCase{"()", "empty '()' at column 1"},
    ErrorCase{"oil AND", "'AND' at end of query"},
    ErrorCase{"oil OR", "'OR' at end of query"},
    ErrorCase{"oil NOT", "'NOT' at end of query"},
    ErrorCase{"AND oil", "'AND' at start of query"},
    ErrorCase{"OR oil", "'OR' at start of query"},
    ErrorCase{"(OR oil)", "'OR' after '(' at column 2"},
    ErrorCase{"(oil AND)", "'AND' before ')' at column 9"},
    ErrorCase{"oil AND OR gas", "'AND' followed by 'OR' at column 9"},
    ErrorCase{"NEAR oil", "'NEAR' needs a word on each side (column 1)"},
    ErrorCase{"oil NEAR", "'NEAR' needs a word on each side (column 5)"},
    ErrorCase{"oil NEAR (gas)", "'NEAR' needs a word on each side (column 5)"},
    ErrorCase{"oil NEAR type:news", "'NEAR' needs a word on each side (column 5)"},
    ErrorCase{"oil NEAR -gas", "'NEAR' needs a word on each side (column 5)"},
    ErrorCase{"mex* NEAR city", "'NEAR' at column 6 cannot take a '*' wildcard"},
    ErrorCase{"oil NEAR/0 gas", "bad 'NEAR/0' at column 5 (expected NEAR/n with n from 1 to 1000)"},
    ErrorCase{"oil NEAR/x gas", "bad 'NEAR/x' at column 5 (expected NEAR/n with n from 1 to 1000)"},
    ErrorCase{"author:smith NEAR title:oil", "'NEAR' at column 14 joins words of different fields"},
    ErrorCase{"title: ", "'title:' at column 1 needs a word, a \"phrase\" or (...) after it"},
    ErrorCase{"(title: )", "'title:' at column 2 needs a word, a \"phrase\" or (...) after it"},
    ErrorCase{"oil places:", "'places:' at column 5 needs a word, a \"phrase\" or (...) after it"},
    ErrorCase{"title:*", "'*' at column 1: '*' needs a letter or digit before it"},
    ErrorCase{"date:2016-13-01..2017", "bad date '2016-13-01' in date range (expected YYYY, YYYY-MM or YYYY-MM-DD)"},
    ErrorCase{"date:2016..17", "bad date '17' in date range (expected YYYY, YYYY-MM or YYYY-MM-DD)"},
    ErrorCase{"date:2015-02-29", "bad date '2015-02-29' (expected YYYY, YYYY-MM or YYYY-MM-DD, or a range A..B)"},
    ErrorCase{"date:yesterday", "bad date 'yesterday' (expected YYYY, YYYY-MM or YYYY-MM-DD, or a range A..B)"},
    ErrorCase{"date:2017..2016", "date range '2017..2016' ends before it starts"},
    ErrorCase{"date:..", "date range '..' needs a start or an end (date:2016.., date:..2016-06)"},
    ErrorCase{"mentions:2017-02-30", "bad date '2017-02-30' for 'mentions:' (expected YYYY, YYYY-MM or YYYY-MM-DD)"},
    ErrorCase{"mentions:february", "bad date 'february' for 'mentions:' (expected YYYY, YYYY-MM or YYYY-MM-DD)"},
    ErrorCase{"person:", "'person:' at column 1 needs a word, a \"phrase\" or (...) after it"}
));
// clang-format on

TEST(Query, ErrorsAreUsageErrors) {
    const Analyzer analyzer;
    EXPECT_THROW((void)parse_query("oil AND", analyzer, {}), UsageError);
}

// ---------------------------------------------------------------- searching

class QuerySearch : public testing::Test {
protected:
    struct Doc {
        std::string name, title, body, type, date;
        std::vector<std::string> places;
    };

    void SetUp() override {
        const std::vector<Doc> docs = {
            {"mexico",
             "Oil prices in México",
             "Crude oil prices rose sharply in Mexico City on Monday.",
             "news",
             "20160301",
             {"mexico", "usa"}},
            {"mexican", "Mexican economy", "The Mexican peso fell against the dollar.", "news", "20160315", {"mexico"}},
            {"memo",
             "Gas memo",
             "Natural gas storage figures for the quarter; oil was not discussed.",
             "memo",
             "20160630",
             {"usa"}},
            {"uk",
             "Bank of England",
             "Interest rates were held at the Bank of England in London.",
             "news",
             "20170102",
             {"united kingdom"}},
            {"far",
             "Distances",
             "oil one two three four five six seven eight nine ten eleven twelve price",
             "news",
             "20151231",
             {}},
        };
        for (const Doc& d : docs) {
            Xapian::Document doc;
            const Xapian::termpos next = m_analyzer.index_text(doc, d.title, schema::title_prefix);
            m_analyzer.index_text(doc, d.body, schema::body_prefix, next + 100);
            doc.add_boolean_term(std::string(schema::type_prefix) + d.type);
            for (const auto& p : d.places)
                doc.add_boolean_term(schema::tag_field_prefix("places") + fold_exact_value(p));
            doc.add_boolean_term(std::string(schema::day_prefix) + d.date);
            doc.add_boolean_term(std::string(schema::month_prefix) + d.date.substr(0, 6));
            doc.add_boolean_term(std::string(schema::year_prefix) + d.date.substr(0, 4));
            doc.add_value(schema::slot_date, d.date);
            doc.set_data(d.name);
            m_db.add_document(doc);
        }
    }

    /// Names of the matching documents, sorted.
    std::set<std::string> search(std::string_view text, QueryOptions options = tag_options()) {
        Xapian::Enquire enquire(m_db);
        enquire.set_query(parse_query(text, m_analyzer, options));
        std::set<std::string> out;
        const Xapian::MSet mset = enquire.get_mset(0, 100);
        for (auto it = mset.begin(); it != mset.end(); ++it) out.insert(it.get_document().get_data());
        return out;
    }

    double weight_of(std::string_view text, const std::string& name) {
        Xapian::Enquire enquire(m_db);
        enquire.set_query(parse_query(text, m_analyzer, tag_options()));
        const Xapian::MSet mset = enquire.get_mset(0, 100);
        for (auto it = mset.begin(); it != mset.end(); ++it)
            if (it.get_document().get_data() == name) return it.get_weight();
        return -1;
    }

    Analyzer m_analyzer;
    Xapian::WritableDatabase m_db{std::string(), Xapian::DB_BACKEND_INMEMORY};
};

using Names = std::set<std::string>;

TEST_F(QuerySearch, WordsStemsAndAccents) {
    EXPECT_EQ(search("mexico"), (Names{"mexico"}));
    EXPECT_EQ(search("MEXICO"), (Names{"mexico"}));
    EXPECT_EQ(search("México"), (Names{"mexico"}));
    EXPECT_EQ(search("price"), (Names{"mexico", "far"}));  // stem of "prices"
    EXPECT_EQ(search("title:price"), (Names{"mexico"}));
    EXPECT_EQ(search("\"price\""), (Names{"far"}));  // quoted: the exact word
    EXPECT_EQ(search("\"oil prices\""), (Names{"mexico"}));
    EXPECT_EQ(search("\"prices oil\""), Names{});
}

TEST_F(QuerySearch, BooleanOperators) {
    EXPECT_EQ(search("oil gas"), (Names{"mexico", "memo", "far"}));
    EXPECT_EQ(search("oil AND gas"), (Names{"memo"}));
    EXPECT_EQ(search("oil NOT gas"), (Names{"mexico", "far"}));
    EXPECT_EQ(search("+oil -gas"), (Names{"mexico", "far"}));
    EXPECT_EQ(search("NOT oil"), (Names{"mexican", "uk"}));
    EXPECT_EQ(search("bank OR peso"), (Names{"mexican", "uk"}));
}

TEST_F(QuerySearch, Wildcards) {
    EXPECT_EQ(search("mexic*"), (Names{"mexico", "mexican"}));
    QueryOptions one = tag_options();
    one.wildcard_limit = 1;  // most frequent expansion only, no error
    EXPECT_EQ(search("title:mexic*", one).size(), 1U);
    EXPECT_EQ(search("places:mex*"), (Names{"mexico", "mexican"}));
}

TEST_F(QuerySearch, Near) {
    EXPECT_EQ(search("oil NEAR prices"), (Names{"mexico"}));
    EXPECT_EQ(search("prices NEAR oil"), (Names{"mexico"}));  // either order
    // "price" is the 13th word after "oil": NEAR/13 reaches it, NEAR/12 does not.
    EXPECT_EQ(search("oil NEAR/13 price"), (Names{"far"}));
    EXPECT_EQ(search("oil NEAR/12 price"), Names{});
    EXPECT_EQ(search("crude NEAR/1 oil"), (Names{"mexico"}));
    EXPECT_EQ(search("crude NEAR/1 prices"), Names{});
    EXPECT_EQ(search("e-mail NEAR/1 figures"), Names{});  // multi-word operands join the NEAR
}

TEST_F(QuerySearch, TagAndBooleanFiltersDoNotScore) {
    EXPECT_EQ(search("places:USA"), (Names{"mexico", "memo"}));
    EXPECT_EQ(search("places:\"United Kingdom\""), (Names{"uk"}));
    EXPECT_EQ(search("type:memo"), (Names{"memo"}));
    EXPECT_EQ(search("oil type:news"), (Names{"mexico", "far"}));
    EXPECT_EQ(search("type:news type:memo places:usa"), (Names{"mexico", "memo"}));
    EXPECT_DOUBLE_EQ(weight_of("type:memo", "memo"), 0.0);
    EXPECT_DOUBLE_EQ(weight_of("oil type:news", "mexico"), weight_of("oil", "mexico"));
    EXPECT_DOUBLE_EQ(weight_of("oil places:mexico", "mexico"), weight_of("oil", "mexico"));
}

TEST(QueryEntities, ExactNamesExpandToTheirSynonyms) {
    const test::TempDir tmp;  // the in-memory backend has no synonyms
    Xapian::WritableDatabase db{(tmp / "db").string(), Xapian::DB_CREATE};
    db.add_synonym("XEO:faa", "XEO:federal aviation administration");
    db.add_synonym("XEO:federal aviation administration", "XEO:faa");
    db.add_synonym("XEO:faa", "XEP:not an org");  // another field's term is never used
    db.commit();
    QueryOptions o;
    o.database = &db;
    EXPECT_EQ(parse("org:FAA", o), "Query(XOfaa)");  // a word: free text, no synonyms
    EXPECT_EQ(parse("org:\"FAA\"", o), "Query(0 * (XEO:faa OR XEO:federal aviation administration))");
    EXPECT_EQ(parse("org:\"Federal Aviation Administration\"", o),
              "Query(0 * (XEO:federal aviation administration OR XEO:faa))");
    EXPECT_EQ(parse("person:\"FAA\"", o), "Query(0 * XEP:faa)");
}

TEST_F(QuerySearch, Dates) {
    EXPECT_EQ(search("date:2016-03-01"), (Names{"mexico"}));
    EXPECT_EQ(search("date:2016-03"), (Names{"mexico", "mexican"}));
    EXPECT_EQ(search("date:2016"), (Names{"mexico", "mexican", "memo"}));
    EXPECT_EQ(search("date:2016-03-02..2016-06-30"), (Names{"mexican", "memo"}));
    EXPECT_EQ(search("date:..2016-06"), (Names{"mexico", "mexican", "memo", "far"}));  // the whole of June
    EXPECT_EQ(search("date:..2016-05"), (Names{"mexico", "mexican", "far"}));
    EXPECT_EQ(search("date:2016.."), (Names{"mexico", "mexican", "memo", "uk"}));
    EXPECT_EQ(search("date:..2015"), (Names{"far"}));
    EXPECT_EQ(search("date:2016..2016"), (Names{"mexico", "mexican", "memo"}));
    EXPECT_EQ(search("oil date:2016"), (Names{"mexico", "memo"}));
}

}  // namespace
}  // namespace newsdex
