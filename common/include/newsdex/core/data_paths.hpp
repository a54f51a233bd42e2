/** @file
 * @brief Where newsdex's own data files (the tagger's model) are found without any configuration.
 */
#pragma once
#include <filesystem>

namespace newsdex {

/**
 * The folder holding newsdex's data files (`ner/model.bin`...). In order:
 *  1. `<dir of the running program>/../share/newsdex` when it holds the model: an installed program,
 *     wherever its prefix was moved (a `cmake --install --prefix`, a .deb);
 *  2. the data folder of the configured install prefix when it holds the model;
 *  3. the source tree's `data/`, for programs run from a build tree that was not installed.
 * Never reads the environment: the programs map their variables onto options themselves.
 */
[[nodiscard]] std::filesystem::path default_data_dir();

}  // namespace newsdex
