/** @file
 * @brief The TIME test collection (Glasgow IR group: TIME.ALL, TIME.QUE, TIME.REL) as a newsdex
 * corpus, a batch query file and TREC qrels, for measuring ranking quality.
 *
 * Documents are numbered by their position in TIME.ALL (1-423): TIME.REL numbers them that way, not
 * by their `*TEXT nnn` header. Judgments pointing past the last document (three in the distributed
 * files) are dropped and counted.
 */
#pragma once
#include <cstddef>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include <newsdex/output/eval.hpp>

namespace newsdex {

/// A test collection read into memory: document texts, query texts and relevance judgments.
struct TestCollection {
    std::vector<std::string> documents;  ///< document i+1's text (lines joined by '\n')
    std::vector<std::string> queries;    ///< query i+1's text, on one line, lower case (plain words)
    eval::Qrels qrels;                   ///< qid -> document number -> 1
    std::size_t dropped_judgments = 0;   ///< judgments naming a document that does not exist
};

/**
 * Read TIME.ALL, TIME.QUE and TIME.REL from @p dir.
 *
 * Query text is lower-cased and its lines joined with spaces, so the words are plain words for
 * the query parser (the upper-case `AND`/`OR`/`NOT` of sentences such as "BETWEEN ISRAEL AND ITS
 * NEIGHBOURS" are not operators). Document text is kept as it is; the analyzer folds case.
 * @throws RuntimeError when a file is missing or unreadable.
 */
TestCollection read_time_collection(const std::filesystem::path& dir);

/// One JSON object a line: `{"id":"N","body":"..."}` for document N (1-based).
void write_corpus_jsonl(const TestCollection& collection, std::ostream& out);
/// One `N<TAB>query` line per query (the batch-file format of `searcher --batch`).
void write_batch_queries(const TestCollection& collection, std::ostream& out);
/// TREC qrels: `qid 0 docid rel` lines, by query then document.
void write_qrels(const TestCollection& collection, std::ostream& out);

}  // namespace newsdex
