/** @file
 * @brief CoNLL-2003 files (IOB1 tags converted to BIO), the conlleval-style exact-span scorer and
 * a plain-text tokenizer giving CoNLL-like tokens.
 */
#pragma once
#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <newsdex/entities/ner/labels.hpp>

namespace newsdex::ner {

/// One sentence of a CoNLL file: words and gold BIO labels.
struct Sentence {
    std::vector<std::string> words;
    std::vector<Label> labels;
};

/// One `-DOCSTART-` document.
struct ConllDocument {
    std::vector<Sentence> sentences;
    [[nodiscard]] std::size_t token_count() const noexcept;
};

/**
 * Parse CoNLL-2003 text: `WORD POS CHUNK NER` per line (only the first and last columns are used),
 * IOB1 tags converted to BIO. Throws RuntimeError naming @p name and the line on a malformed line.
 */
[[nodiscard]] std::vector<ConllDocument> parse_conll(std::string_view text, std::string_view name = "<conll>");
/// Read and parse a CoNLL file (RuntimeError when unreadable).
[[nodiscard]] std::vector<ConllDocument> read_conll(const std::filesystem::path& path);

/// Counts of one entity type (or all), with conlleval's percentages.
struct Counts {
    std::size_t gold = 0;                             ///< entities in the reference
    std::size_t predicted = 0;                        ///< entities found
    std::size_t correct = 0;                          ///< found with exact boundaries and type
    [[nodiscard]] double precision() const noexcept;  ///< percent
    [[nodiscard]] double recall() const noexcept;     ///< percent
    [[nodiscard]] double f1() const noexcept;         ///< percent
};

/// Exact-span precision, recall and F1 per type and overall, as conlleval computes them.
class Scorer {
public:
    /// Add one sentence (both sequences of the same length; UsageError otherwise).
    void add(std::span<const Label> gold, std::span<const Label> predicted);
    [[nodiscard]] const Counts& overall() const noexcept { return m_overall; }
    [[nodiscard]] const Counts& of(EntityType t) const noexcept { return m_types[static_cast<std::size_t>(t)]; }
    [[nodiscard]] std::size_t tokens() const noexcept { return m_tokens; }
    /// Token accuracy in percent.
    [[nodiscard]] double accuracy() const noexcept;

private:
    Counts m_overall;
    std::array<Counts, 4> m_types{};
    std::size_t m_tokens = 0;
    std::size_t m_tokens_correct = 0;
};

/// How a text is cased: as written, ALL CAPS (wire copy, telex) or headline case (content words capitalised).
enum class CaseMode { as_is, upper, headline };

/// "as-is", "upper", "headline".
[[nodiscard]] std::string_view case_mode_name(CaseMode mode) noexcept;
/// Parse a case_mode_name().
[[nodiscard]] std::optional<CaseMode> parse_case_mode(std::string_view name) noexcept;

/**
 * @p word re-cased by @p mode (ASCII letters only). Headline case capitalises the first letter of every
 * word, except that short function words (of, and, the, in...) are lower-cased unless @p sentence_first,
 * as newspaper headlines write them; the rest of a word is kept (so "U.S." and "McDonald" stay).
 */
[[nodiscard]] std::string recase_word(std::string_view word, CaseMode mode, bool sentence_first);
/// A copy of @p docs with every word re-cased by @p mode (labels unchanged).
[[nodiscard]] std::vector<ConllDocument> recase(const std::vector<ConllDocument>& docs, CaseMode mode);
/// Re-case one document in place.
void recase(ConllDocument& doc, CaseMode mode);

/// Split a line of plain text into CoNLL-like tokens (white space, then punctuation peeled off).
[[nodiscard]] std::vector<std::string> simple_tokenize(std::string_view line);

}  // namespace newsdex::ner
