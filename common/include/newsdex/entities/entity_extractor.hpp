/** @file
 * @brief Documents -> entities and date mentions: CoNLL-style tokenization, the tagger, resolution.
 *
 * EntityExtractor::annotate() is what the indexer runs on every document (unless entities are
 * turned off): the title (and a subject that differs from it) and the body are split into sentences
 * and tokens the way the CoNLL-2003 data the tagger learnt from is written (original case,
 * punctuation, `'s` and `n't` split off, abbreviations such as `Mr.`, `U.S.`, `Feb.` kept whole),
 * the whole document is tagged at once (document memory spans title and body), the BIO labels
 * become EntityMention spans with byte offsets, and resolve_document_entities() turns them into one
 * entity per canonical name, with memo/e-mail header people and gazetteer place names. Dates
 * mentioned in the body are resolved against the document's own date (find_date_mentions).
 */
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <newsdex/schema/document.hpp>
#include <newsdex/entities/entities.hpp>
#include <newsdex/entities/gazetteer.hpp>
#include <newsdex/entities/model_paths.hpp>
#include <newsdex/entities/ner/tagger.hpp>

namespace newsdex {

/// One CoNLL-style token of a text.
struct ConllToken {
    /// What the tagger sees: a view into the text, or a static normalized spelling of typographic
    /// punctuation (`"` for `“`, `'s` for `’s`, `n't` for `n’t`, `--` for `—`).
    std::string_view word;
    std::uint32_t offset = 0;  ///< byte offset in the text
    std::uint32_t length = 0;  ///< byte length in the text
};

/// The tokens of a text, split into sentences.
struct ConllText {
    std::vector<ConllToken> tokens;
    std::vector<std::size_t> sentence_ends;  ///< per sentence: index one past its last token

    void clear() noexcept {
        tokens.clear();
        sentence_ends.clear();
    }
};

/**
 * Split @p text into sentences of CoNLL-style tokens (appended to @p out; the text must stay alive
 * while the tokens are used). Tokens are white-space separated chunks with leading and trailing
 * punctuation, `'s`, `n't` and em dashes split off; a final period stays on a known abbreviation
 * (titles, months, states, `Inc.`, `Co.`), a single capital (an initial) and a dotted word (`U.S.`).
 * A sentence ends at `.`, `!`, `?` or `...` (closing quotes and brackets included) followed by
 * white space and a capital letter, a quote or a bracket, and at a blank line. Texts longer than
 * 4 GiB are cut (offsets are 32-bit).
 */
void tokenize_conll(std::string_view text, ConllText& out);

/**
 * Finds entities and date mentions in documents. Load once, share freely: annotate() is const and
 * safe to call from several threads at once (the model and gazetteer are immutable).
 */
class EntityExtractor {
public:
    /// Use @p tagger; places are canonicalized with @p gazetteer (nullptr: the tagger's).
    explicit EntityExtractor(ner::Tagger tagger, std::shared_ptr<const Gazetteer> gazetteer = nullptr);

    /// Load the model and the system gazetteer of @p paths (empty paths: the built-in defaults);
    /// throws RuntimeError when it cannot.
    [[nodiscard]] static EntityExtractor load(const EntityModelPaths& paths = {});

    /// The tagger's mentions in @p doc (title, subject when it differs from the title, body), in text order.
    [[nodiscard]] std::vector<EntityMention> find_mentions(const Document& doc) const;

    /**
     * Fill doc.entities (resolved mentions plus memo/e-mail header people; merged into entities the
     * document already has) and doc.date_mentions (dates in the body, resolved against doc.date).
     */
    void annotate(Document& doc) const;

    /// The canonical name of a place as the gazetteer knows it (countries, subdivisions, cities), or nullopt.
    [[nodiscard]] std::optional<std::string> canonical_place(std::string_view written) const;

private:
    ner::Tagger m_tagger;
    std::shared_ptr<const Gazetteer> m_gazetteer;
    PlaceCanonicalizer m_places;
};

}  // namespace newsdex
