/** @file
 * @brief The multi-valued counting MatchSpy, facet columns and facet results (see facets.hpp).
 */
#include <newsdex/search/facets.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include <newsdex/core/error.hpp>
#include <newsdex/schema/schema.hpp>

#include "core/text_util.hpp"

namespace newsdex {

namespace {

/// Name under which the spy is registered (Xapian::Registry) and serialised.
constexpr std::string_view kSpyName = "newsdex::MultiValueCountMatchSpy";

const char* kind_name(FacetKind k) noexcept {
    switch (k) {
        case FacetKind::list:
            return "list";
        case FacetKind::tags:
            return "tags";
        case FacetKind::year:
            return "year";
        case FacetKind::month:
            return "month";
    }
    return "list";
}

std::vector<std::string> split_commas(const std::vector<std::string>& items) {
    std::vector<std::string> out;
    for (const auto& item : items) {
        std::size_t start = 0;
        while (start <= item.size()) {
            auto comma = item.find(',', start);
            if (comma == std::string::npos) comma = item.size();
            std::string name = item.substr(start, comma - start);
            const auto first = name.find_first_not_of(' ');
            const auto last = name.find_last_not_of(' ');
            if (first != std::string::npos) out.push_back(name.substr(first, last - first + 1));
            start = comma + 1;
        }
    }
    return out;
}

}  // namespace

// ---- ValueCounter ----

namespace {
/// The standard library's string hash (64-bit MurmurHash-style, 8 bytes per step): whole facet lists
/// run to dozens of bytes, where byte-wise FNV-1a was the single biggest cost of counting.
std::uint64_t hash_value(std::string_view s) noexcept {
    const std::uint64_t h = std::hash<std::string_view>{}(s);
    return h ^ (h >> 32);
}
}  // namespace

namespace {
/// Recycled counter storage of this thread (a few tables: one per facet spy of a search).
thread_local std::vector<ValueCounter::Store> recycled_stores;
constexpr std::size_t kMaxRecycled = 16;
constexpr std::size_t kMaxRecycledEntries = std::size_t{1} << 20;
}  // namespace

ValueCounter::ValueCounter() {
    if (!recycled_stores.empty()) {
        m_store = std::move(recycled_stores.back());
        recycled_stores.pop_back();
        m_store.arena.clear();
        if (++m_store.generation == 0) {  // wrapped: really clear once in 4 billion uses
            std::fill(m_store.table.begin(), m_store.table.end(), Entry{});
            m_store.generation = 1;
        }
    }
}

ValueCounter::~ValueCounter() {
    if (recycled_stores.size() < kMaxRecycled && m_store.table.size() <= kMaxRecycledEntries &&
        !m_store.table.empty()) {
        recycled_stores.push_back(std::move(m_store));
    }
}

void ValueCounter::grow() {
    std::vector<Entry> old(m_store.table.empty() ? 1024 : m_store.table.size() * 2);
    old.swap(m_store.table);
    const std::size_t mask = m_store.table.size() - 1;
    const std::uint32_t live = m_store.generation;
    for (const Entry& e : old) {
        if (e.generation != live) continue;
        std::size_t i = e.hash & mask;
        while (m_store.table[i].generation == live) i = (i + 1) & mask;
        m_store.table[i] = e;
    }
}

void ValueCounter::add(std::string_view value, Xapian::doccount n) {
    if ((m_size + 1) * 2 > m_store.table.size()) grow();
    const auto h = static_cast<std::uint32_t>(hash_value(value));
    const std::size_t mask = m_store.table.size() - 1;
    const std::uint32_t live = m_store.generation;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
        Entry& e = m_store.table[i];
        if (e.generation != live) {
            e.hash = h;
            e.offset = static_cast<std::uint32_t>(m_store.arena.size());
            e.length = static_cast<std::uint32_t>(value.size());
            e.count = n;
            e.generation = live;
            m_store.arena.append(value);
            ++m_size;
            return;
        }
        if (e.hash == h && e.length == value.size() &&
            std::string_view(m_store.arena).substr(e.offset, e.length) == value) {
            e.count += n;
            return;
        }
    }
}

// ---- FacetColumn ----

