/** @file
 * @brief default_data_dir: the install prefix seen from the running program, then the source tree.
 */
#include <newsdex/core/data_paths.hpp>

#include <system_error>

// Set by common/CMakeLists.txt: the install layout (relative to the prefix), the configured prefix's
// data folder, and the source tree's data folder.
#ifndef NEWSDEX_INSTALL_DATA_SUBDIR
#define NEWSDEX_INSTALL_DATA_SUBDIR "share/newsdex"
#endif
#ifndef NEWSDEX_INSTALL_DATA_DIR
#define NEWSDEX_INSTALL_DATA_DIR "/usr/local/share/newsdex"
#endif
#ifndef NEWSDEX_SOURCE_DATA_DIR
#define NEWSDEX_SOURCE_DATA_DIR "data"
#endif

namespace newsdex {

namespace {

/// The file whose presence marks a data folder as complete.
bool holds_model(const std::filesystem::path& dir) {
    std::error_code ec;
    return std::filesystem::is_regular_file(dir / "ner" / "model.bin", ec);
}

}  // namespace

std::filesystem::path default_data_dir() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        auto dir = exe.parent_path().parent_path() / NEWSDEX_INSTALL_DATA_SUBDIR;
        if (holds_model(dir)) return dir;
    }
    if (holds_model(NEWSDEX_INSTALL_DATA_DIR)) return NEWSDEX_INSTALL_DATA_DIR;
    return NEWSDEX_SOURCE_DATA_DIR;
}

}  // namespace newsdex
