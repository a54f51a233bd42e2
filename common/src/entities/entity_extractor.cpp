/** @file
 * @brief EntityExtractor: CoNLL-style tokenization and sentence splitting, tagging, resolution.
 *
 * Hot path of indexing with entities. The tokenizer makes no allocation per token (tokens are views
 * into the field text or static spellings; the output vectors grow amortized); the tagger keeps its
 * own per-thread scratch space. Allocations left: one vector of views per sentence for the
 * tagger's interface, one string per mention found.
 */
#include <newsdex/entities/entity_extractor.hpp>

#include <algorithm>
#include <future>
#include <array>
#include <limits>
#include <utility>

#include <newsdex/entities/date_mentions.hpp>

#include "core/text_util.hpp"

namespace newsdex {

namespace {

using detail::is_alpha;
using detail::is_upper;

// --- characters ---------------------------------------------------------------------------------

/// Byte length of the white-space character at @p i (ASCII, NBSP, U+2000..U+200A, U+202F, U+3000), or 0.
std::size_t space_at(std::string_view s, std::size_t i) noexcept {
    const auto b = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
    const unsigned c = b(i);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (c < 0x80) return 0;
    if (c == 0xC2 && b(i + 1) == 0xA0) return 2;
    if (c == 0xE2 && b(i + 1) == 0x80 && ((b(i + 2) >= 0x80 && b(i + 2) <= 0x8A) || b(i + 2) == 0xAF)) return 3;
    if (c == 0xE3 && b(i + 1) == 0x80 && b(i + 2) == 0x80) return 3;
    return 0;
}

/// A punctuation mark that is a token of its own, with the spelling the tagger gets.
struct Punct {
    std::size_t length = 0;  ///< bytes in the text, 0 = none
    std::string_view word;   ///< normalized spelling
};

/// Opening punctuation at the start of @p w: ( [ { < " ' “ ‘ „ « ¿ ¡
Punct leading_punct(std::string_view w) noexcept {
    if (w.empty()) return {};
    switch (w[0]) {
        case '(':
            return {1, "("};
        case '[':
            return {1, "["};
        case '{':
            return {1, "{"};
        case '<':
            return {1, "<"};
        case '"':
            return {1, "\""};
        case '\'':
            return {1, "'"};
        case '*':
            return {1, "*"};
        default:
            break;
    }
    if (w.size() >= 3 && w.compare(0, 2, "\xE2\x80") == 0) {
        switch (static_cast<unsigned char>(w[2])) {
            case 0x9C:
            case 0x9D:
            case 0x9E:
                return {3, "\""};  // “ ” „
            case 0x98:
            case 0x99:
                return {3, "'"};  // ‘ ’
            default:
                break;
        }
    }
    if (w.size() >= 2 && static_cast<unsigned char>(w[0]) == 0xC2) {
        switch (static_cast<unsigned char>(w[1])) {
            case 0xAB:
                return {2, "\""};  // «
            case 0xBF:
                return {2, "?"};  // ¿
            case 0xA1:
                return {2, "!"};  // ¡
            default:
                break;
        }
    }
    return {};
}

/// Closing punctuation at the end of @p w (not a period): , ; : ! ? " ' ) ] } > ” ’ » …
Punct trailing_punct(std::string_view w) noexcept {
    if (w.empty()) return {};
    switch (w.back()) {
        case ',':
            return {1, ","};
        case ';':
            return {1, ";"};
        case ':':
            return {1, ":"};
        case '!':
            return {1, "!"};
        case '?':
            return {1, "?"};
        case '"':
            return {1, "\""};
        case '\'':
            return {1, "'"};
        case ')':
            return {1, ")"};
        case ']':
            return {1, "]"};
        case '}':
            return {1, "}"};
        case '>':
            return {1, ">"};
        case '*':
            return {1, "*"};
        default:
            break;
    }
    if (w.size() >= 3 && w.compare(w.size() - 3, 2, "\xE2\x80") == 0) {
        switch (static_cast<unsigned char>(w.back())) {
            case 0x9C:
            case 0x9D:
                return {3, "\""};  // “ ”
            case 0x98:
            case 0x99:
                return {3, "'"};  // ‘ ’
            case 0xA6:
                return {3, "..."};  // …
            default:
                break;
        }
    }
    if (w.size() >= 2 && static_cast<unsigned char>(w[w.size() - 2]) == 0xC2 &&
        static_cast<unsigned char>(w.back()) == 0xBB)
        return {2, "\""};  // »
    return {};
}

/// Length of a dash that splits words at @p i: — (em), – (en) or ASCII `--`; 0 otherwise.
std::size_t dash_at(std::string_view s, std::size_t i) noexcept {
    if (s[i] == '-' && i + 1 < s.size() && s[i + 1] == '-') {
        std::size_t n = 2;
        while (i + n < s.size() && s[i + n] == '-') ++n;
        return n;
    }
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0x94 || static_cast<unsigned char>(s[i + 2]) == 0x93))
        return 3;
    return 0;
}

