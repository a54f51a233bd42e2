/** @file
 * @brief The entry points of the fuzz targets (tests/fuzz): one per parser, archives, charset
 *        detection and the query language. The libFuzzer binaries (NEWSDEX_FUZZ) and the normal
 *        suite's replay of the seeds and regression inputs (tests/unit/fuzz_regression_test.cpp)
 *        call the same functions.
 *
 * Each entry feeds the bytes through the path the indexer or the searcher takes (decode_to_utf8,
 * then the parser; read_archive, then detection and the parser of each member; parse_query and a
 * search of a tiny in-memory database). Expected failures (diagnostics, QueryError, Xapian errors
 * the searcher turns into messages) are fine; anything else escapes as an exception, which libFuzzer
 * reports as a crash. The invariant checked on top of the sanitizers: every string a parser emits is
 * valid UTF-8 (it goes into Xapian terms and JSON output).
 */
#pragma once
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include <newsdex/analysis/analyzer.hpp>
#include <newsdex/core/diagnostics.hpp>
#include <newsdex/ingest/encoding.hpp>
#include <newsdex/core/error.hpp>
#include <newsdex/ingest/parser.hpp>
#include <newsdex/search/query.hpp>

namespace newsdex::fuzz {

/// Inputs larger than this are ignored by every target (the fuzzers run with a far smaller -max_len).
constexpr std::size_t max_input_bytes = 1u << 20;
/// gumbo's tree construction is superlinear on some tag soup (deep nesting, adoption agency), so the
/// HTML target (and HTML inside e-mail) stops at 64 KiB to keep executions fast.
constexpr std::size_t max_html_bytes = 64u << 10;

/// Whether @p s is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
inline bool valid_utf8(std::string_view s) noexcept {
    std::size_t i = 0;
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    while (i < s.size()) {
        const unsigned c = byte(i);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t n = 0;
        unsigned lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF)
            n = 1;
        else if (c == 0xE0)
            n = 2, lo = 0xA0;
        else if (c == 0xED)
            n = 2, hi = 0x9F;
        else if (c >= 0xE1 && c <= 0xEF)
            n = 2;
        else if (c == 0xF0)
            n = 3, lo = 0x90;
        else if (c == 0xF4)
            n = 3, hi = 0x8F;
        else if (c >= 0xF1 && c <= 0xF3)
            n = 3;
        else
            return false;
        if (i + n >= s.size()) return false;  // truncated sequence
        const unsigned c1 = byte(i + 1);
        if (c1 < lo || c1 > hi) return false;
        for (std::size_t k = 2; k <= n; ++k)
            if ((byte(i + k) & 0xC0) != 0x80) return false;
        i += n + 1;
    }
    return true;
}

/// Throws std::logic_error when @p s (named @p what) is not valid UTF-8.
inline void check_utf8(std::string_view what, std::string_view s) {
    if (!valid_utf8(s)) throw std::logic_error(std::string("invalid UTF-8 in ") + std::string(what));
}

/// The invariants of one emitted document: every text field is valid UTF-8.
inline void check_document(const Document& d) {
    check_utf8("id", d.id);
    check_utf8("type", d.type);
    check_utf8("title", d.title);
    check_utf8("source", d.source);
    check_utf8("subject", d.subject);
    check_utf8("url", d.url);
    check_utf8("body", d.body);
    for (const auto& list : {&d.authors, &d.from, &d.to, &d.cc})
        for (const auto& s : *list) check_utf8("name list", s);
    for (const auto& [k, v] : d.meta) {
        check_utf8("meta key", k);
        check_utf8("meta value", v);
    }
    for (const auto& [k, vs] : d.tags) {
        check_utf8("tag key", k);
        for (const auto& v : vs) check_utf8("tag value", v);
    }
}

/// What a diagnostic sink collecting nothing needs: a callback (so nothing is kept) that checks messages.
inline DiagnosticSink quiet_sink() {
    return DiagnosticSink([](const Diagnostic& d) { (void)d.format(); });
}

/// The parser of @p format, made once per format and kept (as the indexer keeps its parsers).
inline const Parser& parser(std::string_view format) {
    static thread_local std::vector<std::unique_ptr<Parser>> made;
    for (const auto& p : made)
        if (p->name() == format) return *p;
    made.push_back(make_parser(format));
    return *made.back();
}

/// One input as the indexer reads a file: decode, skip binary, detect the format when "auto", parse.
inline void parse_decoded(std::string_view path, std::string_view format, std::string_view bytes,
                          DiagnosticSink& diag) {
    const DecodedText text = decode_to_utf8(bytes);
    check_utf8("decoded text", text.utf8);
    if (text.binary) return;
    if (format == "auto") format = detect_format(path, std::string_view(text.utf8).substr(0, 8192));
    if (format == "html" && text.utf8.size() > max_html_bytes) return;
    parser(format).parse(path, text.utf8, diag, [](Document&& d) { check_document(d); });
}

/// A parser target: "jsonl", "memo", "news", "email", "trec", "reuters", "html".
inline void parse_input(std::string_view format, std::string_view bytes) {
    if (bytes.size() > max_input_bytes) return;
    if (format == "html" && bytes.size() > max_html_bytes) return;
    DiagnosticSink diag = quiet_sink();
    parse_decoded("fuzz/input", format, bytes, diag);
}

