/** @file
 * @brief The indexing run behind build_index: the producer, the parallel pipeline and the writers.
 */
#pragma once
#include <newsdex/core/diagnostics.hpp>
#include <newsdex/index/indexer.hpp>

namespace newsdex {

/// build_index (newsdex/index/indexer.hpp).
IndexStats run_index(const IndexOptions& options, DiagnosticSink& diag, const ProgressCallback& progress);

}  // namespace newsdex
