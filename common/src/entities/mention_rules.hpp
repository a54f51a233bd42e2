/** @file
 * @brief Private: the rules around resolution (entities.cpp): which tagger mentions are names at
 * all, names the tagger cut in two, and one type and one casing per name in a document.
 *
 * Everything is decided from the document itself (its layout and its own use of words) and the
 * gazetteer, not from lists of names:
 * - **Boilerplate.** A last line that is one capitalised word without sentence punctuation is a
 *   sign-off (`Reuter`), a short last line naming the source or an author (fields `source`,
 *   `author`) a credit (`Reporting by Dana Lee for Example Wire.`); lines of a table or market report (short lines without sentence
 *   punctuation, numbers in most of them) carry no people or organisations.
 * - **Ordinary words.** A one-word mention whose word the document also writes in lower case
 *   (`the bank`, `a stock split`) is an ordinary word, not a name; an all-capitals word seen in
 *   mixed-case text (`OPEC`) or of two letters (`US`) is an acronym and stays.
 * - **Whole names.** Two mentions bridged by `&`, `'s`, `of` or `on` (`Standard` & `Poor's Corp`,
 *   `General Agreement` on `Tariffs and Trade`) are one name when both sides are capitalised;
 *   a one-word organisation right after another one (`AM INTERNATIONAL` `INC`) joins it, and
 *   takes the capitalised words before it the tagger left out (`<PAGE PETROLEUM LTD>`).
 * - **Person evidence.** An organisation or misc mention in mixed-case text becomes a person when a
 *   capitalised title of persons only (`President`, `Minister`; not `former`, `chief`, `Dr`) starts
 *   it or stands right before it and the rest reads as a personal name whose words the document
 *   never writes in lower case (`Finance Minister` `Barend du Plessis`); and when it is written as
 *   the trailing words of a person's name of several words in the document (`Du Plessis`).
 * - **One name, one type, one casing.** Entities whose names match case-insensitively merge into
 *   the type most of their mentions have (body mentions count twice: headlines are tagged worse);
 *   a headline-only entity whose name starts or ends with a body entity's name joins it, and an
 *   organisation name that starts exactly one longer one is its short form (`Moody's`); the
 *   canonical name is the best-cased form seen (mixed case over all capitals; an all-capitals
 *   word of more than four letters never seen otherwise becomes Title Case).
 */
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <newsdex/entities/entities.hpp>

namespace newsdex::entity_detail {

/// Drop boilerplate and ordinary-word mentions and join names cut in two, in place (document order kept).
void clean_mentions(std::vector<EntityMention>& mentions, const std::vector<TextField>& fields);

/// One type and one best-cased canonical name per name; headline fragments join the body's entity.
void unify_entities(std::vector<Entity>& entities, const std::vector<TextField>& fields);

/// The best-cased of @p forms (case-insensitively equal spellings of one name); Title Case for an
/// all-capitals name (words of more than four letters) when no other form exists.
[[nodiscard]] std::string best_casing(const std::vector<std::string>& forms);

}  // namespace newsdex::entity_detail