/// The archive target: expand through libarchive, then each member as the indexer reads it.
inline void archive_input(std::string_view bytes) {
    if (bytes.size() > max_input_bytes) return;
    DiagnosticSink diag = quiet_sink();
    std::size_t members = 0;
    read_archive("fuzz/input.tar.gz", bytes, diag, [&](ArchiveMember&& m) {
        // The members of a fuzzed archive are mostly garbage: parse a few small ones, name-checked.
        if (++members > 64) return false;
        if (m.bytes.size() <= max_html_bytes)
            parse_decoded(archive_member_path("fuzz/input.tar.gz", m.name), "auto", m.bytes, diag);
        return true;
    });
}

/// The charset target: detection and conversion (decode_to_utf8), conversion from a declared
/// charset (decode_charset; the first byte picks it), and format detection on the result.
inline void charset_input(std::string_view bytes) {
    if (bytes.size() > max_input_bytes) return;
    const DecodedText text = decode_to_utf8(bytes);
    check_utf8("decode_to_utf8", text.utf8);
    (void)detect_format("fuzz/input", std::string_view(text.utf8).substr(0, 8192));
    if (bytes.empty()) return;
    static constexpr std::string_view charsets[] = {
        "iso-8859-1",  "windows-1252", "koi8-r",      "iso-2022-jp",  "shift_jis", "euc-jp", "gb18030",
        "big5",        "euc-kr",       "utf-16",      "utf-16le",     "utf-16be",  "utf-32", "utf-7",
        "utf-8",       "us-ascii",     "iso-8859-15", "windows-1251", "x-unknown", "",       "hz-gb-2312",
        "iso-2022-kr", "scsu",         "bocu-1"};
    const auto pick = static_cast<unsigned char>(bytes[0]) % std::size(charsets);
    DecodedText declared;
    if (decode_charset(bytes.substr(1), charsets[pick], declared)) check_utf8("decode_charset", declared.utf8);
}

/// A tiny in-memory database for the query target: a few documents, so wildcards expand (the
/// in-memory backend has no synonyms: entity synonym look-ups find none).
inline Xapian::Database& query_database() {
    static Xapian::WritableDatabase db = [] {
        Xapian::WritableDatabase w(std::string(), Xapian::DB_BACKEND_INMEMORY);
        for (const char* terms : {"Zcat Zdog XTPacme", "Zcatalog Zsea Sdog", "Zdog Zdoe Zdo"}) {
            Xapian::Document d;
            std::string_view rest(terms);
            Xapian::termpos pos = 0;
            while (!rest.empty()) {
                const auto sp = rest.find(' ');
                d.add_posting(std::string(rest.substr(0, sp)), ++pos);
                rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
            }
            w.add_document(d);
        }
        return w;
    }();
    return db;
}

/// The query target: the first byte picks the options (default operator, stop words, database),
/// the rest is the query text, parsed as the searcher parses it and run on a tiny database.
inline void query_input(std::string_view bytes) {
    if (bytes.size() > 4096 || bytes.empty()) return;
    static const Analyzer analyzer;
    static const char* const stop_words[] = {"the", "a", "of", "and", "or", "not", "to", "in"};
    static const Xapian::SimpleStopper stopper(std::begin(stop_words), std::end(stop_words));
    const auto flags = static_cast<unsigned char>(bytes[0]);
    const std::string text(bytes.substr(1));
    QueryOptions options;
    options.default_op = (flags & 1) ? Xapian::Query::OP_AND : Xapian::Query::OP_OR;
    options.stopper = (flags & 2) ? &stopper : nullptr;
    options.tag_fields = {"topics", "places", "people", "orgs"};
    if (flags & 4) options.default_fields = {{"S", 2.0}, {"", 1.0}};
    Xapian::Database& db = query_database();
    options.database = (flags & 8) ? &db : nullptr;
    ParsedQuery parsed;
    try {
        parsed = parse_query_details(text, analyzer, options);
    } catch (const QueryError&) {
        return;  // a readable message for the user: expected
    } catch (const Xapian::Error&) {
        return;  // the searcher reports these as query errors too
    }
    for (const auto& w : parsed.stopped) check_utf8("stopped word", w);
    (void)parsed.query.get_description();
    try {
        Xapian::Enquire enquire(db);
        enquire.set_query(parsed.query);
        (void)enquire.get_mset(0, 10);
    } catch (const Xapian::Error&) {
        // e.g. a wildcard expanding past its limit: the searcher turns it into a message
    }
}

/// The names of the fuzz targets (tests/fuzz/seeds/<name>, tests/fuzz/regressions/<name>).
inline constexpr std::string_view target_names[] = {"jsonl",   "memo", "news",    "email",   "trec",
                                                    "reuters", "html", "archive", "charset", "query"};

/// Run target @p name on @p bytes; throws std::invalid_argument for an unknown name.
inline void run(std::string_view name, std::string_view bytes) {
    if (name == "archive") return archive_input(bytes);
    if (name == "charset") return charset_input(bytes);
    if (name == "query") return query_input(bytes);
    for (std::string_view p : {"jsonl", "memo", "news", "email", "trec", "reuters", "html"})
        if (name == p) return parse_input(name, bytes);
    throw std::invalid_argument("unknown fuzz target " + std::string(name));
}

}  // namespace newsdex::fuzz
