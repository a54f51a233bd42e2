/** @file
 * @brief The plain-text news parser: headline, optional dateline and byline, body, closing credit.
 *
 * Layout read (one article per file):
 * @code
 * Headline line
 * March 3, 2016 Updated: March 4, 2016      <- optional dateline (or "Published March 3, 2016")
 * By Jane Doe and John Roe, Example Press   <- optional byline (authors, source)
 *
 * WASHINGTON (Example Wire) — Body paragraphs...
 *
 * The Example Press contributed to this report.   <- optional credit: source, kept in the body
 * @endcode
 * Dateline and byline lines may come in either order, with blank lines around them; at most four
 * such lines are read. A file with only "headline, blank line, body" (BBC News) is the simplest case.
 * A newswire dateline opening the body (`CITY (Agency) —`) goes to meta["dateline"] and names the
 * source when no byline did.
 */
#include <array>

#include <newsdex/analysis/dates.hpp>

#include "ingest/formats/formats.hpp"
#include "core/text_util.hpp"

namespace newsdex {

namespace {

using namespace detail;

/// Longest headline kept as is; a longer first line is a paragraph, cut at a word for the title.
constexpr std::size_t kMaxHeadline = 300;
constexpr std::size_t kCutHeadline = 200;
/// At most this many dateline/byline lines after the headline.
constexpr int kMaxMetaLines = 4;

/// True when @p s holds only what may follow a date on a dateline: times, zones, separators.
bool time_ish(std::string_view s) {
    static constexpr std::array<std::string_view, 24> words{
        "am",  "pm",  "a.m.", "p.m.", "a.m", "p.m", "at",  "et",  "est",  "edt",  "gmt",   "utc",
        "bst", "pst", "pdt",  "cst",  "cdt", "mst", "mdt", "cet", "cest", "last", "local", "time"};
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && is_space(s[i])) ++i;
        const std::size_t start = i;
        while (i < s.size() && !is_space(s[i])) ++i;
        std::string_view tok = s.substr(start, i - start);
        // Strip ASCII punctuation and UTF-8 dashes/bullets (any non-ASCII byte) around the token.
        const auto punct = [](char c) { return !is_alnum(c) && c != '.'; };
        while (!tok.empty() && punct(tok.front())) tok.remove_prefix(1);
        while (!tok.empty() && punct(tok.back())) tok.remove_suffix(1);
        if (tok.empty() || tok == ".") continue;
        bool digit = false, all_upper = true;
        for (char c : tok) {
            digit = digit || is_digit(c);
            all_upper = all_upper && (is_upper(c));
        }
        if (digit) continue;
        if (all_upper && tok.size() <= 5) continue;
        bool known = false;
        for (const auto& w : words) known = known || iequals(tok, w);
        if (!known) return false;
    }
    return true;
}

/// Skip `:`, spaces and a leading "on " after a dateline keyword.
std::string_view after_keyword(std::string_view s) {
    while (!s.empty() && (s.front() == ':' || is_space(s.front()))) s.remove_prefix(1);
    if (istarts_with(s, "on ")) s.remove_prefix(3);
    return trim(s);
}

/// A dateline: "March 3, 2016", "Published March 3, 2016", "March 3, 2016 Updated: March 4, 2016".
bool try_dateline(std::string_view line, Document& doc) {
    std::string_view s = trim(line);
    if (s.empty() || s.size() > 120) return false;
    bool updated_only = false;
    static constexpr std::array<std::string_view, 6> prefixes{"published", "posted", "last updated",
                                                              "updated",   "date",   "dated"};
    for (const auto& p : prefixes) {
        if (istarts_with(s, p) && (s.size() == p.size() || !is_alpha(s[p.size()]))) {
            updated_only = p == "updated" || p == "last updated";
            s = after_keyword(s.substr(p.size()));
            break;
        }
    }
    std::size_t used = 0;
    const auto first = parse_date_prefix(s, used);
    if (!first) return false;
    std::string_view rest = s.substr(used);
    std::optional<Date> second;
    const std::size_t upos = ifind(rest, "updated");
    if (upos != std::string_view::npos) {
        std::string_view after = after_keyword(rest.substr(upos + 7));
        rest = rest.substr(0, upos);
        std::size_t used2 = 0;
        second = parse_date_prefix(after, used2);
        if (!time_ish(after.substr(used2))) return false;
    }
    if (!time_ish(rest)) return false;
    if (updated_only) {
        doc.updated = first;
        if (!doc.date) doc.date = first;  // the only date known: also the date searched and sorted on
    } else {
        if (!doc.date) doc.date = first;
        if (second) doc.updated = second;
    }
    return true;
}

