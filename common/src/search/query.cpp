/** @file
 * @brief The query language: a hand-written lexer and recursive-descent parser into Xapian::Query.
 *
 * Grammar (operators are upper-case words; lower-case and/or/not are ordinary words):
 * @code
 *   or_expr  := and_expr (OR and_expr)*
 *   and_expr := not_expr ((AND | AND NOT | NOT) not_expr)*
 *   not_expr := NOT not_expr | group                       (leading NOT: everything except)
 *   group    := near_expr near_expr*                       (adjacent items: default_op)
 *   near_expr:= unary ((NEAR | NEAR/n) unary)*
 *   unary    := ['+' | '-'] [field ':'] primary
 *   primary  := '(' or_expr ')' | '"' phrase '"' | word | word'*' | '*'   (`*` alone: every document)
 * @endcode
 * Adjacent items bind tighter than AND/NOT, which bind tighter than OR (as in Xapian's
 * QueryParser): `a b AND c` is `(a b) AND c`. With default_op OR, `+x` items are required
 * (OP_AND), `-x` items excluded (OP_AND_NOT) and the rest OP_AND_MAYBE onto the required ones.
 *
 * All text goes through the same Analyzer as the documents. Unqualified text searches every
 * schema field with default_search; each word becomes an OP_OR of the same term under each field
 * prefix (OR rather than SYNONYM: every field keeps its own BM25 statistics, so a word that also
 * occurs in the short, rare title field adds to the body's score, and OR allows phrases too).
 * A plain word is its `Z` stem term, a number or a quoted word its unstemmed positional term, a
 * chunk the analyzer splits into several tokens (`U.S.-based`, `2016-03-01`) a phrase.
 * With QueryOptions::default_fields the fields and their weights (OP_SCALE_WEIGHT) are the caller's.
 * With a QueryOptions::stopper, plain stop words (`the`, `of`: no field, quotes, `+`/`-`, wildcard or
 * NEAR) are dropped from a group of adjacent items that has another word to search for, as Xapian's
 * QueryParser does; `"the who"`, `+the` and a query of stop words only keep them.
 * A "quoted" value of `source:` or `author:` is a filter too: the exact whole value (`XSX:`/`XAX:`)
 * OR the phrase in the field, so facet values drill down and phrases inside longer names still match.
 * Boolean, tag and date fields are filters (OP_FILTER: they never change scores); filters on the
 * same field are ORed when adjacent (`type:news type:memo`), different fields ANDed.
 *
 * Xapian 1.4 limits: OP_NEAR and OP_PHRASE take only leaf terms, so a multi-word NEAR operand
 * (`e-mail NEAR spam`) contributes each of its words to the NEAR, a wildcard in a NEAR is an
 * error, and `e-mai*` is the phrase of its leading words AND the wildcard of the last.
 */
#include <newsdex/search/query.hpp>

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include <newsdex/analysis/terms.hpp>
#include <newsdex/core/error.hpp>
#include <newsdex/schema/schema.hpp>

#include "search/query_lexer.hpp"

namespace newsdex {

namespace {

using namespace query_lexer;
using Q = Xapian::Query;

/// A parsed sub-query; filters (boolean/tag/date fields) are kept apart so they never score.
struct Item {
    Q query;
    bool empty = true;
    bool filter = false;
    bool plain = false;  ///< plain words under the default OR only (ParsedQuery::plain_words)
    std::string group;   ///< filter field name: adjacent filters of one field are ORed

