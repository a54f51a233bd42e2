/** @file
 * @brief Searcher: opening databases, running ranked queries, turning matches into hits with snippets.
 *
 * Every Xapian error is caught here and rethrown as a newsdex error: opening problems as
 * RuntimeError naming the path, wildcard/query-parser problems as QueryError, the rest as
 * RuntimeError. A DatabaseModifiedError (an indexer committed while we read) reopens the
 * database and retries the operation once.
 */
#include <newsdex/search.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include <newsdex/document_builder.hpp>
#include <newsdex/error.hpp>
#include <newsdex/facets.hpp>
#include <newsdex/schema.hpp>
#include <newsdex/search_features.hpp>

namespace newsdex {

namespace {

/// The matcher looks at least at this many documents, so that estimates are exact on small databases.
constexpr Xapian::doccount kCheckAtLeast = 100;

/// Sort key for a document without a date when sorting oldest first: after every real date.
constexpr std::string_view kNoDateLast = "\xff";

/// @p n as a Xapian document count, saturated (a huge limit means "all").
Xapian::doccount to_doccount(std::size_t n) noexcept {
    return static_cast<Xapian::doccount>(std::min<std::size_t>(n, std::numeric_limits<Xapian::doccount>::max()));
}

/// Open one database path (directory or stub file), turning Xapian's errors into a RuntimeError.
Xapian::Database open_one(const std::string& path) {
    if (path.empty()) throw RuntimeError("cannot open database '': empty path");
    try {
        return Xapian::Database(path);
    } catch (const Xapian::Error& e) {
        throw RuntimeError(fmt::format("cannot open database '{}': {}", path, e.get_msg()));
    }
}

/// The non-empty lines of @p text, each trimmed of spaces, tabs and carriage returns.
std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string_view::npos) continue;
        const auto last = line.find_last_not_of(" \t\r");
        out.emplace_back(line.substr(first, last - first + 1));
    }
    return out;
}

/// Undo the HTML escaping MSet::snippet applies (it escapes exactly &, < and >).
std::string unescape_snippet(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] == '&') {
            if (s.substr(i, 5) == "&amp;") { out += '&'; i += 5; continue; }
            if (s.substr(i, 4) == "&lt;") { out += '<'; i += 4; continue; }
            if (s.substr(i, 4) == "&gt;") { out += '>'; i += 4; continue; }
        }
        out += s[i++];
    }
    return out;
}

/// @p text with any byte equal to a highlight marker replaced by a space (markers must stay unambiguous).
std::string without_markers(std::string_view text) {
    std::string out(text);
    std::replace_if(out.begin(), out.end(), [](char c) { return c == kSnippetOpen || c == kSnippetClose; }, ' ');
    return out;
}

/// At most @p max_bytes of @p text, cut at a UTF-8 character boundary.
std::string utf8_prefix(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return std::string(text);
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return std::string(text.substr(0, end)) + "…";
}

/**
 * Run @p f, mapping Xapian errors to newsdex errors. On DatabaseModifiedError the database is
 * reopened and @p f run once more. @p what names the operation in messages.
 */
template <class F>
auto guarded(const Xapian::Database& db, std::string_view what, F&& f) -> decltype(f()) {
    try {
        try {
            return f();
        } catch (const Xapian::DatabaseModifiedError&) {
            // A copy shares the open shards with the original: reopening it reopens them for both.
            Xapian::Database shared(db);
            shared.reopen();
            return f();
        }
    } catch (const Xapian::WildcardError& e) {
        throw QueryError(fmt::format("wildcard: {}", e.get_msg()));
    } catch (const Xapian::QueryParserError& e) {
        throw QueryError(e.get_msg());
    } catch (const Xapian::Error& e) {
        throw RuntimeError(fmt::format("{} failed: {}", what, e.get_description()));
    }
}

/// Parse the query of @p options with the database's analyzer, tag fields and synonyms; QueryError when bad.
Xapian::Query make_query(const SearchOptions& options, const Analyzer& analyzer, QueryOptions query_options,
                         const Xapian::Database& db) {
    query_options.default_op = options.default_op;
    query_options.database = &db;  // synonyms of exact entity names
    try {
        return parse_query(options.query, analyzer, query_options);
    } catch (const Xapian::Error& e) {
        throw QueryError(e.get_msg());
    }
}

