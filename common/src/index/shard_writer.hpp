/** @file
 * @brief Fresh builds: writer threads filling scratch databases (segments compacted into shards, or shards).
 */
#pragma once
#include <cstddef>
#include <filesystem>
#include <functional>
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
 * own, `seg-NNNNNN`, committed when the next segment starts and handed to the SegmentMerger with its
 * spelling words; merging them in segment order gives docids in input order whatever the number of
 * writers. Otherwise (--no-merge) one database,
 * `shard-K`, committed every commit_bytes; a stub interleaves the shards' docids back into input order.
 */
class ShardWriter {
public:
    /**
     * Told of each segment committed and closed, on the writer's thread: its number, its path and
     * its spelling words (read back from its terms: a few thousand distinct words instead of every
     * document's, which spelling_words would have built and counted ~80 per document).
     */
    using Closed = std::function<void(std::size_t, const std::string&, SpellingBuffer&&)>;

    /// @p closed: segmented, where each closed segment goes.
    ShardWriter(std::filesystem::path build, std::size_t index, bool segmented, std::size_t commit_bytes,
                std::size_t queue_bytes, SharedStats& stats, Closed closed = {})
        : m_build(std::move(build)),
          m_index(index),
          m_segmented(segmented),
          m_commit_bytes(commit_bytes),
          m_stats(stats),
          m_closed(std::move(closed)),
          m_thread(queue_bytes) {}

    /// Start the thread; @p metadata goes into each database it creates.
    void start(std::map<std::string, std::string> metadata);

    /// Hand over a document (blocks while the queue holds @p capacity bytes of text or more).
    void push(Item* item, std::size_t capacity) { m_thread.push(item, capacity); }

    /// The items handed over so far are all there will be for a while: write them.
    void wake() { m_thread.wake(); }

    /// Wait for the thread (which commits and closes its database); rethrows what it failed with.
    void finish() { m_thread.finish(); }

    /// Seconds the thread spent writing (after finish()).
    [[nodiscard]] double busy_s() const noexcept { return m_thread.busy_s(); }

    /// The databases written: (segment number or shard index, path).
    const std::vector<std::pair<std::size_t, std::string>>& databases() const { return m_databases; }

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
    Closed m_closed;
    std::map<std::string, std::string> m_metadata;
    Xapian::WritableDatabase m_db;
    bool m_open = false;
    std::vector<std::pair<std::size_t, std::string>> m_databases;
    SpellingBuffer m_spelling;  ///< shards: all spelling words
    std::unordered_set<std::string> m_synonyms;
    std::size_t m_pending_bytes = 0;
    WriterThread m_thread;  ///< last: stopped before the members it uses are destroyed
};

}  // namespace newsdex