std::string_view dash_word(std::string_view dash) noexcept {
    return dash == "\xE2\x80\x93" ? std::string_view("-") : std::string_view("--");
}

/// Could the character at the start of @p s begin a sentence: an upper-case letter (ASCII or
/// Latin-1 capitals), a quote or an opening bracket.
bool sentence_start_char(std::string_view s) noexcept {
    if (s.empty()) return false;
    const auto c = static_cast<unsigned char>(s[0]);
    if (is_upper(s[0]) || c == '"' || c == '\'' || c == '(' || c == '[') return true;
    if (c == 0xC3 && s.size() > 1) {  // À..Þ except ×
        const auto d = static_cast<unsigned char>(s[1]);
        return d >= 0x80 && d <= 0x9E && d != 0x97;
    }
    if (c == 0xE2 && s.size() > 2 && static_cast<unsigned char>(s[1]) == 0x80) {
        const auto d = static_cast<unsigned char>(s[2]);
        return d == 0x9C || d == 0x98 || d == 0x9E;  // “ ‘ „
    }
    if (c == 0xC2 && s.size() > 1 && static_cast<unsigned char>(s[1]) == 0xAB) return true;  // «
    return false;
}

/// Words whose final period belongs to them (titles, months, US states, company forms, Latin).
constexpr std::array<std::string_view, 92> abbreviations{
    "Mr",   "Mrs",    "Ms",   "Dr",   "Jr",   "Sr",    "St",   "Mt",   "Ft",  "Capt", "Gen",  "Col",  "Lt",   "Sgt",
    "Cpl",  "Adm",    "Cmdr", "Gov",  "Sen",  "Rep",   "Rev",  "Prof", "Hon", "Pres", "Supt", "Insp", "Det",  "Maj",
    "Brig", "Messrs", "Inc",  "Corp", "Co",   "Cos",   "Ltd",  "Bros", "Plc", "No",   "Nos",  "Vol",  "Dept", "Univ",
    "Assn", "Ave",    "Blvd", "Rd",   "Jan",  "Feb",   "Mar",  "Apr",  "Jun", "Jul",  "Aug",  "Sep",  "Sept", "Oct",
    "Nov",  "Dec",    "Ala",  "Ariz", "Ark",  "Calif", "Colo", "Conn", "Del", "Fla",  "Ga",   "Ill",  "Ind",  "Kan",
    "Kans", "Ky",     "La",   "Md",   "Mass", "Mich",  "Minn", "Miss", "Mo",  "Mont", "Neb",  "Nev",  "Okla", "Ore",
    "Pa",   "Tenn",   "Tex",  "Va",   "Vt",   "Wash",  "Wis",  "Wyo"};
constexpr std::array<std::string_view, 6> lower_abbreviations{"vs", "etc", "approx", "est", "mln", "bln"};

bool is_abbreviation(std::string_view w) noexcept {
    if (w.empty()) return false;
    if (w.find('.') != std::string_view::npos) {  // U.S, a.m, N.Y
        // Dotted: letters and periods only, at most 4 letters between periods.
        std::size_t run = 0;
        for (char c : w) {
            if (c == '.')
                run = 0;
            else if (is_alpha(c) && ++run <= 4)
                continue;
            else
                return false;
        }
        return true;
    }
    if (w.size() == 1 && is_upper(w[0])) return true;  // an initial
    if (is_upper(w[0])) return std::find(abbreviations.begin(), abbreviations.end(), w) != abbreviations.end();
    return std::find(lower_abbreviations.begin(), lower_abbreviations.end(), w) != lower_abbreviations.end();
}

bool ends_sentence(std::string_view word) noexcept {
    return word == "." || word == "!" || word == "?" || word == "...";
}
bool closes(std::string_view word) noexcept { return word == "\"" || word == "'" || word == ")" || word == "]"; }

// --- tokenizer ------------------------------------------------------------------------------------

class Tokenizer {
public:
    Tokenizer(std::string_view text, ConllText& out) : m_text(text), m_out(out) {
        if (m_text.size() > std::numeric_limits<std::uint32_t>::max())
            m_text = m_text.substr(0, std::numeric_limits<std::uint32_t>::max());
        m_sentence_start = out.tokens.size();
    }

