/** @file
 * @brief The TREC SGML parser: `<DOC> <DOCNO>id</DOCNO> ... </DOC>` records, several per file, as in the
 *        TREC news collections (AP, WSJ, SJMN, LA Times, Financial Times, FBIS).
 *
 * Mapping (tag names case-insensitive; inner markup such as `<P>` removed, entities decoded):
 * - `<DOCNO>` -> the unique id (required: a record without one is an error and skipped);
 * - title: the first non-empty `<HEADLINE>`, `<HEAD>` (AP), `<HL>` (WSJ), `<TI>`, `<TITLE>`;
 * - date: `<DATE>`, `<DATE1>`, `<DD>` (WSJ `04/19/89`), `<PUBDATE>`; also `YYMMDD` (FT `940101`); else
 *   taken from a DOCNO such as `AP880212-0001` / `WSJ870320-0001` (YYMMDD) or `LA010189-0001` (MMDDYY);
 * - authors: `<BYLINE>`, `<AUTHOR>`, `<BY>` (`By Jane Doe`; role lines such as `Associated Press
 *   Writer` dropped);
 * - source: `<SO>`, `<SOURCE>`, `<PUB>`; `<DATELINE>` -> meta["dateline"];
 * - body: `<LP>` (lead paragraph) then every `<TEXT>`, paragraphs separated by blank lines;
 * - any other element with short text (`<FILEID>`, `<SECTION>`, `<LENGTH>`...) -> meta under its
 *   lower-cased name.
 * A `<DOC>` without `</DOC>` (a truncated file) is an error and skipped.
 */
#include <array>

#include <fmt/format.h>

#include <newsdex/analysis/dates.hpp>

#include "ingest/formats/formats.hpp"
#include "ingest/formats/sgml_util.hpp"
#include "core/text_util.hpp"

namespace newsdex {

namespace {

using namespace detail;

constexpr std::array<std::string_view, 5> title_tags{"HEADLINE", "HEAD", "HL", "TI", "TITLE"};
constexpr std::array<std::string_view, 4> date_tags{"DATE", "DATE1", "DD", "PUBDATE"};
constexpr std::array<std::string_view, 3> author_tags{"BYLINE", "AUTHOR", "BY"};
constexpr std::array<std::string_view, 3> source_tags{"SO", "SOURCE", "PUB"};
constexpr std::array<std::string_view, 3> body_tags{"LP", "TEXT", "BODY"};

template <std::size_t N>
bool one_of(std::string_view name, const std::array<std::string_view, N>& names) {
    for (auto n : names)
        if (n == name) return true;
    return false;
}

int two_digits(std::string_view s, std::size_t i) { return (s[i] - '0') * 10 + (s[i + 1] - '0'); }

bool digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!is_digit(c)) return false;
    return true;
}

/// A two-digit year of these 1987-1994 collections: 00-29 are 20xx, the rest 19xx.
int full_year(int yy) { return yy < 30 ? 2000 + yy : 1900 + yy; }

std::optional<Date> checked(Date d) {
    if (is_valid_date(d) && d.month > 0) return d;
    return std::nullopt;
}

/// Dates as TREC writes them that parse_date does not read: `940101` (YYMMDD), `04/19/89` (MM/DD/YY).
std::optional<Date> trec_date(std::string_view s) {
    s = trim(s);
    if (auto d = parse_date(s)) return d;
    if (s.size() >= 6 && digits(s.substr(0, 6)) && (s.size() == 6 || !is_digit(s[6])))
        return checked({full_year(two_digits(s, 0)), two_digits(s, 2), two_digits(s, 4)});
    if (s.size() >= 8 && is_digit(s[0]) && is_digit(s[1]) && s[2] == '/' && is_digit(s[3]) && is_digit(s[4]) &&
        s[5] == '/' && is_digit(s[6]) && is_digit(s[7]))
        return checked({full_year(two_digits(s, 6)), two_digits(s, 0), two_digits(s, 3)});
    return std::nullopt;
}

/// The date in a DOCNO: `AP880212-0001`, `WSJ870320-0001` (YYMMDD), `LA010189-0001` (MMDDYY).
std::optional<Date> docno_date(std::string_view docno) {
    std::size_t i = 0;
    while (i < docno.size() && is_alpha(docno[i])) ++i;
    if (i == 0 || i + 7 > docno.size() || !digits(docno.substr(i, 6)) || docno[i + 6] != '-') return std::nullopt;
    const std::string_view prefix = docno.substr(0, i), d = docno.substr(i, 6);
    if (iequals(prefix, "LA")) return checked({full_year(two_digits(d, 4)), two_digits(d, 0), two_digits(d, 2)});
    return checked({full_year(two_digits(d, 0)), two_digits(d, 2), two_digits(d, 4)});
}

