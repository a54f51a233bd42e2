/** @file
 * @brief Searcher: opening databases, running ranked queries, turning matches into hits with snippets.
 *
 * Every Xapian error is caught here and rethrown as a newsdex error: opening problems as
 * RuntimeError naming the path, wildcard/query-parser problems as QueryError, the rest as
 * RuntimeError. A DatabaseModifiedError (an indexer committed while we read) reopens the
 * database and retries the operation (query parsing included), up to 5 times.
 *
 * Ranking: BM25 (SearchOptions::bm25), English stop words dropped from plain query words, and
 * optionally pseudo-relevance feedback (SearchOptions::expand). The choices and their measured effect
 * on the TIME collection are in benchmarks/time_eval.cpp.
 */
#include <newsdex/search/search.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include <newsdex/core/error.hpp>
#include <newsdex/schema/database.hpp>
#include <newsdex/schema/schema.hpp>
#include <newsdex/schema/stored.hpp>
#include <newsdex/search/entity_canon.hpp>
#include <newsdex/search/facets.hpp>
#include <newsdex/search/related.hpp>
#include <newsdex/search/spelling.hpp>

#include "core/text_util.hpp"

namespace newsdex {

namespace {

/// Snowball's English stop list, generated at configure time from Debian's liblingua-stopwords-perl
/// (Lingua/StopWords/EN.pm): `kEnglishStopWords`.
#include "stopwords_english.inc"

bool is_english(const std::string& language) {
    return language == "english" || language == "en" || language == "porter";
}

/// The stopper for @p language (a Xapian::Stem name): Snowball's English list, or nullptr.
const Xapian::SimpleStopper* stopper_for(const std::string& language) {
    static const Xapian::SimpleStopper english(std::begin(kEnglishStopWords), std::end(kEnglishStopWords));
    return is_english(language) ? &english : nullptr;
}

/// The matcher looks at least at this many documents, so that estimates are exact on small databases.
constexpr Xapian::doccount kCheckAtLeast = 100;

/// Sort key for a document without a date when sorting oldest first: after every real date.
constexpr std::string_view kNoDateLast = "\xff";

/// @p n as a Xapian document count, saturated (a huge limit means "all").
Xapian::doccount to_doccount(std::size_t n) noexcept {
    return static_cast<Xapian::doccount>(std::min<std::size_t>(n, std::numeric_limits<Xapian::doccount>::max()));
}

/// Undo the HTML escaping MSet::snippet applies (it escapes exactly &, < and >).
std::string unescape_snippet(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] == '&') {
            if (s.substr(i, 5) == "&amp;") {
                out += '&';
                i += 5;
                continue;
            }
            if (s.substr(i, 4) == "&lt;") {
                out += '<';
                i += 4;
                continue;
            }
            if (s.substr(i, 4) == "&gt;") {
                out += '>';
                i += 4;
                continue;
            }
        }
        out += s[i++];
    }
    return out;
}

/// @p text with any byte equal to a highlight marker replaced by a space (markers must stay unambiguous).
std::string without_markers(std::string_view text) {
    std::string out(text);
    std::replace_if(
        out.begin(), out.end(), [](char c) { return c == kSnippetOpen || c == kSnippetClose; }, ' ');
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
 * The stemmer MSet::snippet highlights with: the Analyzer's folding, then its stem, so that the
 * snippet's `México` meets the query's `Zmexico` as the index's terms do (Xapian's own Stem would
 * give `Zméxico`). Words Xapian splits differently from the analyzer fall back to the plain stem.
 */
