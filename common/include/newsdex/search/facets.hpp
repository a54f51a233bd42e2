/** @file
 * @brief Facets: multi-valued value slots, a MatchSpy counting every value of every matching document,
 * and the facet results the searcher prints.
 *
 * Storage. Each facet field has one value slot (schema::facet_fields()) holding *all* of a document's
 * values for that field in one string: the values in their canonical display form (not folded), sorted
 * byte-wise, duplicates removed, each written as a varint byte length followed by its bytes
 * (schema/facet_codec.hpp, written by the indexer's add_facet_values). Xapian 1.4's
 * ValueCountMatchSpy counts one value per slot; the MultiValueCountMatchSpy here counts each
 * document's whole list, then decodes each *distinct* list once and adds its count to each of its
 * values, so a document naming five people counts once for each of them. Counting whole lists first
 * is what makes facets cheap: in news, many documents share one list (`places: usa`, `topics: earn`),
 * so the per-document cost is one hash of one string.
 *
 * Exact counts (the default) come from a separate pass over every match with the query made purely
 * boolean (no weights computed), so the ranked top-k search keeps its early termination
 * (FacetCollector::count).
 *
 * Tag fields (JSON Lines lists: `places`, `topics`...) are dynamic, so they share one slot
 * (schema::slot_facet_tags) whose entries are `name` NUL `value`. One slot means one spy counts every
 * requested tag field in a single pass over the matches, and several databases with different tag
 * fields can be searched together without agreeing on slot numbers. `year` and `month` come from the
 * published-date slot (`YYYYMMDD`) and are listed in date order.
 */
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <map>
#include <utility>
#include <cstdint>
#include <vector>

#include <xapian.h>

#include <newsdex/schema/document.hpp>
#include <newsdex/schema/facet_codec.hpp>
#include <newsdex/schema/schema.hpp>

namespace newsdex {

using FacetKind = schema::FacetKind;    ///< how a facet slot is read (schema.hpp)
using FacetField = schema::FacetField;  ///< a facet field of the schema table

/**
 * Counts per distinct string: an open-addressing hash table whose keys live in one arena, so
 * counting a value already seen costs a hash and a compare, and a new value no allocation of its own
 * (facet fields such as org have thousands of distinct values per query). Tables and arenas are
 * recycled per thread (a generation number marks the live entries, so reuse needs no clearing):
 * touching fresh memory for every search costs more than the counting itself.
 */
class ValueCounter {
public:
    ValueCounter();
    ~ValueCounter();
    ValueCounter(const ValueCounter&) = delete;
    ValueCounter& operator=(const ValueCounter&) = delete;

    /// Add @p n (> 0) to the count of @p value.
    void add(std::string_view value, Xapian::doccount n = 1);
    [[nodiscard]] std::size_t size() const noexcept { return m_size; }
    /// Call @p f(std::string_view value, Xapian::doccount count) for every value, in no order.
    template <class F>
    void for_each(F&& f) const {
        for (const Entry& e : m_store.table)
            if (e.generation == m_store.generation)
                f(std::string_view(m_store.arena).substr(e.offset, e.length), e.count);
    }

    struct Entry {
        std::uint32_t hash = 0, offset = 0, length = 0;
        Xapian::doccount count = 0;
        std::uint32_t generation = 0;  ///< live when equal to the store's generation
    };
    struct Store {
        std::vector<Entry> table;
        std::string arena;
        std::uint32_t generation = 1;
    };

private:
    void grow();
    Store m_store;
    std::size_t m_size = 0;
};

/**
 * One facet slot of a whole database, uninverted into a column of small integers (the approach of
 * Lucene's doc values and Solr's facet.method=fc): every distinct unit gets an ordinal, and each
 * document its run of ordinals. Units are the single values of a list or tag slot, or the whole
 * `YYYYMMDD` value of the date slot. Built by one pass over the slot's value stream; afterwards
 * counting a matching document costs one array increment per value, where reading the slot
 * through Xapian costs a block read, a string copy and a decode per document. Immutable once built:
 * one column serves every search (and thread) of a Searcher, which builds it on first use.
 */
class FacetColumn {
public:
    /// Read @p slot of @p db; @p whole: units are whole slot values (the date slot), else decoded lists.
    FacetColumn(const Xapian::Database& db, Xapian::valueno slot, bool whole);