/// Name-like: 2 to 6 words, each capitalized (or non-ASCII, or an initial), lowercase particles inside.
bool name_like(std::string_view s) {
    static constexpr std::array<std::string_view, 14> particles{"de", "van", "von", "der", "den", "la",  "le",
                                                                "da", "di",  "del", "bin", "al",  "ibn", "du"};
    s = trim(s);
    std::size_t words = 0;
    for (const std::string_view w : split_whitespace(s)) {
        ++words;
        for (char c : w)
            if (is_digit(c)) return false;
        const auto first = static_cast<unsigned char>(w.front());
        if (is_upper(w.front()) || first >= 0xC0) continue;
        bool particle = false;
        for (const auto& p : particles) particle = particle || iequals(w, p);
        if (!particle || words == 1) return false;
    }
    return words >= 2 && words <= 6;
}

/// Split a byline tail into parts at `,` and `|`.
std::vector<std::string_view> byline_parts(std::string_view s) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == ',' || s[i] == '|') {
            parts.push_back(trim(s.substr(start, i - start)));
            start = i + 1;
        }
    }
    return parts;
}

/// Names joined by " and " / " & " in @p part; empty when one of them is not name-like.
std::vector<std::string> and_names(std::string_view part) {
    std::vector<std::string> names;
    std::size_t start = 0;
    for (;;) {
        std::size_t pos = ifind(part, " and ", start);
        std::size_t len = 5;
        const std::size_t amp = part.find(" & ", start);
        if (amp < pos) {
            pos = amp;
            len = 3;
        }
        const std::string_view name = trim(part.substr(start, pos == std::string_view::npos ? part.npos : pos - start));
        if (!name_like(name)) return {};
        names.push_back(collapse_spaces(name));
        if (pos == std::string_view::npos) break;
        start = pos + len;
    }
    return names;
}

std::string strip_the(std::string_view s) {
    s = trim(s);
    if (istarts_with(s, "the ")) s.remove_prefix(4);
    while (!s.empty() && (s.back() == '.' || s.back() == ')' || s.back() == '(')) s.remove_suffix(1);
    return collapse_spaces(s);
}

/// A byline: "By Jane Doe", "By Jane Doe and John Roe", "By Jane Doe, Example Press".
bool try_byline(std::string_view line, Document& doc) {
    std::string_view s = trim(line);
    if (s.size() < 5 || s.size() > 150 || !istarts_with(s, "by ")) return false;
    s = trim(s.substr(3));
    while (!s.empty() && s.back() == '.') s.remove_suffix(1);
    const auto parts = byline_parts(s);
    std::vector<std::string> authors;
    std::string source;
    for (std::size_t k = 0; k < parts.size(); ++k) {
        const std::string_view part = parts[k];
        if (part.empty()) continue;
        if (has_org_word(part)) {
            if (source.empty()) source = strip_the(part);
            continue;
        }
        auto names = and_names(part);
        if (!names.empty()) {
            for (auto& n : names) authors.push_back(std::move(n));
            continue;
        }
        // A role after the names ("staff writer", "Special Correspondent") is dropped.
        if (k > 0 && !authors.empty()) {
            std::size_t words = 1;
            for (char c : part) words += is_space(c);
            if (words <= 4) continue;
        }
        return false;
    }
    if (authors.empty() && source.empty()) return false;
    for (auto& a : authors) doc.authors.push_back(std::move(a));
    if (doc.source.empty()) doc.source = std::move(source);
    return true;
}

