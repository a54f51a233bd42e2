/** @file
 * @brief Parsing the chunks of one big input (Parser::split) on several threads, handed back in input
 *        order as recordings of what the parser did, to be replayed by the one thread that owns the
 *        per-document logic (ids, record hashes, duplicates).
 */
#pragma once
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <oneapi/tbb/task_arena.h>

#include <newsdex/core/diagnostics.hpp>
#include <newsdex/ingest/parser.hpp>
#include <newsdex/schema/document.hpp>

namespace newsdex {

/// What parsing one chunk did, in order: raw records asked about, diagnostics, documents.
struct ParsedChunk {
    enum class Kind : std::uint8_t {
        record,      ///< a raw record the triage let be parsed: its diagnostics and documents follow
        held,        ///< a raw record the triage held back unparsed: the replay decides
        diagnostic,  ///< reported by the parser
        document,    ///< emitted by the parser
    };
    struct Event {
        Kind kind;
        std::uint32_t index;  ///< into records (record, held), diagnostics or documents
    };
    /// A raw record (RecordFilter): its bytes (in the input's text), its line and the triage's value.
    struct Record {
        std::string_view raw;
        std::size_t line = 0;
        std::uint64_t value = 0;
    };
    std::vector<Event> events;
    std::vector<Record> records;
    std::vector<Diagnostic> diagnostics;
    std::vector<Document> documents;
    bool gave_up = false;        ///< the parser gave up on the rest of the input here (parse_chunk)
    double seconds = 0;          ///< the time its parse took, on the thread that parsed it
    std::exception_ptr failure;  ///< what the parser threw (the events before it stand)
};

/**
 * Asked on a parsing thread about each raw record instead of a RecordFilter: true parses it now,
 * false holds it back unparsed (the replay can still parse it: its raw bytes are a chunk of their
 * own). @p value is kept with the record (the caller's hash of it). Must be thread-safe.
 */
using RecordTriage = std::function<bool(std::string_view raw, std::size_t line, std::uint64_t& value)>;

/// Parse one chunk on this thread, recording what the parser does into a fresh ParsedChunk.
ParsedChunk parse_recorded(const Parser& parser, std::string_view path, const TextChunk& chunk,
                           const RecordTriage& triage);

/**
 * The chunks of one input, parsed by the workers of @p arena (created with the thread limit of the
 * run, one slot for this thread) up to @p window chunks ahead of the one next() hands out; next()
 * parses a chunk itself rather than wait for it when no worker has started it, so that nothing
 * waits for a worker that is busy elsewhere. Memory stays within
 * the window whatever the size of the input. The parser and the text must outlive this object.
 */
class ChunkParser {
public:
    ChunkParser(const Parser& parser, std::string path, std::vector<TextChunk> chunks, RecordTriage triage,
                tbb::task_arena& arena, std::size_t window);
    ChunkParser(const ChunkParser&) = delete;
    ChunkParser& operator=(const ChunkParser&) = delete;
    /// Waits for the workers still running (those that have not started are told to give up).
    ~ChunkParser();

    /// The next chunk in input order, or nullptr after the last (or after one the parser gave up
    /// on the rest of the input in); valid until the next call.
    ParsedChunk* next();
    /// The time spent parsing the chunks handed out so far, summed over the threads that did.
    [[nodiscard]] double parse_seconds() const noexcept { return m_parse_seconds; }

private:
    struct Slot;
    struct Shared;
    void schedule(std::size_t upto);

    std::shared_ptr<Shared> m_shared;
    tbb::task_arena& m_arena;
    std::size_t m_window;
    std::size_t m_next = 0;       ///< the chunk next() hands out next
    std::size_t m_scheduled = 0;  ///< chunks given to the workers so far
    double m_parse_seconds = 0;
};

}  // namespace newsdex