/**
 * The query of @p options: the parsed query text, or with --like the related-documents query
 * (filtered by the query text when there is one). Call inside guarded(): --like reads the database.
 */
Xapian::Query full_query(const SearchOptions& options, const std::optional<Xapian::Query>& parsed,
                         const Xapian::Database& db) {
    if (options.like.empty()) return *parsed;
    Xapian::Query related = related_query(db, options.like);
    return parsed ? Xapian::Query(Xapian::Query::OP_FILTER, related, *parsed) : related;
}

/// The parsed query text, or nullopt when --like stands alone.
std::optional<Xapian::Query> parse_text(const SearchOptions& options, const Analyzer& analyzer,
                                        const QueryOptions& query_options, const Xapian::Database& db) {
    if (!options.like.empty() && options.query.find_first_not_of(" \t") == std::string::npos) return std::nullopt;
    return make_query(options, analyzer, query_options, db);
}

/// True when @p path is a stub database file naming a remote database (`remote ...` lines).
bool is_remote_stub(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return false;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        const auto first = line.find_first_not_of(" \t");
        if (first != std::string::npos && line.compare(first, 6, "remote") == 0) return true;
    }
    return false;
}

}  // namespace

Searcher::Searcher(const std::vector<std::string>& db_paths) : m_columns(std::make_shared<ColumnCache>()) {
    if (db_paths.empty()) throw UsageError("no database given");
    std::string language, language_path, settings, settings_path;
    std::set<std::string> tag_fields;
    for (const auto& path : db_paths) {
        Xapian::Database db = open_one(path);
        try {
            const std::string lang = schema::check_database(db, path);
            if (!lang.empty()) {
                if (language.empty()) {
                    language = lang;
                    language_path = path;
                } else if (lang != language) {
                    throw SchemaError(fmt::format("'{}' was indexed for language '{}' but '{}' for '{}': "
                                                  "they cannot be searched together",
                                                  language_path, language, path, lang));
                }
            }
            const std::string s = db.get_metadata(std::string(schema::meta_analyzer));
            if (!s.empty()) {
                if (settings.empty()) {
                    settings = s;
                    settings_path = path;
                } else if (s != settings) {
                    throw SchemaError(fmt::format("'{}' and '{}' were indexed with different analyzer settings: "
                                                  "they cannot be searched together",
                                                  settings_path, path));
                }
            }
            for (auto& name : split_lines(db.get_metadata(std::string(schema::meta_tag_fields))))
                tag_fields.insert(std::move(name));
        } catch (const Xapian::Error& e) {
            throw RuntimeError(fmt::format("cannot read database '{}': {}", path, e.get_msg()));
        }
        m_db.add_database(db);
        m_remote = m_remote || is_remote_stub(path);
    }

    if (!language.empty()) {
        try {
            m_analyzer = Analyzer(AnalyzerOptions{language});
        } catch (const UsageError& e) {
            throw SchemaError(fmt::format("'{}' was indexed for language '{}': {}", language_path, language,
                                          e.what()));
        }
    }
    if (!settings.empty() && settings != m_analyzer.settings())
        throw SchemaError(fmt::format("'{}' was indexed with analyzer settings '{}', this program uses '{}': "
                                      "re-index the corpus",
                                      settings_path, settings, m_analyzer.settings()));
    m_query_options.tag_fields.assign(tag_fields.begin(), tag_fields.end());
}