class FoldingStem final : public Xapian::StemImplementation {
public:
    explicit FoldingStem(const Analyzer& analyzer) : m_analyzer(analyzer) {}
    std::string operator()(const std::string& word) override {
        if (std::all_of(word.begin(), word.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
            return m_analyzer.stem(word);  // already lower case: no ICU pass on most words
        m_analyzer.tokenize(word, m_tokens);
        return m_tokens.size() == 1 ? m_analyzer.stem(m_tokens.front().term) : m_analyzer.stem(word);
    }
    std::string get_description() const override { return "newsdex folding stemmer"; }

private:
    const Analyzer& m_analyzer;
    std::vector<Token> m_tokens;
};

/**
 * Run @p f, mapping Xapian errors to newsdex errors, reopening the database and running @p f again
 * when an indexer's commits overtake it (with_reopen_retry). @p what names the operation in messages.
 */
template <class F>
auto guarded(const Xapian::Database& db, std::string_view what, F&& f) -> decltype(f()) {
    try {
        return with_reopen_retry(db, f);
    } catch (const Xapian::WildcardError& e) {
        throw QueryError(fmt::format("wildcard: {}", e.get_msg()));
    } catch (const Xapian::QueryParserError& e) {
        throw QueryError(e.get_msg());
    } catch (const Xapian::Error& e) {
        throw RuntimeError(fmt::format("{} failed: {}", what, e.get_description()));
    }
}

/// Parse the query of @p options with the database's analyzer, tag fields and synonyms; QueryError when bad.
ParsedQuery make_query(const SearchOptions& options, const Analyzer& analyzer, QueryOptions query_options,
                       const Xapian::Database& db) {
    query_options.default_op = options.default_op;
    query_options.database = &db;  // synonyms of exact entity names
    query_options.stopper = options.stopwords ? stopper_for(analyzer.options().language) : nullptr;
    query_options.default_fields = options.fields;
    try {
        return parse_query_details(options.query, analyzer, query_options);
    } catch (const Xapian::DatabaseModifiedError&) {
        throw;  // guarded() reopens and retries
    } catch (const Xapian::Error& e) {
        throw QueryError(e.get_msg());
    }
}

Xapian::BM25Weight bm25_weight(const Bm25Params& p) { return {p.k1, p.k2, p.k3, p.b, p.min_normlen}; }

/// Accepts the body stem terms (`Z` + a word) that are not numbers or stop words: expansion words.
class ExpansionDecider final : public Xapian::ExpandDecider {
public:
    /// @p stop_words: also reject the stems of the English stop words.
    ExpansionDecider(bool stop_words, const Analyzer& analyzer) {
        if (!stop_words) return;
        for (const char* w : kEnglishStopWords) m_stopped.insert(std::string(schema::stem_prefix) + analyzer.stem(w));
    }
    bool operator()(const std::string& term) const override {
        if (term.size() < 3 || term.compare(0, schema::stem_prefix.size(), schema::stem_prefix) != 0) return false;
        if (detail::is_upper(term[schema::stem_prefix.size()]))
            return false;  // a prefixed field (title ZS..., entities ZX...)
        if (std::any_of(term.begin(), term.end(), detail::is_digit)) return false;
        return m_stopped.count(term) == 0;
    }

private:
    std::set<std::string> m_stopped;
};

/// Is @p term a body stem term (`Z` + a word, no field prefix)?
bool is_body_stem(const std::string& term) {
    return term.size() > 1 && term[0] == schema::stem_prefix[0] && !detail::is_upper(term[1]);
}

/// The body stem terms of @p query.
std::set<std::string> body_stems(const Xapian::Query& query) {
    std::set<std::string> terms;
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it)
        if (is_body_stem(*it)) terms.insert(*it);
    return terms;
}

/// The words pseudo-relevance feedback adds, with weights, best first.
using Expansion = std::vector<std::pair<std::string, double>>;

/// RM3's relevance model over the feedback documents @p top (see ExpandOptions).
Expansion relevance_model(const Xapian::MSet& top, const ExpansionDecider& decider,
                          const std::set<std::string>& query_terms, const ExpandOptions& x) {
    // p(t|R) = sum over the feedback documents of p(t|d) p(d|q), with p(t|d) = wdf / length (body
    // stems) and p(d|q) proportional to exp(BM25 score): BM25 estimates the log-odds of relevance, so
    // the best documents dominate, as query likelihoods make them do in RM3.
    const double best = top.begin().get_weight();
    double odds_sum = 0;
    for (auto it = top.begin(); it != top.end(); ++it) odds_sum += std::exp(it.get_weight() - best);
    std::map<std::string, double> model;
    std::vector<std::pair<std::string, Xapian::termcount>> words;
    for (auto it = top.begin(); it != top.end(); ++it) {
        const double p_doc = std::exp(it.get_weight() - best) / odds_sum;
        const Xapian::Document doc = it.get_document();
        words.clear();
        double length = 0;
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            const std::string term = *t;
            if (!is_body_stem(term)) continue;
            length += t.get_wdf();
            if (decider(term) && (x.query_terms || query_terms.count(term) == 0)) words.emplace_back(term, t.get_wdf());
        }
        for (const auto& [term, wdf] : words) model[term] += p_doc * wdf / length;
    }
    Expansion out(model.begin(), model.end());
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (out.size() > x.fb_terms) out.resize(x.fb_terms);
    return out;
}

/**
 * @p query with pseudo-relevance feedback (ExpandOptions): run it, take its top documents as relevant,
 * add the best words of them. Call inside guarded(). Throws UsageError for an unknown scheme.
 */
