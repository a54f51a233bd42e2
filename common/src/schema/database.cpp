/** @file
 * @brief Opening databases for reading (see database.hpp).
 */
#include <newsdex/schema/database.hpp>

#include <fmt/format.h>

#include <newsdex/core/error.hpp>

namespace newsdex {

Xapian::Database open_database(const std::string& path, const DatabaseAccess& access) {
    if (path.empty()) throw RuntimeError("cannot open database '': empty path");
    check_database_path(path, access);
    try {
        return Xapian::Database(path);
    } catch (const Xapian::Error& e) {
        throw RuntimeError(fmt::format("cannot open database '{}': {}", path, e.get_msg()));
    }
}

}  // namespace newsdex
