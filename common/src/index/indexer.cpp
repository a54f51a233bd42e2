/** @file
 * @brief build_index and the indexer's small public helpers; the run itself is index/pipeline.cpp.
 */
#include <newsdex/index/indexer.hpp>

#include <thread>

#include "core/text_util.hpp"
#include "index/pipeline.hpp"

namespace newsdex {

std::uint64_t stable_id_hash(std::string_view id) noexcept { return detail::fnv1a64(id); }

unsigned default_index_threads() noexcept {
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : n;
}

IndexStats build_index(const IndexOptions& options, DiagnosticSink& diag, const ProgressCallback& progress) {
    return run_index(options, diag, progress);
}

}  // namespace newsdex
