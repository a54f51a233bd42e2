/** @file
 * @brief Word clusters: reading unlabeled text, neighbour profiles, hierarchical spherical k-means.
 */
#include <newsdex/core/error.hpp>
#include <newsdex/entities/gazetteer.hpp>
#include <newsdex/entities/ner/clusters.hpp>
#include <newsdex/entities/ner/conll.hpp>

#include "core/text_util.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <random>
#include <sstream>

namespace newsdex::ner {

namespace {
/// 0 lower-case initial, 1 capitalised, 2 all caps (two letters or more), 3 no ASCII letter first.
int written_case(std::string_view w) noexcept {
    if (w.empty() || !detail::is_alpha(w[0])) return 3;
    if (!detail::is_upper(w[0])) return 0;
    std::size_t letters = 0;
    for (char c : w) {
        if (detail::is_lower(c)) return 1;
        letters += detail::is_upper(c) ? 1 : 0;
    }
    return letters >= 2 ? 2 : 1;
}
}  // namespace

void ClusterCorpus::add_line(std::string_view line) {
    const auto tokens = simple_tokenize(line);
    if (tokens.empty()) return;
    // Case is informative in a line with lower-case words that is not in headline case.
    std::size_t lettered = 0, capitalised = 0;
    for (const auto& t : tokens) {
        const int c = written_case(t);
        lettered += c < 3 ? 1 : 0;
        capitalised += c == 1 || c == 2 ? 1 : 0;
    }
    const bool informative = lettered >= 3 && capitalised * 3 < lettered * 2;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const auto& t = tokens[i];
        m_lower.assign(t);
        for (char& c : m_lower) c = detail::to_lower(c);
        auto [it, fresh] = m_ids.try_emplace(m_lower, static_cast<std::uint32_t>(m_words.size()));
        if (fresh) {
            m_words.push_back(m_lower);
            m_cases.push_back({0, 0, 0});
        }
        m_sequence.push_back(it->second);
        const int c = written_case(t);
        if (informative && i > 0 && c < 3 && tokens[i - 1] != ".") ++m_cases[it->second][static_cast<std::size_t>(c)];
    }
    m_sequence.push_back(boundary);
    m_tokens += tokens.size();
}

namespace {
/// The string values of a JSON object on one line, unescaped (\n and \t become spaces, \u escapes
/// are dropped): enough to read the text of a JSON Lines record without a full parser.
std::vector<std::string> json_string_values(std::string_view line) {
    std::vector<std::string> values;
    std::size_t i = 0;
    bool after_colon = false;
    while (i < line.size()) {
        const char c = line[i];
        if (c == ':') after_colon = true;
        if (c == ',' || c == '{') after_colon = false;
        if (c != '"') {
            ++i;
            continue;
        }
        std::string s;
        for (++i; i < line.size() && line[i] != '"'; ++i) {
            if (line[i] != '\\' || i + 1 >= line.size()) {
                s += line[i];
                continue;
            }
            const char e = line[++i];
            if (e == 'n' || e == 't' || e == 'r')
                s += ' ';
            else if (e == 'u')
                i += 4;
            else
                s += e;
        }
        ++i;
        if (after_colon) values.push_back(std::move(s));
        after_colon = false;
    }
    return values;
}
}  // namespace

void ClusterCorpus::add_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw RuntimeError("cannot open " + path.string());
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.front() == '{') {
            for (const auto& v : json_string_values(line)) add_line(v);
        } else {
            add_line(line);
        }
    }
}

void ClusterCorpus::add_path(const std::filesystem::path& path) {
    if (std::filesystem::is_regular_file(path)) return add_file(path);
    if (!std::filesystem::is_directory(path)) throw RuntimeError("no such file or directory: " + path.string());
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(path))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) add_file(f);
}

std::uint64_t WordClusters::word_key(std::string_view word) {
    std::string low(word);
    for (char& c : low) c = detail::to_lower(c);
    const bool ascii = std::none_of(low.begin(), low.end(), detail::is_non_ascii);
    return ascii ? Gazetteer::token_hash(low) : Gazetteer::token_hash(Gazetteer::fold(word));
}

std::uint16_t WordClusters::prefix(std::uint16_t word_class, int level) noexcept {
    const auto path = static_cast<std::uint16_t>(word_class & path_mask);
    if (path == unknown) return 0;
    const unsigned leaf = path - 1u;
    if (level >= 3) return path;
    if (level == 2) return static_cast<std::uint16_t>(1 + leaf / branching[2]);
    return static_cast<std::uint16_t>(1 + leaf / (branching[2] * branching[1]));
}