FacetColumn::FacetColumn(const Xapian::Database& db, Xapian::valueno slot, bool whole) : m_whole(whole) {
    const Xapian::docid last = db.get_lastdocid();
    m_begin.assign(std::size_t{last} + 2, 0);
    m_unit_begin.push_back(0);
    std::unordered_map<std::string, std::uint32_t> ordinals;
    const auto ordinal = [&](std::string_view unit) {
        const auto [it, added] = ordinals.try_emplace(std::string(unit), static_cast<std::uint32_t>(ordinals.size()));
        if (added) {
            m_arena.append(unit);
            m_unit_begin.push_back(static_cast<std::uint32_t>(m_arena.size()));
        }
        return it->second;
    };
    std::vector<std::string_view> values;
    Xapian::docid next = 0;  // documents up to here have their run start set
    for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
        const Xapian::docid did = v.get_docid();
        if (did > last) break;  // added after get_lastdocid() was read (a writable database)
        const auto start = static_cast<std::uint32_t>(m_ords.size());
        while (next <= did) m_begin[next++] = start;
        const std::string value = *v;
        if (whole) {
            m_ords.push_back(ordinal(value));
        } else {
            values.clear();
            decode_facet_values(value, values);
            for (const std::string_view unit : values) m_ords.push_back(ordinal(unit));
        }
    }
    const auto end = static_cast<std::uint32_t>(m_ords.size());
    while (next < m_begin.size()) m_begin[next++] = end;
}

std::vector<Xapian::doccount> FacetColumn::unit_documents() const {
    std::vector<Xapian::doccount> out(size(), 0);
    for (const std::uint32_t ord : m_ords) ++out[ord];
    return out;
}

void FacetColumn::regroup(const std::vector<std::uint32_t>& to, const std::vector<std::string>& names) {
    std::vector<std::uint32_t> ords;
    ords.reserve(m_ords.size());
    for (std::size_t did = 0; did + 1 < m_begin.size(); ++did) {
        const std::uint32_t begin = m_begin[did], end = m_begin[did + 1];
        m_begin[did] = static_cast<std::uint32_t>(ords.size());
        const std::size_t first = ords.size();
        for (std::uint32_t i = begin; i < end; ++i) {
            const std::uint32_t ord = to[m_ords[i]];
            if (ord != dropped &&
                std::find(ords.begin() + static_cast<std::ptrdiff_t>(first), ords.end(), ord) == ords.end())
                ords.push_back(ord);
        }
    }
    m_begin.back() = static_cast<std::uint32_t>(ords.size());
    m_ords = std::move(ords);
    m_arena.clear();
    m_unit_begin.assign(1, 0);
    for (const auto& n : names) {
        m_arena.append(n);
        m_unit_begin.push_back(static_cast<std::uint32_t>(m_arena.size()));
    }
}

void FacetColumn::add_units(const ExtraUnits& extra) {
    std::vector<std::pair<Xapian::docid, std::uint32_t>> added;  // (document, ordinal)
    for (const auto& [unit, docids] : extra) {
        const auto ord = static_cast<std::uint32_t>(size());
        m_arena.append(unit);
        m_unit_begin.push_back(static_cast<std::uint32_t>(m_arena.size()));
        for (const Xapian::docid did : docids) added.emplace_back(did, ord);
    }
    if (added.empty()) return;
    std::sort(added.begin(), added.end());
    if (added.back().first + std::size_t{1} >= m_begin.size())  // added to the database after the column was read
        m_begin.resize(added.back().first + std::size_t{2}, m_begin.back());
    std::vector<std::uint32_t> ords;
    ords.reserve(m_ords.size() + added.size());
    auto next = added.begin();
    for (std::size_t did = 0; did + 1 < m_begin.size(); ++did) {
        const std::uint32_t begin = m_begin[did], end = m_begin[did + 1];
        m_begin[did] = static_cast<std::uint32_t>(ords.size());
        ords.insert(ords.end(), m_ords.begin() + begin, m_ords.begin() + end);
        for (; next != added.end() && next->first == did; ++next) ords.push_back(next->second);
    }
    m_begin.back() = static_cast<std::uint32_t>(ords.size());
    m_ords = std::move(ords);
}

// ---- MultiValueCountMatchSpy ----

