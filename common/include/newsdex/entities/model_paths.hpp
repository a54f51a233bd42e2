/** @file
 * @brief Where the entity extractor's data files are: the tagger's model, the iso-codes and WordNet folders.
 *
 * The library reads no environment variables: a program that lets its user move these files (the
 * indexer and the ner tool read NEWSDEX_NER_MODEL, NEWSDEX_ISO_CODES_DIR and NEWSDEX_WORDNET_DIR) fills
 * this in.
 */
#pragma once
#include <filesystem>

namespace newsdex {

struct EntityModelPaths {
    std::filesystem::path model;      ///< the tagger's model file; empty = ner::Tagger::default_model_path()
    std::filesystem::path iso_codes;  ///< the iso-codes JSON folder; empty = Gazetteer::default_iso_codes_dir()
    std::filesystem::path wordnet;    ///< WordNet's folder; empty = NameLexicon::default_wordnet_dir()

    /// model, or the built-in default when empty.
    [[nodiscard]] std::filesystem::path model_file() const;
    /// iso_codes, or the built-in default when empty.
    [[nodiscard]] std::filesystem::path iso_codes_dir() const;
    /// wordnet, or the built-in default when empty.
    [[nodiscard]] std::filesystem::path wordnet_dir() const;
};

}  // namespace newsdex
