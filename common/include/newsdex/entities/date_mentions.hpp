/** @file
 * @brief Dates mentioned in running text, normalized against the document's own date.
 *
 * One left-to-right scan over the bytes (ASCII word boundaries, UTF-8 passed through; no regex).
 * The forms recognised, and how relative ones are resolved against the anchor @f$A@f$ (the
 * document date), are:
 *
 * | written                                     | resolved to                                             |
 * | ------------------------------------------- | ------------------------------------------------------- |
 * | `February 13, 2017`, `Feb. 13, 2017`, `Feb 13 2017`, `13 February 2017`, `2017-02-13`, `2/13/2017` | that day (no anchor needed) |
 * | `February 2017`, `Feb. 2017`                | that month (YYYY-MM; no anchor needed)                  |
 * | `Feb. 2`, `March 3rd`, `2 February`         | the year among A-1, A, A+1 that puts the day nearest A (tie: the earlier) |
 * | `Tuesday`, `on Tuesday`                     | most recent Tuesday on or before A (A itself when A is a Tuesday); on or after A when the clause has `will`/`shall`/`'ll`/`won't` before it |
 * | `last Tuesday`                              | most recent Tuesday strictly before A (1-7 days back)   |
 * | `next Tuesday`                              | first Tuesday strictly after A (1-7 days ahead)         |
 * | `this Tuesday`                              | first Tuesday on or after A                             |
 * | `today`, `yesterday`, `tomorrow`            | A, A-1 day, A+1 day                                     |
 * | `last week`, `this week`, `next week`       | A-7 days, A, A+7 days (YYYY-MM-DD: the day a week away) |
 * | `last month`, `this month`, `next month`    | the month before / of / after A (YYYY-MM)               |
 * | `last year`, `this year`, `next year`       | YYYY of A-1 / A / A+1                                   |
 * | `N days/weeks/months/years ago` (N = 1-12, digits or words, `a`/`an`) | A minus that much (day / day / month / year precision) |
 * | `in 2015` (also `since`, `by`, `until`, `till`, `during`, `before`, `after`, `from`, optional `early`/`mid`/`late`) | YYYY, 1900-2099 (no anchor needed) |
 * | `in May`, `since March` (same prepositions)  | that month in the year that puts it nearest A (tie: the earlier) |
 * | `last May`, `next May`, `this May`          | the month strictly before / strictly after / in A's year |
 *
 * Relative forms are skipped when there is no anchor (or it lacks the needed precision: day forms
 * need A's day, month forms A's month). False positives avoided: month names must be capitalised
 * (`may`, `march` are never dates) and a bare `May`/`March` needs a day or year after it (or one of
 * the prepositions above before it); weekday abbreviations (`Sun`, `Sat`, `Wed`) are never read;
 * capitalised `Today`/`Yesterday`/`Last`... count only at a sentence start (so `USA Today` is not a
 * date). A weekday directly followed by an explicit date (`Tuesday, Feb. 14`) yields only the
 * explicit date. The mention text is the date expression itself: `on`/`in` are context and are not
 * included, `last`/`next`/`this` are.
 */
#pragma once
#include <optional>
#include <string_view>
#include <vector>

#include <newsdex/schema/document.hpp>

namespace newsdex {

/**
 * Find the dates mentioned in @p text, in text order, resolving relative ones against @p anchor
 * (the document's own date). Offsets are byte offsets in @p text.
 */
[[nodiscard]] std::vector<DateMention> find_date_mentions(std::string_view text, const std::optional<Date>& anchor);

}  // namespace newsdex