/// "WASHINGTON (Example Wire) — ..." at the start of the body: the place, and the agency if given.
void read_wire_dateline(std::string_view first_line, Document& doc) {
    const std::string_view head = first_line.substr(0, std::min<std::size_t>(first_line.size(), 80));
    static constexpr std::array<std::string_view, 4> dashes{" \xE2\x80\x94 ", " \xE2\x80\x93 ", " -- ", " - "};
    std::size_t pos = std::string_view::npos;
    for (const auto& d : dashes) pos = std::min(pos, head.find(d));
    if (pos == std::string_view::npos || pos == 0) return;
    std::string_view prefix = trim(head.substr(0, pos));
    std::string_view agency;
    if (!prefix.empty() && prefix.back() == ')') {
        const std::size_t open = prefix.rfind('(');
        if (open == std::string_view::npos) return;
        agency = trim(prefix.substr(open + 1, prefix.size() - open - 2));
        prefix = trim(prefix.substr(0, open));
    }
    // The place: an all-capitals city, then optionally ", State" in capitalized words.
    while (!prefix.empty() && prefix.back() == ',') prefix.remove_suffix(1);
    const std::size_t comma = prefix.find(',');
    const std::string_view city = prefix.substr(0, comma);
    std::size_t upper = 0;
    for (char c : city) {
        if (is_lower(c) || is_digit(c)) return;
        upper += is_upper(c);
    }
    if (upper < 3) return;
    if (comma != std::string_view::npos) {
        const std::string_view region = prefix.substr(comma + 1);
        bool word_start = true;
        for (char c : region) {
            if (is_digit(c) || (word_start && is_lower(c))) return;
            word_start = is_space(c) || c == ',';
        }
    }
    doc.meta["dateline"] = collapse_spaces(prefix);
    if (doc.source.empty() && !agency.empty()) doc.source = strip_the(agency);
}

/// One to six words, each capitalized (or non-ASCII), "of"/"the"/"and" allowed inside: "Example Wire".
bool capitalized_phrase(std::string_view s) {
    s = trim(s);
    std::size_t words = 0;
    for (const std::string_view w : split_whitespace(s)) {
        ++words;
        if (is_upper(w.front()) || static_cast<unsigned char>(w.front()) >= 0xC0) continue;
        if (words > 1 && (w == "of" || w == "the" || w == "and" || w == "&")) continue;
        return false;
    }
    return words >= 1 && words <= 6 && s.back() != '.';
}

/// A closing credit in one of the last lines of the body; sets source (or authors) when it names them.
bool read_credit(std::string_view line, Document& doc) {
    std::string_view s = trim(line);
    if (s.empty() || s.size() > 200) return false;
    // "— Example Wire", "-- Example Wire"
    for (std::string_view dash : {std::string_view("\xE2\x80\x94"), std::string_view("\xE2\x80\x93"),
                                  std::string_view("--"), std::string_view("-")}) {
        if (s.size() > dash.size() && s.substr(0, dash.size()) == dash) {
            const std::string_view name = trim(s.substr(dash.size()));
            if (name.size() <= 60 && capitalized_phrase(name)) {
                if (doc.source.empty()) doc.source = strip_the(name);
                return true;
            }
            return false;
        }
    }
    if (!s.empty() && s.front() == '(') s.remove_prefix(1);
    // "The Example Press contributed to this report." / "Jane Doe of Example Wire contributed..."
    const std::size_t contributed = ifind(s, " contributed to this report");
    if (contributed != std::string_view::npos) {
        std::string_view who = trim(s.substr(0, contributed));
        const std::size_t of = ifind(who, " of ");
        if (of != std::string_view::npos) who = who.substr(of + 4);
        if (looks_like_org(who) || istarts_with(who, "the ")) {
            if (doc.source.empty()) doc.source = strip_the(who);
            return true;
        }
        return false;
    }
    // "Reporting by Jane Doe in London; Editing by John Roe" / "Reporting by Example Wire staff"
    if (istarts_with(s, "reporting by ")) {
        std::string_view who = s.substr(13);
        const std::size_t end = who.find_first_of(";)");
        if (end != std::string_view::npos) who = who.substr(0, end);
        const std::size_t in = ifind(who, " in ");
        if (in != std::string_view::npos) who = who.substr(0, in);
        who = trim(who);
        while (!who.empty() && who.back() == '.') who.remove_suffix(1);
        // "Reporting by Jane Doe for Example Wire": the people, and the source.
        if (const std::size_t for_pos = ifind(who, " for "); for_pos != std::string_view::npos) {
            const std::string_view org = trim(who.substr(for_pos + 5));
            who = trim(who.substr(0, for_pos));
            if (doc.source.empty() && !org.empty()) doc.source = strip_the(org);
            if (doc.authors.empty()) doc.authors = split_people(who);
            return true;
        }
        if (who.size() > 6 && iequals(who.substr(who.size() - 6), " staff")) who.remove_suffix(6);
        if (has_org_word(who) || looks_like_org(who)) {
            if (doc.source.empty()) doc.source = strip_the(who);
        } else if (doc.authors.empty()) {
            doc.authors = split_people(who);
        }
        return true;
    }
    // "Source: Example Wire"
    if (istarts_with(s, "source:")) {
        const std::string_view name = trim(s.substr(7));
        if (!name.empty() && name.size() <= 60 && doc.source.empty()) doc.source = strip_the(name);
        return true;
    }
    return false;
}

