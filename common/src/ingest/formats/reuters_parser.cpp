/** @file
 * @brief The Reuters-21578 SGML parser: `<REUTERS ... NEWID="n">` records, many per `reut2-NNN.sgm` file.
 *
 * Mapping (chosen so that a record gives the same document as its copy in the JSON Lines version of the
 * collection, which names its fields the same way):
 * - id `reuters-<NEWID>`; type `news`; line = the line of the `<REUTERS` tag;
 * - `<DATE>` (`26-FEB-1987 15:01:01.79`, also with a one-digit day) -> date; an unreadable one is a
 *   warning and goes to meta["date"];
 * - `<TOPICS>`, `<PLACES>`, `<PEOPLE>`, `<ORGS>`, `<EXCHANGES>`, `<COMPANIES>` lists of `<D>` values ->
 *   tag fields `topics`, `places`, `people`, `orgs`, `exchanges`, `companies` (empty lists give none);
 * - `<TEXT>`: `<TITLE>` -> title and `<DATELINE>` -> meta["dateline"] (white space folded),
 *   `<AUTHOR>` (`By Jane Doe, Reuters`) -> authors, `<BODY>` -> body (trimmed); a `TYPE="UNPROC"` text
 *   has no `<BODY>`: its whole text is the body; a `TYPE="BRIEF"` one is a headline only (its
 *   "Blah blah blah." placeholder is dropped);
 * - the LEWISSPLIT, CGISPLIT and OLDID attributes -> meta["lewissplit"], meta["cgisplit"], meta["oldid"].
 * Entity references (`&lt;`, `&amp;`, `&#N;`) are decoded and control characters (`&#2;`, `&#3;`,
 * `&#127;`, raw ESC) dropped. A record without NEWID, or cut off before `</REUTERS>`, is an error and
 * skipped.
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

constexpr std::array<std::pair<std::string_view, std::string_view>, 6> list_fields{{{"TOPICS", "topics"},
                                                                                    {"PLACES", "places"},
                                                                                    {"PEOPLE", "people"},
                                                                                    {"ORGS", "orgs"},
                                                                                    {"EXCHANGES", "exchanges"},
                                                                                    {"COMPANIES", "companies"}}};

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!is_digit(c)) return false;
    return true;
}

/// "    By Richard Walker, Reuters" -> {"Richard Walker"}.
std::vector<std::string> authors_of(std::string_view raw) {
    std::string s = collapse_spaces(sgml::text(raw));
    std::string_view v = s;
    if (istarts_with(v, "by ")) v.remove_prefix(3);
    return split_people(v);
}

class ReutersParser final : public Parser {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "reuters"; }

    void parse(std::string_view path, std::string_view text, DiagnosticSink& diag,
               const DocumentSink& emit) const override {
        text = strip_bom(text);
        if (parse_records(path, {text, 1}, diag, emit) == 0 && !is_blank(text))
            diag.warning(std::string(path), 0, "no <REUTERS> records found");
    }

    [[nodiscard]] std::vector<TextChunk> split(std::string_view text, std::size_t target) const override {
        return sgml::split_records(text, "REUTERS", target);
    }

    /// split() makes chunks of an input with records only (no warning that there are none).
    bool parse_chunk(std::string_view path, const TextChunk& chunk, DiagnosticSink& diag, const DocumentSink& emit,
                     const RecordFilter& /*wanted*/) const override {
        parse_records(path, {chunk.first_line == 1 ? strip_bom(chunk.text) : chunk.text, chunk.first_line}, diag, emit);
        return true;
    }

private:
    /// The records of @p chunk; returns how many there were (complete or not).
    static std::size_t parse_records(std::string_view path, const TextChunk& chunk, DiagnosticSink& diag,
                                     const DocumentSink& emit) {
        const std::string_view text = chunk.text;
        sgml::LineCounter lines(text, chunk.first_line);  // for the lines of problems inside records
        return sgml::for_each_record(
            path, text, "REUTERS", diag,
            [&](const sgml::Record& r) {
                const auto newid = sgml::attribute(r.start_tag, "NEWID");
                if (!newid || !all_digits(*newid)) {
                    diag.error(std::string(path), r.line,
                               newid ? fmt::format("<REUTERS> record with a bad NEWID '{}': skipped", *newid)
                                     : std::string("<REUTERS> record without NEWID: skipped"));
                    return;
                }
                Document doc;
                doc.id = fmt::format("reuters-{}", *newid);
                doc.path = path;
                doc.line = r.line;
                doc.type = "news";
                for (std::string_view attr : {"LEWISSPLIT", "CGISPLIT", "OLDID"})
                    if (const auto v = sgml::attribute(r.start_tag, attr); v && !v->empty()) {
                        doc.meta[ascii_lower(attr)] = std::string(*v);
                    }
                read_record(r.content, doc, path, lines, static_cast<std::size_t>(r.content.data() - text.data()),
                            diag);
                emit(std::move(doc));
            },
            chunk.first_line);
    }

    static void read_record(std::string_view record, Document& doc, std::string_view path, sgml::LineCounter& lines,
                            std::size_t record_offset, DiagnosticSink& diag) {
        if (const auto date = sgml::element(record, "DATE")) {
            const std::string raw = std::string(trim(sgml::text(date->content)));
            if (auto d = parse_date(raw)) {
                doc.date = d;
            } else if (!raw.empty()) {
                const std::size_t at = record_offset + static_cast<std::size_t>(date->content.data() - record.data());
                diag.warning(std::string(path), lines.line_at(at), fmt::format("unrecognized date '{}'", raw));
                doc.meta["date"] = raw;
            }
        }
        for (const auto& [tag, key] : list_fields) {
            const auto list = sgml::element(record, tag);
            if (!list) continue;
            std::vector<std::string> values;
            for (const auto& d : sgml::elements(list->content, "D")) {
                std::string v = collapse_spaces(sgml::text(d.content));
                if (!v.empty()) values.push_back(std::move(v));
            }
            if (!values.empty()) doc.tags[std::string(key)] = std::move(values);
        }
        const auto text = sgml::element(record, "TEXT");
        if (!text) return;
        const auto type = sgml::attribute(text->start_tag, "TYPE");
        if (const auto title = sgml::element(text->content, "TITLE"))
            doc.title = collapse_spaces(sgml::text(title->content));
        if (const auto dateline = sgml::element(text->content, "DATELINE")) {
            std::string d = collapse_spaces(sgml::text(dateline->content));
            if (!d.empty()) doc.meta["dateline"] = std::move(d);
        }
        if (const auto author = sgml::element(text->content, "AUTHOR")) doc.authors = authors_of(author->content);
        if (const auto body = sgml::element(text->content, "BODY")) {
            doc.body = std::string(trim(sgml::text(body->content, false)));
        } else if (type && iequals(*type, "UNPROC")) {
            doc.body = std::string(trim(sgml::text(text->content)));
        }
    }
};

}  // namespace

namespace detail {
std::unique_ptr<Parser> make_reuters_parser() { return std::make_unique<ReutersParser>(); }
}  // namespace detail

}  // namespace newsdex