MultiValueCountMatchSpy::MultiValueCountMatchSpy(Xapian::valueno slot, FacetKind kind,
                                                 std::vector<std::string> tag_names)
    : m_slot(slot), m_kind(kind), m_tag_names(std::move(tag_names)) {
    std::sort(m_tag_names.begin(), m_tag_names.end());
    m_tag_names.erase(std::unique(m_tag_names.begin(), m_tag_names.end()), m_tag_names.end());
}

void MultiValueCountMatchSpy::use_column(std::shared_ptr<const FacetColumn> column) {
    m_column = std::move(column);
    m_unit_counts.assign(m_column ? m_column->size() : 0, 0);
    m_expanded.reset();
}

void MultiValueCountMatchSpy::expand_raw(std::string_view raw, Xapian::doccount n, ValueCounter& out) const {
    switch (m_kind) {
        case FacetKind::year:
            if (raw.size() >= 4) out.add(raw.substr(0, 4), n);
            return;
        case FacetKind::month:
            if (raw.size() >= 6 && raw.substr(4, 2) != "00") {
                const char month[7] = {raw[0], raw[1], raw[2], raw[3], '-', raw[4], raw[5]};
                out.add(std::string_view(month, 7), n);
            }
            return;
        case FacetKind::list:
        case FacetKind::tags:
            break;
    }
    std::vector<std::string_view> values;
    decode_facet_values(raw, values);  // a corrupt tail is ignored: count what decoded
    for (const std::string_view v : values) {
        if (m_kind == FacetKind::tags && !m_tag_names.empty()) {
            const std::string_view name = v.substr(0, v.find('\0'));
            if (!std::binary_search(m_tag_names.begin(), m_tag_names.end(), name, std::less<>())) continue;
        }
        out.add(v, n);
    }
}

void MultiValueCountMatchSpy::expand_unit(std::string_view unit, Xapian::doccount n, ValueCounter& out) const {
    if (m_kind == FacetKind::year || m_kind == FacetKind::month) {
        expand_raw(unit, n, out);  // the unit is a whole date value
        return;
    }
    if (m_kind == FacetKind::tags && !m_tag_names.empty()) {
        const std::string_view name = unit.substr(0, unit.find('\0'));
        if (!std::binary_search(m_tag_names.begin(), m_tag_names.end(), name, std::less<>())) return;
    }
    out.add(unit, n);
}

const ValueCounter& MultiValueCountMatchSpy::counter() const {
    if (!m_expanded) {
        m_expanded = std::make_unique<ValueCounter>();
        m_raw.for_each([this](std::string_view raw, Xapian::doccount n) { expand_raw(raw, n, *m_expanded); });
        for (std::uint32_t ord = 0; ord < m_unit_counts.size(); ++ord)
            if (m_unit_counts[ord] != 0) expand_unit(m_column->unit(ord), m_unit_counts[ord], *m_expanded);
    }
    return *m_expanded;
}

MultiValueCountMatchSpy::Counts MultiValueCountMatchSpy::counts() const {
    Counts out;
    counter().for_each([&out](std::string_view v, Xapian::doccount n) { out.emplace(v, n); });
    return out;
}

void MultiValueCountMatchSpy::add_raw(std::string_view raw, Xapian::doccount n) {
    m_expanded.reset();
    m_raw.add(raw, n);
}

void MultiValueCountMatchSpy::operator()(const Xapian::Document& doc, double /*wt*/) {
    ++m_seen;
    if (m_column) {
        for (const std::uint32_t ord : m_column->units(doc.get_docid())) ++m_unit_counts[ord];
        return;
    }
    m_value = doc.get_value(m_slot);
    if (!m_value.empty()) add_raw(m_value, 1);
}

Xapian::MatchSpy* MultiValueCountMatchSpy::clone() const {
    return new MultiValueCountMatchSpy(m_slot, m_kind, m_tag_names);
}

std::string MultiValueCountMatchSpy::name() const { return std::string(kSpyName); }

std::string MultiValueCountMatchSpy::serialise() const {
    std::string out;
    put_varint(out, m_slot);
    put_varint(out, static_cast<std::size_t>(m_kind));
    put_varint(out, m_tag_names.size());
    for (const auto& n : m_tag_names) put_string(out, n);
    return out;
}

