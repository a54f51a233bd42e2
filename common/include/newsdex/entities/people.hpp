/** @file
 * @brief People's names: a name as written without titles and roles, and the people of memo and
 * e-mail headers (`from`, `to`, `cc`).
 */
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <newsdex/schema/document.hpp>

namespace newsdex {

/**
 * The name of a person as written, without leading titles or roles, possessive, or surrounding
 * white space: `Deputy Administrator Theresa Walsh's` -> `Theresa Walsh`. Never empty unless the
 * input is: a name that is only a title is kept as it is.
 */
[[nodiscard]] std::string person_name(std::string_view written);

/**
 * The person named by one memo/e-mail header value, or nullopt when it names no person.
 * `"Theresa Walsh" <twalsh@example.gov>` -> `Theresa Walsh`; `Theresa Walsh, Deputy Administrator`
 * -> `Theresa Walsh`; `Walsh, Theresa` -> `Theresa Walsh`; an all-capitals value is title-cased.
 * Not people: a bare address (no display name), and group or role names (`Regional Directors`,
 * `All Staff`, `Deputy Administrator`: a word that is a title or role, singular or plural, or a
 * group word) - header_entities keeps those as given, typed misc.
 */
[[nodiscard]] std::optional<std::string> header_person(std::string_view value);

/**
 * Entities from the memo/e-mail headers: every `from`, `to`, `cc` value naming a person becomes a
 * PERSON entity (see header_person); other non-empty values other than bare addresses are kept as
 * given, typed misc. Mentions point into the value (field "from"/"to"/"cc"; the offset is within
 * that one value).
 */
[[nodiscard]] std::vector<Entity> header_entities(const Document& doc);

}  // namespace newsdex