Xapian::Query expand_query(const Xapian::Database& db, const Xapian::Query& query, bool plain,
                           const SearchOptions& options, const Analyzer& analyzer) {
    const ExpandOptions& x = options.expand;
    if (x.scheme != "rm3" && x.scheme != "trad" && x.scheme != "bo1")
        throw UsageError(fmt::format("unknown query expansion scheme '{}' (expected rm3, trad or bo1)", x.scheme));
    if (x.fb_docs == 0 || x.fb_terms == 0 || x.weight <= 0) return query;
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(bm25_weight(options.bm25));
    const Xapian::MSet top = enquire.get_mset(0, to_doccount(x.fb_docs));
    if (top.empty()) return query;
    const ExpansionDecider decider(options.stopwords && is_english(analyzer.options().language), analyzer);
    const std::set<std::string> query_terms = body_stems(query);
    Expansion picked;
    if (x.scheme == "rm3") {
        picked = relevance_model(top, decider, query_terms, x);
    } else {
        Xapian::RSet rset;
        for (auto it = top.begin(); it != top.end(); ++it) rset.add_document(*it);
        enquire.set_expansion_scheme(x.scheme);
        const Xapian::ESet eset = enquire.get_eset(to_doccount(x.fb_terms), rset,
                                                   x.query_terms ? Xapian::Enquire::INCLUDE_QUERY_TERMS : 0, &decider);
        for (auto it = eset.begin(); it != eset.end(); ++it) picked.emplace_back(*it, it.get_weight());
    }
    double total = 0;
    for (const auto& [term, w] : picked) total += w;
    if (picked.empty() || total <= 0) return query;
    // RM3 interpolates two distributions: the query's words (each 1/n of it) and the expansion words.
    // Scaled by n, the original words keep BM25 weight 1 - weight each, the expansion words share n * weight.
    const double weight = std::min(x.weight, 1.0);
    const double scale = weight * static_cast<double>(std::max<std::size_t>(query_terms.size(), 1)) / total;
    std::vector<Xapian::Query> words;
    words.reserve(picked.size());
    for (const auto& [term, w] : picked)
        words.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), scale * w);
    const Xapian::Query expansion(Xapian::Query::OP_OR, words.begin(), words.end());
    const Xapian::Query original(Xapian::Query::OP_SCALE_WEIGHT, query, 1.0 - weight);
    return Xapian::Query(plain ? Xapian::Query::OP_OR : Xapian::Query::OP_AND_MAYBE, original, expansion);
}

/**
 * The query of @p options: the parsed query text, or with --like the related-documents query
 * (filtered by the query text when there is one); with --expand widened by pseudo-relevance feedback.
 * Call inside guarded(): --like and --expand read the database.
 */
Xapian::Query full_query(const SearchOptions& options, const std::optional<ParsedQuery>& parsed,
                         const Xapian::Database& db, const Analyzer& analyzer) {
    if (options.like.empty()) {
        if (options.expand.enabled && options.sort == SortOrder::relevance)
            return expand_query(db, parsed->query, parsed->plain_words, options, analyzer);
        return parsed->query;
    }
    Xapian::Query related = related_query(db, options.like);
    return parsed ? Xapian::Query(Xapian::Query::OP_FILTER, related, parsed->query) : related;
}

