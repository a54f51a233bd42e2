/** @file
 * @brief Opening a newsdex database for reading, and reading it while an indexer commits.
 */
#pragma once
#include <string>

#include <xapian.h>

#include <newsdex/schema/database_path.hpp>

namespace newsdex {

/**
 * Open one database path (a directory or a stub file) for reading. The path is checked first
 * (check_database_path: a stub may not start a program unless @p access allows it); Xapian's errors
 * become a RuntimeError naming the path.
 */
Xapian::Database open_database(const std::string& path, const DatabaseAccess& access = {});

/// Reopen-and-retry rounds on DatabaseModifiedError (an indexer committing fast may overtake a reader).
inline constexpr int kModifiedRetries = 5;

/**
 * Run @p f; on DatabaseModifiedError (an indexer committed twice while @p f read) reopen @p db and run
 * @p f again, up to kModifiedRetries times, then let the error through. @p f must start afresh on each
 * call (nothing counted twice). Other errors pass through untouched.
 */
template <class F>
auto with_reopen_retry(const Xapian::Database& db, F&& f) -> decltype(f()) {
    for (int attempt = 0;; ++attempt) {
        try {
            return f();
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= kModifiedRetries) throw;
            // A copy shares the open shards with the original: reopening it reopens them for both.
            Xapian::Database shared(db);
            shared.reopen();
        }
    }
}

}  // namespace newsdex
