/** @file
 * @brief Input formats against the real corpora in ../shared/corpora: BBC News (plain text) and
 *        Reuters-21578 (JSON Lines). Skipped when the shared folder is missing.
 */
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <newsdex/core/diagnostics.hpp>
#include <newsdex/ingest/encoding.hpp>
#include <newsdex/ingest/parser.hpp>

#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace newsdex;

namespace {

std::string diagnostics_text(const DiagnosticSink& sink) {
    std::string out;
    for (const auto& d : sink.collected()) out += d.format() + "\n";
    return out;
}

}  // namespace

TEST(FormatsShared, BbcNewsAllArticlesParse) {
    NEWSDEX_REQUIRE_SHARED("bbc_news");
    const fs::path root = test::shared_corpora() / "bbc_news";
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file() && e.path().extension() == ".txt" && e.path().parent_path() != root)
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    ASSERT_EQ(files.size(), 2225u);

    const auto parser = make_parser("auto");
    DiagnosticSink sink;
    std::map<std::string, std::size_t> charsets;
    std::size_t docs = 0, empty_titles = 0, empty_bodies = 0, with_date = 0, replaced = 0;
    for (const auto& f : files) {
        const std::string bytes = test::read_file(f);
        const DecodedText text = decode_to_utf8(bytes);
        ASSERT_FALSE(text.binary) << f;
        ++charsets[text.charset];
        replaced += text.replaced;
        const std::string path = f.string();
        EXPECT_EQ(detect_format(path, text.utf8), "news") << f;
        std::size_t here = 0;
        parser->parse(path, text.utf8, sink, [&](Document&& d) {
            ++here;
            empty_titles += d.title.empty();
            empty_bodies += d.body.empty();
            with_date += d.date.has_value();
            EXPECT_EQ(d.type, "news");
            EXPECT_EQ(d.path, path);
        });
        EXPECT_EQ(here, 1u) << f;
        docs += here;
    }
    EXPECT_EQ(docs, 2225u);
    EXPECT_EQ(sink.errors(), 0u) << diagnostics_text(sink);
    EXPECT_EQ(sink.warnings(), 0u) << diagnostics_text(sink);
    EXPECT_EQ(empty_titles, 0u);
    EXPECT_EQ(empty_bodies, 0u);
    EXPECT_EQ(with_date, 0u) << "BBC articles carry no dates: a body line was taken for a dateline";
    EXPECT_EQ(replaced, 0u);
    // 2224 files are UTF-8 (or ASCII), one (sport/199.txt) Latin-1.
    EXPECT_EQ(charsets["UTF-8"], 2224u);
    EXPECT_EQ(charsets["windows-1252"], 1u);
}

TEST(FormatsShared, BbcLatin1ArticleDecodes) {
    NEWSDEX_REQUIRE_SHARED("bbc_news");
    const std::string bytes = test::read_file(test::shared_corpora() / "bbc_news/sport/199.txt");
    const DecodedText text = decode_to_utf8(bytes);
    EXPECT_EQ(text.charset, "windows-1252");
    EXPECT_EQ(text.replaced, 0u);
    EXPECT_NE(text.utf8.find("\xC2\xA3"), std::string::npos) << "the pound sign is decoded";
}

TEST(FormatsShared, ReutersJsonLinesAllRecordsParse) {
    NEWSDEX_REQUIRE_SHARED("reuters21578-jsonl");
    const fs::path file = test::shared_corpora() / "reuters21578-jsonl/reuters21578.jsonl";
    const std::string bytes = test::read_file(file);
    const DecodedText text = decode_to_utf8(bytes);
    ASSERT_FALSE(text.binary);
    EXPECT_EQ(text.charset, "UTF-8");
    EXPECT_EQ(detect_format(file.string(), text.utf8.substr(0, 4096)), "jsonl");

    const auto parser = make_parser("auto");
    DiagnosticSink sink;
    std::set<std::string> ids;
    std::size_t docs = 0, with_date = 0, with_body = 0, with_title = 0, with_topics = 0, with_places = 0, earn = 0,
                last_line = 0;
    bool lines_increase = true;
    parser->parse(file.string(), text.utf8, sink, [&](Document&& d) {
        ++docs;
        ids.insert(d.id);
        with_date += d.date.has_value();
        with_body += !d.body.empty();
        with_title += !d.title.empty();
        with_topics += d.tags.count("topics") > 0;
        with_places += d.tags.count("places") > 0;
        if (auto t = d.tags.find("topics"); t != d.tags.end())
            earn += std::count(t->second.begin(), t->second.end(), "earn");
        if (docs == 1) {
            EXPECT_EQ(d.id, "reuters-1");
            EXPECT_EQ(d.line, 1u);
            ASSERT_TRUE(d.date.has_value());
            EXPECT_EQ(d.date->iso(), "1987-02-26");
            EXPECT_EQ(d.meta.count("dateline"), 1u);
        }
        lines_increase = lines_increase && d.line > last_line;
        last_line = d.line;
        EXPECT_EQ(d.type, "record");
        EXPECT_EQ(d.path, file.string());
    });
    EXPECT_EQ(docs, 21578u);
    EXPECT_EQ(ids.size(), 21578u) << "ids are unique";
    EXPECT_TRUE(lines_increase);
    EXPECT_EQ(last_line, 21578u);
    EXPECT_EQ(sink.errors(), 0u) << diagnostics_text(sink);
    EXPECT_EQ(sink.warnings(), 0u) << diagnostics_text(sink);
    // Counts from the corpus README and its gold lists: dates are null for 8,459 records,
    // bodies empty for 2,535, titles empty for 737.
    EXPECT_EQ(with_date, 13119u);
    EXPECT_EQ(with_body, 19043u);
    EXPECT_EQ(with_title, 20841u);
    EXPECT_EQ(with_topics, 11367u);
    EXPECT_EQ(with_places, 18798u);
    EXPECT_EQ(earn, 3987u);
}