    static Item make(Q q, bool is_filter = false, std::string group_name = {}) {
        Item it;
        it.query = std::move(q);
        it.empty = false;
        it.filter = is_filter;
        it.group = std::move(group_name);
        return it;
    }
    /// The query to use where it contributes to the score: filters weigh 0.
    [[nodiscard]] Q scored() const { return filter ? Q(Q::OP_SCALE_WEIGHT, query, 0.0) : query; }
};

/// Text of a word or phrase, analyzed, waiting to become a query (NEAR needs the raw terms).
struct TextLeaf {
    std::vector<Token> tokens;
    bool quoted = false;
    bool wildcard = false;
    bool unqualified = false;  ///< typed without a field: prefixes are the default fields, weighted
    bool positional = true;    ///< false for entity fields: their words are indexed unstemmed, without positions
    std::vector<std::string> prefixes;
};

struct Operand {
    Item item;
    std::optional<TextLeaf> leaf;  ///< set for a word or phrase in text fields
    char modifier = 0;
    std::size_t column = 0;
    /// A plain word (no field, quotes, wildcard or modifier; not joined by NEAR).
    [[nodiscard]] bool plain_word() const {
        return leaf && modifier == 0 && leaf->unqualified && !leaf->quoted && !leaf->wildcard;
    }
};

Q combine(Q::op op, const std::vector<Q>& qs) {
    if (qs.size() == 1) return qs.front();
    return Q(op, qs.begin(), qs.end());
}

/// The text prefixes searched by words typed without a field, with their weights.
std::vector<FieldWeight> default_fields(const QueryOptions& options) {
    if (!options.default_fields.empty()) return options.default_fields;
    std::vector<FieldWeight> out;
    for (const auto& f : schema::fields()) {
        if (f.kind != schema::Kind::text || !f.default_search) continue;
        if (std::none_of(out.begin(), out.end(), [&](const FieldWeight& w) { return w.prefix == f.prefix; }))
            out.push_back({std::string(f.prefix), 1.0});
    }
    // Body first: it is the field most words are found in.
    std::stable_partition(out.begin(), out.end(), [](const FieldWeight& w) { return w.prefix == schema::body_prefix; });
    return out;
}

std::vector<std::string> prefixes_of(const std::vector<FieldWeight>& fields) {
    std::vector<std::string> out;
    out.reserve(fields.size());
    for (const auto& f : fields) out.push_back(f.prefix);
    return out;
}

class Parser {
public:
    Parser(std::vector<Lexeme> lexemes, const Analyzer& analyzer, const QueryOptions& options)
        : m_lx(std::move(lexemes)),
          m_analyzer(analyzer),
          m_options(options),
          m_fields(default_fields(options)),
          m_default(prefixes_of(m_fields)) {}

    ParsedQuery parse() {
        Item it = parse_or(nullptr);
        if (peek().type == Tok::rparen) throw QueryError(fmt::format("unmatched ')' at column {}", peek().column));
        if (peek().type != Tok::end)  // cannot happen: every other lexeme starts or continues an expression
            throw QueryError(fmt::format("unexpected '{}' at column {}", peek().text, peek().column));
        if (it.empty) throw QueryError("query has no words to search for");
        ParsedQuery out;
        out.query = it.filter ? Q(Q::OP_SCALE_WEIGHT, it.query, 0.0) : it.query;
        out.plain_words = it.plain && !it.filter;
        out.stopped = std::move(m_stopped);
        return out;
    }

private:
    const Lexeme& peek(std::size_t ahead = 0) const {
        static const Lexeme end_lexeme;
        return m_pos + ahead < m_lx.size() ? m_lx[m_pos + ahead] : end_lexeme;
    }
    const Lexeme& take() { return m_lx[m_pos++]; }

    /// After consuming operator @p op: the next lexeme must start an operand.
    void expect_operand(const Lexeme& op) const {
        const Lexeme& nx = peek();
        if (nx.type == Tok::end) throw QueryError(fmt::format("'{}' at end of query", op.text));
        if (nx.type == Tok::rparen) throw QueryError(fmt::format("'{}' before ')' at column {}", op.text, nx.column));
        if (is_binary_op(nx.type))
            throw QueryError(fmt::format("'{}' followed by '{}' at column {}", op.text, nx.text, nx.column));
    }

    Item parse_or(const FieldRef* field) {
        Item left = parse_and(field);
        while (peek().type == Tok::op_or) {
            const Lexeme& op = take();
            expect_operand(op);
            left = either(std::move(left), parse_and(field));
        }
        return left;
    }

    Item parse_and(const FieldRef* field) {
        Item left = parse_not(field);
        while (peek().type == Tok::op_and || peek().type == Tok::op_not) {
            const Lexeme& op = take();
            expect_operand(op);
            if (op.type == Tok::op_and && peek().type == Tok::op_not) {
                const Lexeme& op_not = take();
                expect_operand(op_not);
                left = but_not(std::move(left), parse_not(field));
            } else if (op.type == Tok::op_not) {
                left = but_not(std::move(left), parse_not(field));
            } else {
                left = both(std::move(left), parse_not(field));
            }
        }
        return left;
    }

