/** @file
 * @brief The interactive prompt driven by a scripted line reader over a small database.
 */
#include <deque>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <newsdex/analysis/terms.hpp>
#include <newsdex/index/document_builder.hpp>
#include <newsdex/output/printer.hpp>
#include <newsdex/output/repl.hpp>
#include <newsdex/schema/schema.hpp>
#include <newsdex/search/search.hpp>

#include "test_support.hpp"

namespace newsdex {
namespace {

/// Hands out a fixed list of lines, recording the prompts it was asked with.
class ScriptReader final : public LineReader {
public:
    explicit ScriptReader(std::vector<std::string> lines) : m_lines(lines.begin(), lines.end()) {}
    std::optional<std::string> read_line(std::string_view /*prompt*/) override {
        ++prompts;
        if (m_lines.empty()) return std::nullopt;
        std::string l = std::move(m_lines.front());
        m_lines.pop_front();
        return l;
    }
    int prompts = 0;
    [[nodiscard]] std::size_t left() const { return m_lines.size(); }

private:
    std::deque<std::string> m_lines;
};

Document make(std::string id, std::string title, std::string body, std::vector<std::string> people, std::string place) {
    Document d;
    d.id = std::move(id);
    d.type = "news";
    d.title = std::move(title);
    d.body = std::move(body);
    d.date = Date{2017, 2, 13};
    for (auto& p : people) d.entities.push_back(Entity{EntityType::person, std::move(p), {}, {}});
    d.entities.push_back(Entity{EntityType::place, std::move(place), {}, {}});
    return d;
}

class ReplTest : public ::testing::Test {
protected:
    void SetUp() override {
        const std::vector<Document> docs{
            make("a", "Runway review ordered", "Walsh orders a runway review in Dayton.", {"Theresa Walsh"}, "Ohio"),
            make("b", "Runway closed", "A runway in Dayton closed after an incursion.", {"Marcus Bell"}, "Ohio"),
            make("c", "Runway repaved", "Crews repaved the runway in Austin.", {"Theresa Walsh", "Ana Ruiz"}, "Texas"),
            make("d", "Tower staffing", "Tower staffing is short in Austin.", {"Ana Ruiz"}, "Texas"),
        };
        Analyzer analyzer;
        Xapian::WritableDatabase db((m_tmp / "db").string(), Xapian::DB_CREATE_OR_OVERWRITE);
        for (const auto& d : docs) db.replace_document(id_term(d.id), build_document(d, analyzer, ""));
        db.set_metadata(std::string(schema::meta_schema_version), std::to_string(schema::version));
        db.set_metadata(std::string(schema::meta_language), analyzer.options().language);
        db.set_metadata(std::string(schema::meta_analyzer), analyzer.settings());
        db.commit();
    }

    std::string run(std::vector<std::string> lines, std::size_t limit = 10) {
        const Searcher searcher({(m_tmp / "db").string()});
        auto printer = make_printer("text");
        SearchOptions base;
        base.limit = limit;
        std::ostringstream out;
        Repl repl(searcher, *printer, base, out);
        ScriptReader reader(std::move(lines));
        repl.run(reader);
        return out.str();
    }

    test::TempDir m_tmp;
};

TEST_F(ReplTest, QueryThenPages) {
    const std::string out = run({"runway", ":next", ":prev"}, 2);
    EXPECT_NE(out.find("3 matches (showing 1-2)"), std::string::npos) << out;
    EXPECT_NE(out.find("3 matches (showing 3-3)"), std::string::npos) << out;
    EXPECT_NE(out.find("3 matches (showing 1-2)"), out.rfind("3 matches (showing 1-2)"));  // :prev again
}

TEST_F(ReplTest, DrillDownNarrowsByFacetValues) {
    const std::string out =
        run({":facet person,place", "runway", ":filter place:\"Ohio\"", ":filter person:\"Theresa Walsh\"", ":query"});
    EXPECT_NE(out.find("3 matches"), std::string::npos) << out;
    EXPECT_NE(out.find("2 matches"), std::string::npos) << out;
    EXPECT_NE(out.find("1 match\n"), std::string::npos) << out;
    EXPECT_NE(out.find("  person: Theresa Walsh (2) · Ana Ruiz (1) · Marcus Bell (1)"), std::string::npos) << out;
    EXPECT_NE(out.find("runway place:\"Ohio\" person:\"Theresa Walsh\"\n"), std::string::npos) << out;
}

TEST_F(ReplTest, OpenShowsWholeDocument) {
    const std::string out = run({"tower", ":open 1", ":open 7", ":show c"});
    EXPECT_NE(out.find("Tower staffing\n  id: d\n"), std::string::npos) << out;
    EXPECT_NE(out.find("  person: Ana Ruiz\n"), std::string::npos) << out;
    EXPECT_NE(out.find("\nTower staffing is short in Austin.\n"), std::string::npos) << out;
    EXPECT_NE(out.find("error: no hit 7 on this page"), std::string::npos) << out;
    EXPECT_NE(out.find("Runway repaved\n  id: c\n"), std::string::npos) << out;
}

TEST_F(ReplTest, ErrorsKeepThePromptGoing) {
    const std::string out = run({"\"unbalanced", ":bogus", ":next", ":facet nosuch", "runway"});
    EXPECT_NE(out.find("error: bad query: unbalanced"), std::string::npos) << out;
    EXPECT_NE(out.find("error: unknown command ':bogus'"), std::string::npos) << out;
    EXPECT_NE(out.find("error: no query yet"), std::string::npos) << out;
    EXPECT_NE(out.find("error: unknown facet field 'nosuch'"), std::string::npos) << out;
    EXPECT_NE(out.find("3 matches"), std::string::npos) << out;
}

TEST_F(ReplTest, QuitStopsReading) {
    const Searcher searcher({(m_tmp / "db").string()});
    auto printer = make_printer("text");
    std::ostringstream out;
    Repl repl(searcher, *printer, {}, out);
    ScriptReader reader({":help", ":quit", "runway"});
    repl.run(reader);
    EXPECT_EQ(reader.left(), 1u);
    EXPECT_NE(out.str().find(":facet FIELD"), std::string::npos);
    EXPECT_EQ(out.str().find("match"), std::string::npos);
}

}  // namespace
}  // namespace newsdex
