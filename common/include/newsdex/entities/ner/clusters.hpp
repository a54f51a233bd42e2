/** @file
 * @brief Word clusters learnt from unlabeled text, a case-free word feature for the tagger.
 *
 * Each lower-cased word of an unlabeled corpus is described by the words seen just before and just
 * after it (counts over the most frequent words, square-rooted and length-normalised), and the
 * descriptions are clustered by spherical k-means three levels deep (16, then 16, then 8 children),
 * so that a word's cluster path has prefixes of growing precision, as Brown-cluster bit-string prefixes
 * do. Each word also keeps how it is usually written in the corpus's mixed-case lines (lower case,
 * capitalised, all caps): a truecaser's prior, which all-caps and headline-case text no longer show.
 * Words are keyed by the hash the tagger already computes for a token's lower-cased form: a look-up is
 * one hash probe.
 */
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <newsdex/core/key_table.hpp>

namespace newsdex::ner {

/// Tokens of unlabeled text as ids, read line by line (one line = one sequence).
class ClusterCorpus {
public:
    /// Tokenize a line of plain text (as simple_tokenize() does) and add it as one sequence.
    void add_line(std::string_view line);
    /// Add a file: JSON Lines records ("{...}") give their string values, other lines are plain text.
    void add_file(const std::filesystem::path& path);
    /// Add a file or every regular file under a directory (in name order); RuntimeError when missing.
    void add_path(const std::filesystem::path& path);

    [[nodiscard]] std::size_t tokens() const noexcept { return m_tokens; }

private:
    friend class WordClusters;
    static constexpr std::uint32_t boundary = 0xFFFFFFFFu;
    std::unordered_map<std::string, std::uint32_t> m_ids;  ///< lower-cased word -> id
    std::vector<std::string> m_words;                      ///< id -> lower-cased word
    std::vector<std::uint32_t> m_sequence;                 ///< ids, each line followed by `boundary`
    std::vector<std::array<std::uint32_t, 3>> m_cases;     ///< id -> lower, capitalised, all-caps counts
    std::size_t m_tokens = 0;
    std::string m_lower;
};

/// Knobs of WordClusters::learn().
struct ClusterOptions {
    std::size_t words = 30000;   ///< the most frequent words clustered
    std::size_t contexts = 320;  ///< neighbour columns per side (the most frequent words, "other", "none")
    std::size_t min_count = 3;   ///< rarer words are not clustered
    int iterations = 8;          ///< k-means iterations per level
    std::uint64_t seed = 1;      ///< initial centroids (deterministic given the seed)
};

/**
 * Lower-cased word -> its class: the cluster path (low 12 bits: 1 + the leaf number) and the usual
 * case (high 4 bits, usual_case()). 0 = unknown word.
 */
class WordClusters {
public:
    /// Children per level of the cluster tree.
    static constexpr unsigned branching[3] = {16, 16, 8};
    static constexpr std::uint16_t unknown = 0;
    static constexpr std::uint16_t path_mask = 0x0FFF;
    /// Usual case of a word where the case says something (not first in a line, not in an all-caps or
    /// headline-case line): 0 too rare to say, 1-4 capitalised in <10%, <50%, <90%, >=90% of its
    /// uses, 5 mostly all caps.
    [[nodiscard]] static unsigned usual_case(std::uint16_t word_class) noexcept { return word_class >> 12; }

    /// Cluster the words of @p corpus (deterministic given the corpus and the options).
    [[nodiscard]] static WordClusters learn(const ClusterCorpus& corpus, const ClusterOptions& options = {});

    /// The key of a word: the hash of its lower-cased form, as the tagger's features compute it
    /// (ASCII letters lowered; a word with other bytes folded like gazetteer names).
    [[nodiscard]] static std::uint64_t word_key(std::string_view word);
    /// Set the class of a word key: @p path 1 .. leaf count, @p usual a usual_case() value.
    void set(std::uint64_t key, std::uint16_t path, unsigned usual = 0) {
        m_paths[key] = static_cast<std::uint16_t>((path & path_mask) | (usual << 12));
    }
    /// The class of a word key, or unknown.
    [[nodiscard]] std::uint16_t find(std::uint64_t key) const noexcept { return m_paths.get(key); }
    /// The class of a word (any case), or unknown.
    [[nodiscard]] std::uint16_t find_word(std::string_view word) const { return find(word_key(word)); }
    /// The cluster at tree depth @p level (1..3) of a word class (level 3 = its leaf); 0 for unknown.
    [[nodiscard]] static std::uint16_t prefix(std::uint16_t word_class, int level) noexcept;

    [[nodiscard]] std::size_t size() const noexcept { return m_paths.size(); }
    [[nodiscard]] bool empty() const noexcept { return m_paths.empty(); }

    /// Compact bytes (sorted key deltas as varints, u16 paths): the same clusters give the same bytes.
    [[nodiscard]] std::string to_bytes() const;
    /// Read to_bytes() output; RuntimeError naming @p name when corrupt.
    [[nodiscard]] static WordClusters from_bytes(std::string_view bytes, std::string_view name = "<clusters>");

private:
    KeyTable<std::uint16_t> m_paths;
};

}  // namespace newsdex::ner
