/** @file
 * @brief The e-mail and SGML parsers against the real corpora in ../shared/corpora: every Enron message
 *        parses as e-mail; Reuters-21578 read from its SGML gives the same documents as its JSON Lines
 *        copy (field by field, then indexed: document counts and facet counts). Skipped when the shared
 *        folder is missing.
 */
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <newsdex/core/diagnostics.hpp>
#include <newsdex/ingest/encoding.hpp>
#include <newsdex/ingest/parser.hpp>
#include <newsdex/search/search.hpp>

#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace newsdex;

namespace {

std::string diagnostics_text(const std::vector<Diagnostic>& diags, std::size_t max = 20) {
    std::string out;
    for (std::size_t i = 0; i < diags.size() && i < max; ++i) out += diags[i].format() + "\n";
    return out;
}

std::vector<fs::path> reuters_sgml_files() {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(test::shared_corpora() / "reuters21578"))
        if (e.path().extension() == ".sgm") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST(FormatsMailSgml, EnronEveryMessageParsesAsEmail) {
    NEWSDEX_REQUIRE_SHARED("enron_subset");
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(test::shared_corpora() / "enron_subset/maildir"))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    ASSERT_EQ(files.size(), 4655u);

    const auto parser = make_parser("auto");
    DiagnosticSink sink;
    std::size_t docs = 0, with_date = 0, with_subject = 0, with_from_name = 0, with_to = 0;
    std::set<std::string> ids;
    for (const auto& f : files) {
        const DecodedText text = decode_to_utf8(test::read_file(f));
        ASSERT_FALSE(text.binary) << f;
        ASSERT_EQ(detect_format(f.string(), std::string_view(text.utf8).substr(0, 4096)), "email") << f;
        std::size_t here = 0;
        parser->parse(f.string(), text.utf8, sink, [&](Document&& d) {
            ++here;
            EXPECT_EQ(d.type, "email");
            EXPECT_TRUE(d.id.ends_with(".JavaMail.evans@thyme")) << f << ": " << d.id;
            ids.insert(d.id);
            with_date += d.date.has_value();
            with_subject += !d.title.empty();
            with_to += !d.to.empty();
            // From carries a display name (the CMU X-From one: "Lay, Kenneth <kenneth.lay@enron.com>").
            with_from_name += !d.from.empty() && d.from[0].find(" <") != std::string::npos;
            EXPECT_FALSE(d.body.empty() && d.title.empty()) << f;
        });
        EXPECT_EQ(here, 1u) << f;
        docs += here;
    }
    const auto diags = sink.collected();
    EXPECT_EQ(docs, 4655u);
    EXPECT_EQ(ids.size(), 4655u);
    EXPECT_EQ(sink.errors(), 0u) << diagnostics_text(diags);
    EXPECT_EQ(sink.warnings(), 0u) << diagnostics_text(diags);
    // 37 messages carry the bogus years 0001/0002 (a note each, no date); the rest are dated.
    EXPECT_EQ(diags.size(), 37u) << diagnostics_text(diags);
    EXPECT_EQ(with_date, 4655u - 37u);
    EXPECT_GT(with_subject, 4400u);
    EXPECT_GT(with_to, 4100u);
    EXPECT_GT(with_from_name, 4100u);  // 4,116: the others are bare addresses of outside senders
}

