/** @file
 * @brief WriterThread (index/writer_thread.hpp).
 */
#include "index/writer_thread.hpp"

#include <pthread.h>

#include <memory>
#include <utility>

#include "index/thread_clock.hpp"

namespace newsdex {

WriterThread::~WriterThread() {
    try {
        finish();
    } catch (...) {  // reported by the finish() the owner called
    }
}

void WriterThread::start(Write write, Done done) {
    m_write = std::move(write);
    m_done = std::move(done);
    m_thread = std::thread([this] {
        pthread_setname_np(pthread_self(), "newsdex-write");  // for top -H and perf --sort comm
        loop();
    });
}

void WriterThread::finish() {
    if (m_thread.joinable()) {
        m_queue.push(nullptr, m_capacity);
        m_thread.join();
    }
    if (m_error) std::rethrow_exception(std::exchange(m_error, nullptr));
}

void WriterThread::loop() {
    for (;;) {
        Item* raw = m_queue.pop();
        if (!raw) break;
        std::unique_ptr<Item> item(raw);
        if (!m_error) {  // otherwise keep draining so the pipeline never blocks on us
            try {
                m_write(*item);
            } catch (...) {
                m_error = std::current_exception();
            }
        }
    }
    if (!m_error && m_done) {
        try {
            m_done();
        } catch (...) {
            m_error = std::current_exception();
        }
    }
    m_busy_s = thread_cpu_s();  // the thread's own: waiting for items takes none
}

}  // namespace newsdex