    /// The ordinals of document @p did (empty when it has no value).
    [[nodiscard]] std::span<const std::uint32_t> units(Xapian::docid did) const noexcept {
        if (did + std::size_t{1} >= m_begin.size()) return {};
        return {m_ords.data() + m_begin[did], m_begin[did + 1] - m_begin[did]};
    }
    /// The unit with ordinal @p ord.
    [[nodiscard]] std::string_view unit(std::uint32_t ord) const noexcept {
        return std::string_view(m_arena).substr(m_unit_begin[ord], m_unit_begin[ord + 1] - m_unit_begin[ord]);
    }
    /// Number of distinct units.
    [[nodiscard]] std::size_t size() const noexcept { return m_unit_begin.size() - 1; }
    [[nodiscard]] bool whole() const noexcept { return m_whole; }
    /// Per ordinal: the number of documents holding the unit.
    [[nodiscard]] std::vector<Xapian::doccount> unit_documents() const;
    /**
     * Replace the units by @p names: unit ordinal u becomes ordinal @p to[u] of @p names. A document
     * holding several units that become one holds it once (entity names that denote one entity,
     * search/entity_canon.hpp), so counting stays one increment per document and value. Units
     * mapped to @c dropped are removed.
     */
    void regroup(const std::vector<std::uint32_t>& to, const std::vector<std::string>& names);
    /// What regroup() maps a unit to that no document keeps (a name counted under another type).
    static constexpr std::uint32_t dropped = 0xffffffffu;
    /// Units read elsewhere: the unit and the documents holding it.
    using ExtraUnits = std::vector<std::pair<std::string, std::vector<Xapian::docid>>>;
    /**
     * Add @p extra's units (ordinals size() onwards, in order) to their documents, e.g. the documents
     * holding an entity name under another type that counts under this one.
     */
    void add_units(const ExtraUnits& extra);

private:
    bool m_whole;
    std::vector<std::uint32_t> m_begin;  ///< per docid (index = docid): first ordinal in m_ords
    std::vector<std::uint32_t> m_ords;
    std::vector<std::uint32_t> m_unit_begin;  ///< per ordinal: offset in m_arena, plus the end
    std::string m_arena;
};

/// Gives the column of a slot (whole: FacetColumn's constructor), e.g. from a Searcher's cache.
using FacetColumnSource = std::function<std::shared_ptr<const FacetColumn>(Xapian::valueno slot, bool whole)>;

/**
 * Counts the values of a multi-valued facet slot over the documents the matcher sees: each distinct
 * value of a document once. Modes: FacetKind::list (any facet slot), FacetKind::tags (the tag slot;
 * only the tag names given, all when none), FacetKind::year / FacetKind::month (the date slot).
 *
 * Two ways to read a document's values: from a FacetColumn (use_column(); local databases), or
 * Document::get_value, counting whole slot values first and decoding each distinct one once.
 *
 * Serialisable (name(), serialise(), unserialise(), serialise_results(), merge_results()) so a
 * remote server (xapian-tcpsrv with this spy registered) could run it and the client merge counts.
 */
class MultiValueCountMatchSpy final : public Xapian::MatchSpy {
public:
    using Counts = std::map<std::string, Xapian::doccount>;

    /// An unconfigured spy, only for registering with a Xapian::Registry.
    MultiValueCountMatchSpy() = default;
    MultiValueCountMatchSpy(Xapian::valueno slot, FacetKind kind, std::vector<std::string> tag_names = {});

    /// Read documents' values from @p column (the column of this spy's slot, of the searched database).
    void use_column(std::shared_ptr<const FacetColumn> column);

    void operator()(const Xapian::Document& doc, double wt) override;
    Xapian::MatchSpy* clone() const override;
    std::string name() const override;
    std::string serialise() const override;
    Xapian::MatchSpy* unserialise(const std::string& serialised, const Xapian::Registry& context) const override;
    std::string serialise_results() const override;
    void merge_results(const std::string& serialised) override;
    std::string get_description() const override;

    /// Documents seen (each counted whatever its number of values).
    [[nodiscard]] Xapian::doccount documents_seen() const noexcept { return m_seen; }
    /// Value (tags: `name\0value`) -> number of documents having it.
    [[nodiscard]] Counts counts() const;
    /// The counts without copying them (see ValueCounter::for_each); expanded from the whole-slot
    /// counts on first use after counting.
    [[nodiscard]] const ValueCounter& counter() const;
    /**
     * Call @p f(std::string_view value, Xapian::doccount count) for every counted value, in no order.
     * Column counts of single values are reported straight from the ordinals (each ordinal is one
     * distinct value: no hashing); tag values of unrequested tag names may be included.
     */
    template <class F>
    void for_each_count(F&& f) const {
        if (m_column && !m_column->whole() && m_raw.size() == 0) {
            for (std::uint32_t ord = 0; ord < m_unit_counts.size(); ++ord)
                if (m_unit_counts[ord] != 0) f(m_column->unit(ord), m_unit_counts[ord]);
            return;
        }
        counter().for_each(f);
    }
    [[nodiscard]] Xapian::valueno slot() const noexcept { return m_slot; }
    [[nodiscard]] FacetKind kind() const noexcept { return m_kind; }

