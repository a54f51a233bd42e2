/** @file
 * @brief Analyzer tests: a table of texts and their folded terms, term generation, and the
 * round trip that matters most: every row's text, searched as a query, finds its document.
 */
#include <newsdex/analysis/analyzer.hpp>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include <newsdex/core/error.hpp>
#include <newsdex/search/query.hpp>

namespace newsdex {
namespace {

/// One analyzer case: input text and the compact expected analysis.
struct Row {
    const char* name;
    std::string text;
    /// "term[pos]" per token (positions from 1), followed by "~stem" when the English stem differs.
    const char* expected;
};

// clang-format off
const std::vector<Row> rows = {
    {"ascii", "The quick brown fox", "the[1] quick[2] brown[3] fox[4]"},
    {"upper_case", "NEWS Agency", "news[1] agency[2]~agenc"},
    {"accent_mexico", "México City", "mexico[1] city[2]~citi"},
    {"accents", "café naïve Zürich", "cafe[1] naive[2]~naiv zurich[3]"},
    {"sharp_s", "Straße", "strasse[1]~strass"},
    {"accented_capitals", "ÉCOLE Ångström", "ecole[1]~ecol angstrom[2]"},
    {"typographic_apostrophe", "Don’t", "don't[1]"},
    {"ascii_apostrophe", "Don't", "don't[1]"},
    {"modifier_and_fullwidth_apostrophe", "donʼt don＇t", "don't[1] don't[2]"},
    {"possessives", "Reuters' report on John's car", "reuters[1]~reuter report[2] on[3] john's[4]~john car[5]"},
    {"irish_name", "O’Neill", "o'neill[1]~o'neil"},
    {"leading_modifier_apostrophe", "ʼtwas", "twas[1]"},
    {"typographic_quotes", "‘quoted’ and “double”", "quoted[1]~quot and[2] double[3]~doubl"},
    {"hyphens", "e-mail state-of-the-art", "e[1] mail[2] state[3] of[4] the[5] art[6]"},
    {"acronyms", "U.S. and U.K. officials", "us[1] and[2] uk[3] officials[4]~offici"},
    {"acronym_hyphen", "U.S.-based firm", "us[1] based[2]~base firm[3]"},
    {"numbers", "3.5 percent of 1,000 and 155,221", "3.5[1] percent[2] of[3] 1000[4] and[5] 155221[6]"},
    {"numbers_not_grouped", "1,2,3 and 1.000,50", "1,2,3[1] and[2] 1.000,50[3]"},
    {"iso_date", "2016-03-01", "2016[1] 03[2] 01[3]"},
    {"money_percent", "$1.13bn (£600m) 76%", "1.13bn[1] 600m[2] 76[3]"},
    {"ordinal", "the 3rd quarter", "the[1] 3rd[2] quarter[3]"},
    {"email_url", "mail jo@example.com or see http://www.bbc.co.uk/news",
     "mail[1] jo@example.com[2] or[3] see[4] http[5] www.bbc.co.uk[6] news[7]"},
    {"time", "at 10:30 GMT", "at[1] 10[2] 30[3] gmt[4]"},
    {"japanese", "東京都に住んでいます", "東京[1] 都[2] に[3] 住[4] んで[5] い[6] ます[7]"},
    {"chinese", "北京大学", "北京[1] 大学[2]"},
    {"korean", "서울특별시", "서울특별시[1]"},
    {"kana_dakuten_kept", "が", "が[1]"},
    {"mixed_scripts", "Tokyo東京 Москва", "tokyo[1] 東京[2] москва[3]"},
    {"cyrillic_stress_dropped_breve_kept", "Ви́ски й", "виски[1] й[2]"},
    {"greek", "ΑΘΗΝΑ Ωμέγα", "αθηνα[1] ωμεγα[2]"},
    {"nfkc_ligature_fullwidth", "ﬁnance ＡＢＣ ２０１６", "finance[1]~financ abc[2] 2016[3]"},
    {"turkish_dotted_i", "İstanbul", "istanbul[1]"},
    {"symbols_dropped", "C++ and R&D", "c[1] and[2] r[3] d[4]"},
    {"emoji_dropped", "oil 🛢 price", "oil[1] price[2]"},
    {"invalid_utf8", "caf\xE9 ok", "caf[1] ok[2]"},
    {"stemming", "running connected dogs happily", "running[1]~run connected[2]~connect dogs[3]~dog happily[4]~happili"},
    {"empty", "", ""},
    {"whitespace", " \t\n  ", ""},
    {"punctuation_only", "--- !!! ...", ""},
};
// clang-format on

std::string describe(const Analyzer& a, std::string_view text) {
    std::string out;
    int pos = 1;
    for (const Token& t : a.tokenize(text)) {
        if (!out.empty()) out += ' ';
        out += t.term + "[" + std::to_string(pos++) + "]";
        if (const std::string s = a.stem(t.term); s != t.term) out += "~" + s;
    }
    return out;
}

class AnalyzerTable : public testing::TestWithParam<Row> {};

TEST_P(AnalyzerTable, FoldsAndStems) {
    const Analyzer analyzer;
    EXPECT_EQ(describe(analyzer, GetParam().text), GetParam().expected) << "text: " << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(Rows, AnalyzerTable, testing::ValuesIn(rows),
                         [](const testing::TestParamInfo<Row>& info) { return std::string(info.param.name); });

/// The round trip: index each row's text (body and title) and search for it with the query language.
TEST(AnalyzerRoundTrip, EveryRowTextFindsItsDocument) {
    const Analyzer analyzer;
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    std::vector<Xapian::docid> ids;
    for (const Row& row : rows) {
        Xapian::Document doc;
        const Xapian::termpos next = analyzer.index_text(doc, row.text, "S");
        analyzer.index_text(doc, row.text, "", next + 100);
        doc.set_data(row.name);
        ids.push_back(db.add_document(doc));
    }
    Xapian::Enquire enquire(db);
    const auto finds = [&](const Xapian::Query& q, Xapian::docid id) {
        enquire.set_query(q);
        const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
        return std::any_of(mset.begin(), mset.end(), [&](Xapian::docid d) { return d == id; });
    };
    QueryOptions or_options;
    QueryOptions and_options;
    and_options.default_op = Xapian::Query::OP_AND;
    int searched = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Row& row = rows[i];
        SCOPED_TRACE(row.name);
        const auto tokens = analyzer.tokenize(row.text);
        if (tokens.empty()) {
            EXPECT_THROW((void)parse_query(row.text, analyzer, or_options), QueryError);
            continue;
        }
        ++searched;
        EXPECT_TRUE(finds(parse_query(row.text, analyzer, or_options), ids[i])) << "OR query: " << row.text;
        const Xapian::Query all = parse_query(row.text, analyzer, and_options);
        EXPECT_TRUE(finds(all, ids[i])) << "AND query: " << row.text << " = " << all.get_description();
        EXPECT_TRUE(finds(parse_query("title:(" + row.text + ")", analyzer, and_options), ids[i])) << row.text;
        if (tokens.size() > 1 && row.text.find('"') == std::string::npos) {
            const Xapian::Query phrase = parse_query("\"" + row.text + "\"", analyzer, or_options);
            EXPECT_TRUE(finds(phrase, ids[i])) << "phrase: " << phrase.get_description();
        }
    }
    EXPECT_GT(searched, 30);
}

TEST(Analyzer, OffsetsAreUtf8Bytes) {
    const Analyzer analyzer;
    const auto t = analyzer.tokenize("México  City");
    ASSERT_EQ(t.size(), 2U);
    EXPECT_EQ(t[0].offset, 0U);
    EXPECT_EQ(t[0].length, 7U);  // "México": é is two bytes
    EXPECT_EQ(t[1].offset, 9U);
    EXPECT_EQ(t[1].length, 4U);
    EXPECT_FALSE(t[0].numeric);
    const auto n = analyzer.tokenize("in 2016, ２０１６");
    ASSERT_EQ(n.size(), 3U);
    EXPECT_FALSE(n[0].numeric);
    EXPECT_TRUE(n[1].numeric);
    EXPECT_TRUE(n[2].numeric);
}

TEST(Analyzer, TokenizeClearsAndReusesTheOutputVector) {
    const Analyzer analyzer;
    std::vector<Token> out;
    analyzer.tokenize("one two three four", out);
    EXPECT_EQ(out.size(), 4U);
    analyzer.tokenize("five", out);
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(out[0].term, "five");
    analyzer.tokenize("", out);
    EXPECT_TRUE(out.empty());
}

TEST(Analyzer, IndexTextWritesPositionalTermsAndStems) {
    const Analyzer analyzer;
    Xapian::Document doc;
    const Xapian::termpos next = analyzer.index_text(doc, "Running dogs in 2016, running", "S", 5);
    EXPECT_EQ(next, 10U);
    std::vector<std::string> terms;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) terms.push_back(*it);
    // "in" is a stop word: positional term, no stem term (STOP_STEMMED).
    const std::vector<std::string> expected = {"S2016", "Sdogs", "Sin", "Srunning", "ZSdog", "ZSrun"};
    EXPECT_EQ(terms, expected);
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        if ((*it)[0] == 'Z') {
            EXPECT_EQ(it.positionlist_count(), 0U) << *it;
        }
        if (*it == "Srunning") {
            EXPECT_EQ(it.get_wdf(), 2U);
            std::vector<Xapian::termpos> pos(it.positionlist_begin(), it.positionlist_end());
            EXPECT_EQ(pos, (std::vector<Xapian::termpos>{5, 9}));
        }
        if (*it == "ZSrun") {
            EXPECT_EQ(it.get_wdf(), 2U);
        }
    }
}