    void run() {
        std::size_t i = 0;
        const std::size_t n = m_text.size();
        while (i < n) {
            // White space: count newlines for blank lines.
            int newlines = 0;
            while (i < n) {
                const std::size_t s = space_at(m_text, i);
                if (s == 0) break;
                if (m_text[i] == '\n') ++newlines;
                i += s;
            }
            if (i >= n) break;
            if (newlines >= 2) end_sentence();
            std::size_t e = i;
            while (e < n && space_at(m_text, e) == 0) ++e;
            const std::string_view rest = m_text.substr(i);
            if (m_pending_end && sentence_start_char(rest)) end_sentence();
            m_pending_end = false;
            chunk(i, e);
            i = e;
        }
        end_sentence();
    }

private:
    void emit(std::size_t offset, std::size_t length, std::string_view word) {
        m_out.tokens.push_back({word, static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(length)});
        if (ends_sentence(word))
            m_pending_end = true;
        else if (!(m_pending_end && closes(word)))
            m_pending_end = false;
    }

    void end_sentence() {
        if (m_out.tokens.size() > m_sentence_start) {
            m_out.sentence_ends.push_back(m_out.tokens.size());
            m_sentence_start = m_out.tokens.size();
        }
        m_pending_end = false;
    }

    /// A white-space separated chunk [b, e): split at dashes, then peel punctuation.
    void chunk(std::size_t b, std::size_t e) {
        std::size_t part = b;
        for (std::size_t k = b; k < e;) {
            const std::size_t d = dash_at(m_text, k);
            if (d == 0) {
                ++k;
                continue;
            }
            if (k > part) word(part, k);
            emit(k, d, dash_word(m_text.substr(k, d)));
            k += d;
            part = k;
        }
        if (e > part) word(part, e);
    }

    /// One word with its punctuation.
    void word(std::size_t b, std::size_t e) {
        std::string_view w = m_text.substr(b, e - b);
        std::size_t off = b;
        while (!w.empty()) {
            const Punct p = leading_punct(w);
            if (p.length == 0) break;
            emit(off, p.length, p.word);
            off += p.length;
            w.remove_prefix(p.length);
        }
        // Trailing pieces, collected end first.
        struct Tail {
            std::size_t offset, length;
            std::string_view word;
        };
        std::array<Tail, 8> tail{};
        std::size_t tails = 0;
        while (!w.empty() && tails < tail.size()) {
            const std::size_t end = off + w.size();
            if (w.size() > 2 && (w.ends_with("'s") || w.ends_with("'S"))) {
                tail[tails++] = {end - 2, 2, "'s"};
                w.remove_suffix(2);
                continue;
            }
            if (w.size() > 4 && (w.ends_with("\xE2\x80\x99s") || w.ends_with("\xE2\x80\x99S"))) {
                tail[tails++] = {end - 4, 4, "'s"};
                w.remove_suffix(4);
                continue;
            }
            if (w.size() > 3 && w.ends_with("n't")) {
                tail[tails++] = {end - 3, 3, "n't"};
                w.remove_suffix(3);
                continue;
            }
            if (w.size() > 5 && w.ends_with("n\xE2\x80\x99t")) {
                tail[tails++] = {end - 5, 5, "n't"};
                w.remove_suffix(5);
                continue;
            }
            if (w.ends_with("...")) {
                tail[tails++] = {end - 3, 3, "..."};
                w.remove_suffix(3);
                continue;
            }
            if (const Punct p = trailing_punct(w); p.length != 0) {
                tail[tails++] = {end - p.length, p.length, p.word};
                w.remove_suffix(p.length);
                continue;
            }
            if (w.back() == '.' && w.size() > 1 && !is_abbreviation(w.substr(0, w.size() - 1))) {
                tail[tails++] = {end - 1, 1, "."};
                w.remove_suffix(1);
                continue;
            }
            if (w == ".") {
                tail[tails++] = {end - 1, 1, "."};
                w.remove_suffix(1);
            }
            break;
        }
        if (!w.empty()) emit(off, w.size(), w);
        while (tails > 0) {
            const Tail& t = tail[--tails];
            emit(t.offset, t.length, t.word);
        }
    }

    std::string_view m_text;
    ConllText& m_out;
    std::size_t m_sentence_start = 0;
    bool m_pending_end = false;
};

/// A field tokenized, as the tagger's sentences: [first_sentence, end_sentence) of the document.
struct FieldSpan {
    std::string_view name;
    std::string_view text;
    std::size_t first_token = 0;
    std::size_t first_sentence = 0;
    std::size_t end_sentence = 0;
};

