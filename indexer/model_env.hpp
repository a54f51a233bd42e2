/** @file
 * @brief The environment variables through which the indexer and the ner tool let a user move the
 * entity data files. The library reads none: the programs fill newsdex::EntityModelPaths from them.
 */
#pragma once
#include <cstdlib>

#include <newsdex/entities/model_paths.hpp>

/// For the programs' --help footer.
inline constexpr const char* entity_env_help =
    "Environment:\n"
    "  NEWSDEX_NER_MODEL      the entity tagger's model file (default: the installed ner/model.bin)\n"
    "  NEWSDEX_ISO_CODES_DIR  the iso-codes JSON folder (default: /usr/share/iso-codes/json)";

/// The paths NEWSDEX_NER_MODEL and NEWSDEX_ISO_CODES_DIR name (unset or empty: the built-in defaults).
inline newsdex::EntityModelPaths entity_model_paths_from_env() {
    newsdex::EntityModelPaths paths;
    if (const char* model = std::getenv("NEWSDEX_NER_MODEL"); model && *model) paths.model = model;
    if (const char* iso = std::getenv("NEWSDEX_ISO_CODES_DIR"); iso && *iso) paths.iso_codes = iso;
    return paths;
}
