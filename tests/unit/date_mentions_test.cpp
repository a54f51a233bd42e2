/** @file
 * @brief Unit tests of find_date_mentions: every written form, relative resolution, false positives.
 */
#include <newsdex/entities/date_mentions.hpp>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace {

using newsdex::Date;
using newsdex::find_date_mentions;

/// YYYY, YYYY-MM or YYYY-MM-DD (kept local so the test does not depend on dates.cpp).
std::string iso(const Date& d) {
    char buf[16];
    if (d.month == 0)
        std::snprintf(buf, sizeof buf, "%04d", d.year);
    else if (d.day == 0)
        std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
    else
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

/// "text=YYYY-MM-DD" for every mention found.
std::vector<std::string> found(std::string_view text, const std::optional<Date>& anchor) {
    std::vector<std::string> out;
    for (const auto& m : find_date_mentions(text, anchor)) out.push_back(m.text + "=" + iso(m.date));
    return out;
}

/// 2017-02-15 is a Wednesday.
const Date k_wednesday{2017, 2, 15};

struct Case {
    const char* name;
    const char* text;
    std::optional<Date> anchor;
    std::vector<std::string> expected;
};

class DateMentionsTable : public ::testing::TestWithParam<Case> {};

TEST_P(DateMentionsTable, FindsAndResolves) {
    const Case& c = GetParam();
    EXPECT_EQ(found(c.text, c.anchor), c.expected) << c.text;
}

const std::vector<Case> k_cases = {
    // Full dates: no anchor needed.
    {"us_long",
     "The hearing opened February 13, 2017, before a full room.",
     k_wednesday,
     {"February 13, 2017=2017-02-13"}},
    {"us_abbrev", "Filed Feb. 13, 2017 with the clerk.", k_wednesday, {"Feb. 13, 2017=2017-02-13"}},
    {"us_no_comma", "Filed Feb 13 2017 with the clerk.", k_wednesday, {"Feb 13 2017=2017-02-13"}},
    {"day_first", "Signed on 13 February 2017 by both parties.", k_wednesday, {"13 February 2017=2017-02-13"}},
    {"day_first_abbrev", "Signed 13 Feb. 2017.", std::nullopt, {"13 Feb. 2017=2017-02-13"}},
    {"iso", "Memo dated 2017-02-13, revised later.", k_wednesday, {"2017-02-13=2017-02-13"}},
    {"iso_time", "Logged at 2017-02-13T10:15:00Z by the system.", std::nullopt, {"2017-02-13=2017-02-13"}},
    {"slashes_us", "Received 2/13/2017 by fax.", k_wednesday, {"2/13/2017=2017-02-13"}},
    {"slashes_day_first", "Received 13/2/2017 by fax.", k_wednesday, {"13/2/2017=2017-02-13"}},
    {"full_no_anchor", "It began February 13, 2017.", std::nullopt, {"February 13, 2017=2017-02-13"}},
    {"sept", "Sept. 9, 2016 was the deadline.", std::nullopt, {"Sept. 9, 2016=2016-09-09"}},
    {"caps", "WASHINGTON, FEB. 13, 2017 -- The agency said.", std::nullopt, {"FEB. 13, 2017=2017-02-13"}},

    // Month and day without a year: the year that puts it nearest the anchor.
    {"month_day", "The vote is set for Feb. 2.", k_wednesday, {"Feb. 2=2017-02-02"}},
    {"on_month_day", "The board met on March 3 to decide.", k_wednesday, {"March 3=2017-03-03"}},
    {"ordinal", "Comments are due by March 3rd at noon.", k_wednesday, {"March 3rd=2017-03-03"}},
    {"day_month", "The office closed 2 February for repairs.", k_wednesday, {"2 February=2017-02-02"}},
    {"nearest_previous_year", "The fire started Dec. 28 in the warehouse.", Date{2017, 1, 5}, {"Dec. 28=2016-12-28"}},
    {"nearest_next_year", "The rule takes effect Jan. 4.", Date{2016, 12, 30}, {"Jan. 4=2017-01-04"}},
    {"leap_day", "Filed Feb. 29 as required.", Date{2016, 3, 10}, {"Feb. 29=2016-02-29"}},

    // Month and year.
    {"month_year", "Sales fell in February 2017 and again later.", k_wednesday, {"February 2017=2017-02"}},
    {"month_year_abbrev", "Since Nov. 2016 the rate has doubled.", std::nullopt, {"Nov. 2016=2016-11"}},

    // Weekdays (anchor: Wednesday 2017-02-15).
    {"weekday_past", "The agency said Tuesday that it would act.", k_wednesday, {"Tuesday=2017-02-14"}},
    {"weekday_on", "Officials met on Thursday with the union.", k_wednesday, {"Thursday=2017-02-09"}},
    {"weekday_same_day", "Inspectors arrived Wednesday morning.", k_wednesday, {"Wednesday=2017-02-15"}},
    {"weekday_last", "Inspectors arrived last Wednesday.", k_wednesday, {"last Wednesday=2017-02-08"}},
    {"weekday_next", "The hearing resumes next Tuesday.", k_wednesday, {"next Tuesday=2017-02-21"}},
    {"weekday_next_same", "The hearing resumes next Wednesday.", k_wednesday, {"next Wednesday=2017-02-22"}},
    {"weekday_this", "The hearing resumes this Friday.", k_wednesday, {"this Friday=2017-02-17"}},
    {"weekday_future_tense", "The panel will meet on Friday to vote.", k_wednesday, {"Friday=2017-02-17"}},
    {"weekday_future_contraction", "She\xE2\x80\x99ll testify Monday.", k_wednesday, {"Monday=2017-02-20"}},
    {"weekday_then_date", "The report came out Tuesday, Feb. 14, after delays.", k_wednesday, {"Feb. 14=2017-02-14"}},
    {"weekday_possessive", "Sunday's storm closed roads.", k_wednesday, {"Sunday=2017-02-12"}},

    // Days relative to the anchor.
    {"today", "The plant reopens today.", k_wednesday, {"today=2017-02-15"}},
    {"yesterday", "The plant closed yesterday.", k_wednesday, {"yesterday=2017-02-14"}},
    {"tomorrow", "The plant reopens tomorrow.", k_wednesday, {"tomorrow=2017-02-16"}},
    {"yesterday_month_boundary", "Yesterday the plant closed.", Date{2017, 3, 1}, {"Yesterday=2017-02-28"}},
    {"days_ago", "The leak began 3 days ago.", k_wednesday, {"3 days ago=2017-02-12"}},
    {"weeks_ago", "The leak began two weeks ago.", k_wednesday, {"two weeks ago=2017-02-01"}},
    {"months_ago", "The leak began six months ago.", k_wednesday, {"six months ago=2016-08"}},
    {"year_ago", "A year ago the plant was idle.", k_wednesday, {"A year ago=2016"}},

    // Weeks, months, years relative to the anchor.
    {"last_week", "Crews finished last week.", k_wednesday, {"last week=2017-02-08"}},
    {"this_week", "Crews finish this week.", k_wednesday, {"this week=2017-02-15"}},
    {"next_week", "Crews start next week.", k_wednesday, {"next week=2017-02-22"}},
    {"last_month", "Prices rose last month.", k_wednesday, {"last month=2017-01"}},
    {"last_month_year_boundary", "Prices rose last month.", Date{2017, 1, 10}, {"last month=2016-12"}},
    {"this_month", "Prices rose earlier this month.", k_wednesday, {"this month=2017-02"}},
    {"next_month", "Prices rise next month.", k_wednesday, {"next month=2017-03"}},
    {"last_year", "Prices rose last year's way.", k_wednesday, {"last year=2016"}},
    {"this_year", "This year the budget is flat.", k_wednesday, {"This year=2017"}},
    {"next_year", "The plan ends next year.", k_wednesday, {"next year=2018"}},

    // Years after a preposition.
    {"in_year", "The law passed in 2015 after a long fight.", k_wednesday, {"2015=2015"}},
    {"since_year", "Rates have doubled since 1998.", std::nullopt, {"1998=1998"}},
    {"until_year", "The lease runs until 2020, the filing says.", k_wednesday, {"2020=2020"}},
    {"by_late_year", "The line should open by late 2019.", k_wednesday, {"2019=2019"}},
    {"in_mid_year", "Work stopped in mid-2014.", k_wednesday, {"2014=2014"}},
    {"in_capital", "In 2009, the mill closed.", k_wednesday, {"2009=2009"}},

    // Months after a preposition or last/next/this.
    {"in_month", "The survey ends in May.", k_wednesday, {"May=2017-05"}},
    {"since_month", "Output has fallen since November.", k_wednesday, {"November=2016-11"}},
    {"last_month_name", "Output fell last May.", k_wednesday, {"last May=2016-05"}},
    {"next_month_name", "Output rises next March.", k_wednesday, {"next March=2017-03"}},

    // Several in one text, in order.
    {"several",
     "On Monday the council met; on Feb. 2 it voted, and in 2018 it will build.",
     k_wednesday,
     {"Monday=2017-02-13", "Feb. 2=2017-02-02", "2018=2018"}},

    // False positives.
    {"may_modal", "Officials may decide later. May I add something?", k_wednesday, {}},
    {"may_name", "Theresa May spoke to reporters.", k_wednesday, {}},
    {"march_lowercase", "Workers plan to march on the capitol.", k_wednesday, {}},
    {"march_noun", "The March organizers spoke to the crowd.", k_wednesday, {}},
    {"sun_sat", "The Sun reported that Sat scores rose; Wed and Fri are abbreviations.", k_wednesday, {}},
    {"usa_today", "USA Today reported the numbers.", k_wednesday, {}},
    {"thousands", "They sold 2,015 units in 2,016 stores.", k_wednesday, {}},
    {"fractions_versions", "A 3/4 share of version 1.2 and 10/12 votes.", k_wednesday, {}},
    {"year_out_of_range", "In 1850 the town was founded.", k_wednesday, {}},
    {"the_last_week", "He scored in the last week of the season.", k_wednesday, {}},
    {"invalid_day", "Filed Feb. 30 and Feb. 30, 2017.", k_wednesday, {}},
    {"time_not_day", "The meeting is at May 5:30 local.", k_wednesday, {}},
    {"money", "It cost $2,017 in 2,017 parts.", k_wednesday, {}},
    {"last_lower_not_date", "The last word was his.", k_wednesday, {}},

    // No anchor: relative forms are skipped, absolute ones stay.
    {"no_anchor_relative",
     "Last month, on Tuesday, yesterday, Feb. 2, in May, last year, two weeks ago.",
     std::nullopt,
     {}},
    {"no_anchor_mixed",
     "Yesterday it was February 13, 2017 and in 2015 it was worse.",
     std::nullopt,
     {"February 13, 2017=2017-02-13", "2015=2015"}},
    {"year_only_anchor", "Last year and last month and on Tuesday.", Date{2017, 0, 0}, {"Last year=2016"}},
};

INSTANTIATE_TEST_SUITE_P(Forms, DateMentionsTable, ::testing::ValuesIn(k_cases),
                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(DateMentions, OffsetsAreBytesInTheText) {
    const std::string text =
        "Caf\xC3\xA9 owners met Tuesday and again on Feb.\xC2\xA0"
        "2.";
    const auto mentions = find_date_mentions(text, k_wednesday);
    ASSERT_EQ(mentions.size(), 2u);
    EXPECT_EQ(mentions[0].offset, text.find("Tuesday"));
    EXPECT_EQ(mentions[0].text, "Tuesday");
    EXPECT_EQ(mentions[1].offset, text.find("Feb."));
    EXPECT_EQ(iso(mentions[1].date), "2017-02-02");
    EXPECT_EQ(text.substr(mentions[1].offset, mentions[1].text.size()), mentions[1].text);
}

TEST(DateMentions, EmptyAndPunctuationOnly) {
    EXPECT_TRUE(find_date_mentions("", k_wednesday).empty());
    EXPECT_TRUE(find_date_mentions("... ,,, ---", k_wednesday).empty());
    EXPECT_TRUE(find_date_mentions("Feb.", k_wednesday).empty());
    EXPECT_TRUE(find_date_mentions("last", k_wednesday).empty());
    EXPECT_TRUE(find_date_mentions("in", k_wednesday).empty());
}

TEST(DateMentions, LongTextIsScannedOnce) {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "Officials said Tuesday that on Feb. 2 they may march in 2015. ";
    const auto mentions = find_date_mentions(text, k_wednesday);
    EXPECT_EQ(mentions.size(), 6000u);
}

}  // namespace
