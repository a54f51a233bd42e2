/** @file
 * @brief Parsing dates as news, memos, e-mail and records write them.
 */
#pragma once
#include <optional>
#include <string_view>

#include <newsdex/schema/document.hpp>

namespace newsdex {

/**
 * Parse a date written in one of the common forms: ISO 8601 (`2016-03-03`, `2016-03-03T10:00:00Z`,
 * `2016-03`, `2016`), US (`March 3, 2016`, `Mar. 3, 2016`, `3/4/2016`), day-first (`3 March 2016`),
 * RFC 2822 (`Thu, 3 Mar 2016 10:00:00 -0500`), Reuters (`26-FEB-1987 15:01:01.79`).
 * Surrounding text after the date (a time, a zone) is ignored. Returns nullopt when no date is found
 * or the date does not exist (Feb 30).
 */
std::optional<Date> parse_date(std::string_view text);

/// Parse the query form `YYYY`, `YYYY-MM` or `YYYY-MM-DD` strictly; nullopt otherwise.
std::optional<Date> parse_iso_date(std::string_view text);

/// True when @p d names a real calendar day (month/day may be 0 for partial dates).
bool is_valid_date(const Date& d) noexcept;

namespace detail {

/**
 * Parse a date at the start of @p text (after optional white space and a weekday name); on success
 * @p consumed is the number of bytes of @p text the date used.
 */
std::optional<Date> parse_date_prefix(std::string_view text, std::size_t& consumed);

}  // namespace detail

}  // namespace newsdex