bool is_place_kind(GazetteerKind k) noexcept {
    return k == GazetteerKind::country || k == GazetteerKind::subdivision || k == GazetteerKind::city ||
        k == GazetteerKind::large_city;
}

/// The gazetteer's canonical name of a place (country, subdivision, city), or nullopt.
std::optional<std::string> place_name(const Gazetteer& gazetteer, std::string_view written) {
    auto m = gazetteer.lookup(written);
    if (!m || m->type != EntityType::place || !is_place_kind(m->kind)) return std::nullopt;
    return std::move(m->canonical);
}

}  // namespace

void tokenize_conll(std::string_view text, ConllText& out) { Tokenizer(text, out).run(); }

EntityExtractor::EntityExtractor(ner::Tagger tagger, std::shared_ptr<const Gazetteer> gazetteer)
    : m_tagger(std::move(tagger)), m_gazetteer(gazetteer ? std::move(gazetteer) : Gazetteer::system()) {
    // Captures the gazetteer, not `this`: the extractor may be moved.
    m_places = [gazetteer = m_gazetteer](std::string_view written) { return place_name(*gazetteer, written); };
}

EntityExtractor EntityExtractor::load(const EntityModelPaths& paths) {
    // The gazetteers (~0.12 s) and the model (~0.06 s) load at the same time.
    std::shared_future<std::shared_ptr<const Gazetteer>> gazetteer =
        std::async(std::launch::async, [dir = paths.iso_codes_dir()] { return Gazetteer::system(dir); }).share();
    ner::Tagger tagger = ner::Tagger::load(paths.model_file(), gazetteer);
    return EntityExtractor(std::move(tagger), gazetteer.get());
}

std::optional<std::string> EntityExtractor::canonical_place(std::string_view written) const {
    return place_name(*m_gazetteer, written);
}

std::vector<EntityMention> EntityExtractor::find_mentions(const Document& doc) const {
    thread_local ConllText tokens;
    tokens.clear();
    std::array<FieldSpan, 3> fields{};
    std::size_t field_count = 0;
    auto add = [&](std::string_view name, std::string_view text) {
        if (text.empty()) return;
        FieldSpan& f = fields[field_count++];
        f.name = name;
        f.text = text;
        f.first_token = tokens.tokens.size();
        f.first_sentence = tokens.sentence_ends.size();
        tokenize_conll(text, tokens);
        f.end_sentence = tokens.sentence_ends.size();
    };
    add("title", doc.title);
    if (doc.subject != doc.title) add("subject", doc.subject);
    add("body", doc.body);

    std::vector<std::vector<std::string_view>> sentences(tokens.sentence_ends.size());
    for (std::size_t s = 0, t = 0; s < sentences.size(); ++s) {
        const std::size_t end = tokens.sentence_ends[s];
        sentences[s].reserve(end - t);
        for (; t < end; ++t) sentences[s].push_back(tokens.tokens[t].word);
    }
    std::vector<EntityMention> mentions;
    if (sentences.empty()) return mentions;
    const auto labels = m_tagger.tag_document(sentences);

    for (std::size_t f = 0; f < field_count; ++f) {
        const FieldSpan& field = fields[f];
        for (std::size_t s = field.first_sentence; s < field.end_sentence; ++s) {
            const std::size_t first = s == 0 ? 0 : tokens.sentence_ends[s - 1];
            for (const ner::Span& span : ner::decode_spans(labels[s])) {
                const ConllToken& a = tokens.tokens[first + span.begin];
                const ConllToken& z = tokens.tokens[first + span.end - 1];
                EntityMention m;
                m.type = span.type;
                m.offset = a.offset;
                m.length = z.offset + z.length - a.offset;
                m.text.assign(field.text.substr(m.offset, m.length));
                m.field.assign(field.name);
                mentions.push_back(std::move(m));
            }
        }
    }
    return mentions;
}

void EntityExtractor::annotate(Document& doc) const {
    const std::vector<EntityMention> mentions = find_mentions(doc);
    std::vector<Entity> found = resolve_document_entities(doc, mentions, m_places);
    if (doc.entities.empty())
        doc.entities = std::move(found);
    else
        merge_entities(doc.entities, found);
    doc.countries = document_countries(
        doc, [this](std::string_view place) { return m_gazetteer->mention_country(place); },
        [this](std::string_view city, std::string_view region) { return m_gazetteer->dateline_country(city, region); });
    doc.date_mentions = find_date_mentions(doc.body, doc.date);
}

}  // namespace newsdex