TEST(Analyzer, IndexTextWdfIncrement) {
    const Analyzer analyzer;
    Xapian::Document doc;
    analyzer.index_text(doc, "oil", "", 1, 3);
    auto it = doc.termlist_begin();  // terms sort bytewise: "Zoil" < "oil"
    ASSERT_EQ(*it, "Zoil");
    EXPECT_EQ(it.get_wdf(), 3U);
    ++it;
    ASSERT_EQ(*it, "oil");
    EXPECT_EQ(it.get_wdf(), 3U);
}

TEST(Analyzer, OverlongTermsAreSkippedButKeepTheirPosition) {
    const Analyzer analyzer;
    Xapian::Document doc;
    const std::string text = "budget " + std::string(300, 'a') + " talks";
    EXPECT_EQ(analyzer.index_text(doc, text, ""), 4U);
    std::vector<std::string> terms;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        EXPECT_LE((*it).size(), 245U);
        terms.push_back(*it);
        if (*it == "talks") {
            EXPECT_EQ(*it.positionlist_begin(), 3U);
        }
    }
    EXPECT_EQ(terms, (std::vector<std::string>{"Zbudget", "Ztalk", "budget", "talks"}));
}

TEST(Analyzer, StemmingLanguages) {
    const Analyzer none(AnalyzerOptions{"none"});
    EXPECT_EQ(none.stem("running"), "running");
    Xapian::Document doc;
    none.index_text(doc, "running", "");
    EXPECT_EQ(doc.termlist_count(), 2U);  // "running" and "Zrunning": same scheme, identity stem
    const Analyzer french(AnalyzerOptions{"french"});
    EXPECT_EQ(french.stem("continuation"), "continu");
    const Analyzer english;
    EXPECT_EQ(english.stem("2016"), "2016");  // numbers are never stemmed
    EXPECT_EQ(english.options().language, "english");
}