    Item parse_not(const FieldRef* field) {
        if (peek().type != Tok::op_not) return parse_group(field);
        const Lexeme& op = take();
        expect_operand(op);
        Item x = parse_not(field);
        if (x.empty) return x;
        return Item::make(Q(Q::OP_AND_NOT, Q::MatchAll, x.query), true);
    }

    /// Adjacent items, combined with the default operator and their +/- modifiers.
    Item parse_group(const FieldRef* field) {
        const Lexeme& first = peek();
        if (!starts_primary(first.type)) {
            if (first.type == Tok::rparen) {
                if (m_pos > 0 && m_lx[m_pos - 1].type == Tok::lparen)
                    throw QueryError(fmt::format("empty '()' at column {}", m_lx[m_pos - 1].column));
                throw QueryError(fmt::format("unmatched ')' at column {}", first.column));
            }
            if (first.type == Tok::op_near)
                throw QueryError(fmt::format("'NEAR' needs a word on each side (column {})", first.column));
            if (m_pos == 0) throw QueryError(fmt::format("'{}' at start of query", first.text));
            if (m_lx[m_pos - 1].type == Tok::lparen)
                throw QueryError(fmt::format("'{}' after '(' at column {}", first.text, first.column));
            throw QueryError(fmt::format("unexpected '{}' at column {}", first.text, first.column));
        }
        std::vector<Operand> operands;
        while (starts_primary(peek().type)) operands.push_back(parse_near(field));
        drop_stop_words(operands);
        std::vector<std::pair<char, Item>> items;
        bool plain = true;
        for (auto& op : operands) {
            if (op.item.empty) continue;
            plain = plain && op.plain_word();
            items.emplace_back(op.modifier, std::move(op.item));
        }
        Item out = combine_group(items);
        out.plain = plain && !out.empty && m_options.default_op == Q::OP_OR;
        return out;
    }

    /// Is @p op a plain single word that the stopper accepts?
    [[nodiscard]] bool is_stop_word(const Operand& op) const {
        if (!m_options.stopper || !op.plain_word() || op.leaf->tokens.size() != 1) return false;
        const Token& t = op.leaf->tokens.front();
        return !t.numeric && (*m_options.stopper)(t.term);
    }

    /// Drop the stop words of a group of adjacent operands, unless nothing else would be searched for.
    void drop_stop_words(std::vector<Operand>& operands) {
        if (!m_options.stopper) return;
        const bool other_words = std::any_of(operands.begin(), operands.end(), [&](const Operand& op) {
            return !op.item.empty && !op.item.filter && op.modifier != '-' && !is_stop_word(op);
        });
        if (!other_words) return;
        for (auto& op : operands) {
            if (op.item.empty || !is_stop_word(op)) continue;
            m_stopped.push_back(op.leaf->tokens.front().term);
            op.item = Item{};
        }
    }

