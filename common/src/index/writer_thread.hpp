/** @file
 * @brief A thread writing the items handed over through a bounded queue, in order.
 */
#pragma once
#include <algorithm>
#include <cstddef>
#include <exception>
#include <functional>
#include <thread>

#include "index/item.hpp"
#include "index/queues.hpp"

namespace newsdex {

/**
 * A thread writing the items handed over through a bounded queue, in order. Writers run on threads of
 * their own rather than in the pipeline's serial stage: a oneTBB thread busy writing (or blocked) is
 * one less for tagging, and the pipeline's serial stages would then take turns instead of overlapping.
 */
class WriterThread {
public:
    using Write = std::function<void(Item&)>;
    using Done = std::function<void()>;

    /// @p capacity: bytes of text the queue holds before push() waits.
    explicit WriterThread(std::size_t capacity) : m_capacity(capacity) {}
    WriterThread(const WriterThread&) = delete;
    WriterThread& operator=(const WriterThread&) = delete;
    ~WriterThread();

    /// Start the thread: @p write for each item, then @p done (unless something failed).
    void start(Write write, Done done = {});

    /// Hand over an item (blocks while the queue is full); the thread deletes it. @p capacity
    /// overrides the queue's size for this push when bigger (a bigger segment needs more room).
    void push(Item* item, std::size_t capacity = 0) { m_queue.push(item, std::max(capacity, m_capacity)); }

    /// Let the thread write what it was handed so far, however little (see ItemQueue::push).
    void wake() { m_queue.wake(); }

    /// Wait for the thread; rethrows what it failed with.
    void finish();

    /// CPU seconds the thread spent writing (read after finish()).
    [[nodiscard]] double busy_s() const noexcept { return m_busy_s; }

private:
    void loop();

    std::size_t m_capacity;
    ItemQueue<Item> m_queue;
    Write m_write;
    Done m_done;
    std::thread m_thread;
    std::exception_ptr m_error;
    double m_busy_s = 0;  ///< the thread's own: read once it is joined
};

}  // namespace newsdex