/// The parsed query text, or nullopt when --like stands alone.
std::optional<ParsedQuery> parse_text(const SearchOptions& options, const Analyzer& analyzer,
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

/**
 * Matches the documents whose slot_run value is at least a per-database bound: a value range
 * posting source whose bound depends on the sub-database it is initialised on (Xapian 1.4 clones a
 * posting source for each sub-database and calls init with it), found by the sub-database's uuid.
 */
class NewerThanSource final : public Xapian::ValuePostingSource {
public:
    /// @p first: sub-database uuid -> the least serialised run that matches ("" = every document).
    explicit NewerThanSource(std::shared_ptr<const std::map<std::string, std::string>> first)
        : Xapian::ValuePostingSource(schema::slot_run), m_first_by_uuid(std::move(first)) {}

    void init(const Xapian::Database& db) override {
        Xapian::ValuePostingSource::init(db);
        const auto it = m_first_by_uuid->find(db.get_uuid());
        m_first = it == m_first_by_uuid->end() ? std::string() : it->second;
        m_all = m_first.empty();
        if (m_all) {  // every document, with a value or not
            set_termfreq_min(db.get_doccount());
            set_termfreq_est(db.get_doccount());
            set_termfreq_max(db.get_doccount());
            m_docs = db.postlist_begin("");
            m_docs_end = db.postlist_end("");
            m_started = false;
        } else {
            set_termfreq_min(0);
        }
    }
    void next(double min_wt) override {
        if (m_all) {
            if (m_started) ++m_docs;
            m_started = true;
            return;
        }
        Xapian::ValuePostingSource::next(min_wt);
        skip_old(min_wt);
    }
    void skip_to(Xapian::docid did, double min_wt) override {
        if (m_all) {
            m_started = true;
            m_docs.skip_to(did);
            return;
        }
        Xapian::ValuePostingSource::skip_to(did, min_wt);
        skip_old(min_wt);
    }
    bool check(Xapian::docid did, double min_wt) override {
        if (m_all) {
            skip_to(did, min_wt);
            return true;
        }
        if (!Xapian::ValuePostingSource::check(did, min_wt)) return false;
        return at_end() || get_value() >= m_first;
    }
    bool at_end() const override { return m_all ? m_started && m_docs == m_docs_end : ValuePostingSource::at_end(); }
    Xapian::docid get_docid() const override { return m_all ? *m_docs : ValuePostingSource::get_docid(); }
    NewerThanSource* clone() const override { return new NewerThanSource(m_first_by_uuid); }
    std::string get_description() const override { return "NewerThanSource()"; }

private:
    void skip_old(double min_wt) {
        while (!ValuePostingSource::at_end() && get_value() < m_first) ValuePostingSource::next(min_wt);
    }

    std::shared_ptr<const std::map<std::string, std::string>> m_first_by_uuid;
    std::string m_first;
    bool m_all = false, m_started = false;
    Xapian::PostingIterator m_docs, m_docs_end;
};

}  // namespace

Xapian::Query Searcher::since_filter(const Xapian::Query& query, const SearchOptions& options) const {
    if (options.seen_runs.empty()) return query;
    auto first = std::make_shared<std::map<std::string, std::string>>();
    std::optional<std::string> common;  // the bound when every database has the same one
    bool same = true;
    for (const OpenedDatabase& d : m_opened) {
        const auto seen = options.seen_runs.find(d.path);
        const std::string bound = seen == options.seen_runs.end()
            ? std::string()
            : Xapian::sortable_serialise(static_cast<double>(seen->second + 1));
        if (common && *common != bound) same = false;
        common = bound;
        std::size_t start = 0;  // a stub over shards: each shard is a sub-database
        while (start <= d.uuid.size()) {
            const std::size_t end = std::min(d.uuid.find(':', start), d.uuid.size());
            (*first)[d.uuid.substr(start, end - start)] = bound;
            start = end + 1;
        }
    }
    if (same && common && common->empty()) return query;  // nothing seen yet anywhere
    // One bound (one database, the usual case): Xapian's own value range, which also works remotely.
    const Xapian::Query newer = same && common ? Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::slot_run, *common)
                                               : Xapian::Query((new NewerThanSource(first))->release());
    return Xapian::Query(Xapian::Query::OP_FILTER, query, newer);
}

