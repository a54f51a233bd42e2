/** @file
 * @brief Fresh builds: writer threads filling scratch databases (segments merged at the end, or shards).
 */
#pragma once
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include <xapian.h>

#include "index/item.hpp"
#include "index/spelling_buffer.hpp"
#include "index/writer_thread.hpp"

namespace newsdex {

/**
 * Fresh builds: one thread writing scratch databases in `<db>.newsdex-build`. Segmented (a merged
 * build): each segment of the input it is given (Item::segment, in order) goes into a database of its
 * own, `seg-NNNNNN`, committed when the next segment starts; merging them in segment order gives
 * docids in input order whatever the number of writers. Otherwise (--no-merge) one database,
 * `shard-K`, committed every commit_bytes; a stub interleaves the shards' docids back into input order.
 */
class ShardWriter {
public:
    /// @p parts: segmented, the spelling words are kept in this many parts (by hash), see spelling_part().
    ShardWriter(std::filesystem::path build, std::size_t index, bool segmented, std::size_t commit_bytes,
                std::size_t queue_bytes, std::size_t parts, SharedStats& stats)
        : m_build(std::move(build)),
          m_index(index),
          m_segmented(segmented),
          m_commit_bytes(commit_bytes),
          m_stats(stats),
          m_parts(segmented ? parts : 0),
          m_thread(queue_bytes) {}

    /// Start the thread; @p metadata goes into each database it creates.
    void start(std::map<std::string, std::string> metadata);

    /// Hand over a document (blocks while the queue holds @p capacity bytes of text or more).
    void push(Item* item, std::size_t capacity) { m_thread.push(item, capacity); }

    /// The items handed over so far are all there will be for a while: write them.
    void wake() { m_thread.wake(); }

    /// Wait for the thread (which commits and closes its database); rethrows what it failed with.
    void finish() { m_thread.finish(); }

    /// The databases written: (segment number or shard index, path).
    const std::vector<std::pair<std::size_t, std::string>>& databases() const { return m_databases; }

    /**
     * Segmented: the spelling words of part @p k (their hash mod parts) not written yet, moved into
     * @p into. After finish(), the run gives part k of every writer to one thread, so each word's
     * spelling entry is built once, not once per writer (Xapian's spelling fragments are costly).
     */
    void spelling_part(std::size_t k, SpellingBuffer& into) { m_parts[k].move_into(into); }

private:
    void open(const std::string& path, std::size_t number);
    void write(Item& item);
    void commit(bool last);
    void close(bool last = true);

    std::filesystem::path m_build;
    std::size_t m_index;
    bool m_segmented;
    std::size_t m_commit_bytes;
    SharedStats& m_stats;
    std::map<std::string, std::string> m_metadata;
    Xapian::WritableDatabase m_db;
    bool m_open = false;
    std::vector<std::pair<std::size_t, std::string>> m_databases;
    SpellingBuffer m_spelling;            ///< shards: all spelling words
    std::vector<SpellingBuffer> m_parts;  ///< segments: the spelling words by hash, see spelling_part()
    std::unordered_set<std::string> m_synonyms;
    std::size_t m_pending_bytes = 0;
    WriterThread m_thread;  ///< last: stopped before the members it uses are destroyed
};

/**
 * Segments: the spelling words the writers kept, part k of every writer added up and written by
 * thread k into `spelling-K` under @p build, a database of no documents merged with the segments.
 * Returns the databases written.
 */
std::vector<std::string> write_spelling(const std::filesystem::path& build,
                                        std::vector<std::unique_ptr<ShardWriter>>& writers);

}  // namespace newsdex