    Operand parse_near(const FieldRef* field) {
        Operand first = parse_unary(field);
        if (peek().type != Tok::op_near) return first;
        const std::size_t near_column = peek().column;
        const auto needs_words = [&] {
            return QueryError(fmt::format("'NEAR' needs a word on each side (column {})", near_column));
        };
        if (!first.leaf || first.item.empty) throw needs_words();
        std::vector<TextLeaf> leaves{*first.leaf};
        unsigned distance = 0;
        while (peek().type == Tok::op_near) {
            const Lexeme& op = take();
            distance = std::max(distance, op.near_distance);
            if (!starts_primary(peek().type) || peek().modifier != 0) throw needs_words();
            Operand next = parse_unary(field);
            if (!next.leaf || next.item.empty) throw needs_words();
            leaves.push_back(std::move(*next.leaf));
        }
        if (std::any_of(leaves.begin(), leaves.end(), [](const TextLeaf& l) { return l.wildcard; }))
            throw QueryError(fmt::format("'NEAR' at column {} cannot take a '*' wildcard", near_column));
        if (std::any_of(leaves.begin(), leaves.end(), [](const TextLeaf& l) { return !l.positional; }))
            throw QueryError(
                fmt::format("'NEAR' at column {} cannot take entity words (person:, org:, place:, misc: "
                            "keep no word positions)",
                            near_column));
        // Prefixes common to every operand (a qualified operand narrows the unqualified ones).
        std::vector<std::string> prefixes = leaves.front().prefixes;
        for (const auto& l : leaves)
            std::erase_if(prefixes, [&](const std::string& p) {
                return std::find(l.prefixes.begin(), l.prefixes.end(), p) == l.prefixes.end();
            });
        if (prefixes.empty())
            throw QueryError(fmt::format("'NEAR' at column {} joins words of different fields", near_column));
        std::vector<Q> per_field;
        for (const auto& prefix : prefixes) {
            // OP_NEAR takes leaf terms only: a multi-word operand contributes each of its words.
            std::vector<Q> subs;
            for (const auto& l : leaves)
                for (const Token& t : l.tokens) subs.emplace_back(prefix + t.term);
            const auto window = static_cast<Xapian::termcount>(distance - 1 + subs.size());
            per_field.push_back(
                weighted(prefix, Q(Q::OP_NEAR, subs.begin(), subs.end(), window),
                         std::all_of(leaves.begin(), leaves.end(), [](const TextLeaf& l) { return l.unqualified; })));
        }
        Operand out;
        out.item = Item::make(combine(Q::OP_OR, per_field));
        out.modifier = first.modifier;
        out.column = first.column;
        return out;
    }

    Operand parse_unary(const FieldRef* field) {
        const Lexeme& lx = take();
        Operand op;
        op.modifier = lx.modifier;
        op.column = lx.column;
        const FieldRef* f = lx.field ? &*lx.field : field;
        if (lx.type == Tok::lparen) {
            if (peek().type == Tok::rparen) throw QueryError(fmt::format("empty '()' at column {}", lx.column));
            op.item = parse_or(f);
            op.item.plain = false;  // explicit grouping: not a plain list of words
            if (peek().type != Tok::rparen)
                throw QueryError(fmt::format("missing ')' for '(' at column {}", lx.column));
            take();
            return op;
        }
        const bool phrase = lx.type == Tok::phrase;
        // `*` alone matches every document (as in notmuch): a filter, so `* date:2017` lists a year.
        if (!phrase && !f && lx.text == "*") {
            op.item = Item::make(Q::MatchAll, true);
            return op;
        }
        // Entity fields: a "quoted" value is the exact canonical name, a word is free text.
        if (f && f->kind != FieldRef::Kind::text && !(f->kind == FieldRef::Kind::entity && !phrase)) {
            op.item = exact_value(*f, lx.text, phrase);
            return op;
        }
        // `source:"Meridian Wire"`, `author:"Daniel Okafor"`: the exact whole value OR the phrase, a filter.
        if (f && f->kind == FieldRef::Kind::text && phrase && !f->exact_prefix.empty()) {
            op.item = exact_or_phrase(*f, lx.text);
            return op;
        }
        TextLeaf leaf;
        leaf.quoted = phrase;
        std::string_view text = lx.text;
        if (!phrase && !text.empty() && text.back() == '*') {
            while (!text.empty() && text.back() == '*') text.remove_suffix(1);
            leaf.wildcard = true;
        }
        m_analyzer.tokenize(text, leaf.tokens);
        if (leaf.tokens.empty()) {
            if (leaf.wildcard)
                throw QueryError(
                    fmt::format("'{}' at column {}: '*' needs a letter or digit before it", lx.text, lx.column));
            return op;  // punctuation only: nothing to search for
        }
        leaf.unqualified = f == nullptr;
        leaf.positional = !(f && f->kind == FieldRef::Kind::entity);
        leaf.prefixes = f ? std::vector<std::string>{f->prefix} : m_default;
        op.item = Item::make(text_query(leaf));
        op.leaf = std::move(leaf);
        return op;
    }

    [[nodiscard]] Q wildcard(const std::string& prefix, const std::string& term) const {
        return Q(Q::OP_WILDCARD, prefix + term, m_options.wildcard_limit, Q::WILDCARD_LIMIT_MOST_FREQUENT);
    }

