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

struct ChunkParser::Core {
    struct Slot {
        std::atomic<int> state{free_chunk};
        ParsedChunk parsed;
    };

    Core(const Parser& parser, std::string path, std::vector<TextChunk> chunks, RecordTriage triage)
        : parser(parser), path(std::move(path)), chunks(std::move(chunks)), triage(std::move(triage)) {
        slots.reserve(this->chunks.size());
        for (std::size_t i = 0; i < this->chunks.size(); ++i) slots.push_back(std::make_unique<Slot>());
    }

    /// Parse chunk @p i if nobody has it yet; true when this thread did.
    bool claim_and_parse(std::size_t i) {
        Slot& slot = *slots[i];
        int expected = free_chunk;
        if (!slot.state.compare_exchange_strong(expected, parsing)) return false;
        {
            const std::lock_guard lock(mutex);
            ++in_parse;
        }
        slot.parsed = parse_recorded(parser, path, chunks[i], triage);
        slot.state.store(parsed);
        slot.state.notify_all();
        const std::lock_guard lock(mutex);
        if (--in_parse == 0) idle.notify_all();
        return true;
    }

    // The parser and the text the chunks point into are only touched while a chunk is being parsed;
    // the destructor waits for those parses, so both may go once it returns.
    const Parser& parser;
    std::string path;
    std::vector<TextChunk> chunks;
    RecordTriage triage;
    std::vector<std::unique_ptr<Slot>> slots;
    std::mutex mutex;
    std::condition_variable idle;
    std::size_t in_parse = 0;  ///< chunks being parsed right now (mutex)
};

ChunkParser::ChunkParser(const Parser& parser, std::string path, std::vector<TextChunk> chunks, RecordTriage triage,
                         tbb::task_arena& arena, std::size_t window)
    : m_core(std::make_shared<Core>(parser, std::move(path), std::move(chunks), std::move(triage))),
      m_arena(arena),
      m_window(window) {}

ChunkParser::~ChunkParser() {
    // Chunks nobody started stay unparsed; a task the arena has not run yet (its workers may all be
    // busy elsewhere, e.g. blocked in the indexing pipeline) sees that and returns at once, whenever
    // it runs: so wait for the parses under way only, never for tasks to be run.
    Core& core = *m_core;
    for (std::size_t i = m_next; i < core.slots.size(); ++i) {
        int expected = free_chunk;
        core.slots[i]->state.compare_exchange_strong(expected, parsed);
    }
    std::unique_lock lock(core.mutex);
    core.idle.wait(lock, [&core] { return core.in_parse == 0; });
}

/// Give the chunks before @p upto to the workers.
void ChunkParser::schedule(std::size_t upto) {
    for (; m_scheduled < std::min(upto, m_core->chunks.size()); ++m_scheduled)
        m_arena.enqueue([core = m_core, i = m_scheduled] { core->claim_and_parse(i); });
}

ParsedChunk* ChunkParser::next() {
    if (m_next > 0) {
        ParsedChunk& before = m_core->slots[m_next - 1]->parsed;  // handed out before: done with
        if (before.gave_up) m_next = m_core->chunks.size();       // the parser did not go on after it
        before = {};
    }
    Core& core = *m_core;
    if (m_next == core.chunks.size()) return nullptr;
    // The chunk handed out now is parsed here if no worker has it, so the workers look ahead.
    schedule(m_next + 1 + m_window);
    Core::Slot& slot = *core.slots[m_next];
    if (!core.claim_and_parse(m_next))
        for (int s = slot.state.load(); s != parsed; s = slot.state.load()) slot.state.wait(s);
    ++m_next;
    m_parse_seconds += slot.parsed.seconds;
    return &slot.parsed;
}

}  // namespace newsdex