TEST(FormatsMailSgml, ReutersSgmlRecordsEqualTheJsonLinesCopy) {
    NEWSDEX_REQUIRE_SHARED("reuters21578");
    NEWSDEX_REQUIRE_SHARED("reuters21578-jsonl");
    const auto files = reuters_sgml_files();
    ASSERT_EQ(files.size(), 22u);
    std::map<std::string, Document> sgml;
    DiagnosticSink sink;
    const auto parser = make_parser("auto");
    for (const auto& f : files) {
        const DecodedText text = decode_to_utf8(test::read_file(f));
        EXPECT_EQ(text.replaced, 0u) << f;
        ASSERT_EQ(detect_format(f.string(), std::string_view(text.utf8).substr(0, 4096)), "reuters") << f;
        parser->parse(f.string(), text.utf8, sink, [&](Document&& d) {
            const std::string id = d.id;
            EXPECT_TRUE(sgml.emplace(id, std::move(d)).second) << "duplicate " << id;
        });
    }
    EXPECT_EQ(sink.errors(), 0u) << diagnostics_text(sink.collected());
    EXPECT_EQ(sink.warnings(), 0u) << diagnostics_text(sink.collected());
    ASSERT_EQ(sgml.size(), 21578u);

    // The JSON Lines copy, through its own parser.
    std::map<std::string, Document> jsonl;
    const fs::path jfile = test::shared_corpora() / "reuters21578-jsonl/reuters21578.jsonl";
    make_parser("jsonl")->parse(jfile.string(), test::read_file(jfile), sink, [&](Document&& d) {
        const std::string id = d.id;
        jsonl.emplace(id, std::move(d));
    });
    ASSERT_EQ(jsonl.size(), 21578u);

    std::size_t same_body = 0, unproc_bodies = 0, jsonl_dates = 0, with_authors = 0;
    for (const auto& [id, j] : jsonl) {
        SCOPED_TRACE(id);
        const auto it = sgml.find(id);
        ASSERT_NE(it, sgml.end());
        const Document& s = it->second;
        EXPECT_EQ(s.title, j.title);
        const auto meta = [](const Document& d, const char* k) {
            auto m = d.meta.find(k);
            return m == d.meta.end() ? std::string() : m->second;
        };
        EXPECT_EQ(meta(s, "dateline"), meta(j, "dateline"));
        for (const char* field : {"topics", "places", "people", "orgs"}) {
            const auto a = s.tags.find(field), b = j.tags.find(field);
            EXPECT_EQ(a == s.tags.end() ? std::vector<std::string>{} : a->second,
                      b == j.tags.end() ? std::vector<std::string>{} : b->second)
                << field;
        }
        if (s.body == j.body) {
            ++same_body;
        } else {
            // The only bodies that differ: TYPE="UNPROC" texts, which the JSON Lines copy leaves empty.
            EXPECT_TRUE(j.body.empty()) << s.body.substr(0, 80) << " | " << j.body.substr(0, 80);
            ++unproc_bodies;
        }
        // Every date the JSON Lines copy has is the same day (it lost the one-digit days: null there).
        if (j.date) {
            ++jsonl_dates;
            EXPECT_EQ(s.date, j.date);
        }
        EXPECT_TRUE(s.date.has_value());
        with_authors += !s.authors.empty();
    }
    EXPECT_EQ(same_body + unproc_bodies, 21578u);
    EXPECT_EQ(unproc_bodies, 736u);  // of the 737 UNPROC texts, one is empty
    EXPECT_EQ(jsonl_dates, 21578u - 8459u);
    EXPECT_EQ(with_authors, 875u);
}

namespace {

/// Both copies indexed once (ctest runs each test in its own process: one test does it all).
class ReutersBothIndexed : public ::testing::Test {
protected:
    static std::string index(const std::string& name, const std::string& inputs) {
        const std::string db = (s_tmp->path() / name).string();
        const auto r = test::run(std::string(INDEXER_BIN) + " -q --no-entities --db " + db + " " + inputs);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return db;
    }
    static test::TempDir* s_tmp;
};
test::TempDir* ReutersBothIndexed::s_tmp = nullptr;

using Counts = std::map<std::string, Xapian::doccount>;

struct TopicFacets {
    Xapian::doccount docs = 0;
    std::map<std::string, Counts> fields;
};

TopicFacets facets(const std::string& db, const std::string& topic) {
    const Searcher searcher({db});
    SearchOptions o;
    o.query = "topics:" + topic;
    o.facets = {"places,people"};
    o.facet_size = 100000;
    o.limit = 0;
    const SearchResult r = searcher.search(o);
    TopicFacets out;
    EXPECT_EQ(r.lower, r.upper);
    out.docs = r.lower;
    for (const auto& f : r.facets) {
        EXPECT_TRUE(f.exact);
        for (const auto& v : f.values) out.fields[f.field][v.value] = v.count;
    }
    return out;
}

Xapian::doccount count(const std::string& db, const std::string& query) {
    const Searcher searcher({db});
    SearchOptions o;
    o.query = query;
    o.limit = 0;
    o.exact_count = true;
    return searcher.search(o).lower;
}

}  // namespace

TEST_F(ReutersBothIndexed, SameDocumentCountsAndFacetCounts) {
    NEWSDEX_REQUIRE_SHARED("reuters21578");
    NEWSDEX_REQUIRE_SHARED("reuters21578-jsonl");
    s_tmp = new test::TempDir();
    std::string sgm_files;
    for (const auto& f : reuters_sgml_files()) sgm_files += " " + f.string();
    const std::string sgml_db = index("sgml", sgm_files);
    const std::string jsonl_db =
        index("jsonl", (test::shared_corpora() / "reuters21578-jsonl/reuters21578.jsonl").string());

    EXPECT_EQ(Xapian::Database(sgml_db).get_doccount(), 21578u);
    EXPECT_EQ(Xapian::Database(jsonl_db).get_doccount(), 21578u);
    for (const char* topic : {"money-fx", "crude", "grain"}) {
        SCOPED_TRACE(topic);
        TopicFacets a = facets(sgml_db, topic), b = facets(jsonl_db, topic);
        EXPECT_GT(a.docs, 400u);
        EXPECT_EQ(a.docs, b.docs);
        EXPECT_FALSE(a.fields["places"].empty());
        EXPECT_FALSE(a.fields["people"].empty());
        EXPECT_EQ(a.fields, b.fields);
    }
    // Tag filters, titles and phrases agree too (the body words of the UNPROC texts aside).
    for (const char* q : {"places:usa", "people:volcker", "orgs:opec", "title:opec", "topics:earn places:japan"})
        EXPECT_EQ(count(sgml_db, q), count(jsonl_db, q)) << q;
    delete s_tmp;
    s_tmp = nullptr;
}
