/** @file
 * @brief ChunkParser (ingest/chunk_parser.hpp): the chunks of one input parsed on several threads,
 *        handed back in input order.
 */
#include <newsdex/ingest/chunk_parser.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <utility>

namespace newsdex {

namespace {

using Clock = std::chrono::steady_clock;

/// Who has a chunk: nobody yet, a thread parsing it, or nobody any more (parsed, or given up).
enum State : int { free_chunk = 0, parsing = 1, parsed = 2 };

}  // namespace

ParsedChunk parse_recorded(const Parser& parser, std::string_view path, const TextChunk& chunk,
                           const RecordTriage& triage) {
    ParsedChunk out;
    const auto start = Clock::now();
    DiagnosticSink diag([&out](const Diagnostic& d) {
        out.events.push_back({ParsedChunk::Kind::diagnostic, static_cast<std::uint32_t>(out.diagnostics.size())});
        out.diagnostics.push_back(d);
    });
    const DocumentSink emit = [&out](Document&& doc) {
        out.events.push_back({ParsedChunk::Kind::document, static_cast<std::uint32_t>(out.documents.size())});
        out.documents.push_back(std::move(doc));
    };
    RecordFilter wanted;
    if (triage)
        wanted = [&](std::string_view raw, std::size_t line) {
            ParsedChunk::Record r{raw, line, 0};
            const bool parse_now = triage(raw, line, r.value);
            out.events.push_back({parse_now ? ParsedChunk::Kind::record : ParsedChunk::Kind::held,
                                  static_cast<std::uint32_t>(out.records.size())});
            out.records.push_back(r);
            return parse_now;
        };
    try {
        out.gave_up = !parser.parse_chunk(path, chunk, diag, emit, wanted);
    } catch (...) {
        out.failure = std::current_exception();
    }
    out.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return out;
}

struct ChunkParser::Slot {
    std::atomic<int> state{free_chunk};
    ParsedChunk parsed;
};

/// What the workers' tasks use: a task may run after the ChunkParser is gone (it then returns at
/// once), as the only worker may be busy elsewhere for long (a pipeline stage waiting for us).
struct ChunkParser::Shared {
    const Parser& parser;
    std::string path;
    std::vector<TextChunk> chunks;
    RecordTriage triage;
    std::vector<std::unique_ptr<Slot>> slots;

    void run(std::size_t i) {
        Slot& slot = *slots[i];
        slot.parsed = parse_recorded(parser, path, chunks[i], triage);
        slot.state.store(parsed);
        slot.state.notify_all();
    }
};

ChunkParser::ChunkParser(const Parser& parser, std::string path, std::vector<TextChunk> chunks, RecordTriage triage,
                         tbb::task_arena& arena, std::size_t window)
    : m_shared(std::make_shared<Shared>(Shared{parser, std::move(path), std::move(chunks), std::move(triage), {}})),
      m_arena(arena),
      m_window(window) {
    m_shared->slots.reserve(m_shared->chunks.size());
    for (std::size_t i = 0; i < m_shared->chunks.size(); ++i) m_shared->slots.push_back(std::make_unique<Slot>());
}

ChunkParser::~ChunkParser() {
    // Chunks nobody started (next() skips those after one the parser gave up in) stay unparsed:
    // their tasks return at once whenever they run. Those being parsed are waited for.
    for (const auto& slot : m_shared->slots) {
        int expected = free_chunk;
        slot->state.compare_exchange_strong(expected, parsed);
        for (int s = slot->state.load(); s != parsed; s = slot->state.load()) slot->state.wait(s);
    }
}

/// Give the chunks before @p upto to the workers.
void ChunkParser::schedule(std::size_t upto) {
    for (; m_scheduled < std::min(upto, m_shared->chunks.size()); ++m_scheduled) {
        m_arena.enqueue([shared = m_shared, i = m_scheduled] {
            int expected = free_chunk;
            if (shared->slots[i]->state.compare_exchange_strong(expected, parsing)) shared->run(i);
        });
    }
}

ParsedChunk* ChunkParser::next() {
    auto& slots = m_shared->slots;
    if (m_next > 0) {
        ParsedChunk& before = slots[m_next - 1]->parsed;  // handed out before: done with
        if (before.gave_up) m_next = slots.size();        // the parser did not go on after it
        before = {};
    }
    if (m_next == slots.size()) return nullptr;
    // The chunk handed out now is parsed here if no worker has it, so the workers look ahead.
    schedule(m_next + 1 + m_window);
    Slot& slot = *slots[m_next];
    int expected = free_chunk;
    if (slot.state.compare_exchange_strong(expected, parsing)) {
        m_shared->run(m_next);
    } else {
        for (int s = slot.state.load(); s != parsed; s = slot.state.load()) slot.state.wait(s);
    }
    ++m_next;
    m_parse_seconds += slot.parsed.seconds;
    return &slot.parsed;
}

}  // namespace newsdex
