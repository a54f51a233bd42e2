/** @file
 * @brief SegmentMerger (index/segment_merger.hpp).
 */
#include "index/segment_merger.hpp"

#include <pthread.h>
#include <sys/resource.h>

#include <algorithm>
#include <optional>
#include <utility>

#include <fmt/format.h>
#include <xapian.h>

#include "index/thread_clock.hpp"

namespace newsdex {

namespace {

namespace fs = std::filesystem;

/// Closed segments whose spelling words are added at once (one commit of the spelling table).
constexpr std::size_t spelling_batch = 16;

/// Raise the soft limit of open files towards the hard one when compacting @p databases needs it.
void allow_open_files(std::size_t databases) {
    constexpr rlim_t files_per_database = 8;  // glass: its tables, the version file, the lock
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
    const rlim_t wanted = static_cast<rlim_t>(databases) * files_per_database + 64;
    if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= wanted) return;
    limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
    setrlimit(RLIMIT_NOFILE, &limit);  // at worst compact() fails with a clear error
}

}  // namespace

SegmentMerger::SegmentMerger(fs::path build, std::function<std::size_t(std::size_t)> segment_bytes,
                             std::size_t shard_bytes, std::size_t max_segments)
    : m_build(std::move(build)),
      m_segment_bytes(std::move(segment_bytes)),
      m_shard_bytes(shard_bytes),
      m_max_segments(std::max<std::size_t>(max_segments, 1)) {
    m_thread = std::thread([this] {
        pthread_setname_np(pthread_self(), "newsdex-merge");
        loop();
    });
}

SegmentMerger::~SegmentMerger() { abandon(); }

void SegmentMerger::closed(std::size_t number, const std::string& path, SpellingBuffer&& words) {
    {
        std::lock_guard lock(m_mutex);
        m_closed.emplace(number, path);
        if (words.size() > 0) m_words.push_back(std::move(words));
        queue_complete_groups();
    }
    m_wake.notify_one();
}

std::size_t SegmentMerger::group_start(std::size_t g) {
    while (m_starts.size() <= g) {
        const std::size_t start = m_starts.back();
        const std::size_t bytes = std::max<std::size_t>(m_segment_bytes(start), 1);
        m_starts.push_back(start + std::clamp<std::size_t>(m_shard_bytes / bytes, 1, m_max_segments));
    }
    return m_starts[g];
}

std::size_t SegmentMerger::group_of(std::size_t k) {
    while (group_start(m_starts.size() - 1) <= k) (void)group_start(m_starts.size());
    return static_cast<std::size_t>(std::upper_bound(m_starts.begin(), m_starts.end(), k) - m_starts.begin()) - 1;
}

bool SegmentMerger::followed(std::size_t g) {
    const std::size_t end = group_start(g + 1);
    const std::size_t quarter = std::max<std::size_t>((group_start(g + 2) - end) / 4, 1);
    return m_latest.load(std::memory_order_relaxed) >= end + quarter - 1;
}

void SegmentMerger::queue_complete_groups() {
    while (!m_closed.empty()) {
        const std::size_t first = m_closed.begin()->first;
        const std::size_t number = group_of(first);
        const std::size_t end = group_start(number + 1);
        // Complete (all its segments closed), and followed by enough of the next group.
        if (!followed(number)) return;
        const auto last = m_closed.lower_bound(end);
        if (first != group_start(number) ||
            static_cast<std::size_t>(std::distance(m_closed.begin(), last)) != end - first)
            return;
        Group group{number, {}};
        for (auto it = m_closed.begin(); it != last; ++it) group.segments.push_back(std::move(it->second));
        m_closed.erase(m_closed.begin(), last);
        m_queue.push_back(std::move(group));
    }
}

void SegmentMerger::loop() {
    for (;;) {
        std::unique_lock lock(m_mutex);
        m_wake.wait(lock, [&] { return m_stopping || !m_queue.empty() || m_words.size() >= spelling_batch; });
        std::optional<Group> group;
        std::vector<SpellingBuffer> words;
        if (!m_queue.empty()) {
            group = std::move(m_queue.front());
            m_queue.pop_front();
        } else if (m_words.size() >= spelling_batch) {
            words.swap(m_words);
        } else {
            return;  // stopping, nothing queued: finish() takes the rest
        }
        lock.unlock();
        try {
            if (group)
                compact(*group, false);
            else
                add_spelling(std::move(words));
        } catch (...) {
            std::lock_guard relock(m_mutex);
            if (!m_error) m_error = std::current_exception();
            m_queue.clear();
        }
    }
}

void SegmentMerger::add_spelling(std::vector<SpellingBuffer>&& list) {
    const double start = thread_cpu_s();
    SpellingBuffer words;
    for (auto& w : list) w.move_into(words);
    if (words.size() > 0) {
        if (!m_spelling_open) {
            m_spelling = Xapian::WritableDatabase((m_build / "spelling").string(),
                                                  Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
            m_spelling_open = true;
        }
        words.flush(m_spelling);
        m_spelling.commit();
    }
    m_spelling_busy_s += thread_cpu_s() - start;
}

void SegmentMerger::compact(Group& group, bool last) {
    const double start = thread_cpu_s();
    const std::string shard = (m_build / fmt::format("shard-{:04}", group.number)).string();
    allow_open_files(2 * m_max_segments + 1);  // finish() may compact while the thread does
    {
        Xapian::Database all;
        for (const auto& path : group.segments) all.add_database(Xapian::Database(path));
        if (last && m_spelling_open) {
            m_spelling.close();
            m_spelling_open = false;
            all.add_database(Xapian::Database((m_build / "spelling").string()));  // no documents
        }
        all.compact(shard);
    }
    std::error_code ec;  // scratch space; a leftover goes with the build directory
    for (const auto& path : group.segments) fs::remove_all(path, ec);
    if (last) fs::remove_all(m_build / "spelling", ec);
    const double seconds = thread_cpu_s() - start;
    std::lock_guard lock(m_mutex);
    m_shards.emplace(group.number, shard);
    m_busy_s += seconds;
}

std::vector<std::string> SegmentMerger::finish() {
    Group last;  // the group of the last segment (never queued), with the one before when not followed
    bool any = false;
    {
        std::lock_guard lock(m_mutex);
        for (auto& [number, path] : m_closed) {
            const std::size_t group = group_of(number);
            if (!any || (last.number != group && followed(last.number))) {
                if (any) m_queue.push_back(std::move(last));
                last = Group{group, {}};
                any = true;
            }
            last.segments.push_back(std::move(path));
        }
        m_closed.clear();
        m_stopping = true;  // the thread compacts what is queued, then ends
    }
    m_wake.notify_one();
    if (m_thread.joinable()) m_thread.join();
    if (m_error) std::rethrow_exception(m_error);
    add_spelling(std::exchange(m_words, {}));
    if (any) compact(last, true);
    std::vector<std::string> shards;
    for (auto& [group, path] : m_shards) shards.push_back(std::move(path));
    return shards;
}

void SegmentMerger::abandon() noexcept {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_queue.clear();
    }
    m_wake.notify_one();
    if (m_thread.joinable()) m_thread.join();
}

}  // namespace newsdex
