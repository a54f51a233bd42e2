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

ChunkParser::ChunkParser(const Parser& parser, std::string path, std::vector<TextChunk> chunks, RecordTriage triage,
                         tbb::task_arena& arena, std::size_t window)
    : m_parser(parser),
      m_path(std::move(path)),
      m_chunks(std::move(chunks)),
      m_triage(std::move(triage)),
      m_arena(arena),
      m_window(window) {
    m_slots.reserve(m_chunks.size());
    for (std::size_t i = 0; i < m_chunks.size(); ++i) m_slots.push_back(std::make_unique<Slot>());
}

ChunkParser::~ChunkParser() {
    // Chunks nobody started stay unparsed; the workers' tasks see that and return at once.
    for (std::size_t i = m_next; i < m_slots.size(); ++i) {
        int expected = free_chunk;
        m_slots[i]->state.compare_exchange_strong(expected, parsed);
    }
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return m_running == 0; });
}

void ChunkParser::run(Slot& slot, const TextChunk& chunk) {
    slot.parsed = parse_recorded(m_parser, m_path, chunk, m_triage);
    slot.state.store(parsed);
    slot.state.notify_all();
}

/// Give the chunks before @p upto to the workers.
void ChunkParser::schedule(std::size_t upto) {
    for (; m_scheduled < std::min(upto, m_chunks.size()); ++m_scheduled) {
        const std::size_t i = m_scheduled;
        {
            const std::lock_guard lock(m_mutex);
            ++m_running;
        }
        m_arena.enqueue([this, i] {
            Slot& slot = *m_slots[i];
            int expected = free_chunk;
            if (slot.state.compare_exchange_strong(expected, parsing)) run(slot, m_chunks[i]);
            // The last thing done with this object: the destructor may return once the lock is free.
            const std::lock_guard lock(m_mutex);
            if (--m_running == 0) m_idle.notify_all();
        });
    }
}

ParsedChunk* ChunkParser::next() {
    if (m_next > 0) {
        ParsedChunk& before = m_slots[m_next - 1]->parsed;  // handed out before: done with
        if (before.gave_up) m_next = m_chunks.size();       // the parser did not go on after it
        before = {};
    }
    if (m_next == m_chunks.size()) return nullptr;
    // The chunk handed out now is parsed here if no worker has it, so the workers look ahead.
    schedule(m_next + 1 + m_window);
    Slot& slot = *m_slots[m_next];
    int expected = free_chunk;
    if (slot.state.compare_exchange_strong(expected, parsing)) {
        run(slot, m_chunks[m_next]);
    } else {
        for (int s = slot.state.load(); s != parsed; s = slot.state.load()) slot.state.wait(s);
    }
    ++m_next;
    m_parse_seconds += slot.parsed.seconds;
    return &slot.parsed;
}

}  // namespace newsdex
