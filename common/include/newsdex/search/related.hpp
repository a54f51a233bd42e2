/** @file
 * @brief Documents by id: fetching one (--show) and the query of documents related to one (--like).
 */
#pragma once
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

#include <xapian.h>

#include <newsdex/schema/document.hpp>

namespace newsdex {

/**
 * The query of documents related to the document with id @p id (relevance feedback): an OR of the
 * @p max_terms best terms Enquire::get_eset picks from that document (body and title words, no
 * numbers, no stems), excluding the document itself. Throws UsageError when no such document exists.
 */
Xapian::Query related_query(const Xapian::Database& db, std::string_view id, std::size_t max_terms = 25);

/// The document with id @p id (decoded stored data) and its docid, or nullopt.
std::optional<std::pair<Xapian::docid, Document>> find_document(const Xapian::Database& db, std::string_view id);

}  // namespace newsdex