/// Paragraphs of an element's text: lines trimmed (indentation dropped), paragraphs separated by one blank line.
std::string paragraphs(std::string_view raw) {
    const std::string t = sgml::text(raw);
    std::string out;
    bool blank_pending = false;
    for (const auto& l : split_lines(t)) {
        const std::string_view line = trim(l.text);
        if (is_blank(line)) {
            blank_pending = !out.empty();
            continue;
        }
        if (!out.empty()) out += blank_pending ? "\n\n" : "\n";
        blank_pending = false;
        out += line;
    }
    return out;
}

/// The people of a byline; role lines (`Associated Press Writer`, `Staff Correspondent`) give none.
std::vector<std::string> byline_people(std::string_view raw) {
    std::string s = collapse_spaces(sgml::text(raw));
    std::string_view v = s;
    if (istarts_with(v, "by ")) v.remove_prefix(3);
    std::vector<std::string> out;
    for (auto& p : split_people(v)) {
        bool role = has_org_word(p);
        for (std::string_view w : {"writer", "correspondent", "editor", "reporter", "staff", "columnist"})
            role = role || ifind(p, w) != std::string_view::npos;
        if (!role) out.push_back(std::move(p));
    }
    return out;
}

class TrecParser final : public Parser {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "trec"; }

    void parse(std::string_view path, std::string_view text, DiagnosticSink& diag,
               const DocumentSink& emit) const override {
        text = strip_bom(text);
        const std::size_t records = sgml::for_each_record(path, text, "DOC", diag, [&](const sgml::Record& r) {
            const auto docno = sgml::element(r.content, "DOCNO");
            const std::string id = docno ? collapse_spaces(sgml::text(docno->content)) : std::string();
            if (id.empty()) {
                diag.error(std::string(path), r.line, "<DOC> without <DOCNO>: skipped");
                return;
            }
            Document doc;
            doc.id = id;
            doc.path = path;
            doc.line = r.line;
            doc.type = "news";
            read_record(r.content, doc, path, r.line, diag);
            emit(std::move(doc));
        });
        if (records == 0 && !is_blank(text)) diag.warning(std::string(path), 0, "no <DOC> records found");
    }

private:
    static void read_record(std::string_view record, Document& doc, std::string_view path, std::size_t line,
                            DiagnosticSink& diag) {
        // The mapped fields are looked up anywhere in the record (FBIS nests its title in <HEADER><H3>).
        for (auto tag : title_tags) {
            // The first non-empty one (AP's further <HEAD>s are editors' notes: "Eds: ...").
            for (const auto& e : sgml::elements(record, tag)) {
                doc.title = collapse_spaces(sgml::text(e.content));
                if (!doc.title.empty()) break;
            }
            if (!doc.title.empty()) break;
        }
        std::string raw_date;
        for (auto tag : date_tags) {
            if (const auto e = sgml::element(record, tag)) raw_date = collapse_spaces(sgml::text(e->content));
            if (!raw_date.empty()) break;
        }
        for (auto tag : author_tags)
            for (const auto& e : sgml::elements(record, tag))
                for (auto& p : byline_people(e.content)) doc.authors.push_back(std::move(p));
        for (auto tag : source_tags) {
            if (const auto e = sgml::element(record, tag)) doc.source = collapse_spaces(sgml::text(e->content));
            if (!doc.source.empty()) break;
        }
        std::vector<std::string> body_parts;
        for (auto tag : body_tags)
            for (const auto& e : sgml::elements(record, tag))
                if (std::string p = paragraphs(e.content); !p.empty()) body_parts.push_back(std::move(p));
        // Other top-level elements with short text are metadata.
        for (const std::string& name : sgml::element_names(record)) {
            if (name == "DOCNO" || name == "DATELINE" || one_of(name, title_tags) || one_of(name, date_tags) ||
                one_of(name, author_tags) || one_of(name, source_tags) || one_of(name, body_tags))
                continue;
            const auto e = sgml::element(record, name);
            if (!e) continue;
            std::string v = collapse_spaces(sgml::text(e->content));
            if (v.empty() || v.size() > 500) continue;
            doc.meta.emplace(ascii_lower(name), std::move(v));
        }
        if (const auto e = sgml::element(record, "DATELINE"))
            if (std::string d = collapse_spaces(sgml::text(e->content)); !d.empty())
                doc.meta["dateline"] = std::move(d);
        for (std::size_t i = 0; i < body_parts.size(); ++i) {
            if (i > 0) doc.body += "\n\n";
            doc.body += body_parts[i];
        }
        if (!raw_date.empty()) {
            if (auto d = trec_date(raw_date)) {
                doc.date = d;
            } else {
                diag.warning(std::string(path), line,
                             fmt::format("unrecognized date '{}' in <DOC> {}", raw_date, doc.id));
                doc.meta["date"] = raw_date;
            }
        }
        if (!doc.date) doc.date = docno_date(doc.id);
    }
};

}  // namespace

namespace detail {
std::unique_ptr<Parser> make_trec_parser() { return std::make_unique<TrecParser>(); }
}  // namespace detail

}  // namespace newsdex
