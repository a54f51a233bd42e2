/** @file
 * @brief Index inspection: archives are read member by member (tests/data/formats/archive.tar.gz, .zip):
 *        documents named `archive:member`, ids from the format or `archive:member`, one file state for the
 *        archive (a second run skips it), members gone from a changed archive removed.
 */
#include <filesystem>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <xapian.h>

#include "test_support.hpp"

namespace fs = std::filesystem;

namespace newsdex::test {
namespace {

std::set<std::string> terms_with_prefix(const Xapian::Database& db, const std::string& prefix) {
    std::set<std::string> out;
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) out.insert(*it);
    return out;
}

TEST(ArchiveIndex, MembersAreDocumentsAndTheArchiveIsOneFile) {
    TempDir tmp;
    const fs::path in = tmp / "in";
    fs::create_directories(in);
    fs::copy_file(fs::path(TEST_DATA_DIR) / "formats/archive.tar.gz", in / "archive.tar.gz");
    const std::string db = (tmp / "db").string();
    const std::string cmd = std::string(INDEXER_BIN) + " --no-entities --db " + db + " " + in.string();

    const RunResult first = run(cmd);
    EXPECT_EQ(first.exit_code, 0) << first.err;
    {
        const Xapian::Database x(db);
        EXPECT_EQ(x.get_doccount(), 7u);
        EXPECT_EQ(terms_with_prefix(x, "Q"),
                  (std::set<std::string>{"Qarc-1", "Qarc-2", "Qgz-1", "Qgz-2", "Qarchived-1@lanesford.example",
                                         "Qarchive.tar.gz:corpus/news/harbor.txt",
                                         "Qarchive.tar.gz:corpus/inner.zip:notes/note.txt"}));
        // One source file: the archive.
        EXPECT_EQ(terms_with_prefix(x, "P").size(), 1u);
        EXPECT_EQ(x.get_termfreq("XTemail"), 1u);
    }
    EXPECT_NE(first.err.find("added 7"), std::string::npos) << first.err;

    // Unchanged: skipped whole.
    const RunResult second = run(cmd);
    EXPECT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.err.find("unchanged 7"), std::string::npos) << second.err;

    // Replaced by the zip (three of the same members) under the same name: the other members go.
    fs::remove(in / "archive.tar.gz");
    fs::copy_file(fs::path(TEST_DATA_DIR) / "formats/archive.zip", in / "archive.tar.gz");
    const RunResult third = run(cmd);
    EXPECT_EQ(third.exit_code, 0) << third.err;
    const Xapian::Database x(db);
    EXPECT_EQ(x.get_doccount(), 4u);
    EXPECT_EQ(x.get_termfreq("Qarchive.tar.gz:news/harbor.txt"), 1u);
    EXPECT_EQ(x.get_termfreq("Qarchive.tar.gz:corpus/news/harbor.txt"), 0u);
}

TEST(ArchiveIndex, DamagedArchiveIsAnErrorAndItsReadMembersStay) {
    TempDir tmp;
    // A zip cut in the middle of its second member: the first is indexed, the cut one is an error.
    const std::string zip = read_file(fs::path(TEST_DATA_DIR) / "formats/archive.zip");
    write_file(tmp / "in/cut.zip", zip.substr(0, zip.size() / 2));
    const RunResult r =
        run(std::string(INDEXER_BIN) + " --no-entities --db " + (tmp / "db").string() + " " + (tmp / "in").string());
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("cut.zip"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("error:"), std::string::npos) << r.err;
    const Xapian::Database x((tmp / "db").string());
    EXPECT_EQ(x.get_termfreq("Qcut.zip:news/harbor.txt"), 1u);
}

}  // namespace
}  // namespace newsdex::test
