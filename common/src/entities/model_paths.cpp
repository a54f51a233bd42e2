/** @file
 * @brief EntityModelPaths: the built-in defaults of the entity extractor's data files.
 */
#include <newsdex/entities/model_paths.hpp>

#include <newsdex/entities/gazetteer.hpp>
#include <newsdex/entities/lexicon.hpp>
#include <newsdex/entities/ner/tagger.hpp>

namespace newsdex {

std::filesystem::path EntityModelPaths::model_file() const {
    return model.empty() ? ner::Tagger::default_model_path() : model;
}

std::filesystem::path EntityModelPaths::iso_codes_dir() const {
    return iso_codes.empty() ? Gazetteer::default_iso_codes_dir() : iso_codes;
}

std::filesystem::path EntityModelPaths::wordnet_dir() const {
    return wordnet.empty() ? NameLexicon::default_wordnet_dir() : wordnet;
}

}  // namespace newsdex
