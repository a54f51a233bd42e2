/** @file
 * @brief The text and JSON printers of search results (shapes documented in printer.hpp).
 */
#include <newsdex/output/printer.hpp>

#include <newsdex/output/dump.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <newsdex/core/error.hpp>
#include <newsdex/core/terminal.hpp>

#include "output/csv.hpp"
#include "output/json_output.hpp"

namespace newsdex {

namespace {

constexpr std::size_t kTextWidth = 100;   ///< columns the text output aims to fit in
constexpr std::size_t kSnippetLines = 3;  ///< at most this many snippet lines per hit
constexpr std::string_view kEllipsis = "…";

// ANSI SGR sequences of the coloured text output (grep's choices: bold red matches, magenta paths).
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kMatch = "\x1b[1;31m";
constexpr std::string_view kPath = "\x1b[35m";
constexpr std::string_view kReset = "\x1b[0m";

/// True for the bytes that start a UTF-8 character (so not a continuation byte).
bool starts_char(char c) noexcept { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

/// Columns @p s takes on a terminal: one per UTF-8 character, none for highlight markers.
std::size_t columns(std::string_view s) noexcept {
    std::size_t n = 0;
    for (char c : s)
        if (starts_char(c) && c != kSnippetOpen && c != kSnippetClose) ++n;
    return n;
}

/**
 * @p s on one line: every run of whitespace and control characters (tabs, newlines, escapes: the
 * text comes from documents and must not drive the terminal) becomes one space, ends trimmed; C1
 * controls and bidi formatting characters (which can disguise text) are dropped. Highlight markers are kept.
 */
std::string one_line(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80) {  // a whole character: C1 controls and bidi overrides are dropped, others kept
            if (const std::size_t n = non_ascii_control_length(s, i); n > 0) {
                i += n - 1;
                continue;
            }
            const std::size_t n = utf8_length_at(s, i);
            if (space) out += ' ';
            space = false;
            out.append(s.substr(i, n));
            i += n - 1;
            continue;
        }
        if (c != kSnippetOpen && c != kSnippetClose && (u < 0x20 || u == 0x7f || c == ' ')) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

/// A snippet without its markers, and the byte ranges [start, length] the markers enclosed.
struct PlainSnippet {
    std::string text;
    std::vector<std::pair<std::size_t, std::size_t>> highlights;
};

PlainSnippet strip_markers(std::string_view marked) {
    PlainSnippet p;
    std::size_t open = std::string::npos;
    for (char c : marked) {
        if (c == kSnippetOpen) {
            if (open == std::string::npos) open = p.text.size();
        } else if (c == kSnippetClose) {
            if (open != std::string::npos && p.text.size() > open)
                p.highlights.emplace_back(open, p.text.size() - open);
            open = std::string::npos;
        } else {
            p.text += c;
        }
    }
    if (open != std::string::npos && p.text.size() > open) p.highlights.emplace_back(open, p.text.size() - open);
    return p;
}

/// "a, b, c".
std::string join(const std::vector<std::string>& items, std::string_view sep = ", ") {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += sep;
        out += item;
    }
    return out;
}

/**
 * Wrap the marked snippet @p text into at most kSnippetLines lines of @p width columns, ending
 * with "…" when cut. Every line has balanced markers (a highlight crossing a line break is
 * closed at the end of the line and reopened on the next).
 */
std::vector<std::string> wrap(const std::string& text, std::size_t width) {
    std::vector<std::string> lines;
    std::string line;
    bool cut = false;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto end = text.find(' ', pos);
        if (end == std::string::npos) end = text.size();
        const std::string_view word(text.data() + pos, end - pos);
        pos = end + 1;
        if (word.empty()) continue;
        if (!line.empty() && columns(line) + 1 + columns(word) > width) {
            if (lines.size() + 1 == kSnippetLines) {
                cut = true;
                break;
            }
            lines.push_back(std::move(line));
            line.clear();
        }
        if (!line.empty()) line += ' ';
        line += word;
    }
    if (cut) {
        // Make room for " …" by dropping words from the end of the last line.
        while (columns(line) + 2 > width) {
            const auto sp = line.rfind(' ');
            if (sp == std::string::npos) break;
            line.erase(sp);
        }
        if (!line.ends_with(kEllipsis)) line += " …";
    }
    if (!line.empty()) lines.push_back(std::move(line));