Xapian::MatchSpy* MultiValueCountMatchSpy::unserialise(const std::string& serialised,
                                                       const Xapian::Registry& /*context*/) const {
    std::size_t pos = 0, slot = 0, kind = 0, names = 0;
    if (!get_varint(serialised, pos, slot) || !get_varint(serialised, pos, kind) || kind > 3 ||
        !get_varint(serialised, pos, names))
        throw Xapian::NetworkError("bad serialised MultiValueCountMatchSpy");
    std::vector<std::string> tag_names;
    for (std::size_t i = 0; i < names; ++i) {
        std::string_view n;
        if (!get_string(serialised, pos, n)) throw Xapian::NetworkError("bad serialised MultiValueCountMatchSpy");
        tag_names.emplace_back(n);
    }
    return new MultiValueCountMatchSpy(static_cast<Xapian::valueno>(slot), static_cast<FacetKind>(kind),
                                       std::move(tag_names));
}

std::string MultiValueCountMatchSpy::serialise_results() const {
    std::string out;
    put_varint(out, m_seen);
    // Whole slot values; column units are written as one-value lists (dates: the whole value).
    std::size_t entries = m_raw.size();
    for (const Xapian::doccount n : m_unit_counts) entries += n != 0;
    put_varint(out, entries);
    m_raw.for_each([&out](std::string_view value, Xapian::doccount n) {
        put_string(out, value);
        put_varint(out, n);
    });
    for (std::uint32_t ord = 0; ord < m_unit_counts.size(); ++ord) {
        if (m_unit_counts[ord] == 0) continue;
        const std::string_view unit = m_column->unit(ord);
        put_string(out, m_column->whole() ? std::string(unit) : encode_facet_values({std::string(unit)}));
        put_varint(out, m_unit_counts[ord]);
    }
    return out;
}

void MultiValueCountMatchSpy::merge_results(const std::string& serialised) {
    std::size_t pos = 0, seen = 0, entries = 0;
    if (!get_varint(serialised, pos, seen) || !get_varint(serialised, pos, entries))
        throw Xapian::NetworkError("bad serialised MultiValueCountMatchSpy results");
    m_seen += static_cast<Xapian::doccount>(seen);
    for (std::size_t i = 0; i < entries; ++i) {
        std::string_view value;
        std::size_t n = 0;
        if (!get_string(serialised, pos, value) || !get_varint(serialised, pos, n))
            throw Xapian::NetworkError("bad serialised MultiValueCountMatchSpy results");
        if (n > 0) add_raw(value, static_cast<Xapian::doccount>(n));
    }
}

std::string MultiValueCountMatchSpy::get_description() const {
    return fmt::format("MultiValueCountMatchSpy(slot {}, {}, {} documents, {} values)", m_slot, kind_name(m_kind),
                       m_seen, m_raw.size() + m_unit_counts.size());
}

// ---- FacetCollector ----

std::vector<std::string> facet_field_names() {
    std::vector<std::string> out;
    for (const auto& f : schema::facet_fields()) out.emplace_back(f.name);
    return out;
}

FacetCollector::FacetCollector(const std::vector<std::string>& fields, const std::vector<std::string>& tag_fields,
                               std::size_t size)
    : m_size(size) {
    std::vector<std::string> wanted_tags;
    std::optional<std::size_t> tag_spy;
    for (const auto& name : split_commas(fields)) {
        const auto dup = std::find_if(m_requests.begin(), m_requests.end(),
                                      [&](const Request& r) { return detail::iequals(r.field, name); });
        if (dup != m_requests.end()) continue;
        const auto fs = schema::facet_fields();
        const auto f =
            std::find_if(fs.begin(), fs.end(), [&](const FacetField& x) { return detail::iequals(x.name, name); });
        if (f != fs.end()) {
            m_spies.push_back(std::make_unique<MultiValueCountMatchSpy>(f->slot, f->kind));
            m_requests.push_back({std::string(f->name), f->kind, m_spies.size() - 1});
            continue;
        }
        const auto t = std::find_if(tag_fields.begin(), tag_fields.end(),
                                    [&](const std::string& x) { return detail::iequals(x, name); });
        if (t == tag_fields.end()) {
            std::string known;
            for (const auto& k : facet_field_names()) known += (known.empty() ? "" : ", ") + k;
            for (const auto& k : tag_fields) known += ", " + k;
            throw UsageError(fmt::format("unknown facet field '{}' (known: {})", name, known));
        }
        if (!tag_spy) {
            m_spies.push_back(nullptr);  // created below, once every tag name is known
            tag_spy = m_spies.size() - 1;
        }
        wanted_tags.push_back(*t);
        m_requests.push_back({*t, FacetKind::tags, *tag_spy});
    }
    if (tag_spy)
        m_spies[*tag_spy] =
            std::make_unique<MultiValueCountMatchSpy>(schema::slot_facet_tags, FacetKind::tags, std::move(wanted_tags));
}

