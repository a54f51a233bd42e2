/** @file
 * @brief The plain-text memo parser: a MEMORANDUM header block (TO/FROM/CC/DATE/SUBJECT/RE), then the body.
 *
 * Layout read:
 * @code
 * MEMORANDUM                    <- optional marker (MEMO, INTEROFFICE MEMORANDUM...)
 * Example Corp Facilities       <- optional title line (kept as meta["heading"], or the title)
 *
 * TO:      All Staff; Walsh, Theresa
 * FROM:    Jane Doe, Director
 * CC:      John Roe and Mary Major
 *          Pat Lee                <- continuation (indented, or any non-KEY: line in the block)
 * DATE:    March 3, 2016
 * SUBJECT: Parking changes
 * ----------------------------  <- a rule or a blank line ends the block
 * Body...
 * @endcode
 * Keys are case-insensitive and may come in any order, indented or not; a blank line inside the block
 * is allowed when the next line is a key not seen yet. People lists are split by
 * detail::split_people (`;` first, then `,` except "Last, First", then " and "). Unknown `Key:` lines
 * inside the block go to meta under the lower-cased key. A DATE that cannot be parsed gives a
 * warning (the raw text goes to meta["date"]); the memo is still produced.
 */
#include <array>

#include <newsdex/analysis/dates.hpp>

#include "ingest/formats/formats.hpp"
#include "core/text_util.hpp"

namespace newsdex {

namespace {

using namespace detail;

enum class Key { none, to, from, cc, bcc, date, subject, re, attention, other };

struct KnownKey {
    std::string_view name;
    Key key;
};
constexpr std::array<KnownKey, 13> known_keys{{{"to", Key::to},
                                               {"from", Key::from},
                                               {"cc", Key::cc},
                                               {"copy", Key::cc},
                                               {"copies", Key::cc},
                                               {"copies to", Key::cc},
                                               {"bcc", Key::bcc},
                                               {"date", Key::date},
                                               {"subject", Key::subject},
                                               {"subj", Key::subject},
                                               {"re", Key::re},
                                               {"attn", Key::attention},
                                               {"attention", Key::attention}}};

/// A `Key: value` line split up.
struct KeyLine {
    Key key = Key::none;
    std::string name;  ///< lower-cased key as written
    std::string_view value;
};

/**
 * Parse @p line as `Key: value`. Known keys are accepted at any indentation; an unknown key (one or
 * two words of letters) only when @p allow_unknown and the line is not indented.
 */
std::optional<KeyLine> key_line(std::string_view line, bool allow_unknown) {
    const bool indented = !line.empty() && is_space(line.front());
    const std::string_view s = trim(line);
    std::size_t i = 0;
    std::size_t spaces = 0;
    while (i < s.size() && i <= 24 && (is_alpha(s[i]) || (s[i] == ' ' && i > 0))) {
        spaces += s[i] == ' ';
        ++i;
    }
    if (i == 0 || i >= s.size() || s[i] != ':' || spaces > 1) return std::nullopt;
    // "10:30" or "http://" are not keys: the key is letters, the colon is followed by space or end.
    if (i + 1 < s.size() && !is_space(s[i + 1])) return std::nullopt;
    KeyLine k;
    const std::string_view name = trim(s.substr(0, i));
    k.name = ascii_lower(name);
    k.value = trim(s.substr(i + 1));
    for (const auto& known : known_keys)
        if (k.name == known.name) {
            k.key = known.key;
            return k;
        }
    if (!allow_unknown || indented) return std::nullopt;
    k.key = Key::other;
    return k;
}

/// "MEMORANDUM", "MEMO", "INTEROFFICE MEMORANDUM", "Memorandum for the record" (any case).
bool is_memo_marker(std::string_view line) {
    std::string_view s = trim(line);
    while (!s.empty() && (s.back() == ':' || s.back() == '.')) s.remove_suffix(1);
    if (s.empty() || s.size() > 40) return false;
    static constexpr std::array<std::string_view, 10> allowed{
        "interoffice", "inter-office", "office", "internal", "for", "the", "record", "to", "file", "confidential"};
    bool memo = false;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && is_space(s[i])) ++i;
        const std::size_t start = i;
        while (i < s.size() && !is_space(s[i])) ++i;
        const std::string_view w = s.substr(start, i - start);
        if (w.empty()) break;
        if (iequals(w, "memo") || iequals(w, "memorandum")) {
            memo = true;
            continue;
        }
        bool ok = false;
        for (const auto& a : allowed) ok = ok || iequals(w, a);
        if (!ok) return false;
    }
    return memo;
}

/// One header entry with its continuation lines joined.
struct Field {
    Key key = Key::none;
    std::string name;
    std::string value;
    std::size_t line = 0;
};

bool is_list_key(Key k) { return k == Key::to || k == Key::from || k == Key::cc || k == Key::bcc; }

void append_continuation(Field& f, std::string_view more) {
    more = trim(more);
    if (more.empty()) return;
    if (f.value.empty()) {
        f.value = more;
        return;
    }
    // Lists: a new line is a new entry unless the previous one ended with a separator.
    const char last = f.value.back();
    const bool joined = last == ',' || last == ';' || last == '&' ||
        (f.value.size() >= 4 && iequals(std::string_view(f.value).substr(f.value.size() - 4), " and"));
    f.value += is_list_key(f.key) && !joined ? "; " : " ";
    f.value += more;
}

