/** @file
 * @brief The words of Xapian's spelling table: which terms of a document feed it, and their counts
 * over a whole database (the indexer fills the table, the searcher's suggestions read it).
 */
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// The word of a body or title term ("walsh", "Swalsh" -> "walsh"), or "" for any other term.
std::string_view word_of_term(std::string_view term) noexcept;

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

}  // namespace newsdex
