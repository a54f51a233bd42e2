/** @file
 * @brief search_features: spelling words counted per document and read back from a database.
 */
#include <map>
#include <string>

#include <gtest/gtest.h>
#include <xapian.h>

#include <newsdex/analysis/analyzer.hpp>
#include <newsdex/analysis/spelling.hpp>
#include <newsdex/analysis/terms.hpp>
#include <newsdex/index/document_builder.hpp>

#include "test_support.hpp"

namespace newsdex {
namespace {

Document doc(std::string id, std::string title, std::string body) {
    Document d;
    d.id = std::move(id);
    d.title = std::move(title);
    d.body = std::move(body);
    return d;
}

TEST(SpellingWordCounts, EqualTheSumOfEveryDocumentsSpellingWords) {
    const Analyzer analyzer;
    test::TempDir tmp;  // glass, as the index writer's segments (the inmemory backend keeps stale frequencies)
    Xapian::WritableDatabase db((tmp / "db").string(), Xapian::DB_CREATE);
    std::map<std::string, Xapian::termcount> expected;
    const Document docs[] = {
        doc("a", "Harvest report", "The harvest was late; harvest prices rose 12 pct."),  // title and body
        doc("b", "Cocoa", "Cocoa and coffee prices"),
        doc("c", "Coffee harvest", "Rain in Brazil."),      // title words only in the title
        doc("d", "", "harvest harvest harvest of 1987 x"),  // repeats, a number, a 1-letter word
        doc("e", "Harvest", "harvest"),
    };
    for (const Document& d : docs) {
        const Xapian::Document x = build_document(d, analyzer, "");
        for (const std::string& w : spelling_words(x)) ++expected[w];
        db.add_document(x);
    }
    // A replaced document counts as it is now.
    const Xapian::Document replaced = build_document(doc("b", "Cocoa", "sugar"), analyzer, "");
    for (const std::string& w : spelling_words(build_document(docs[1], analyzer, ""))) --expected[w];
    for (const std::string& w : spelling_words(replaced)) ++expected[w];
    std::erase_if(expected, [](const auto& e) { return e.second == 0; });
    db.replace_document(id_term("b"), replaced);
    db.commit();

    std::map<std::string, Xapian::termcount> counted;
    spelling_word_counts(db, [&](std::string&& w, Xapian::termcount n) { counted[std::move(w)] += n; });
    EXPECT_EQ(counted, expected);
    EXPECT_EQ(counted["harvest"], 4u);  // a, c, d, e: once each, title or body or both
    EXPECT_EQ(counted.count("1987"), 0u);
    EXPECT_EQ(counted.count("coffee"), 1u);
    EXPECT_EQ(counted.count("cocoa"), 1u);
}

}  // namespace
}  // namespace newsdex