    /// @p q scaled by the weight of default field @p prefix, when @p unqualified and it is not 1.
    [[nodiscard]] Q weighted(const std::string& prefix, Q q, bool unqualified) const {
        if (!unqualified) return q;
        const auto it =
            std::find_if(m_fields.begin(), m_fields.end(), [&](const FieldWeight& w) { return w.prefix == prefix; });
        if (it == m_fields.end() || it->weight == 1.0) return q;
        return Q(Q::OP_SCALE_WEIGHT, q, it->weight);
    }

    [[nodiscard]] Q text_query(const TextLeaf& leaf) const {
        std::vector<Q> per_field;
        per_field.reserve(leaf.prefixes.size());
        for (const auto& prefix : leaf.prefixes)
            per_field.push_back(weighted(prefix, field_text_query(leaf, prefix), leaf.unqualified));
        return combine(Q::OP_OR, per_field);
    }

    /// The query of @p leaf's words in the field of @p prefix.
    [[nodiscard]] Q field_text_query(const TextLeaf& leaf, const std::string& prefix) const {
        const std::size_t n = leaf.tokens.size();
        if (n == 1) {
            const Token& t = leaf.tokens.front();
            if (leaf.wildcard) return wildcard(prefix, t.term);
            if (leaf.quoted || t.numeric || !leaf.positional || m_analyzer.is_stop_word(t.term))
                return Q(prefix + t.term);  // stop words have no stem term (Analyzer::index_text)
            return Q(std::string(schema::stem_prefix) + prefix + m_analyzer.stem(t.term));
        }
        if (!leaf.positional) {
            // Entity words have no positions: every word (the last one a wildcard if so typed).
            std::vector<Q> terms;
            for (std::size_t i = 0; i < n; ++i)
                terms.push_back(leaf.wildcard && i + 1 == n ? wildcard(prefix, leaf.tokens[i].term)
                                                            : Q(prefix + leaf.tokens[i].term));
            return Q(Q::OP_AND, terms.begin(), terms.end());
        }
        // Several tokens: a phrase of the unstemmed positional terms. Xapian 1.4 cannot put a
        // wildcard inside a phrase, so `e-mai*` is the phrase of the leading words AND the wildcard.
        const std::size_t k = leaf.wildcard ? n - 1 : n;
        std::vector<Q> terms;
        terms.reserve(k);
        for (std::size_t i = 0; i < k; ++i) terms.emplace_back(prefix + leaf.tokens[i].term);
        Q q = k == 1 ? terms.front() : Q(Q::OP_PHRASE, terms.begin(), terms.end(), static_cast<Xapian::termcount>(k));
        if (leaf.wildcard) q = Q(Q::OP_AND, q, wildcard(prefix, leaf.tokens.back().term));
        return q;
    }

    /// A value of a boolean, tag or date field: an exact term (or a date range), as a filter.
    [[nodiscard]] Item exact_value(const FieldRef& f, std::string_view raw, bool quoted) const {
        if (f.kind == FieldRef::Kind::date) return Item::make(date_query(raw), true, f.name);
        if (f.kind == FieldRef::Kind::mention_date) return Item::make(mention_query(f, raw), true, f.name);
        std::string value = fold_exact_value(raw);
        if (value.empty()) return {};
        if (f.kind == FieldRef::Kind::entity) return Item::make(entity_query(f, value), true, f.name);
        if (!quoted && value.size() > 1 && value.back() == '*') {
            while (!value.empty() && value.back() == '*') value.pop_back();
            return Item::make(wildcard(f.prefix, value), true, f.name);
        }
        return Item::make(Q(f.prefix + value), true, f.name);
    }

    /// A quoted value of a text field with exact terms (source, author): exact term OR phrase, as a filter.
    [[nodiscard]] Item exact_or_phrase(const FieldRef& f, std::string_view raw) const {
        std::vector<Q> alternatives;
        if (std::string folded = fold_exact_value(raw); !folded.empty())
            alternatives.emplace_back(bounded_term(f.exact_prefix, folded));
        TextLeaf leaf;
        leaf.quoted = true;
        m_analyzer.tokenize(raw, leaf.tokens);
        if (!leaf.tokens.empty()) {
            leaf.prefixes = {f.prefix};
            alternatives.push_back(text_query(leaf));
        }
        if (alternatives.empty()) return {};
        return Item::make(combine(Q::OP_OR, alternatives), true, f.name);
    }

