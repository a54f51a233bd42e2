/** @file
 * @brief Facet slot encoding, the multi-valued counting MatchSpy and facet results (see facets.hpp).
 */
#include <newsdex/facets.hpp>

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include <newsdex/error.hpp>
#include <newsdex/schema.hpp>

namespace newsdex {

namespace {

/// Name under which the spy is registered (Xapian::Registry) and serialised.
constexpr std::string_view kSpyName = "newsdex::MultiValueCountMatchSpy";

void put_varint(std::string& out, std::size_t n) {
    while (n >= 0x80) {
        out += static_cast<char>((n & 0x7f) | 0x80);
        n >>= 7;
    }
    out += static_cast<char>(n);
}

/// Read a varint at @p pos; false when truncated or too long.
bool get_varint(std::string_view s, std::size_t& pos, std::size_t& n) {
    n = 0;
    for (unsigned shift = 0; shift < 64 && pos < s.size(); shift += 7) {
        const auto b = static_cast<unsigned char>(s[pos++]);
        n |= static_cast<std::size_t>(b & 0x7f) << shift;
        if ((b & 0x80) == 0) return true;
    }
    return false;
}

/// A length-prefixed string (varint length, bytes).
void put_string(std::string& out, std::string_view s) {
    put_varint(out, s.size());
    out.append(s);
}

bool get_string(std::string_view s, std::size_t& pos, std::string_view& out) {
    std::size_t n = 0;
    if (!get_varint(s, pos, n) || n > s.size() - pos) return false;
    out = s.substr(pos, n);
    pos += n;
    return true;
}

const char* kind_name(FacetKind k) noexcept {
    switch (k) {
    case FacetKind::list: return "list";
    case FacetKind::tags: return "tags";
    case FacetKind::year: return "year";
    case FacetKind::month: return "month";
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

bool iequals(std::string_view a, std::string_view b) noexcept {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return (x >= 'A' && x <= 'Z' ? x + 32 : x) == (y >= 'A' && y <= 'Z' ? y + 32 : y);
    });
}

}  // namespace

std::string encode_facet_values(std::vector<std::string> values) {
    std::erase_if(values, [](const std::string& v) { return v.empty(); });
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    std::string out;
    for (const auto& v : values) put_string(out, v);
    return out;
}

bool decode_facet_values(std::string_view data, std::vector<std::string_view>& out) {
    std::size_t pos = 0;
    while (pos < data.size()) {
        std::string_view v;
        if (!get_string(data, pos, v)) return false;
        out.push_back(v);
    }
    return true;
}

std::string tag_facet_entry(std::string_view name, std::string_view value) {
    std::string e;
    e.reserve(name.size() + 1 + value.size());
    e.append(name).append(1, '\0').append(value);
    return e;
}

void add_facet_values(Xapian::Document& xdoc, const Document& doc) {
    std::vector<std::string> by_type[4];
    for (const auto& e : doc.entities) by_type[static_cast<std::size_t>(e.type) & 3u].push_back(e.canonical);
    const auto put = [&xdoc](Xapian::valueno slot, std::vector<std::string> values) {
        std::string encoded = encode_facet_values(std::move(values));
        if (!encoded.empty()) xdoc.add_value(slot, encoded);
    };
    put(schema::slot_facet_person, std::move(by_type[static_cast<std::size_t>(EntityType::person)]));
    put(schema::slot_facet_org, std::move(by_type[static_cast<std::size_t>(EntityType::org)]));
    put(schema::slot_facet_place, std::move(by_type[static_cast<std::size_t>(EntityType::place)]));
    put(schema::slot_facet_misc, std::move(by_type[static_cast<std::size_t>(EntityType::misc)]));
    put(schema::slot_facet_source, {doc.source});
    put(schema::slot_facet_author, doc.authors);
    put(schema::slot_facet_type, {doc.type});
    std::vector<std::string> tags;
    for (const auto& [name, values] : doc.tags)
        for (const auto& v : values)
            if (!v.empty()) tags.push_back(tag_facet_entry(name, v));
    put(schema::slot_facet_tags, std::move(tags));
}

// ---- ValueCounter ----

namespace {
/// 64-bit FNV-1a, then a final mix so the low bits (the table index) depend on every byte.
std::uint64_t hash_value(std::string_view s) noexcept {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
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

// ---- MultiValueCountMatchSpy ----

MultiValueCountMatchSpy::MultiValueCountMatchSpy(Xapian::valueno slot, FacetKind kind,
                                                 std::vector<std::string> tag_names)
    : m_slot(slot), m_kind(kind), m_tag_names(std::move(tag_names)) {
    std::sort(m_tag_names.begin(), m_tag_names.end());
    m_tag_names.erase(std::unique(m_tag_names.begin(), m_tag_names.end()), m_tag_names.end());
}

void MultiValueCountMatchSpy::read_from(const Xapian::Database& db) {
    m_db = db;
    m_values_open = false;
}

void MultiValueCountMatchSpy::count_list(std::string_view encoded, Xapian::doccount n) {
    m_scratch.clear();
    decode_facet_values(encoded, m_scratch);  // a corrupt tail is ignored: count what decoded
    for (const std::string_view v : m_scratch) {
        if (m_kind == FacetKind::tags && !m_tag_names.empty()) {
            const std::string_view name = v.substr(0, v.find('\0'));
            if (!std::binary_search(m_tag_names.begin(), m_tag_names.end(), name, std::less<>())) continue;
        }
        m_counts.add(v, n);
    }
}

MultiValueCountMatchSpy::Counts MultiValueCountMatchSpy::counts() const {
    Counts out;
    m_counts.for_each([&out](std::string_view v, Xapian::doccount n) { out.emplace(v, n); });
    return out;
}

void MultiValueCountMatchSpy::operator()(const Xapian::Document& doc, double /*wt*/) {
    ++m_seen;
    std::string value;
    if (m_db) {
        const Xapian::docid did = doc.get_docid();
        if (!m_values_open || did < m_last_docid) {
            m_values = m_db->valuestream_begin(m_slot);
            m_values_open = true;
        }
        m_last_docid = did;
        if (m_values != m_db->valuestream_end(m_slot)) {
            if (m_values.get_docid() < did) m_values.skip_to(did);
            if (m_values != m_db->valuestream_end(m_slot) && m_values.get_docid() == did) value = *m_values;
        }
    } else {
        value = doc.get_value(m_slot);
    }
    if (value.empty()) return;
    switch (m_kind) {
    case FacetKind::year:
        if (value.size() >= 4) m_counts.add(std::string_view(value).substr(0, 4));
        return;
    case FacetKind::month:
        if (value.size() >= 6 && value.compare(4, 2, "00") != 0) {
            const char month[7] = {value[0], value[1], value[2], value[3], '-', value[4], value[5]};
            m_counts.add(std::string_view(month, 7));
        }
        return;
    case FacetKind::list:
    case FacetKind::tags:
        break;
    }
    count_list(value, 1);
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
    put_varint(out, m_counts.size());
    m_counts.for_each([&out](std::string_view value, Xapian::doccount n) {
        put_string(out, value);
        put_varint(out, n);
    });
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
        if (n > 0) m_counts.add(value, static_cast<Xapian::doccount>(n));
    }
}

std::string MultiValueCountMatchSpy::get_description() const {
    return fmt::format("MultiValueCountMatchSpy(slot {}, {}, {} documents, {} values)", m_slot, kind_name(m_kind),
                       m_seen, m_counts.size());
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
                                      [&](const Request& r) { return iequals(r.field, name); });
        if (dup != m_requests.end()) continue;
        const auto fs = schema::facet_fields();
        const auto f = std::find_if(fs.begin(), fs.end(), [&](const FacetField& x) { return iequals(x.name, name); });
        if (f != fs.end()) {
            m_spies.push_back(std::make_unique<MultiValueCountMatchSpy>(f->slot, f->kind));
            m_requests.push_back({std::string(f->name), f->kind, m_spies.size() - 1});
            continue;
        }
        const auto t = std::find_if(tag_fields.begin(), tag_fields.end(),
                                    [&](const std::string& x) { return iequals(x, name); });
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
        m_spies[*tag_spy] = std::make_unique<MultiValueCountMatchSpy>(schema::slot_facet_tags, FacetKind::tags,
                                                                      std::move(wanted_tags));
}

void FacetCollector::attach(Xapian::Enquire& enquire, const Xapian::Database* db) {
    for (auto& spy : m_spies) {
        if (db) spy->read_from(*db);
        enquire.add_matchspy(spy.get());
    }
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
        spy.counter().for_each([&](std::string_view value, Xapian::doccount n) {
            if (r.kind == FacetKind::tags) {
                if (!value.starts_with(tag_prefix)) return;
                value.remove_prefix(tag_prefix.size());
            }
            if (scale != 1.0) n = static_cast<Xapian::doccount>(std::lround(n * scale));
            all.emplace_back(value, n);
        });
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
