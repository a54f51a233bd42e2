/** @file
 * @brief The one text analyzer, shared by indexing and querying.
 *
 * ICU word breaking over UTF-8, NFKC case folding, accent removal, typographic apostrophes as
 * ASCII, numbers kept, Snowball stemming by Xapian. Terms mirror Xapian's TermGenerator scheme:
 * the folded word with positions under the field prefix, and `Z<prefix><stem>` without positions.
 * Not thread-safe: use one Analyzer per thread (copies are independent).
 */
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace newsdex {

struct AnalyzerOptions {
    std::string language = "english";  ///< a Xapian::Stem language, or "none"
};

/// One word of the input, folded but not stemmed.
struct Token {
    std::string term;        ///< folded form: "mexico" for "México", "don't" for "Don’t"
    std::size_t offset = 0;  ///< byte offset in the input
    std::size_t length = 0;  ///< byte length in the input
    bool numeric = false;    ///< starts with a digit (not stemmed)
};

class Analyzer {
public:
    /// Throws UsageError for a language Xapian cannot stem.
    explicit Analyzer(AnalyzerOptions options = {});
    Analyzer(const Analyzer& other);
    Analyzer& operator=(const Analyzer& other);
    Analyzer(Analyzer&&) noexcept;
    Analyzer& operator=(Analyzer&&) noexcept;
    ~Analyzer();

    /// Split @p text into folded word tokens (appended to @p out, which is cleared first).
    void tokenize(std::string_view text, std::vector<Token>& out) const;
    [[nodiscard]] std::vector<Token> tokenize(std::string_view text) const;

    /// The stem of a folded term ("" stemmer = the term itself). Numbers are not stemmed.
    [[nodiscard]] std::string stem(std::string_view folded) const;

    /**
     * Is @p folded a stop word of the language (English: Snowball's list)? Stop words are indexed
     * with positions but without a stem term (Xapian's STOP_STEMMED); a query searches them unstemmed.
     */
    [[nodiscard]] bool is_stop_word(std::string_view folded) const;

    /**
     * Add the terms of @p text to @p doc under @p prefix, positions from @p first_pos.
     * Each token: prefix+term at its position (wdf += @p wdf_inc), and Z+prefix+stem (wdf += @p wdf_inc)
     * unless it is a number or a stop word.
     * @return the position after the last token (callers leave a gap between fields).
     */
    Xapian::termpos index_text(Xapian::Document& doc, std::string_view text, std::string_view prefix,
                               Xapian::termpos first_pos = 1, Xapian::termcount wdf_inc = 1) const;

    /**
     * Add the words of @p text to @p doc under @p prefix, folded but neither stemmed nor positioned
     * (wdf += @p wdf_inc each): entity names, searched word by word (`person:walsh`), never as phrases.
     */
    void index_words(Xapian::Document& doc, std::string_view text, std::string_view prefix,
                     Xapian::termcount wdf_inc = 1) const;

    [[nodiscard]] const AnalyzerOptions& options() const noexcept;
    /// A string naming every analysis choice, stored in database metadata and compared on open.
    [[nodiscard]] std::string settings() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/**
 * Normalize the value of a boolean or tag field (`type:`, `id:`, `places:`) exactly as the query
 * parser does: lower-cased (ICU root locale), whitespace trimmed and runs of it collapsed to one
 * space, nothing else changed. The index writer uses it too, so `places:USA` meets `XGplaces:usa`.
 */
[[nodiscard]] std::string fold_exact_value(std::string_view value);

}  // namespace newsdex
