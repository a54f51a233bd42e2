/** @file
 * @brief Unit tests of date parsing (parse_date, parse_iso_date, is_valid_date) and Date formatting.
 */
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <newsdex/analysis/dates.hpp>

using newsdex::Date;
using newsdex::is_valid_date;
using newsdex::parse_date;
using newsdex::parse_iso_date;

namespace {

struct Case {
    std::string input;
    std::string expected;  ///< Date::iso(), or "" for no date
};

std::string iso_or_empty(const std::optional<Date>& d) { return d ? d->iso() : std::string(); }

}  // namespace

TEST(ParseDate, AcceptedForms) {
    const std::vector<Case> cases{
        // ISO 8601
        {"2016-03-03", "2016-03-03"},
        {"2016-03-03T10:00:00Z", "2016-03-03"},
        {"1987-02-26T15:01:01", "1987-02-26"},
        {"2016-03", "2016-03"},
        {"2016", "2016"},
        {"2016/03/03", "2016-03-03"},
        {"  2016-03-03  ", "2016-03-03"},
        {"2016-03-03 10:00", "2016-03-03"},
        // US
        {"March 3, 2016", "2016-03-03"},
        {"March 3 2016", "2016-03-03"},
        {"Mar. 3, 2016", "2016-03-03"},
        {"Mar 3, 2016", "2016-03-03"},
        {"Sept. 14, 2017", "2017-09-14"},
        {"Sep 14, 2017", "2017-09-14"},
        {"september 14, 2017", "2017-09-14"},
        {"SEPTEMBER 14, 2017", "2017-09-14"},
        {"March 3rd, 2016", "2016-03-03"},
        {"February 29, 2016", "2016-02-29"},
        {"March 2016", "2016-03"},
        {"3/4/2016", "2016-03-04"},
        {"12/25/2016", "2016-12-25"},
        {"25/12/2016", "2016-12-25"},  // cannot be month-first: day-first
        {"3/4/16", "2016-03-04"},
        {"03.04.2016", "2016-04-03"},  // dotted: European day-first
        // Day-first and RFC 2822
        {"3 March 2016", "2016-03-03"},
        {"3 Mar 2016", "2016-03-03"},
        {"12 May 2015", "2015-05-12"},
        {"3rd March, 2016", "2016-03-03"},
        {"Thu, 3 Mar 2016 10:00:00 -0500", "2016-03-03"},
        {"Thursday, 3 March 2016", "2016-03-03"},
        {"Thursday, March 3, 2016", "2016-03-03"},
        {"Thu, 3 Mar 16 10:00:00 GMT", "2016-03-03"},  // obsolete two-digit year: 00-49 -> 20xx
        {"Mon, 6 Jan 97 10:00:00 GMT", "1997-01-06"},  // 50-99 -> 19xx
        // Reuters
        {"26-FEB-1987 15:01:01.79", "1987-02-26"},
        {" 5-MAR-1987 09:12:30.11", "1987-03-05"},
        // Text after the date is ignored
        {"March 3, 2016 Updated: March 4, 2016", "2016-03-03"},
        {"2016-03-03, a Thursday", "2016-03-03"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE("input: '" + c.input + "'");
        EXPECT_EQ(iso_or_empty(parse_date(c.input)), c.expected);
    }
}

TEST(ParseDate, RejectedInputs) {
    const std::vector<std::string> cases{
        "",
        "   ",
        "sometime soon",
        "February 30, 2016",  // does not exist
        "February 29, 2015",  // not a leap year
        "2016-13-01",
        "2016-02-30",
        "13/13/2016",
        "March 3",  // no year
        "32 March 2016",
        "Marchy 3, 2016",
        "Ma 3, 2016",
        "Published March 3, 2016",  // leading words are the caller's business
        "20160303x",
        "2016abc",
        "31-FOO-1987",
        "Thursday",
    };
    for (const auto& c : cases) {
        SCOPED_TRACE("input: '" + c + "'");
        EXPECT_FALSE(parse_date(c).has_value()) << "parsed as " << iso_or_empty(parse_date(c));
    }
}

TEST(ParseDate, YearMonthPrecisionIsKept) {
    const auto d = parse_date("2016-03");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->year, 2016);
    EXPECT_EQ(d->month, 3);
    EXPECT_EQ(d->day, 0);
}

TEST(ParseIsoDate, StrictForms) {
    const std::vector<Case> cases{
        {"2016", "2016"},
        {"2016-03", "2016-03"},
        {"2016-03-03", "2016-03-03"},
        {"2016-02-29", "2016-02-29"},
        {"2015-02-29", ""},
        {"2016-3-3", ""},
        {"2016-03-03T10:00", ""},
        {" 2016", ""},
        {"2016-00", ""},
        {"2016-03-00", ""},
        {"0000", ""},
        {"16", ""},
        {"March 3, 2016", ""},
        {"2016/03/03", ""},
        {"", ""},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE("input: '" + c.input + "'");
        EXPECT_EQ(iso_or_empty(parse_iso_date(c.input)), c.expected);
    }
}

TEST(IsValidDate, CalendarRules) {
    EXPECT_TRUE(is_valid_date({2016, 2, 29}));
    EXPECT_TRUE(is_valid_date({2000, 2, 29}));
    EXPECT_FALSE(is_valid_date({1900, 2, 29}));
    EXPECT_TRUE(is_valid_date({2016, 4, 30}));
    EXPECT_FALSE(is_valid_date({2016, 4, 31}));
    EXPECT_TRUE(is_valid_date({2016, 12, 0}));
    EXPECT_TRUE(is_valid_date({2016, 0, 0}));
    EXPECT_FALSE(is_valid_date({2016, 0, 5}));  // a day without a month
    EXPECT_FALSE(is_valid_date({2016, 13, 1}));
    EXPECT_FALSE(is_valid_date({0, 1, 1}));
    EXPECT_FALSE(is_valid_date({2016, -1, 1}));
}

TEST(DateFormat, IsoAndSortable) {
    EXPECT_EQ((Date{2016, 3, 3}.iso()), "2016-03-03");
    EXPECT_EQ((Date{2016, 3, 0}.iso()), "2016-03");
    EXPECT_EQ((Date{2016, 0, 0}.iso()), "2016");
    EXPECT_EQ((Date{987, 1, 2}.iso()), "0987-01-02");
    EXPECT_EQ((Date{}.iso()), "");
    EXPECT_EQ((Date{2016, 3, 3}.sortable()), "20160303");
    EXPECT_EQ((Date{2016, 3, 0}.sortable()), "20160300");
    EXPECT_EQ((Date{2016, 0, 0}.sortable()), "20160000");
    // Sortable strings order like the dates.
    EXPECT_LT((Date{2015, 12, 31}.sortable()), (Date{2016, 0, 0}.sortable()));
    EXPECT_LT((Date{2016, 3, 0}.sortable()), (Date{2016, 3, 1}.sortable()));
}