    bool open = false;
    for (auto& l : lines) {
        std::string balanced = open ? std::string(1, kSnippetOpen) : std::string();
        for (char c : l) {
            if (c == kSnippetOpen) open = true;
            if (c == kSnippetClose) open = false;
        }
        balanced += l;
        if (open) balanced += kSnippetClose;
        l = std::move(balanced);
    }
    return lines;
}

/// Replace the markers of @p marked by colour sequences, or drop them.
std::string render_markers(std::string_view marked, bool color) {
    std::string out;
    out.reserve(marked.size() + 16);
    for (char c : marked) {
        if (c == kSnippetOpen) {
            if (color) out += kMatch;
        } else if (c == kSnippetClose) {
            if (color) out += kReset;
        } else {
            out += c;
        }
    }
    return out;
}

/// Where a hit comes from: "path:line", "path", or the id when there is no path.
std::string location(const Document& doc) {
    if (doc.path.empty()) return doc.id;
    return doc.line > 0 ? fmt::format("{}:{}", doc.path, doc.line) : doc.path;
}

/// The first line of the text output.
std::string summary(const SearchResult& r) {
    const bool exact = r.lower == r.upper;
    const Xapian::doccount n = exact ? r.lower : r.estimate;
    std::string s = fmt::format("{}{} {}", exact ? "" : "About ", n, n == 1 ? "match" : "matches");
    if (!r.hits.empty()) {
        const std::size_t first = r.hits.front().rank, last = r.hits.back().rank;
        if (!exact || first != 1 || last != n) s += fmt::format(" (showing {}-{})", first, last);
    } else if (n > 0) {
        s += fmt::format(" (none shown from {})", r.offset + 1);
    }
    return s;
}

/// Text for people: a summary line, then per hit a title line, a details line and a wrapped snippet.
class TextPrinter final : public Printer {
public:
    explicit TextPrinter(const PrinterOptions& options) : m_color(options.color) {}

    void print(const SearchResult& result, std::ostream& out) override {
        out << summary(result) << '\n';
        if (result.suggestion) out << "Did you mean: " << one_line(*result.suggestion) << '\n';
        for (const auto& hit : result.hits) {
            out << '\n';
            print_hit(hit, out, result.collapse.empty() ? std::string_view("key") : result.collapse);
        }
        if (!result.facets.empty()) print_facets(result, out);
    }