namespace {

/// Rows of unit-length neighbour profiles, one per clustered word.
struct Profiles {
    std::size_t dims = 0;
    std::vector<float> data;
    [[nodiscard]] const float* row(std::size_t r) const noexcept { return &data[r * dims]; }
};

float dot(const float* a, const float* b, std::size_t n) noexcept {
    // Eight running sums (dims are a multiple of 8 or padded with zeros): lets the compiler vectorize
    // without reassociating a single float sum.
    float s[8] = {};
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (std::size_t j = 0; j < 8; ++j) s[j] += a[i + j] * b[i + j];
    float t = 0;
    for (; i < n; ++i) t += a[i] * b[i];
    return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7])) + t;
}

/// Spherical k-means of the rows @p members into @p k groups; returns each member's group.
std::vector<unsigned> kmeans(const Profiles& p, const std::vector<std::uint32_t>& members, unsigned k, int iterations,
                             std::mt19937_64& rng) {
    const std::size_t n = members.size(), d = p.dims;
    std::vector<unsigned> group(n, 0);
    if (n <= k) {
        std::iota(group.begin(), group.end(), 0u);
        return group;
    }
    // Distinct random members as the first centroids.
    std::vector<float> centroids(static_cast<std::size_t>(k) * d);
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    for (unsigned c = 0; c < k; ++c) {
        const std::size_t j = c + static_cast<std::size_t>(rng() % (n - c));
        std::swap(order[c], order[j]);
        std::copy_n(p.row(members[order[c]]), d, &centroids[c * d]);
    }
    for (int it = 0; it < iterations; ++it) {
        for (std::size_t m = 0; m < n; ++m) {
            const float* x = p.row(members[m]);
            float best = -2;
            for (unsigned c = 0; c < k; ++c) {
                const float s = dot(x, &centroids[c * d], d);
                if (s > best) {
                    best = s;
                    group[m] = c;
                }
            }
        }
        if (it + 1 == iterations) break;
        std::vector<float> sums(centroids.size(), 0.0f);
        std::vector<std::size_t> sizes(k, 0);
        for (std::size_t m = 0; m < n; ++m) {
            const float* x = p.row(members[m]);
            float* s = &sums[group[m] * d];
            for (std::size_t i = 0; i < d; ++i) s[i] += x[i];
            ++sizes[group[m]];
        }
        for (unsigned c = 0; c < k; ++c) {
            if (sizes[c] == 0) continue;  // an empty cluster keeps its centroid
            float* s = &sums[c * d];
            const float norm = std::sqrt(dot(s, s, d));
            if (norm > 0)
                for (std::size_t i = 0; i < d; ++i) centroids[c * d + i] = s[i] / norm;
        }
    }
    return group;
}

/// Split @p members recursively, level by level, writing leaf numbers (from @p first_leaf) into @p leaf.
void split(const Profiles& p, const std::vector<std::uint32_t>& members, int level, unsigned first_leaf, int iterations,
           std::mt19937_64& rng, std::vector<unsigned>& leaf) {
    const unsigned k = WordClusters::branching[level];
    const std::vector<unsigned> group = kmeans(p, members, k, iterations, rng);
    unsigned below = 1;
    for (int l = level + 1; l < 3; ++l) below *= WordClusters::branching[l];
    for (unsigned c = 0; c < k; ++c) {
        std::vector<std::uint32_t> sub;
        for (std::size_t m = 0; m < members.size(); ++m)
            if (group[m] == c) sub.push_back(members[m]);
        if (sub.empty()) continue;
        if (level == 2) {
            for (std::uint32_t w : sub) leaf[w] = first_leaf + c;
        } else {
            split(p, sub, level + 1, first_leaf + c * below, iterations, rng, leaf);
        }
    }
}

}  // namespace

