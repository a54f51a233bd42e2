/** @file
 * @brief The CPU time of the calling thread: what the pipeline's stages count as their busy time.
 */
#pragma once
#include <time.h>

namespace newsdex {

/**
 * Seconds of CPU the calling thread has used. A stage's busy time is its threads' CPU time: waiting
 * on a queue uses none, and, unlike a wall clock around the work, neither does waiting for a core
 * on a loaded machine (~0.3 us a call: fine per document, not per term).
 */
inline double thread_cpu_s() noexcept {
    timespec t{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) != 0) return 0;
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

}  // namespace newsdex