    void print_document(const Document& doc, std::ostream& out) override {
        std::string title = one_line(without_markers(doc.title.empty() ? doc.subject : doc.title));
        if (title.empty()) title = "(no title)";
        if (m_color)
            out << kBold << title << kReset << '\n';
        else
            out << title << '\n';
        const auto field = [&out](std::string_view name, std::string_view value) {
            const std::string clean = one_line(without_markers(value));
            if (!clean.empty()) out << "  " << name << ": " << clean << '\n';
        };
        field("id", doc.id);
        field("location", location(doc));
        field("type", doc.type);
        if (doc.date) field("date", doc.date->iso());
        if (doc.updated) field("updated", doc.updated->iso());
        field("source", doc.source);
        field("authors", join(doc.authors));
        field("from", join(doc.from));
        field("to", join(doc.to));
        field("cc", join(doc.cc));
        if (doc.subject != doc.title) field("subject", doc.subject);
        field("url", doc.url);
        for (const auto& [k, v] : doc.meta) field(k, v);
        for (const auto& [k, v] : doc.tags) field(k, join(v));
        for (const auto type : entity_types) {
            std::vector<std::string> names;
            for (const auto& e : doc.entities) {
                if (e.type != type) continue;
                std::string n = e.canonical;
                if (!e.aliases.empty()) n += " (" + join(e.aliases, " / ") + ")";
                if (e.mentions.size() > 1) n += fmt::format(" ×{}", e.mentions.size());
                names.push_back(std::move(n));
            }
            field(entity_type_name(type), join(names, "; "));
        }
        field("country", join(doc.countries, "; "));
        std::vector<std::string> mentions;
        for (const auto& m : doc.date_mentions)
            mentions.push_back(m.date.valid() ? fmt::format("\"{}\" = {}", m.text, m.date.iso())
                                              : fmt::format("\"{}\"", m.text));
        field("dates mentioned", join(mentions, "; "));
        // The body, paragraph by paragraph (blank lines), each wrapped to the text width.
        std::string_view body = doc.body;
        while (!body.empty()) {
            auto end = body.find("\n\n");
            const std::string para = one_line(without_markers(body.substr(0, end)));
            body = end == std::string_view::npos ? std::string_view{} : body.substr(end + 2);
            if (para.empty()) continue;
            out << '\n';
            std::string line;
            std::size_t pos = 0;
            while (pos < para.size()) {
                auto sp = para.find(' ', pos);
                if (sp == std::string::npos) sp = para.size();
                const std::string_view word(para.data() + pos, sp - pos);
                pos = sp + 1;
                if (!line.empty() && columns(line) + 1 + columns(word) > kTextWidth) {
                    out << line << '\n';
                    line.clear();
                }
                if (!line.empty()) line += ' ';
                line += word;
            }
            if (!line.empty()) out << line << '\n';
        }
    }

private:
    /// The facet block: a heading, then per field `  name: value (n) · value (n)`, wrapped.
    static void print_facets(const SearchResult& result, std::ostream& out) {
        const bool exact =
            std::all_of(result.facets.begin(), result.facets.end(), [](const FacetResult& f) { return f.exact; });
        const bool matches_exact = result.lower == result.upper;
        out << '\n';
        if (exact)
            out << fmt::format("Facets (exact counts over {} {}):\n", result.lower,
                               result.lower == 1 ? "match" : "matches");
        else
            out << fmt::format("Facets (estimated counts over {}{} matches):\n", matches_exact ? "" : "about ",
                               matches_exact ? result.lower : result.estimate);
        std::size_t name_width = 0;
        for (const auto& f : result.facets) name_width = std::max(name_width, columns(f.field) + 1);
        for (const auto& f : result.facets) {
            std::string head = "  " + f.field + ":";
            head.append(name_width + 3 - columns(head), ' ');
            const std::string indent(columns(head), ' ');
            if (f.values.empty()) {
                out << head << "(none)\n";
                continue;
            }
            std::string line = head;
            bool first = true;
            for (const auto& v : f.values) {
                const std::string item = fmt::format("{} ({})", one_line(without_markers(v.value)), v.count);
                const std::string_view sep = first ? "" : " · ";
                if (!first && columns(line) + columns(sep) + columns(item) > kTextWidth) {
                    out << line << " ·\n";
                    line = indent;
                } else {
                    line += sep;
                }
                line += item;
                first = false;
            }
            if (f.values.size() < f.distinct && !f.date_order)
                line += fmt::format(" · … {} more", f.distinct - f.values.size());
            out << line << '\n';
        }
    }

    void print_hit(const Hit& hit, std::ostream& out, std::string_view collapse_field) const {
        const Document& doc = hit.doc;
        const std::string rank = fmt::format("{}. ", hit.rank);
        const std::string indent(rank.size(), ' ');

        std::string title = one_line(without_markers(doc.title.empty() ? doc.subject : doc.title));
        if (title.empty()) title = "(no title)";
        if (m_color)
            out << kBold << rank << title << kReset << '\n';
        else
            out << rank << title << '\n';

        std::vector<std::string> details;
        const auto add = [&details](std::string_view s) {
            std::string clean = one_line(without_markers(s));
            if (!clean.empty()) details.push_back(std::move(clean));
        };
        if (doc.date) add(doc.date->iso());
        add(doc.source);
        if (!doc.authors.empty()) add("by " + join(doc.authors));
        if (!doc.from.empty()) add("from " + join(doc.from));
        add(doc.type);
        const std::string where = one_line(without_markers(location(doc)));
        if (!where.empty()) details.push_back(m_color ? fmt::format("{}{}{}", kPath, where, kReset) : where);
        if (!details.empty()) out << indent << join(details, " | ") << '\n';

        const std::size_t width = kTextWidth > indent.size() + 20 ? kTextWidth - indent.size() : 20;
        for (const auto& line : wrap(one_line(hit.snippet), width))
            out << indent << render_markers(line, m_color) << '\n';
        if (hit.collapsed > 0)
            out << indent << fmt::format("(+{} more with the same {})", hit.collapsed, collapse_field) << '\n';
    }

    /// Text fields should not carry markers; drop any so they cannot be mistaken for highlights.
    static std::string without_markers(std::string_view s) {
        std::string out;
        for (char c : s)
            if (c != kSnippetOpen && c != kSnippetClose) out += c;
        return out;
    }