class MemoParser final : public Parser {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "memo"; }

    void parse(std::string_view path, std::string_view text, DiagnosticSink& diag,
               const DocumentSink& emit) const override {
        const auto lines = split_lines(strip_bom(text));
        const std::size_t n = lines.size();
        std::size_t i = 0;
        while (i < n && is_blank(lines[i].text)) ++i;
        if (i == n) {
            diag.warning(std::string(path), 0, "empty file: no memo");
            return;
        }
        Document doc;
        doc.path = path;
        doc.type = "memo";

        // Before the header: the marker, a title line, rules, blank lines.
        std::string heading;
        std::size_t pre = 0;
        while (i < n && pre < 4) {
            const std::string_view line = lines[i].text;
            if (is_blank(line) || is_rule_line(line)) {
                ++i;
                continue;
            }
            if (key_line(line, false)) break;
            if (!is_memo_marker(line)) {
                if (!heading.empty()) break;
                heading = collapse_spaces(line);
            }
            ++pre;
            ++i;
        }
        if (i >= n || !key_line(lines[i].text, false)) {
            diag.warning(std::string(path), i < n ? lines[i].number : 0,
                         "no memo header (TO:, FROM:, DATE:, SUBJECT:) found: the text is the body");
            std::size_t first = 0;
            while (first < n && is_blank(lines[first].text)) ++first;
            doc.title = collapse_spaces(lines[first].text);
            emit_body(doc, lines, first + 1);
            emit(std::move(doc));
            return;
        }

        // The header block.
        std::vector<Field> fields;
        std::array<bool, 10> seen{};
        while (i < n) {
            const std::string_view line = lines[i].text;
            if (is_blank(line)) {
                std::size_t k = i + 1;
                while (k < n && is_blank(lines[k].text)) ++k;
                if (k < n) {
                    if (const auto next = key_line(lines[k].text, false);
                        next && !seen[static_cast<std::size_t>(next->key)]) {
                        i = k;
                        continue;
                    }
                }
                break;
            }
            if (is_rule_line(line)) {
                ++i;
                break;
            }
            if (auto k = key_line(line, true)) {
                seen[static_cast<std::size_t>(k->key)] = true;
                fields.push_back({k->key, std::move(k->name), std::string(k->value), lines[i].number});
            } else {
                append_continuation(fields.back(), line);
            }
            ++i;
        }

        bool has_subject = false;
        for (const auto& f : fields) has_subject = has_subject || (f.key == Key::subject && !f.value.empty());
        for (auto& f : fields) apply(f, has_subject, doc, path, diag);
        if (doc.title.empty()) {
            doc.title = heading;
        } else if (!heading.empty()) {
            doc.meta["heading"] = heading;
        }
        emit_body(doc, lines, i);
        emit(std::move(doc));
    }

private:
    static void apply(Field& f, bool has_subject, Document& doc, std::string_view path, DiagnosticSink& diag) {
        const auto add_people = [&](std::vector<std::string>& to) {
            for (auto& p : split_people(f.value)) to.push_back(std::move(p));
        };
        switch (f.key) {
            case Key::to:
                add_people(doc.to);
                break;
            case Key::from:
                add_people(doc.from);
                break;
            case Key::cc:
                add_people(doc.cc);
                break;
            case Key::date:
                if (f.value.empty()) break;
                if (auto d = parse_date(f.value); d && !doc.date) {
                    doc.date = d;
                } else if (!d) {
                    diag.warning(std::string(path), f.line, "unrecognized date '" + f.value + "' in the memo header");
                    doc.meta["date"] = f.value;
                }
                break;
            case Key::subject:
            case Key::re:
                // SUBJECT wins over RE; RE is the subject only when there is no SUBJECT line.
                if (doc.subject.empty() && (f.key == Key::subject || !has_subject)) {
                    doc.subject = collapse_spaces(f.value);
                    doc.title = doc.subject;
                } else if (!f.value.empty()) {
                    doc.meta[f.name] = collapse_spaces(f.value);
                }
                break;
            case Key::bcc:
            case Key::attention:
            case Key::other:
            case Key::none:
                if (!f.value.empty()) doc.meta[f.name] = collapse_spaces(f.value);
                break;
        }
    }

    /// The body: from line @p from, leading blank and rule lines skipped, trailing blanks trimmed.
    static void emit_body(Document& doc, const std::vector<Line>& lines, std::size_t from) {
        std::size_t end = lines.size();
        while (from < end && (is_blank(lines[from].text) || is_rule_line(lines[from].text))) ++from;
        while (end > from && is_blank(lines[end - 1].text)) --end;
        for (std::size_t j = from; j < end; ++j) {
            if (j > from) doc.body += '\n';
            doc.body += trim_right(lines[j].text);
        }
    }
};

}  // namespace

namespace detail {

std::unique_ptr<Parser> make_memo_parser() { return std::make_unique<MemoParser>(); }

bool looks_like_memo(std::string_view text) {
    // Only the first lines matter; split a bounded head.
    const auto lines = split_lines(strip_bom(text.substr(0, std::min<std::size_t>(text.size(), 8192))));
    std::array<bool, 10> seen{};
    std::size_t distinct = 0, pre = 0, keys = 0;
    for (std::size_t i = 0; i < lines.size() && i < 60; ++i) {
        const std::string_view line = lines[i].text;
        if (is_blank(line) || is_rule_line(line)) {
            if (keys > 0 && distinct >= 2) break;
            continue;
        }
        if (const auto k = key_line(line, false)) {
            ++keys;
            if (!seen[static_cast<std::size_t>(k->key)]) ++distinct;
            seen[static_cast<std::size_t>(k->key)] = true;
            continue;
        }
        if (keys == 0) {
            if (pre <= 1 && is_memo_marker(line)) return true;  // first line, or after one title line
            if (++pre > 2) break;                               // past a title line or two: no header
            continue;
        }
        if (is_space(line.front())) continue;  // continuation
        break;
    }
    return distinct >= 2;
}

}  // namespace detail

}  // namespace newsdex