/// Title for an over-long first line: cut at a word boundary (and at a UTF-8 character boundary).
std::string cut_title(std::string_view line) {
    std::size_t cut = std::min(line.size(), kCutHeadline);
    while (cut > 0 && !is_space(line[cut])) --cut;
    if (cut == 0) {
        cut = std::min(line.size(), kCutHeadline);
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    }
    return std::string(trim(line.substr(0, cut))) + "\xE2\x80\xA6";
}

class NewsTextParser final : public Parser {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "news"; }

    void parse(std::string_view path, std::string_view text, DiagnosticSink& diag,
               const DocumentSink& emit) const override {
        const auto lines = split_lines(strip_bom(text));
        std::size_t i = 0;
        while (i < lines.size() && is_blank(lines[i].text)) ++i;
        if (i == lines.size()) {
            diag.warning(std::string(path), 0, "empty file: no article");
            return;
        }
        Document doc;
        doc.path = path;
        doc.type = "news";
        const std::string_view headline = trim(lines[i].text);
        std::size_t body_start = i + 1;
        if (headline.size() > kMaxHeadline) {
            doc.title = cut_title(headline);
            body_start = i;  // the line is a paragraph: keep it in the body
        } else {
            doc.title = collapse_spaces(headline);
            // Dateline and byline lines, in any order, blank lines allowed between them.
            int meta_lines = 0;
            for (std::size_t j = body_start; j < lines.size() && meta_lines < kMaxMetaLines; ++j) {
                if (is_blank(lines[j].text)) continue;
                if (!try_dateline(lines[j].text, doc) && !try_byline(lines[j].text, doc)) break;
                ++meta_lines;
                body_start = j + 1;
            }
        }
        while (body_start < lines.size() && is_blank(lines[body_start].text)) ++body_start;
        std::size_t body_end = lines.size();
        while (body_end > body_start && is_blank(lines[body_end - 1].text)) --body_end;

        std::size_t bytes = 0;
        for (std::size_t j = body_start; j < body_end; ++j) bytes += lines[j].text.size() + 1;
        doc.body.reserve(bytes);
        for (std::size_t j = body_start; j < body_end; ++j) {
            if (j > body_start) doc.body += '\n';
            doc.body += trim_right(lines[j].text);
        }
        if (body_start < body_end) {
            read_wire_dateline(trim(lines[body_start].text), doc);
            // The closing credit: one of the last three non-blank lines.
            int seen = 0;
            for (std::size_t j = body_end; j > body_start && seen < 3; --j) {
                if (is_blank(lines[j - 1].text)) continue;
                ++seen;
                if (read_credit(lines[j - 1].text, doc)) break;
            }
        }
        emit(std::move(doc));
    }
};

}  // namespace

namespace detail {
std::unique_ptr<Parser> make_news_parser() { return std::make_unique<NewsTextParser>(); }
}  // namespace detail

}  // namespace newsdex
