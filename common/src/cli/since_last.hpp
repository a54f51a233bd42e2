/** @file
 * @brief (private to the cli stage) The state file of `searcher --since-last STATE`: per database,
 * the last indexer run a saved search has seen.
 *
 * Format (text, one database a line, `#` comments): `RUN<TAB>ABSOLUTE-DATABASE-PATH`. A missing file
 * is an empty state (the first run shows every document). The file is replaced atomically (a
 * temporary file in the same directory, then rename), and only after a run that succeeded.
 */
#pragma once
#include <cstdint>
#include <map>
#include <string>

namespace newsdex::cli {

/// Absolute database path -> the last indexer run seen.
using SeenRuns = std::map<std::string, std::uint64_t>;

/// The key of @p db_path in a state file: its absolute, normalized path (symbolic links resolved).
std::string state_key(const std::string& db_path);

/// Read @p state_path; empty when it does not exist. Throws UsageError naming the line when malformed.
SeenRuns read_seen_runs(const std::string& state_path);

/// Replace @p state_path by @p runs atomically; throws RuntimeError when it cannot be written.
void write_seen_runs(const std::string& state_path, const SeenRuns& runs);

}  // namespace newsdex::cli
