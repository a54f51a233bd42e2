// schema/database_path: stub files are read before Xapian, and `remote :PROGRAM` lines are refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <xapian.h>

#include <newsdex/core/error.hpp>
#include <newsdex/schema/database_path.hpp>

#include "test_support.hpp"

namespace fs = std::filesystem;
using newsdex::check_database_path;
using newsdex::DatabaseAccess;

namespace {

void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

std::string refusal(const std::string& path, DatabaseAccess access = {}) {
    try {
        check_database_path(path, access);
    } catch (const newsdex::RuntimeError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(DatabasePath, ProgramLineInDirectoryStubIsRefusedWithFileAndLine) {
    newsdex::test::TempDir tmp;
    const fs::path db = tmp.path() / "db";
    write(db / "XAPIANDB", "# shared shards\nremote 127.0.0.1:7000\nremote :touch /tmp/pwned\n");
    const std::string msg = refusal(db.string());
    EXPECT_NE(msg.find((db / "XAPIANDB").string() + ":3:"), std::string::npos) << msg;
    EXPECT_NE(msg.find("'touch'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("--allow-programs"), std::string::npos) << msg;
    EXPECT_EQ(refusal(db.string(), DatabaseAccess{true}), "");
}

TEST(DatabasePath, ProgramLineInNestedStubFileIsRefused) {
    newsdex::test::TempDir tmp;
    write(tmp.path() / "inner" / "XAPIANDB", "remote :sh -c id\n");
    write(tmp.path() / "outer.stub", "auto inner\n");  // relative to the stub's folder
    EXPECT_NE(refusal((tmp.path() / "outer.stub").string()).find("inner/XAPIANDB:1:"), std::string::npos);
}

TEST(DatabasePath, LocalAndTcpDatabasesPass) {
    newsdex::test::TempDir tmp;
    const fs::path real = tmp.path() / "real";
    { Xapian::WritableDatabase w(real.string(), Xapian::DB_CREATE_OR_OPEN); }
    write(tmp.path() / "stub", "glass real\nremote [::1]:7001\ninmemory\n");
    EXPECT_EQ(refusal(real.string()), "");
    EXPECT_EQ(refusal((tmp.path() / "stub").string()), "");
    EXPECT_EQ(refusal((tmp.path() / "missing").string()), "");
}

TEST(DatabasePath, StubLoopsStop) {
    newsdex::test::TempDir tmp;
    write(tmp.path() / "a", "auto b\n");
    write(tmp.path() / "b", "auto a\n");
    EXPECT_NE(refusal((tmp.path() / "a").string()).find("nested"), std::string::npos);
}
