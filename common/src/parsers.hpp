/** @file
 * @brief Private factories of the concrete parsers (news, memo, JSON Lines), used by the registry.
 */
#pragma once
#include <memory>

#include <newsdex/parser.hpp>

namespace newsdex::detail {

std::unique_ptr<Parser> make_news_parser();
std::unique_ptr<Parser> make_memo_parser();
std::unique_ptr<Parser> make_jsonl_parser();

/// True when the first lines of @p text form a memo header block (shared by detection and the memo parser).
bool looks_like_memo(std::string_view text);

}  // namespace newsdex::detail