WordClusters WordClusters::learn(const ClusterCorpus& corpus, const ClusterOptions& options) {
    const std::size_t vocab = corpus.m_words.size();
    std::vector<std::uint64_t> freq(vocab, 0);
    for (std::uint32_t id : corpus.m_sequence)
        if (id != ClusterCorpus::boundary) ++freq[id];
    // Words by falling frequency (ties by spelling, so the order does not depend on reading order).
    std::vector<std::uint32_t> by_freq(vocab);
    std::iota(by_freq.begin(), by_freq.end(), 0u);
    std::sort(by_freq.begin(), by_freq.end(), [&](std::uint32_t a, std::uint32_t b) {
        return freq[a] != freq[b] ? freq[a] > freq[b] : corpus.m_words[a] < corpus.m_words[b];
    });
    std::size_t clustered = 0;
    while (clustered < by_freq.size() && clustered < options.words && freq[by_freq[clustered]] >= options.min_count)
        ++clustered;
    const std::size_t ctx = std::max<std::size_t>(options.contexts, 3);
    const std::size_t other = ctx - 2, none = ctx - 1;
    std::vector<std::uint32_t> rank(vocab, 0xFFFFFFFFu);
    for (std::size_t r = 0; r < clustered; ++r) rank[by_freq[r]] = static_cast<std::uint32_t>(r);
    auto column = [&](std::uint32_t id) -> std::size_t {
        if (id == ClusterCorpus::boundary) return none;
        return rank[id] < other ? rank[id] : other;
    };

    Profiles p;
    p.dims = 2 * ctx;
    p.data.assign(clustered * p.dims, 0.0f);
    const auto& seq = corpus.m_sequence;
    for (std::size_t i = 0; i < seq.size(); ++i) {
        if (seq[i] == ClusterCorpus::boundary || rank[seq[i]] >= clustered) continue;
        float* row = &p.data[rank[seq[i]] * p.dims];
        row[column(i > 0 ? seq[i - 1] : ClusterCorpus::boundary)] += 1;
        row[ctx + column(i + 1 < seq.size() ? seq[i + 1] : ClusterCorpus::boundary)] += 1;
    }
    // Square roots damp the most frequent neighbours; unit length makes the dot product a cosine.
    for (std::size_t r = 0; r < clustered; ++r) {
        float* row = &p.data[r * p.dims];
        float norm = 0;
        for (std::size_t i = 0; i < p.dims; ++i) {
            row[i] = std::sqrt(row[i]);
            norm += row[i] * row[i];
        }
        norm = std::sqrt(norm);
        if (norm > 0)
            for (std::size_t i = 0; i < p.dims; ++i) row[i] /= norm;
    }
    std::vector<std::uint32_t> members(clustered);
    std::iota(members.begin(), members.end(), 0u);
    std::vector<unsigned> leaf(clustered, 0);
    std::mt19937_64 rng(options.seed);
    if (clustered > 0) split(p, members, 0, 0, std::max(1, options.iterations), rng, leaf);

    WordClusters out;
    out.m_paths.reserve(clustered);
    for (std::size_t r = 0; r < clustered; ++r) {
        const auto& n = corpus.m_cases[by_freq[r]];
        const std::uint32_t total = n[0] + n[1] + n[2];
        unsigned usual = 0;
        if (total >= 3) {
            const double cap = static_cast<double>(n[1] + n[2]) / total;
            usual = n[2] * 2 > total ? 5 : cap < 0.1 ? 1 : cap < 0.5 ? 2 : cap < 0.9 ? 3 : 4;
        }
        out.set(word_key(corpus.m_words[by_freq[r]]), static_cast<std::uint16_t>(1 + leaf[r]), usual);
    }
    return out;
}

std::string WordClusters::to_bytes() const {
    std::vector<std::pair<std::uint64_t, std::uint16_t>> entries;
    entries.reserve(m_paths.size());
    m_paths.for_each([&](std::uint64_t k, std::uint16_t v) { entries.emplace_back(k, v); });
    std::sort(entries.begin(), entries.end());
    std::string out;
    auto varint = [&](std::uint64_t v) {
        while (v >= 0x80) {
            out += static_cast<char>(static_cast<std::uint8_t>(v | 0x80));
            v >>= 7;
        }
        out += static_cast<char>(static_cast<std::uint8_t>(v));
    };
    varint(entries.size());
    std::uint64_t prev = 0;
    for (const auto& [k, v] : entries) {
        varint(k - prev);
        prev = k;
        varint(v);
    }
    return out;
}

WordClusters WordClusters::from_bytes(std::string_view bytes, std::string_view name) {
    std::size_t pos = 0;
    auto fail = [&](const char* what) -> void {
        throw RuntimeError("corrupt word clusters in " + std::string(name) + ": " + what);
    };
    auto varint = [&]() -> std::uint64_t {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= bytes.size()) fail("truncated");
            const auto b = static_cast<std::uint8_t>(bytes[pos++]);
            v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
            if (!(b & 0x80)) return v;
        }
        fail("bad varint");
        return 0;
    };
    WordClusters out;
    const std::uint64_t count = varint();
    if (count > bytes.size()) fail("bad count");
    out.m_paths.reserve(static_cast<std::size_t>(count));
    std::uint64_t key = 0;
    for (std::uint64_t i = 0; i < count; ++i) {
        const std::uint64_t delta = varint();
        if (i > 0 && delta == 0) fail("duplicate word");
        key += delta;
        const std::uint64_t path = varint();
        if (key == 0 || (path & path_mask) == unknown || path > 0xFFFF) fail("bad entry");
        out.m_paths[key] = static_cast<std::uint16_t>(path);
    }
    if (pos != bytes.size()) fail("trailing bytes");
    return out;
}

}  // namespace newsdex::ner