    /// The exact terms of the other names of @p folded's entity in the corpus, and of its names
    /// written under other types that count under this one (EntityCanon).
    void add_entity_names(const FieldRef& f, const std::string& folded, std::vector<Q>& terms) const {
        const EntityCanon& canon = *m_options.entities;
        for (const EntityType type : entity_types) {
            if (schema::entity_field(type).exact_prefix != f.exact_prefix) continue;
            std::span<const std::string> names = canon.members(type, folded);
            if (names.empty()) names = {&folded, 1};
            for (const std::string& name : names) {
                if (name != folded) terms.emplace_back(bounded_term(f.exact_prefix, name));
                for (const EntityType from : canon.moved_from(type, name))
                    terms.emplace_back(bounded_term(schema::entity_field(from).exact_prefix, name));
            }
        }
    }

    /// The exact entity term of @p folded, ORed with its synonyms in the database (aliases <-> canonical).
    [[nodiscard]] Q entity_query(const FieldRef& f, const std::string& folded) const {
        const std::string term = bounded_term(f.exact_prefix, folded);
        std::vector<Q> terms{Q(term)};
        if (const Xapian::Database* db = m_options.database) {
            for (auto it = db->synonyms_begin(term); it != db->synonyms_end(term); ++it) {
                const std::string syn = *it;
                if (syn.starts_with(f.exact_prefix)) terms.emplace_back(syn);
            }
        }
        if (m_options.entities) add_entity_names(f, folded, terms);
        return combine(Q::OP_OR, terms);
    }

    /// `mentions:2017-02-05`, `mentions:2017-02`, `mentions:2017`: the XMD term of that precision.
    [[nodiscard]] static Q mention_query(const FieldRef& f, std::string_view raw) {
        const auto d = parse_date(raw);
        if (!d)
            throw QueryError(
                fmt::format("bad date '{}' for '{}:' (expected YYYY, YYYY-MM or YYYY-MM-DD)", raw, f.name));
        std::string term = f.prefix;
        term.append(d->digits, 0, 4);
        if (d->digits.size() >= 6) term.append("-").append(d->digits, 4, 2);
        if (d->digits.size() == 8) term.append("-").append(d->digits, 6, 2);
        return Q(term);
    }

    [[nodiscard]] static Q date_query(std::string_view raw) {
        const auto dots = raw.find("..");
        if (dots == std::string_view::npos) {
            const auto d = parse_date(raw);
            if (!d)
                throw QueryError(
                    fmt::format("bad date '{}' (expected YYYY, YYYY-MM or YYYY-MM-DD, or a range A..B)", raw));
            const std::string_view prefix = d->digits.size() == 8 ? schema::day_prefix
                : d->digits.size() == 6                           ? schema::month_prefix
                                                                  : schema::year_prefix;
            return Q(std::string(prefix) + d->digits);
        }
        const std::string_view lo_text = raw.substr(0, dots), hi_text = raw.substr(dots + 2);
        if (lo_text.empty() && hi_text.empty())
            throw QueryError("date range '..' needs a start or an end (date:2016.., date:..2016-06)");
        const auto bound = [&](std::string_view s, char pad) {
            const auto d = parse_date(s);
            if (!d)
                throw QueryError(fmt::format("bad date '{}' in date range (expected YYYY, YYYY-MM or YYYY-MM-DD)", s));
            std::string v = d->digits;
            v.resize(8, pad);  // a partial upper bound covers its whole month or year
            return v;
        };
        const auto slot = schema::slot_date;
        if (lo_text.empty()) return Q(Q::OP_VALUE_LE, slot, bound(hi_text, '9'));
        if (hi_text.empty()) return Q(Q::OP_VALUE_GE, slot, bound(lo_text, '0'));
        const std::string lo = bound(lo_text, '0'), hi = bound(hi_text, '9');
        if (lo > hi) throw QueryError(fmt::format("date range '{}' ends before it starts", raw));
        return Q(Q::OP_VALUE_RANGE, slot, lo, hi);
    }

