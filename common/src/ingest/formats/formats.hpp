/** @file
 * @brief Private factories of the concrete parsers (news, memo, JSON Lines, e-mail, TREC and Reuters SGML,
 *        HTML), used by the registry, and the detection helpers they share with it.
 */
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include <newsdex/ingest/parser.hpp>

namespace newsdex::detail {

std::unique_ptr<Parser> make_news_parser();
std::unique_ptr<Parser> make_memo_parser();
std::unique_ptr<Parser> make_jsonl_parser();
std::unique_ptr<Parser> make_email_parser();    ///< email_parser.cpp (GMime): one message or an mbox
std::unique_ptr<Parser> make_trec_parser();     ///< trec_parser.cpp: TREC <DOC> SGML
std::unique_ptr<Parser> make_reuters_parser();  ///< reuters_parser.cpp: Reuters-21578 SGML
std::unique_ptr<Parser> make_html_parser();     ///< html_parser.cpp (gumbo)

/**
 * Parser::split for formats that can find where records start without parsing them: chunks of at
 * least @p target bytes, each ending where @p next_cut (asked for the first record start at or after
 * an offset, at the start of a line; npos: none) says the next begins. Empty when that makes one chunk.
 */
std::vector<TextChunk> cut_chunks(std::string_view text, std::size_t target,
                                  const std::function<std::size_t(std::size_t from)>& next_cut);

/// True when the first lines of @p text form a memo header block (shared by detection and the memo parser).
bool looks_like_memo(std::string_view text);

/// True when @p text starts with an mbox "From " separator line (email_parser.cpp).
bool looks_like_mbox(std::string_view text);
/// True when @p text starts with an RFC 5322 header block that reads as e-mail (email_parser.cpp).
bool looks_like_email(std::string_view text);

/// The visible text of an HTML document or fragment, as paragraphs separated by blank lines
/// (html_parser.cpp; also used for text/html e-mail parts).
std::string html_to_text(std::string_view html);

}  // namespace newsdex::detail