TEST(Analyzer, UnknownLanguageIsAUsageErrorListingTheLanguages) {
    try {
        const Analyzer a(AnalyzerOptions{"klingon"});
        FAIL() << "no exception";
    } catch (const UsageError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("'klingon'"), std::string::npos) << what;
        EXPECT_NE(what.find("english"), std::string::npos) << what;
        EXPECT_NE(what.find("none"), std::string::npos) << what;
    }
}

TEST(Analyzer, StopWordsKeepPositionsButNoStems) {
    const Analyzer english;
    EXPECT_TRUE(english.is_stop_word("the"));
    EXPECT_TRUE(english.is_stop_word("before"));
    EXPECT_FALSE(english.is_stop_word("budget"));
    EXPECT_FALSE(english.is_stop_word("The"));  // folded words only
    Xapian::Document doc;
    english.index_text(doc, "the bank of england", "");
    std::vector<std::string> terms;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) terms.push_back(*it);
    EXPECT_EQ(terms, (std::vector<std::string>{"Zbank", "Zengland", "bank", "england", "of", "the"}));
    // Without a stop list (other languages, none) every word gets its stem term.
    const Analyzer none(AnalyzerOptions{"none"});
    EXPECT_FALSE(none.is_stop_word("the"));
    Xapian::Document plain;
    none.index_text(plain, "the bank", "");
    EXPECT_TRUE(plain.termlist_begin() != plain.termlist_end());
    std::vector<std::string> all;
    for (auto it = plain.termlist_begin(); it != plain.termlist_end(); ++it) all.push_back(*it);
    EXPECT_EQ(all, (std::vector<std::string>{"Zbank", "Zthe", "bank", "the"}));
}