    /// Adjacent items under the default operator, Xapian style.
    [[nodiscard]] Item combine_group(std::vector<std::pair<char, Item>>& items) const {
        const bool all_required = m_options.default_op == Q::OP_AND;
        std::vector<Q> required, optional, excluded;
        std::vector<std::pair<std::string, std::vector<Q>>> filters;  // by field, in order of appearance
        for (auto& [mod, it] : items) {
            if (it.empty) continue;
            if (mod == '-') {
                excluded.push_back(std::move(it.query));
            } else if (it.filter) {
                // Ungrouped filters (e.g. `(NOT x)`) each stand alone; field filters share a group.
                auto g = it.group.empty()
                    ? filters.end()
                    : std::find_if(filters.begin(), filters.end(),
                                   [&group = it.group](const auto& e) { return e.first == group; });
                if (g == filters.end()) {
                    filters.emplace_back(it.group, std::vector<Q>{});
                    g = std::prev(filters.end());
                }
                g->second.push_back(std::move(it.query));
            } else if (mod == '+' || all_required) {
                required.push_back(std::move(it.query));
            } else {
                optional.push_back(std::move(it.query));
            }
        }
        std::optional<Q> filter;
        std::string filter_group;
        for (auto& [group, qs] : filters) {
            Q g = combine(all_required ? Q::OP_AND : Q::OP_OR, qs);
            filter = filter ? Q(Q::OP_AND, *filter, g) : g;
        }
        if (filters.size() == 1) filter_group = filters.front().first;

        Item out;
        if (!required.empty() || !optional.empty()) {
            Q positive = required.empty() ? combine(m_options.default_op, optional) : combine(Q::OP_AND, required);
            if (!required.empty() && !optional.empty())
                positive = Q(Q::OP_AND_MAYBE, positive, combine(m_options.default_op, optional));
            out = Item::make(filter ? Q(Q::OP_FILTER, positive, *filter) : positive);
        } else if (filter) {
            out = Item::make(*filter, true, filter_group);
        } else if (!excluded.empty()) {
            out = Item::make(Q::MatchAll, true);
        } else {
            return out;
        }
        if (!excluded.empty()) out.query = Q(Q::OP_AND_NOT, out.query, combine(Q::OP_OR, excluded));
        return out;
    }

    static Item both(Item a, Item b) {
        if (a.empty) return b;
        if (b.empty) return a;
        if (a.filter && b.filter) return Item::make(Q(Q::OP_AND, a.query, b.query), true);
        if (a.filter) return Item::make(Q(Q::OP_FILTER, b.query, a.query));
        if (b.filter) return Item::make(Q(Q::OP_FILTER, a.query, b.query));
        return Item::make(Q(Q::OP_AND, a.query, b.query));
    }

    static Item but_not(Item a, Item b) {
        if (b.empty) return a;
        if (a.empty) return Item::make(Q(Q::OP_AND_NOT, Q::MatchAll, b.query), true);
        a.query = Q(Q::OP_AND_NOT, a.query, b.query);
        return a;
    }

    static Item either(Item a, Item b) {
        if (a.empty) return b;
        if (b.empty) return a;
        if (a.filter && b.filter)
            return Item::make(Q(Q::OP_OR, a.query, b.query), true, a.group == b.group ? a.group : std::string());
        return Item::make(Q(Q::OP_OR, a.scored(), b.scored()));
    }

    std::vector<Lexeme> m_lx;
    std::size_t m_pos = 0;
    const Analyzer& m_analyzer;
    const QueryOptions& m_options;
    std::vector<FieldWeight> m_fields;   ///< default fields with weights
    std::vector<std::string> m_default;  ///< their prefixes
    std::vector<std::string> m_stopped;
};

}  // namespace

Xapian::Query parse_query(std::string_view text, const Analyzer& analyzer, const QueryOptions& options) {
    return parse_query_details(text, analyzer, options).query;
}

ParsedQuery parse_query_details(std::string_view text, const Analyzer& analyzer, const QueryOptions& options) {
    std::vector<Lexeme> lexemes = lex_query(text, options);
    if (lexemes.empty()) throw QueryError("empty query");
    try {
        return Parser(std::move(lexemes), analyzer, options).parse();
    } catch (const Xapian::Error& e) {  // e.g. a combination Xapian 1.4 does not implement
        throw QueryError(fmt::format("cannot build the query: {}", e.get_msg()));
    }
}

}  // namespace newsdex
