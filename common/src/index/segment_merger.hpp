/** @file
 * @brief Fresh merged builds: the segments compacted into shards in the background while indexing
 *        goes on, so that little merging is left once the last document is written.
 */
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "index/spelling_buffer.hpp"

namespace newsdex {

/**
 * Compacts the segments of a fresh build (`seg-NNNNNN`, numbered in input order) into shards, each
 * a group of consecutive segments holding about shard_bytes of text (`shard-NNNN`), in segment
 * order: a shard's docids follow the input order. A group is compacted on a background thread as
 * soon as its segments are all written and the next group has a quarter of its segments; the last
 * group is compacted by finish(), together with the one before when it is smaller than that (no
 * tiny last shard). What is left to compact when the last document is written is about one group,
 * whatever the corpus size: the merge tail stays short. The groups depend on the segments only,
 * never on the number of threads.
 *
 * The spelling table is built on the same thread, between compactions: the words of the closed
 * segments (counted by the writers) are added to one spelling database every few segments, so each
 * word's spelling entry is built once, in the background; the last group compacts it in.
 */
class SegmentMerger {
public:
    /// @p segment_bytes: the text of segment k; @p max_segments: at most this many segments in a group.
    SegmentMerger(std::filesystem::path build, std::function<std::size_t(std::size_t)> segment_bytes,
                  std::size_t shard_bytes, std::size_t max_segments);
    SegmentMerger(const SegmentMerger&) = delete;
    SegmentMerger& operator=(const SegmentMerger&) = delete;
    ~SegmentMerger();

    /// Documents of segment @p number are being written (serial stage, in order; lock-free).
    void started(std::size_t number) noexcept { m_latest.store(number, std::memory_order_relaxed); }

    /// A writer committed and closed segment @p number at @p path, holding @p words (any thread).
    void closed(std::size_t number, const std::string& path, SpellingBuffer&& words);

    /**
     * Every segment is closed: compact what is left, the last group with the spelling table, and
     * return the shards in order (empty when there was nothing at all). Rethrows what a background
     * compaction failed with.
     */
    std::vector<std::string> finish();

    /// Stop the background thread without compacting anything more (the build failed).
    void abandon() noexcept;

    /// CPU seconds spent compacting (after finish()).
    [[nodiscard]] double busy_s() const noexcept { return m_busy_s; }
    /// CPU seconds spent writing the spelling table (after finish()).
    [[nodiscard]] double spelling_busy_s() const noexcept { return m_spelling_busy_s; }

private:
    struct Group {
        std::size_t number = 0;
        std::vector<std::string> segments;  ///< their paths
    };

    void loop();
    /// The first segment of group @p g (holding m_mutex).
    std::size_t group_start(std::size_t g);
    /// The group of segment @p k (holding m_mutex).
    std::size_t group_of(std::size_t k);
    /// Whether group @p g is followed by enough segments to be a shard of its own (holding m_mutex).
    bool followed(std::size_t g);
    /// Queue the groups complete and followed (holding m_mutex).
    void queue_complete_groups();
    /// Compact @p group into its shard (+ the spelling table when @p last); removes its segments.
    void compact(Group& group, bool last);
    /// Add @p words (of some segments) to the spelling table and commit it.
    void add_spelling(std::vector<SpellingBuffer>&& words);

    const std::filesystem::path m_build;
    const std::function<std::size_t(std::size_t)> m_segment_bytes;
    const std::size_t m_shard_bytes;
    const std::size_t m_max_segments;
    std::vector<std::size_t> m_starts{0};  ///< the first segment of each group, as far as known
    std::atomic<std::size_t> m_latest{0};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::map<std::size_t, std::string> m_closed;  ///< segment -> path, not yet queued
    std::vector<SpellingBuffer> m_words;          ///< of closed segments, not in the spelling table yet
    std::deque<Group> m_queue;
    std::map<std::size_t, std::string> m_shards;  ///< group -> shard
    bool m_stopping = false;
    std::exception_ptr m_error;
    Xapian::WritableDatabase m_spelling;  ///< the merging thread's (then finish()'s)
    bool m_spelling_open = false;
    double m_busy_s = 0;           ///< written under m_mutex
    double m_spelling_busy_s = 0;  ///< the merging thread's (then finish()'s)
    std::thread m_thread;          ///< last: started once the members it uses exist
};

}  // namespace newsdex