SearchResult Searcher::search(const SearchOptions& options) const {
    const std::optional<Xapian::Query> parsed = parse_text(options, m_analyzer, m_query_options, m_db);
    std::unique_ptr<FacetCollector> facets;
    if (!options.facets.empty())
        facets = std::make_unique<FacetCollector>(options.facets, m_query_options.tag_fields, options.facet_size);
    const std::optional<Xapian::valueno> collapse =
        options.collapse.empty() ? std::nullopt : std::optional<Xapian::valueno>(collapse_slot(options.collapse));
    const std::string& language = m_analyzer.options().language;
    const Xapian::Stem stemmer = language.empty() || language == "none" ? Xapian::Stem() : Xapian::Stem(language);

    return guarded(m_db, "search", [&] {
        const Xapian::Query query = full_query(options, parsed, m_db);
        SearchResult result;
        result.query = options.query;
        result.collapse = options.collapse;
        result.parsed = query.get_description();
        result.offset = options.offset;

        Xapian::MultiValueKeyMaker oldest_first;  // outlives the Enquire that points to it
        Xapian::Enquire enquire(m_db);
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BM25Weight());
        switch (options.sort) {
        case SortOrder::relevance:  // --recency: newer first among equal scores
            if (options.recency) enquire.set_sort_by_relevance_then_value(schema::slot_date, true);
            break;
        case SortOrder::date:
            oldest_first.add_value(schema::slot_date, false, std::string(kNoDateLast));
            enquire.set_sort_by_key_then_relevance(&oldest_first, false);
            break;
        case SortOrder::date_desc:  // an empty value sorts lowest, so undated documents come last
            enquire.set_sort_by_value_then_relevance(schema::slot_date, true);
            break;
        }

        const Xapian::doccount first = to_doccount(options.offset);
        const Xapian::doccount max_items = to_doccount(options.limit);
        if (collapse) enquire.set_collapse_key(*collapse);
        Xapian::doccount check_at_least = std::max(kCheckAtLeast, to_doccount(std::size_t{first} + max_items));
        if (options.exact_count) check_at_least = std::max(check_at_least, m_db.get_doccount());
        // Exact facets: a separate boolean pass over every match (FacetCollector::count), so this
        // ranked search keeps stopping early. --facet-depth N: the spies ride along on this search.
        const bool facet_pass = facets && options.facet_depth == 0;
        const FacetColumnSource columns = [this](Xapian::valueno slot, bool whole) {
            return facet_column(slot, whole);
        };
        if (facets && !facet_pass) {
            facets->attach(enquire, m_remote ? nullptr : &columns);
            check_at_least = std::max(check_at_least, to_doccount(options.facet_depth));
        }
        const Xapian::MSet mset = enquire.get_mset(first, max_items, check_at_least);
        result.estimate = mset.get_matches_estimated();
        result.lower = mset.get_matches_lower_bound();
        result.upper = mset.get_matches_upper_bound();
        if (facet_pass) {
            const Xapian::doccount matches = facets->count(m_db, query, m_remote ? nullptr : &columns);
            if (!collapse) result.estimate = result.lower = result.upper = matches;
            result.facets = facets->results(matches, true);
        } else if (facets) {
            result.facets = facets->results(result.estimate, result.lower == result.upper);
        }
        if (options.suggest && !options.query.empty() && result.lower < kSuggestBelow)
            result.suggestion = suggest_spelling(m_db, m_analyzer, options.query);

        result.hits.reserve(mset.size());
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            Hit hit;
            hit.rank = static_cast<std::size_t>(it.get_rank()) + 1;
            hit.docid = *it;
            hit.score = it.get_weight();
            hit.percent = it.get_percent();
            if (collapse) hit.collapsed = it.get_collapse_count();
            hit.doc = decode_stored(it.get_document().get_data());
            if (options.snippets) {
                const std::string text = without_markers(hit.doc.body.empty() ? hit.doc.title : hit.doc.body);
                if (!text.empty()) {
                    hit.snippet = unescape_snippet(mset.snippet(
                        text, options.snippet_length, stemmer,
                        Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                        std::string(1, kSnippetOpen), std::string(1, kSnippetClose), "…"));
                    if (hit.snippet.empty()) hit.snippet = utf8_prefix(text, options.snippet_length);
                }
            }
            result.hits.push_back(std::move(hit));
        }
        return result;
    });
}

struct Searcher::ColumnCache {
    std::mutex mutex;
    std::map<std::pair<Xapian::valueno, bool>, std::shared_ptr<const FacetColumn>> columns;
};

std::shared_ptr<const FacetColumn> Searcher::facet_column(Xapian::valueno slot, bool whole) const {
    std::lock_guard lock(m_columns->mutex);
    auto& column = m_columns->columns[{slot, whole}];
    if (!column) column = std::make_shared<const FacetColumn>(m_db, slot, whole);
    return column;
}

Xapian::doccount Searcher::count(const SearchOptions& options) const {
    const std::optional<Xapian::Query> parsed = parse_text(options, m_analyzer, m_query_options, m_db);
    return guarded(m_db, "count", [&] {
        const Xapian::Query query = full_query(options, parsed, m_db);
        Xapian::Enquire enquire(m_db);
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        // Checking every document makes the estimate exact.
        return enquire.get_mset(0, 0, m_db.get_doccount()).get_matches_estimated();
    });
}

}  // namespace newsdex