    /// The whole slot values counted without a column, with their numbers of documents.
    [[nodiscard]] const ValueCounter& raw_lists() const noexcept { return m_raw; }
    /// Count @p n documents whose whole slot value is @p raw (counts made elsewhere, e.g. remotely).
    void add_raw(std::string_view raw, Xapian::doccount n);
    /// Count @p n documents as seen (with or without a value).
    void add_seen(Xapian::doccount n) noexcept { m_seen += n; }

private:
    /// Add the values of one whole slot value @p raw, held by @p n documents, to @p out.
    void expand_raw(std::string_view raw, Xapian::doccount n, ValueCounter& out) const;
    /// Add one column unit (a single value, or a whole date value) held by @p n documents to @p out.
    void expand_unit(std::string_view unit, Xapian::doccount n, ValueCounter& out) const;

    Xapian::valueno m_slot = Xapian::BAD_VALUENO;
    FacetKind m_kind = FacetKind::list;
    std::vector<std::string> m_tag_names;  ///< sorted; empty = every tag field
    Xapian::doccount m_seen = 0;
    ValueCounter m_raw;  ///< whole slot values -> documents (many documents share one list)
    mutable std::unique_ptr<ValueCounter> m_expanded;  ///< single values, built by counter()
    std::string m_value;                               ///< the current document's slot value (buffer reused)
    std::shared_ptr<const FacetColumn> m_column;
    std::vector<Xapian::doccount> m_unit_counts;  ///< per column ordinal
};

struct FacetValue {
    std::string value;
    Xapian::doccount count = 0;
    friend bool operator==(const FacetValue&, const FacetValue&) = default;
};

/// The values of facet slot @p slot, merged (names of one entity: EntityCanon), from @p lists: whole
/// slot values (encoded lists) -> the number of documents holding each; nullopt: counted as they are.
using FacetMerge =
    std::function<std::optional<std::vector<FacetValue>>(Xapian::valueno slot, const ValueCounter& lists)>;

/// The counts of one facet field.
struct FacetResult {
    std::string field;
    bool exact = true;               ///< false when counted over a sample (--facet-depth)
    bool date_order = false;         ///< year/month: a histogram, values in date order
    std::size_t distinct = 0;        ///< distinct values seen (values may be cut to the facet size)
    std::vector<FacetValue> values;  ///< by count (descending, then value), or in date order
};

/**
 * The facets requested for one search: resolves field names (schema facet fields and the database's
 * tag fields), attaches the spies to an Enquire and turns their counts into FacetResults.
 */
class FacetCollector {
public:
    /**
     * @p fields as given to --facet (each may hold several names separated by commas); @p tag_fields
     * the tag fields of the database; @p size values kept per field (date histograms keep all).
     * Throws UsageError naming the known fields for an unknown one.
     */
    FacetCollector(const std::vector<std::string>& fields, const std::vector<std::string>& tag_fields,
                   std::size_t size);
    FacetCollector(const FacetCollector&) = delete;
    FacetCollector& operator=(const FacetCollector&) = delete;

    [[nodiscard]] bool empty() const noexcept { return m_requests.empty(); }
    /**
     * Add the spies to @p enquire (they must outlive its get_mset calls: they live in this object).
     * @p columns: where spies read values (FacetColumn); nullptr: Document::get_value.
     */
    void attach(Xapian::Enquire& enquire, const FacetColumnSource* columns = nullptr);
    /// Count list values with @p merge when they were read without columns (remote databases; a
    /// column's values are merged when it is built).
    void merge_values(FacetMerge merge) { m_merge = std::move(merge); }
    /**
     * Exact counting: run @p query over @p db as a boolean query (weights are not computed), with the
     * spies seeing every match, reading values from @p columns. Returns the exact number of matches.
     * @p columns nullptr (a remote database, whose server knows neither columns nor this spy):
     * counts with Xapian's own ValueCountMatchSpy (whole slot values, expanded the same way).
     */
    Xapian::doccount count(const Xapian::Database& db, const Xapian::Query& query, const FacetColumnSource* columns);
    /**
     * The results, in the order the fields were requested. @p matches is the number of matching
     * documents (estimate); when the spies saw fewer, counts are scaled up and marked not exact.
     */
    [[nodiscard]] std::vector<FacetResult> results(Xapian::doccount matches, bool matches_exact) const;

private:
    struct Request {
        std::string field;
        FacetKind kind;
        std::size_t spy;  ///< index in m_spies
    };
    std::vector<Request> m_requests;
    std::vector<std::unique_ptr<MultiValueCountMatchSpy>> m_spies;
    std::size_t m_size;
    FacetMerge m_merge;
};

/// The names --facet accepts besides tag fields, in documentation order.
std::vector<std::string> facet_field_names();

}  // namespace newsdex
