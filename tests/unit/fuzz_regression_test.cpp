/** @file
 * @brief Replays the fuzz seeds and every crash the fuzzers found (tests/fuzz/seeds/<target>/,
 *        tests/fuzz/regressions/<target>/) through the fuzz targets' entry points, in the normal suite.
 *
 * The entry points (tests/support/fuzz_entry.hpp) are the ones the libFuzzer binaries call, so an
 * input that crashed a fuzzer is checked here in every build, with or without sanitizers.
 */
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fuzz_entry.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path fuzz_dir = fs::path(TEST_DATA_DIR) / ".." / "fuzz";

std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The input files of one target under @p kind ("seeds" or "regressions"), sorted.
std::vector<fs::path> inputs(std::string_view kind, std::string_view target) {
    std::vector<fs::path> files;
    const fs::path dir = fuzz_dir / kind / target;
    if (!fs::is_directory(dir)) return files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file() && e.path().filename().string().front() != '.') files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

class FuzzReplay : public ::testing::TestWithParam<std::string_view> {};

TEST_P(FuzzReplay, SeedsAndRegressionsRunClean) {
    const std::string_view target = GetParam();
    const auto seeds = inputs("seeds", target);
    EXPECT_FALSE(seeds.empty()) << "no seeds in " << (fuzz_dir / "seeds" / target);
    for (std::string_view kind : {"seeds", "regressions"})
        for (const auto& file : inputs(kind, target))
            EXPECT_NO_THROW(newsdex::fuzz::run(target, read_bytes(file))) << file;
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzReplay, ::testing::ValuesIn(newsdex::fuzz::target_names),
                         [](const auto& info) { return std::string(info.param); });

TEST(FuzzEntry, ValidUtf8) {
    using newsdex::fuzz::valid_utf8;
    EXPECT_TRUE(valid_utf8(""));
    EXPECT_TRUE(valid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\xb0"));
    EXPECT_FALSE(valid_utf8("\xc3"));              // truncated
    EXPECT_FALSE(valid_utf8("\xe2\x82"));          // truncated
    EXPECT_FALSE(valid_utf8("\xc0\xaf"));          // overlong
    EXPECT_FALSE(valid_utf8("\xed\xa0\x80"));      // surrogate
    EXPECT_FALSE(valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
    EXPECT_FALSE(valid_utf8("\xff"));
}

}  // namespace