    bool m_color;
};

/// A date as "YYYY-MM-DD" (or shorter when partial), null when absent.
nlohmann::ordered_json date_json(const std::optional<Date>& d) {
    return d ? nlohmann::ordered_json(d->iso()) : nlohmann::ordered_json(nullptr);
}

/// JSON for programs: one object per query on one line.
class JsonPrinter final : public Printer {
public:
    void print(const SearchResult& result, std::ostream& out) override {
        out << detail::json_text(detail::search_result_json(result)) << '\n';
    }

    /// The same JSON shape as `indexer --dump --json`: one writer of a whole document.
    void print_document(const Document& doc, std::ostream& out) override { dump_document_json(out, doc); }
};

}  // namespace

namespace detail {

namespace {

nlohmann::ordered_json facets_json(const std::vector<FacetResult>& facets) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (const auto& f : facets) {
        nlohmann::ordered_json values = nlohmann::ordered_json::array();
        for (const auto& v : f.values) values.push_back({{"value", v.value}, {"count", v.count}});
        j[f.field] = {{"exact", f.exact}, {"values", std::move(values)}};
    }
    return j;
}

nlohmann::ordered_json hit_json(const Hit& hit) {
    const Document& doc = hit.doc;
    PlainSnippet snippet = strip_markers(one_line(hit.snippet));
    nlohmann::ordered_json highlights = nlohmann::ordered_json::array();
    for (const auto& [start, length] : snippet.highlights) highlights.push_back({start, length});
    nlohmann::ordered_json meta = nlohmann::ordered_json::object(), tags = nlohmann::ordered_json::object();
    for (const auto& [k, v] : doc.meta) meta[k] = v;
    for (const auto& [k, v] : doc.tags) tags[k] = v;
    return {
        {"rank", hit.rank},
        {"id", doc.id},
        {"docid", hit.docid},
        {"score", std::round(hit.score * 1e4) / 1e4},
        {"percent", hit.percent},
        {"title", doc.title},
        {"date", date_json(doc.date)},
        {"updated", date_json(doc.updated)},
        {"type", doc.type},
        {"path", doc.path},
        {"line", doc.line},
        {"source", doc.source},
        {"authors", doc.authors},
        {"snippet", std::move(snippet.text)},
        {"highlights", std::move(highlights)},
        {"fields",
         {{"from", doc.from},
          {"to", doc.to},
          {"cc", doc.cc},
          {"subject", doc.subject},
          {"url", doc.url},
          {"meta", std::move(meta)},
          {"tags", std::move(tags)}}},
        {"collapsed", hit.collapsed},
    };
}

}  // namespace

nlohmann::ordered_json search_result_json(const SearchResult& result) {
    nlohmann::ordered_json hits = nlohmann::ordered_json::array();
    for (const auto& hit : result.hits) hits.push_back(hit_json(hit));
    return {
        {"format_version", kJsonFormatVersion},
        {"query", result.query},
        {"parsed", result.parsed},
        {"matches", {{"estimate", result.estimate}, {"lower", result.lower}, {"upper", result.upper}}},
        {"offset", result.offset},
        {"hits", std::move(hits)},
        {"suggestion",
         result.suggestion ? nlohmann::ordered_json(*result.suggestion) : nlohmann::ordered_json(nullptr)},
        {"facets", facets_json(result.facets)},
    };
}

}  // namespace detail

/// A header row, then one row per hit (csv.hpp): for spreadsheets and scripts.
class CsvPrinter final : public Printer {
public:
    void print(const SearchResult& result, std::ostream& out) override {
        out << detail::csv_header(false) << detail::csv_rows(result, nullptr);
    }
    void print_document(const Document& doc, std::ostream& out) override {
        out << detail::csv_header(false) << detail::csv_row(doc, nullptr, nullptr);
    }
};

std::unique_ptr<Printer> make_printer(std::string_view format, const PrinterOptions& options) {
    if (format == "text") return std::make_unique<TextPrinter>(options);
    if (format == "json") return std::make_unique<JsonPrinter>();
    if (format == "csv") return std::make_unique<CsvPrinter>();
    throw UsageError(fmt::format("unknown output format '{}' (expected text, json or csv)", format));
}

}  // namespace newsdex
