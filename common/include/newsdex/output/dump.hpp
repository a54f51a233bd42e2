/** @file
 * @brief `indexer --dump`: documents as the indexer sees them (fields, dates, entities), no database.
 */
#pragma once
#include <cstddef>
#include <ostream>
#include <string>

#include <newsdex/core/diagnostics.hpp>
#include <newsdex/schema/document.hpp>

namespace newsdex {

class EntityExtractor;

struct DumpOptions {
    bool json = false;            ///< one JSON object per document and line, instead of text
    std::string format = "auto";  ///< input format, as `indexer --format`
};

/**
 * Print @p doc as text: its fields (body lines prefixed by `| `), then its entities (type,
 * canonical name, aliases, mentions with field, byte offset, length and the text mentioned), then
 * the dates mentioned in the body (text, offset, resolved date).
 */
void dump_document_text(std::ostream& out, const Document& doc);

/// Print @p doc as one line of JSON (`format_version` 1; the same content as the text form).
void dump_document_json(std::ostream& out, const Document& doc);

/**
 * Read the file at @p path as indexing does, through ingest/input_reader.hpp (encoding detection,
 * format detection, parser, ids of documents without one: the file name, then `name#line`; a file of
 * one document bigger than max_document_bytes is read up to it, and bigger documents are cut there),
 * annotate every document with @p extractor when it is not null, and print it. An archive
 * (is_archive) is read member by member, each named `path:member` (ids `name:member`). Problems go
 * to @p diag (an unreadable or binary file: an error). Returns the number of documents printed.
 * Touches no database.
 */
std::size_t dump_file(const std::string& path, const DumpOptions& options, const EntityExtractor* extractor,
                      DiagnosticSink& diag, std::ostream& out);

}  // namespace newsdex