Searcher::Searcher(const std::vector<std::string>& db_paths, const DatabaseAccess& access)
    : m_columns(std::make_shared<ColumnCache>()) {
    if (db_paths.empty()) throw UsageError("no database given");
    std::string language, language_path, settings, settings_path;
    std::set<std::string> tag_fields;
    auto entities = std::make_shared<EntityCanon>();
    for (const auto& path : db_paths) {
        Xapian::Database db = open_database(path, access);
        try {
            const std::string lang = schema::check_database(db, path);
            if (!lang.empty()) {
                if (language.empty()) {
                    language = lang;
                    language_path = path;
                } else if (lang != language) {
                    throw SchemaError(
                        fmt::format("'{}' was indexed for language '{}' but '{}' for '{}': "
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
                    throw SchemaError(
                        fmt::format("'{}' and '{}' were indexed with different analyzer settings: "
                                    "they cannot be searched together",
                                    settings_path, path));
                }
            }
            const std::string names = db.get_metadata(std::string(schema::meta_tag_fields));
            for (const detail::Line& line : detail::split_lines(names))
                if (const std::string_view name = detail::trim(line.text); !name.empty()) tag_fields.emplace(name);
        } catch (const Xapian::Error& e) {
            throw RuntimeError(fmt::format("cannot read database '{}': {}", path, e.get_msg()));
        }
        entities->add_database(db);  // remote ones too: metadata travels
        m_opened.push_back({path, db.get_uuid(), schema::database_run(db)});
        m_db.add_database(db);
        m_remote = m_remote || is_remote_stub(path);
    }

    if (!language.empty()) {
        try {
            m_analyzer = Analyzer(AnalyzerOptions{language});
        } catch (const UsageError& e) {
            throw SchemaError(fmt::format("'{}' was indexed for language '{}': {}", language_path, language, e.what()));
        }
    }
    if (!settings.empty() && settings != m_analyzer.settings())
        throw SchemaError(
            fmt::format("'{}' was indexed with analyzer settings '{}', this program uses '{}': "
                        "re-index the corpus",
                        settings_path, settings, m_analyzer.settings()));
    m_query_options.tag_fields.assign(tag_fields.begin(), tag_fields.end());
    m_query_options.entities = std::move(entities);
}

SearchResult Searcher::search(const SearchOptions& options) const {
    // The query parser reads the database (synonyms): retried like the search when it changes.
    const std::optional<ParsedQuery> parsed =
        guarded(m_db, "query", [&] { return parse_text(options, m_analyzer, m_query_options, m_db); });
    std::unique_ptr<FacetCollector> facets;
    const std::optional<Xapian::valueno> collapse =
        options.collapse.empty() ? std::nullopt : std::optional<Xapian::valueno>(collapse_slot(options.collapse));
    const Xapian::Stem stemmer(new FoldingStem(m_analyzer));  // Xapian::Stem owns it

    return guarded(m_db, "search", [&] {
        if (!options.facets.empty()) {  // afresh on each attempt: a retry must not count twice
            facets = std::make_unique<FacetCollector>(options.facets, m_query_options.tag_fields, options.facet_size);
            if (m_remote)  // local columns are merged when built (facet_column)
                facets->merge_values(
                    [this](Xapian::valueno slot, const ValueCounter& lists) -> std::optional<std::vector<FacetValue>> {
                        EntityType type{};
                        if (!entity_type_of_slot(slot, type)) return std::nullopt;
                        return m_query_options.entities->merge_lists(type, lists);
                    });
        }
        const Xapian::Query query = since_filter(full_query(options, parsed, m_db, m_analyzer), options);
        SearchResult result;
        result.query = options.query;
        result.collapse = options.collapse;
        result.parsed = query.get_description();
        result.offset = options.offset;

        Xapian::MultiValueKeyMaker oldest_first;  // outlives the Enquire that points to it
        Xapian::Enquire enquire(m_db);
        enquire.set_query(query);
        enquire.set_weighting_scheme(bm25_weight(options.bm25));
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
            if (options.documents || options.snippets)
                hit.doc = decode_stored(it.get_document().get_data());
            else
                hit.doc.id = it.get_document().get_value(schema::slot_id);
            if (options.snippets) {
                const std::string text = without_markers(hit.doc.body.empty() ? hit.doc.title : hit.doc.body);
                if (!text.empty()) {
                    hit.snippet = unescape_snippet(
                        mset.snippet(text, options.snippet_length, stemmer,
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
    if (column) return column;
    auto built = std::make_shared<FacetColumn>(m_db, slot, whole);
    // Entity names: one value per entity of the corpus (case variants, aliases: EntityCanon).
    if (EntityType type{}; !whole && entity_type_of_slot(slot, type)) {
        m_query_options.entities->add_moved_units(*built, type, m_db);
        m_query_options.entities->merge_column(*built, type);
    }
    column = std::move(built);
    return column;
}

Xapian::doccount Searcher::count(const SearchOptions& options) const {
    const std::optional<ParsedQuery> parsed =
        guarded(m_db, "query", [&] { return parse_text(options, m_analyzer, m_query_options, m_db); });
    return guarded(m_db, "count", [&] {
        const Xapian::Query query = since_filter(full_query(options, parsed, m_db, m_analyzer), options);
        Xapian::Enquire enquire(m_db);
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        // Checking every document makes the estimate exact.
        return enquire.get_mset(0, 0, m_db.get_doccount()).get_matches_estimated();
    });
}

std::optional<Document> Searcher::document(std::string_view id) const {
    try {
        auto found = with_reopen_retry(m_db, [&] { return find_document(m_db, id); });
        if (!found) return std::nullopt;
        return std::move(found->second);
    } catch (const Xapian::Error& e) {
        throw RuntimeError(fmt::format("reading document '{}' failed: {}", id, e.get_description()));
    }
}

Xapian::valueno collapse_slot(std::string_view field) {
    if (field == "title") return schema::slot_title;
    if (field == "source") return schema::slot_source;
    if (field == "date") return schema::slot_date;
    if (field == "type") return schema::slot_facet_type;
    throw UsageError(fmt::format("cannot collapse on '{}' (expected title, source, date or type)", field));
}

}  // namespace newsdex
