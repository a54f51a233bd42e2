/** @file
 * @brief Result features around the ranked search: spelling suggestions, related documents (--like),
 * collapsing keys and fetching one whole document (--show).
 */
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include <newsdex/analysis/analyzer.hpp>
#include <newsdex/schema/document.hpp>

namespace newsdex {

/**
 * The words of @p xdoc for Xapian's spelling table: its unprefixed body terms and its title (`S`)
 * terms without the prefix; folded, unstemmed, no numbers. The index writer passes each to
 * WritableDatabase::add_spelling when it updates a database in place (a fresh build counts them per
 * segment with spelling_word_counts()).
 */
std::vector<std::string> spelling_words(const Xapian::Document& xdoc);

/**
 * The spelling words of all the documents of @p db and their counts, read from its terms and
 * posting lists: the same counts as adding up spelling_words() of every document (a word counts once
 * per document that has it in the body, the title or both), at a cost per distinct term instead of
 * per document and word. @p add(word, count) is called once per body or title term.
 */
void spelling_word_counts(const Xapian::Database& db, const std::function<void(std::string&&, Xapian::termcount)>& add);

/**
 * A corrected @p query: each plain word (no field, operator, wildcard or number) missing from the
 * spelling table is replaced by Database::get_spelling_suggestion when it has one. nullopt when no
 * word changed.
 */
std::optional<std::string> suggest_spelling(const Xapian::Database& db, const Analyzer& analyzer,
                                            std::string_view query);

/// Matches below which the searcher looks for a spelling suggestion.
inline constexpr Xapian::doccount kSuggestBelow = 5;

/**
 * The query of documents related to the document with id @p id (relevance feedback): an OR of the
 * @p max_terms best terms Enquire::get_eset picks from that document (body and title words, no
 * numbers, no stems), excluding the document itself. Throws UsageError when no such document exists.
 */
Xapian::Query related_query(const Xapian::Database& db, std::string_view id, std::size_t max_terms = 25);

/// The document with id @p id (decoded stored data) and its docid, or nullopt.
std::optional<std::pair<Xapian::docid, Document>> find_document(const Xapian::Database& db, std::string_view id);

/// The value slot --collapse FIELD groups on (`title`, `source`, `date`, `type`...); UsageError otherwise.
Xapian::valueno collapse_slot(std::string_view field);

}  // namespace newsdex
