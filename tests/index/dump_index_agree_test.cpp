/** @file
 * @brief `indexer --dump` and indexing read inputs the same way: for every file of tests/data (formats/,
 *        broken/, index-mini/), the documents dump_file prints and those build_index writes agree on
 *        their ids and main fields (title, date, path, line, type).
 */
#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <newsdex/core/diagnostics.hpp>
#include <newsdex/schema/stored.hpp>
#include <newsdex/index/indexer.hpp>
#include <newsdex/output/dump.hpp>

#include "test_support.hpp"

namespace fs = std::filesystem;

namespace newsdex::test {
namespace {

/// The fields compared, as one line (differences show up readably).
using Fields = std::map<std::string, std::string>;  // id -> "title|date|path|line|type"

std::string fields_line(const std::string& title, const std::string& date, const std::string& path, std::size_t line,
                        const std::string& type) {
    return title + " | " + date + " | " + path + " | " + std::to_string(line) + " | " + type;
}

/// What `indexer --dump FILE --json --no-entities` prints: the last copy of each id.
Fields dumped(const fs::path& file) {
    DiagnosticSink diag([](const Diagnostic&) {});
    std::ostringstream out;
    DumpOptions options;
    options.json = true;
    dump_file(file.string(), options, nullptr, diag, out);
    Fields fields;
    std::istringstream lines(out.str());
    for (std::string line; std::getline(lines, line);) {
        const auto j = nlohmann::json::parse(line);
        const std::string date = j["date"].is_null() ? "" : j["date"].get<std::string>();
        fields[j["id"].get<std::string>()] =
            fields_line(j["title"].get<std::string>(), date, j["path"].get<std::string>(), j["line"].get<std::size_t>(),
                        j["type"].get<std::string>());
    }
    return fields;
}

/// What `indexer --no-entities --db DB FILE` stores.
Fields indexed(const fs::path& file, const fs::path& db) {
    DiagnosticSink diag([](const Diagnostic&) {});
    IndexOptions options;
    options.db_path = db.string();
    options.inputs = {file.string()};
    options.entities = false;
    options.threads = 2;
    build_index(options, diag);
    Fields fields;
    const Xapian::Database x(db.string());
    for (auto it = x.postlist_begin(""); it != x.postlist_end(""); ++it) {
        const Document doc = decode_stored(x.get_document(*it).get_data());
        const std::string date = doc.date && doc.date->valid() ? doc.date->iso() : "";
        fields[doc.id] = fields_line(doc.title, date, doc.path, doc.line, doc.type);
    }
    return fields;
}

std::vector<fs::path> files_under(const fs::path& dir) {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

class DumpIndexAgree : public ::testing::TestWithParam<std::string> {};

TEST_P(DumpIndexAgree, SameDocumentsFromEveryFile) {
    TempDir tmp;
    std::size_t documents = 0, n = 0;
    for (const fs::path& file : files_under(fs::path(TEST_DATA_DIR) / GetParam())) {
        SCOPED_TRACE(file.string());
        const Fields dump = dumped(file);
        EXPECT_EQ(dump, indexed(file, tmp / ("db" + std::to_string(n++))));
        documents += dump.size();
    }
    EXPECT_GT(documents, 0u);
}

INSTANTIATE_TEST_SUITE_P(TestData, DumpIndexAgree, ::testing::Values("formats", "broken", "index-mini"));

}  // namespace
}  // namespace newsdex::test
