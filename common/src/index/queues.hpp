/** @file
 * @brief The indexing pipeline's blocking queues (header-only templates over the item type): the
 *        producer's hand-over to the pipeline, and each writer thread's queue bounded by text.
 */
#pragma once
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <utility>

namespace newsdex {

/**
 * What the two pipeline queues share: a deque of items under one mutex, and the number of threads
 * waiting to push and to pop, so that each side wakes the other only when it waits (and, in the
 * queues, only once per batch). The queues differ in when they are full and whom they wake.
 */
template <class T>
class WaitQueue {
protected:
    /// Wait (holding @p lock) for an item, and take it.
    T* take(std::unique_lock<std::mutex>& lock) {
        if (m_items.empty()) {
            ++m_pop_waiting;
            m_not_empty.wait(lock, [&] { return !m_items.empty(); });
            --m_pop_waiting;
        }
        T* item = m_items.front();
        m_items.pop_front();
        return item;
    }

    /// Wait (holding @p lock) until @p room() holds.
    template <class Room>
    void wait_for_room(std::unique_lock<std::mutex>& lock, Room room) {
        ++m_push_waiting;
        m_not_full.wait(lock, room);
        --m_push_waiting;
    }

    std::mutex m_mutex;
    std::condition_variable m_not_full;
    std::condition_variable m_not_empty;
    std::deque<T*> m_items;
    int m_push_waiting = 0;
    int m_pop_waiting = 0;
};

/**
 * A blocking queue of items bounded by their text: a push waits while the queue holds @p capacity
 * bytes or more (an item always fits into an empty queue). Bytes, not items, so that a writer can
 * hold a whole segment of small documents, and a few huge documents do not pile up.
 */
template <class T>
class ItemQueue : WaitQueue<T> {
    using Base = WaitQueue<T>;
    using Base::m_items, Base::m_mutex, Base::m_not_empty, Base::m_not_full, Base::m_pop_waiting, Base::m_push_waiting;

public:
    /// A waiting consumer is woken for this many items, however small (an update of a few documents).
    static constexpr std::size_t wake_items = 16;

    /**
     * Queue @p item; blocks while the queue holds @p capacity bytes or more. Wakes a waiting
     * consumer only once a quarter of @p capacity or wake_items items have gathered (or for the
     * end, nullptr), and a blocked push waits until the queue is half empty: each thread is woken
     * once per batch, not once per document (a futex wake and a reschedule IPI each, ~1 to 2% of a
     * build's CPU on a VM).
     */
    void push(T* item, std::size_t capacity) {
        const std::size_t bytes = cost(item);
        std::unique_lock lock(m_mutex);
        if (!m_items.empty() && m_bytes + bytes > capacity) {
            if (m_pop_waiting) m_not_empty.notify_one();  // never wait on a consumer left asleep
            this->wait_for_room(lock, [&] { return m_items.empty() || m_bytes <= capacity / 2; });
        }
        m_items.push_back(item);
        m_bytes += bytes;
        m_wake_bytes = capacity / 4;
        const bool wake = m_pop_waiting && (!item || m_bytes >= m_wake_bytes || m_items.size() >= wake_items);
        lock.unlock();
        if (wake) m_not_empty.notify_one();
    }

    /// Wake a waiting consumer for what the queue holds, however little (its producer moves on).
    void wake() {
        std::unique_lock lock(m_mutex);
        const bool wake = m_pop_waiting && !m_items.empty();
        lock.unlock();
        if (wake) m_not_empty.notify_one();
    }

    T* pop() {
        std::unique_lock lock(m_mutex);
        T* item = this->take(lock);
        m_bytes -= cost(item);
        const bool wake = m_push_waiting && (m_items.empty() || m_bytes <= 2 * m_wake_bytes);
        lock.unlock();
        if (wake) m_not_full.notify_one();
        return item;
    }

private:
    /// Text plus a fixed share for the rest of an item (its Xapian document, ids, terms).
    static std::size_t cost(const T* item) noexcept { return item ? item->text_bytes + 512 : 0; }

    std::size_t m_bytes = 0;
    std::size_t m_wake_bytes = 0;  ///< a quarter of the capacity of the last push
};

/**
 * The producer's hand-over to the pipeline: at most @p capacity items. A full queue blocks push()
 * until it is half empty, so the producer (far faster than the analysis) is woken once per
 * capacity / 2 items rather than once per item. abort() makes push() throw Aborted.
 */
template <class T>
class HandoffQueue : WaitQueue<T> {
    using Base = WaitQueue<T>;
    using Base::m_items, Base::m_mutex, Base::m_not_empty, Base::m_not_full, Base::m_pop_waiting, Base::m_push_waiting;

public:
    struct Aborted {};

    explicit HandoffQueue(std::size_t capacity) : m_capacity(std::max<std::size_t>(capacity, 2)) {}

    void push(T* item) {
        std::unique_lock lock(m_mutex);
        if (m_items.size() >= m_capacity)
            this->wait_for_room(lock, [&] { return m_aborted || m_items.size() <= m_capacity / 2; });
        if (m_aborted) throw Aborted{};
        m_items.push_back(item);
        const bool wake = m_pop_waiting > 0;
        lock.unlock();
        if (wake) m_not_empty.notify_one();
    }

    T* pop() {
        std::unique_lock lock(m_mutex);
        T* item = this->take(lock);
        const bool wake = m_push_waiting > 0 && m_items.size() <= m_capacity / 2;
        lock.unlock();
        if (wake) m_not_full.notify_one();
        return item;
    }

    /// Make every push() throw Aborted from now on (the pipeline failed); wakes a blocked one.
    void abort() {
        {
            std::lock_guard lock(m_mutex);
            m_aborted = true;
        }
        m_not_full.notify_all();
    }

    /// Take what is left (after abort()).
    std::deque<T*> drain() {
        std::lock_guard lock(m_mutex);
        return std::exchange(m_items, {});
    }

private:
    const std::size_t m_capacity;
    bool m_aborted = false;
};

}  // namespace newsdex