TEST(Analyzer, SettingsNameEveryChoice) {
    const Analyzer english;
    const Analyzer none(AnalyzerOptions{"none"});
    EXPECT_EQ(
        english.settings(),
        "icu-word;nfkc-cf;strip-marks=latn,grek,cyrl-stress;apos;acronym;num-group;stem=english;stop-unstemmed;v1");
    EXPECT_NE(english.settings(), none.settings());
    EXPECT_NE(none.settings().find("stem=none"), std::string::npos);
}

TEST(Analyzer, CopiesAreIndependent) {
    Analyzer a;
    Analyzer b(a);
    Analyzer c(AnalyzerOptions{"none"});
    c = a;
    EXPECT_EQ(describe(b, "México running"), "mexico[1] running[2]~run");
    EXPECT_EQ(describe(c, "México running"), "mexico[1] running[2]~run");
    Analyzer moved(std::move(b));
    EXPECT_EQ(describe(moved, "Straße"), "strasse[1]~strass");
    EXPECT_EQ(describe(a, "Zürich"), "zurich[1]");
}

TEST(Analyzer, OneCopyPerThread) {
    const Analyzer prototype;
    std::string text;
    for (const Row& r : rows) text += r.text + "\n";
    const std::string expected = describe(prototype, text);
    std::vector<std::string> results(4);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < results.size(); ++i)
        threads.emplace_back([&, i] {
            const Analyzer mine(prototype);
            for (int k = 0; k < 20; ++k) results[i] = describe(mine, text);
        });
    for (auto& t : threads) t.join();
    for (const auto& r : results) EXPECT_EQ(r, expected);
}

TEST(Analyzer, FoldExactValue) {
    EXPECT_EQ(fold_exact_value("USA"), "usa");
    EXPECT_EQ(fold_exact_value("  Paul \t Volcker "), "paul volcker");
    EXPECT_EQ(fold_exact_value("São Paulo"), "são paulo");
    EXPECT_EQ(fold_exact_value("ABC-123"), "abc-123");
    EXPECT_EQ(fold_exact_value(""), "");
}

}  // namespace
}  // namespace newsdex
