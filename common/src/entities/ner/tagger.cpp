/** @file
 * @brief The Tagger: model files (compact, deterministic bytes), loading and two-pass tagging.
 *
 * Model file, little-endian:
 *   "NDXNER1\n", u32 version, u32 length + description bytes,
 *   lexicon: u32 max tokens, u32 count, per key in order: varint key delta, u8 type mask;
 *   (version 3) u32 length + word clusters (WordClusters::to_bytes(), empty: none);
 *   (version 4) u8 context aggregation window (FeatureSet), high bit set when only pass 2 has it;
 *   (version 5) WordNet names: a phrase table like the lexicon's, of NameKind masks;
 *   u8 has_pass2,
 *   then per stage: 90 f32 transitions, f32 scale, u32 feature count, and per feature in key order:
 *   varint key delta, u16 mask of non-zero labels, one i16 per set bit (weight = i16 * scale).
 */
#include <newsdex/core/data_paths.hpp>
#include <newsdex/core/error.hpp>
#include <newsdex/entities/ner/tagger.hpp>

#include "entities/ner/internal.hpp"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>
#include <new>
#include <numeric>
#include <sstream>

#if __has_include(<sys/mman.h>)
#include <sys/mman.h>
#endif

namespace newsdex::ner {
namespace {

constexpr char magic[8] = {'N', 'D', 'X', 'N', 'E', 'R', '1', '\n'};
// Version 4 is written only for a model with context aggregation, 5 only for one with WordNet names:
// one without keeps the bytes (and the readers) of version 3.
constexpr std::uint32_t format_version = 5;
constexpr std::uint32_t oldest_version = 2;  // before word clusters

class Writer {
public:
    void bytes(const void* p, std::size_t n) { m_out.append(static_cast<const char*>(p), n); }
    void u8(std::uint8_t v) { m_out += static_cast<char>(v); }
    void u16(std::uint16_t v) {
        for (int i = 0; i < 2; ++i) u8(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    void u32(std::uint32_t v) {
        for (int i = 0; i < 4; ++i) u8(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    void f32(float f) { u32(std::bit_cast<std::uint32_t>(f)); }
    void varint(std::uint64_t v) {
        while (v >= 0x80) {
            u8(static_cast<std::uint8_t>(v | 0x80));
            v >>= 7;
        }
        u8(static_cast<std::uint8_t>(v));
    }
    [[nodiscard]] std::string& str() { return m_out; }

private:
    std::string m_out;
};

class Reader {
public:
    Reader(std::string_view data, std::string name) : m_data(data), m_name(std::move(name)) {}
    std::uint8_t u8() {
        need(1);
        return static_cast<std::uint8_t>(m_data[m_pos++]);
    }
    std::uint16_t u16() {
        std::uint16_t v = 0;
        for (int i = 0; i < 2; ++i) v = static_cast<std::uint16_t>(v | (static_cast<std::uint16_t>(u8()) << (8 * i)));
        return v;
    }
    std::uint32_t u32() {
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(u8()) << (8 * i);
        return v;
    }
    float f32() { return std::bit_cast<float>(u32()); }
    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            const std::uint8_t b = u8();
            v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
            if (!(b & 0x80)) return v;
        }
        fail("bad varint");
    }
    /// The key after @p prev in a sequence of strictly increasing non-zero keys written as deltas
    /// (@p first: the sequence's first key); @p what names the keys in errors.
    std::uint64_t next_key(std::uint64_t prev, bool first, const char* what) {
        const std::uint64_t delta = varint();
        if (!first && delta == 0) fail(std::string("duplicate ") + what);
        if (prev + delta == 0) fail(std::string("zero ") + what);
        return prev + delta;
    }
    std::string_view bytes(std::size_t n) {
        need(n);
        auto s = m_data.substr(m_pos, n);
        m_pos += n;
        return s;
    }
    [[noreturn]] void fail(const std::string& what) const {
        throw RuntimeError("corrupt NER model " + m_name + ": " + what);
    }
    [[nodiscard]] bool at_end() const noexcept { return m_pos == m_data.size(); }

private:
    void need(std::size_t n) const {
        if (m_data.size() - m_pos < n) fail("truncated");
    }
    std::string_view m_data;
    std::size_t m_pos = 0;
    std::string m_name;
};

void write_stage(Writer& w, const StageWeights& s) {
    for (float t : s.transitions()) w.f32(t);
    const auto& keys = s.keys();
    const auto& weights = s.weights();
    float max_abs = 0;
    for (float v : weights) max_abs = std::max(max_abs, std::fabs(v));
    const float scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
    std::vector<std::size_t> order(keys.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
    // Count features that keep a non-zero weight after quantization.
    auto quantize = [&](float v) { return static_cast<int>(std::lround(v / scale)); };
    std::uint32_t kept = 0;
    for (std::size_t r : order) {
        bool any = false;
        for (std::size_t l = 0; l < label_count; ++l) any |= quantize(weights[r * label_count + l]) != 0;
        kept += any;
    }
    w.f32(scale);
    w.u32(kept);
    std::uint64_t prev = 0;
    for (std::size_t r : order) {
        std::uint16_t mask = 0;
        for (std::size_t l = 0; l < label_count; ++l)
            if (quantize(weights[r * label_count + l]) != 0) mask = static_cast<std::uint16_t>(mask | (1u << l));
        if (!mask) continue;
        w.varint(keys[r] - prev);
        prev = keys[r];
        w.u16(mask);
        for (std::size_t l = 0; l < label_count; ++l)
            if (mask & (1u << l))
                w.u16(static_cast<std::uint16_t>(static_cast<std::int16_t>(quantize(weights[r * label_count + l]))));
    }
}

void read_stage(Reader& r, StageWeights& s) {
    std::array<float, transition_size> trans{};
    for (float& t : trans) t = r.f32();
    const float scale = r.f32();
    const std::uint32_t count = r.u32();
    std::vector<std::uint64_t> keys;
    std::vector<std::int16_t> q;
    keys.reserve(count);
    q.reserve(static_cast<std::size_t>(count) * label_count);
    std::uint64_t key = 0;
    for (std::uint32_t i = 0; i < count; ++i) {
        key = r.next_key(key, i == 0, "feature key");
        const std::uint16_t mask = r.u16();
        keys.push_back(key);
        for (std::size_t l = 0; l < label_count; ++l)
            q.push_back(mask & (1u << l) ? static_cast<std::int16_t>(r.u16()) : std::int16_t{0});
    }
    s.assign_quantized(std::move(keys), q, scale, trans);
}

/// Decode each sentence of @p doc with @p stage over the features @p f into @p labels.
void decode(const StageWeights& stage, const DocView& doc, const DocFeatures& f, std::vector<Label>& labels) {
    thread_local std::vector<float> emissions;
    labels.resize(doc.words.size());
    for (std::size_t s = 0; s < doc.sentences(); ++s) {
        const std::size_t b = doc.sentence_begin[s], e = doc.sentence_begin[s + 1];
        emissions.resize((e - b) * label_count);
        // Software pipeline: the slots of token i + 1 are fetched while token i is scored (the
        // ~45 features of a token are enough look-ahead to hide most of a cache miss).
        for (std::uint32_t k = f.token_begin[b]; k < f.token_begin[std::min(b + 1, e)]; ++k) stage.prefetch(f.keys[k]);
        for (std::size_t i = b; i < e; ++i) {
            if (i + 1 < e)
                for (std::uint32_t k = f.token_begin[i + 1]; k < f.token_begin[i + 2]; ++k) stage.prefetch(f.keys[k]);
            score_token(stage, &f.keys[f.token_begin[i]], f.token_begin[i + 1] - f.token_begin[i],
                        &emissions[(i - b) * label_count]);
        }
        viterbi(emissions.data(), stage.transitions().data(), e - b, labels.data() + b);
    }
}

/// A phrase table: u32 max tokens, u32 count, per key in order: varint key delta, u8 mask.
void write_lexicon(Writer& w, const Lexicon& lexicon) {
    std::vector<std::pair<std::uint64_t, std::uint8_t>> lex;
    lex.reserve(lexicon.keys.size());
    lexicon.keys.for_each([&](std::uint64_t k, std::uint8_t v) { lex.emplace_back(k, v); });
    std::sort(lex.begin(), lex.end());
    w.u32(static_cast<std::uint32_t>(lexicon.max_tokens));
    w.u32(static_cast<std::uint32_t>(lex.size()));
    std::uint64_t prev = 0;
    for (const auto& [k, v] : lex) {
        w.varint(k - prev);
        prev = k;
        w.u8(v);
    }
}

void read_lexicon(Reader& r, Lexicon& lexicon) {
    lexicon.max_tokens = r.u32();
    const std::uint32_t count = r.u32();
    lexicon.keys.reserve(count);
    std::uint64_t key = 0;
    for (std::uint32_t i = 0; i < count; ++i) {
        key = r.next_key(key, i == 0, "lexicon key");
        lexicon.keys[key] = r.u8();
    }
}

std::string serialize(const Model& m) {
    Writer w;
    w.bytes(magic, sizeof magic);
    const bool with_names = !m.names.keys.empty();
    const bool feature_groups = m.features.context_window > 0 || with_names;
    w.u32(with_names ? format_version : feature_groups ? 4 : 3);
    w.u32(static_cast<std::uint32_t>(m.description.size()));
    w.bytes(m.description.data(), m.description.size());
    write_lexicon(w, m.lexicon);
    const std::string clusters = m.clusters.to_bytes();
    w.u32(static_cast<std::uint32_t>(m.clusters.empty() ? 0 : clusters.size()));
    if (!m.clusters.empty()) w.bytes(clusters.data(), clusters.size());
    if (feature_groups)
        w.u8(static_cast<std::uint8_t>(m.features.context_window | (m.features.context_in_pass1 ? 0 : 0x80)));
    if (with_names) write_lexicon(w, m.names);
    w.u8(m.has_pass2 ? 1 : 0);
    write_stage(w, m.pass1);
    if (m.has_pass2) write_stage(w, m.pass2);
    return std::move(w.str());
}

/// @p gaz: the gazetteer, asked for last (it may still be loading); nullptr for the system one.
std::shared_ptr<Model> deserialize(std::string_view data, const std::string& name,
                                   const std::function<std::shared_ptr<const Gazetteer>()>& gaz) {
    Reader r(data, name);
    if (r.bytes(sizeof magic) != std::string_view(magic, sizeof magic)) r.fail("not a newsdex NER model");
    const std::uint32_t version = r.u32();
    if (version < oldest_version || version > format_version) r.fail("unsupported model version");
    auto m = std::make_shared<Model>();
    const std::uint32_t dlen = r.u32();
    m->description = std::string(r.bytes(dlen));
    read_lexicon(r, m->lexicon);
    if (version >= 3) {
        const std::uint32_t clen = r.u32();
        if (clen > 0) m->clusters = WordClusters::from_bytes(r.bytes(clen), name);
    }
    if (version >= 4) {
        const unsigned groups = r.u8();
        m->features.context_window = groups & 0x7f;
        m->features.context_in_pass1 = (groups & 0x80) == 0;
        if (m->features.context_window > max_context_window) r.fail("bad context window");
    }
    if (version >= 5) read_lexicon(r, m->names);
    m->has_pass2 = r.u8() != 0;
    read_stage(r, m->pass1);
    if (m->has_pass2) read_stage(r, m->pass2);
    if (!r.at_end()) r.fail("trailing bytes");
    if (m->has_pass2) m->fused.build(m->pass1, m->pass2);
    m->gazetteer = gaz();
    if (!m->gazetteer) m->gazetteer = Gazetteer::system();
    return m;
}

}  // namespace

namespace {
/**
 * @p cap value-initialized slots for a look-up table, owned by @p owner; returns them writable for
 * filling. Over-aligned to 2 MB and rounded to whole 2 MB so that the kernel can back the table with
 * huge pages (a hint: without them it works the same): probes are random over megabytes, and with
 * 4 KB pages nearly every one would also miss the TLB.
 */
template <class Slot>
Slot* huge_page_table(std::size_t cap, std::shared_ptr<const Slot[]>& owner) {
    constexpr std::size_t huge = std::size_t{2} << 20;
    const std::size_t bytes = (cap * sizeof(Slot) + huge - 1) / huge * huge;
    void* mem = std::aligned_alloc(huge, bytes);
    if (!mem) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    ::madvise(mem, bytes, MADV_HUGEPAGE);
#endif
    Slot* slots = static_cast<Slot*>(mem);
    std::uninitialized_value_construct_n(slots, cap);
    owner = std::shared_ptr<const Slot[]>(slots, [](const Slot* p) { std::free(const_cast<Slot*>(p)); });
    return slots;
}
}  // namespace

void StageWeights::assign(std::vector<std::uint64_t> keys, std::vector<float> weights,
                          const std::array<float, transition_size>& trans) {
    m_keys = std::move(keys);
    m_weights = std::move(weights);
    m_trans = trans;
    m_qslots.reset();
    m_qmask = 0;
    std::size_t cap = 16;
    while (cap < m_keys.size() * 10 / 7 + 1) cap *= 2;
    m_slots.assign(cap, Slot{});
    m_mask = cap - 1;
    for (std::size_t r = 0; r < m_keys.size(); ++r) {
        std::size_t i = static_cast<std::size_t>(m_keys[r]) & m_mask;
        while (m_slots[i].key != 0 && m_slots[i].key != m_keys[r]) i = (i + 1) & m_mask;
        m_slots[i] = Slot{m_keys[r], static_cast<std::uint32_t>(r)};
    }
}

void StageWeights::assign_quantized(std::vector<std::uint64_t> keys, const std::vector<std::int16_t>& q, float scale,
                                    const std::array<float, transition_size>& trans) {
    m_keys = std::move(keys);
    m_trans = trans;
    m_scale = scale;
    // The float form, for keys()/weights() (saving): the same products the hot path computes.
    m_weights.resize(q.size());
    for (std::size_t i = 0; i < q.size(); ++i) m_weights[i] = static_cast<float>(q[i]) * scale;
    m_slots.clear();
    m_mask = 0;
    std::size_t cap = 16;
    while (cap < 2 * m_keys.size()) cap *= 2;  // at most half full
    QSlot* slots = huge_page_table(cap, m_qslots);
    m_qmask = cap - 1;
    for (std::size_t r = 0; r < m_keys.size(); ++r) {
        std::size_t i = static_cast<std::size_t>(m_keys[r]) & m_qmask;
        while (slots[i].key != 0 && slots[i].key != m_keys[r]) i = (i + 1) & m_qmask;
        slots[i].key = m_keys[r];
        for (std::size_t l = 0; l < label_count; ++l) slots[i].w[l] = q[r * label_count + l];
    }
}

void FusedWeights::build(const StageWeights& pass1, const StageWeights& pass2) {
    m_slots.reset();
    if (pass1.scale() == 0 || pass2.scale() == 0) return;
    static std::atomic<std::uint64_t> next_id{1};
    m_id = next_id.fetch_add(1, std::memory_order_relaxed);
    m_scale1 = pass1.scale();
    m_scale2 = pass2.scale();
    std::size_t cap = 16;
    while (cap < 2 * (pass1.size() + pass2.size())) cap *= 2;  // at most half full (keys overlap)
    Slot* slots = huge_page_table(cap, m_slots);
    m_mask = cap - 1;
    const auto put = [&](const StageWeights& stage, bool second) {
        const auto& keys = stage.keys();
        const auto& weights = stage.weights();
        const float scale = stage.scale();
        for (std::size_t r = 0; r < keys.size(); ++r) {
            std::size_t i = static_cast<std::size_t>(keys[r]) & m_mask;
            while (slots[i].key != 0 && slots[i].key != keys[r]) i = (i + 1) & m_mask;
            slots[i].key = keys[r];
            std::int16_t* row = second ? slots[i].w2 : slots[i].w1;
            // weights() holds float(q) * scale exactly; recover q.
            for (std::size_t l = 0; l < label_count; ++l)
                row[l] = static_cast<std::int16_t>(std::lround(weights[r * label_count + l] / scale));
        }
    };
    put(pass1, false);
    put(pass2, true);
}

namespace {
/// Two-pass tagging through the fused table (see FusedWeights).
void tag_fused(const Model& model, const DocView& doc, const DocFeatures& f1, const std::vector<TokenFacts>& facts,
               const std::vector<const WordCache::Entry*>& local, std::vector<Label>& labels, bool first_pass_only) {
    thread_local DocFeatures extras;
    thread_local std::vector<float> emissions1, emissions2;
    const FusedWeights& w = model.fused;
    labels.resize(doc.words.size());
    emissions2.resize(doc.words.size() * label_count);
    for (std::size_t s = 0; s < doc.sentences(); ++s) {
        const std::size_t b = doc.sentence_begin[s], e = doc.sentence_begin[s + 1];
        emissions1.resize((e - b) * label_count);
        for (std::uint32_t k = f1.token_begin[b]; k < f1.token_begin[std::min(b + 1, e)]; ++k) w.prefetch(f1.keys[k]);
        for (std::size_t i = b; i < e; ++i) {
            if (i + 1 < e)
                for (std::uint32_t k = f1.token_begin[i + 1]; k < f1.token_begin[i + 2]; ++k) w.prefetch(f1.keys[k]);
            w.score_both_from(local[i]->s1, local[i]->s2, &f1.keys[f1.token_begin[i]],
                              f1.token_begin[i + 1] - f1.token_begin[i], &emissions1[(i - b) * label_count],
                              &emissions2[i * label_count]);
        }
        viterbi(emissions1.data(), model.pass1.transitions().data(), e - b, labels.data() + b);
    }
    if (first_pass_only) return;
    extract_pass2(doc, f1, facts, labels, model.features, extras, true);
    for (std::size_t i = 0; i < doc.words.size(); ++i)
        for (std::uint32_t k = extras.token_begin[i]; k < extras.token_begin[i + 1]; ++k) w.prefetch(extras.keys[k]);
    for (std::size_t i = 0; i < doc.words.size(); ++i)
        w.add_second(&extras.keys[extras.token_begin[i]], extras.token_begin[i + 1] - extras.token_begin[i],
                     &emissions2[i * label_count]);
    for (std::size_t s = 0; s < doc.sentences(); ++s) {
        const std::size_t b = doc.sentence_begin[s], e = doc.sentence_begin[s + 1];
        viterbi(emissions2.data() + b * label_count, model.pass2.transitions().data(), e - b, labels.data() + b);
    }
}
}  // namespace

std::vector<Label> tag_view(const Model& model, const DocView& doc, bool first_pass_only) {
    thread_local DocFeatures f1, f2;
    thread_local std::vector<TokenFacts> facts;
    std::vector<Label> labels;
    if (model.has_pass2 && !model.fused.empty()) {
        thread_local WordCache cache;
        thread_local std::vector<const WordCache::Entry*> local;
        cache.begin(model.fused, doc.words.size());
        extract_pass1(doc, *model.gazetteer, model.lexicon, model.names, model.clusters, model.features, f1, facts,
                      &cache, &local);
        tag_fused(model, doc, f1, facts, local, labels, first_pass_only);
        return labels;
    }
    extract_pass1(doc, *model.gazetteer, model.lexicon, model.names, model.clusters, model.features, f1, facts);
    decode(model.pass1, doc, f1, labels);
    if (model.has_pass2 && !first_pass_only) {
        extract_pass2(doc, f1, facts, labels, model.features, f2);
        decode(model.pass2, doc, f2, labels);
    }
    return labels;
}

/// Serialize and read back: what training returns is exactly what a saved file loads as.
std::shared_ptr<const Model> round_trip(const Model& m) {
    return deserialize(serialize(m), "<memory>", [&] { return m.gazetteer; });
}

Tagger::Tagger() = default;
Tagger::Tagger(std::shared_ptr<const Model> model) : m_model(std::move(model)) {}

std::filesystem::path Tagger::default_model_path() { return default_data_dir() / "ner" / "model.bin"; }

namespace {
/// The bytes of the model file @p path (RuntimeError when it cannot be opened).
std::string read_model_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw RuntimeError("cannot open NER model: " + path.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
}  // namespace

Tagger Tagger::load(const std::filesystem::path& path, std::shared_ptr<const Gazetteer> gazetteer) {
    return Tagger(deserialize(read_model_file(path), path.string(), [&] { return gazetteer; }));
}

Tagger Tagger::load(const std::filesystem::path& path, std::shared_future<std::shared_ptr<const Gazetteer>> gazetteer) {
    return Tagger(deserialize(read_model_file(path), path.string(), [&] { return gazetteer.get(); }));
}

void Tagger::save(const std::filesystem::path& path) const {
    if (!m_model) throw UsageError("cannot save an empty NER tagger");
    const std::string bytes = serialize(*m_model);
    if (path.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(path.parent_path(), ec);
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) throw RuntimeError("cannot write NER model: " + path.string());
}

std::vector<Label> Tagger::tag(std::span<const std::string_view> words) const {
    if (!m_model) return std::vector<Label>(words.size(), label_o);
    DocView v;
    v.words.assign(words.begin(), words.end());
    v.sentence_begin = {0, static_cast<std::uint32_t>(words.size())};
    return tag_view(*m_model, v, false);
}

namespace {
std::vector<std::vector<Label>> split_labels(const DocView& v, const std::vector<Label>& flat) {
    std::vector<std::vector<Label>> out(v.sentences());
    for (std::size_t s = 0; s < v.sentences(); ++s)
        out[s].assign(flat.begin() + v.sentence_begin[s], flat.begin() + v.sentence_begin[s + 1]);
    return out;
}
}  // namespace

std::vector<std::vector<Label>> Tagger::tag_document(
    const std::vector<std::vector<std::string_view>>& sentences) const {
    const DocView v = make_view(sentences);
    if (!m_model) return split_labels(v, std::vector<Label>(v.words.size(), label_o));
    return split_labels(v, tag_view(*m_model, v, false));
}

std::vector<std::vector<Label>> Tagger::tag_document_first_pass(
    const std::vector<std::vector<std::string_view>>& sentences) const {
    const DocView v = make_view(sentences);
    if (!m_model) return split_labels(v, std::vector<Label>(v.words.size(), label_o));
    return split_labels(v, tag_view(*m_model, v, true));
}

const Gazetteer& Tagger::gazetteer() const {
    if (!m_model) return *Gazetteer::system();
    return *m_model->gazetteer;
}

std::pair<std::size_t, std::size_t> Tagger::feature_counts() const noexcept {
    if (!m_model) return {0, 0};
    return {m_model->pass1.size(), m_model->has_pass2 ? m_model->pass2.size() : 0};
}

const std::string& Tagger::description() const noexcept {
    static const std::string none;
    return m_model ? m_model->description : none;
}

Scorer evaluate(const Tagger& tagger, const std::vector<ConllDocument>& docs, bool first_pass_only) {
    Scorer sc;
    for (const auto& d : docs) {
        std::vector<std::vector<std::string_view>> sentences;
        for (const auto& s : d.sentences) sentences.emplace_back(s.words.begin(), s.words.end());
        const auto labels =
            first_pass_only ? tagger.tag_document_first_pass(sentences) : tagger.tag_document(sentences);
        for (std::size_t i = 0; i < d.sentences.size(); ++i) sc.add(d.sentences[i].labels, labels[i]);
    }
    return sc;
}

}  // namespace newsdex::ner