namespace {
/// Whether a slot's column holds whole values (the date slot: year, month) or decoded lists.
bool whole_units(FacetKind kind) noexcept { return kind == FacetKind::year || kind == FacetKind::month; }
}  // namespace

void FacetCollector::attach(Xapian::Enquire& enquire, const FacetColumnSource* columns) {
    for (auto& spy : m_spies) {
        if (columns) spy->use_column((*columns)(spy->slot(), whole_units(spy->kind())));
        enquire.add_matchspy(spy.get());
    }
}

Xapian::doccount FacetCollector::count(const Xapian::Database& db, const Xapian::Query& query,
                                       const FacetColumnSource* columns) {
    Xapian::Enquire enquire(db);
    // Scaled by 0 the query is boolean: the matcher skips weight calculation and max-weight bounds.
    enquire.set_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, 0.0));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> builtin_spies;
    if (columns) {
        attach(enquire, columns);
    } else {
        for (auto& spy : m_spies) {
            builtin_spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(spy->slot()));
            enquire.add_matchspy(builtin_spies.back().get());
        }
    }
    const Xapian::MSet mset = enquire.get_mset(0, 0, db.get_doccount());
    for (std::size_t i = 0; i < builtin_spies.size(); ++i) {
        m_spies[i]->add_seen(builtin_spies[i]->get_total());
        for (auto v = builtin_spies[i]->values_begin(); v != builtin_spies[i]->values_end(); ++v)
            m_spies[i]->add_raw(*v, v.get_termfreq());
    }
    return mset.get_matches_estimated();
}

std::vector<FacetResult> FacetCollector::results(Xapian::doccount matches, bool matches_exact) const {
    std::vector<FacetResult> out;
    std::vector<std::pair<std::string_view, Xapian::doccount>> all;
    for (const auto& r : m_requests) {
        const MultiValueCountMatchSpy& spy = *m_spies[r.spy];
        FacetResult res;
        res.field = r.field;
        const Xapian::doccount seen = spy.documents_seen();
        res.exact = matches_exact && seen >= matches;
        const double scale = !res.exact && seen > 0 && matches > seen ? double(matches) / seen : 1.0;
        res.date_order = r.kind == FacetKind::year || r.kind == FacetKind::month;
        const std::string tag_prefix = r.kind == FacetKind::tags ? r.field + '\0' : std::string();
        all.clear();
        spy.for_each_count([&](std::string_view value, Xapian::doccount n) {
            if (r.kind == FacetKind::tags) {
                if (!value.starts_with(tag_prefix)) return;
                value.remove_prefix(tag_prefix.size());
            }
            if (scale != 1.0) n = static_cast<Xapian::doccount>(std::lround(n * scale));
            all.emplace_back(value, n);
        });
        std::optional<std::vector<FacetValue>> merged;
        if (m_merge && r.kind == FacetKind::list && spy.raw_lists().size() > 0)
            merged = m_merge(spy.slot(), spy.raw_lists());
        if (merged) {
            all.clear();
            for (auto& v : *merged) {
                if (scale != 1.0) v.count = static_cast<Xapian::doccount>(std::lround(v.count * scale));
                all.emplace_back(v.value, v.count);
            }
        }
        res.distinct = all.size();
        if (res.date_order) {
            std::sort(all.begin(), all.end());
        } else {
            const auto by_count = [](const auto& a, const auto& b) {
                return a.second != b.second ? a.second > b.second : a.first < b.first;
            };
            const std::size_t keep = std::min(all.size(), m_size);
            std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(keep), all.end(), by_count);
            all.resize(keep);
        }
        res.values.reserve(all.size());
        for (const auto& [value, n] : all) res.values.push_back({std::string(value), n});
        out.push_back(std::move(res));
    }
    return out;
}

}  // namespace newsdex
