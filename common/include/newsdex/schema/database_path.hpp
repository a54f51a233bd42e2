/** @file
 * @brief Reading a database path before Xapian does: stub files must not start programs.
 *
 * Xapian opens a directory or file named as a database; a stub (a text file, or a directory holding
 * one named XAPIANDB) lists the databases to open instead, and a `remote :PROGRAM ARGS` line in it makes
 * Xapian start PROGRAM to talk to. A database handed over by somebody else must not run code on the
 * machine that searches it, so newsdex reads every stub itself first.
 */
#pragma once
#include <string>

namespace newsdex {

struct DatabaseAccess {
    /// Allow `remote :PROGRAM` lines (for example `remote :ssh host xapian-progsrv /db`): they run
    /// PROGRAM with the user's rights. Off by default.
    bool allow_programs = false;
};

/**
 * Check @p path as Xapian would open it: a directory holding a Xapian database, a single-file
 * database, or a stub (file, or directory with XAPIANDB) whose lines are followed into the stubs they
 * name. Accepts local databases, `remote HOST:PORT` (TCP) and `inmemory`; a `remote :PROGRAM` line is
 * refused unless @p access allows programs: RuntimeError "STUB:LINE: ...". A path that does not
 * exist passes (Xapian reports it, or the indexer creates it). Stubs nested deeper than 16 are refused.
 */
void check_database_path(const std::string& path, const DatabaseAccess& access);

}  // namespace newsdex
