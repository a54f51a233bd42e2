/** @file
 * @brief Batch mode: reading queries, running them on N threads, writing results in input order.
 *
 * Workers share one lock that guards the input, the reorder buffer and the output. A worker takes
 * the next query (reading lines under the lock) only while fewer than `window` queries are read but
 * not yet written, runs it with its own Searcher and formats the output outside the lock, then files
 * the text under its sequence number and writes every result that is next in input order. So output
 * streams as soon as the next one is ready and memory stays bounded by the window.
 */
#include <newsdex/output/batch.hpp>

#include <chrono>
#include <condition_variable>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include <newsdex/core/error.hpp>
#include <newsdex/search/facets.hpp>
#include <newsdex/search/search.hpp>

#include "core/text_util.hpp"
#include "output/csv.hpp"
#include "output/json_output.hpp"

namespace newsdex {

namespace {

/// @p s with every whitespace or control character replaced by @p with (TREC/TSV fields stay one field).
std::string one_field(std::string_view s, char with) {
    std::string out(s);
    for (auto& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == ' ' || c == 0x7f) c = with;
    return out;
}

/// Run one query with @p searcher; exactly one of the result and the error is set.
struct Answer {
    std::optional<SearchResult> result;
    std::optional<std::string> error;
};

Answer answer(const Searcher& searcher, const BatchQuery& q, const SearchOptions& base) {
    Answer a;
    if (q.query.empty() && base.like.empty()) {
        a.error = "empty query";
        return a;
    }
    SearchOptions options = base;
    options.query = q.query;
    try {
        a.result = searcher.search(options);
    } catch (const QueryError& e) {
        a.error = fmt::format("bad query: {}", e.what());
    } catch (const RuntimeError& e) {
        a.error = e.what();
    }
    // Other UsageErrors (unknown facet field, --like of a missing id) are the options' fault, not
    // the query's: they propagate and stop the batch.
    return a;
}

/// @p options as run: what the output format does not print is not computed.
BatchOptions as_run(const BatchOptions& options) {
    BatchOptions opts = options;
    if (opts.format != BatchFormat::jsonl) {
        opts.search.snippets = false;
        opts.search.suggest = false;
        if (opts.format == BatchFormat::trec) opts.search.documents = false;  // the id is enough
    }
    return opts;
}

/**
 * One Searcher per job, every database opened first so that a missing one fails before any output;
 * also checks the options that would make every query fail the same way.
 */
std::vector<std::unique_ptr<Searcher>> open_searchers(const std::vector<std::string>& db_paths,
                                                      const BatchOptions& opts) {
    std::vector<std::unique_ptr<Searcher>> searchers;
    for (std::size_t i = 0; i < opts.jobs; ++i) searchers.push_back(std::make_unique<Searcher>(db_paths, opts.access));
    if (!opts.search.facets.empty())
        (void)FacetCollector(opts.search.facets, searchers.front()->tag_fields(), opts.search.facet_size);
    if (!opts.search.collapse.empty()) (void)collapse_slot(opts.search.collapse);
    return searchers;
}

}  // namespace

std::optional<BatchQuery> parse_batch_line(std::string_view line, std::size_t line_no) {
    if (line_no == 1) line = detail::strip_bom(line);
    const std::string_view text = detail::trim(line);
    if (text.empty() || text.front() == '#') return std::nullopt;
    BatchQuery q;
    q.line = line_no;
    if (const auto tab = line.find('\t'); tab != std::string_view::npos) {  // `QID<TAB>` keeps its empty query
        q.qid = std::string(detail::trim(line.substr(0, tab)));
        q.query = std::string(detail::trim(line.substr(tab + 1)));
    } else {
        q.query = std::string(text);
    }
    if (q.qid.empty()) q.qid = std::to_string(line_no);
    return q;
}

std::string BatchStats::summary() const {
    return fmt::format("{} {}, {} failed, {:.2f} s, {:.0f} queries/s", queries, queries == 1 ? "query" : "queries",
                       failures, seconds, per_second());
}

BatchFormat batch_format_from(std::string_view name) {
    if (name == "jsonl" || name == "json") return BatchFormat::jsonl;
    if (name == "trec") return BatchFormat::trec;
    if (name == "tsv") return BatchFormat::tsv;
    if (name == "csv") return BatchFormat::csv;
    throw UsageError(fmt::format("unknown batch output format '{}' (expected jsonl, trec, tsv or csv)", name));
}

std::string format_batch_result(const BatchQuery& query, const SearchResult* result, const std::string* error,
                                const BatchOptions& options) {
    switch (options.format) {
        case BatchFormat::jsonl: {
            SearchResult empty;
            if (result == nullptr) {
                empty.query = query.query;
                empty.offset = options.search.offset;
            }
            const nlohmann::ordered_json body = detail::search_result_json(result ? *result : empty);
            nlohmann::ordered_json j = nlohmann::ordered_json::object();
            for (auto it = body.begin(); it != body.end(); ++it) {
                j[it.key()] = it.value();
                if (it.key() == "format_version") j["qid"] = query.qid;
            }
            j["error"] = error ? nlohmann::ordered_json(*error) : nlohmann::ordered_json(nullptr);
            return detail::json_text(j) + '\n';
        }
        case BatchFormat::trec: {
            if (result == nullptr) return {};
            std::string out;
            const std::string qid = one_field(query.qid, '_'), tag = one_field(options.run_tag, '_');
            for (const auto& hit : result->hits)
                out +=
                    fmt::format("{} Q0 {} {} {:.6f} {}\n", qid, one_field(hit.doc.id, '_'), hit.rank, hit.score, tag);
            return out;
        }
        case BatchFormat::tsv: {
            if (result == nullptr) return {};
            std::string out;
            const std::string qid = one_field(query.qid, ' ');
            for (const auto& hit : result->hits) {
                const std::string& title = hit.doc.title.empty() ? hit.doc.subject : hit.doc.title;
                out += fmt::format("{}\t{}\t{}\t{:.4f}\t{}\n", qid, hit.rank, one_field(hit.doc.id, ' '), hit.score,
                                   one_field(title, ' '));
            }
            return out;
        }
        case BatchFormat::csv:
            return result ? detail::csv_rows(*result, &query.qid) : std::string();
    }
    return {};
}

BatchStats run_batch(const std::vector<std::string>& db_paths, std::istream& in, std::ostream& out,
                     const BatchOptions& options, DiagnosticSink& diag) {
    if (options.jobs == 0) throw UsageError("--jobs must be at least 1");
    const BatchOptions opts = as_run(options);
    const std::size_t window = opts.window > 0 ? opts.window : 8 * opts.jobs;
    const std::vector<std::unique_ptr<Searcher>> searchers = open_searchers(db_paths, opts);
    if (opts.format == BatchFormat::csv) out << detail::csv_header(true);  // once, before any query's rows

    struct Done {
        BatchQuery query;
        std::string text;
        std::optional<std::string> error;
    };
    std::mutex mutex;
    std::condition_variable space;  // signalled when output advances (or the batch stops)
    std::size_t line_no = 0, next_seq = 0, next_out = 0;
    bool input_done = false;
    std::exception_ptr fatal;
    std::map<std::size_t, Done> ready;  // finished, waiting for the ones before them
    BatchStats stats;

    const auto start = std::chrono::steady_clock::now();
    const auto work = [&](const Searcher& searcher) {
        for (;;) {
            BatchQuery query;
            std::size_t seq = 0;
            {
                std::unique_lock lock(mutex);
                space.wait(lock, [&] { return input_done || fatal || next_seq - next_out < window; });
                if (input_done || fatal) return;
                std::optional<BatchQuery> q;
                for (std::string line; !q && std::getline(in, line);) q = parse_batch_line(line, ++line_no);
                if (!q) {
                    input_done = true;
                    space.notify_all();
                    return;
                }
                query = std::move(*q);
                seq = next_seq++;
            }
            Done done;
            try {
                Answer a = answer(searcher, query, opts.search);
                done.text =
                    format_batch_result(query, a.result ? &*a.result : nullptr, a.error ? &*a.error : nullptr, opts);
                done.error = std::move(a.error);
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!fatal) fatal = std::current_exception();
                space.notify_all();
                return;
            }
            done.query = std::move(query);
            std::lock_guard lock(mutex);
            ready.emplace(seq, std::move(done));
            for (auto it = ready.begin(); it != ready.end() && it->first == next_out; it = ready.erase(it)) {
                out << it->second.text;
                ++stats.queries;
                if (it->second.error) {
                    ++stats.failures;
                    diag.error(opts.input_name, it->second.query.line, *it->second.error);
                }
                ++next_out;
            }
            // Interactive input (a pipe someone types into): show what is done before waiting for more.
            if (in.rdbuf()->in_avail() <= 0) out.flush();
            space.notify_all();
        }
    };

    if (opts.jobs == 1) {
        work(*searchers.front());
    } else {
        std::vector<std::thread> threads;
        threads.reserve(opts.jobs);
        try {
            for (auto& s : searchers) threads.emplace_back(work, std::cref(*s));
        } catch (...) {  // could not start a thread: stop the others, then report
            {
                std::lock_guard lock(mutex);
                if (!fatal) fatal = std::current_exception();
            }
            space.notify_all();
        }
        for (auto& t : threads) t.join();
    }
    out.flush();
    if (fatal) std::rethrow_exception(fatal);
    if (in.bad()) throw RuntimeError(fmt::format("reading '{}' failed after line {}", opts.input_name, line_no));
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    stats.databases = searchers.front()->opened();
    return stats;
}

}  // namespace newsdex
