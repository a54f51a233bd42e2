// core/terminal: control, C1 and bidi formatting characters never reach a terminal raw.
#include <gtest/gtest.h>

#include <newsdex/core/diagnostics.hpp>
#include <newsdex/core/terminal.hpp>

using newsdex::needs_terminal_escape;
using newsdex::terminal_safe;

TEST(Terminal, PlainTextIsUnchanged) {
    EXPECT_FALSE(needs_terminal_escape("Plain text, tabs\tand\nnewlines; México — “quotes”"));
    EXPECT_EQ(terminal_safe("México\tok\n"), "México\tok\n");
}

TEST(Terminal, EscapeSequencesAreShownEscaped) {
    const std::string title = "x\x1b]0;owned\x07y";
    EXPECT_TRUE(needs_terminal_escape(title));
    EXPECT_EQ(terminal_safe(title), "x\\x1b]0;owned\\x07y");
    EXPECT_EQ(terminal_safe("\x1b]8;;http://e.test\x1b\\link"), "\\x1b]8;;http://e.test\\x1b\\link");
    EXPECT_EQ(terminal_safe("over\rwrite\x7f"), "over\\x0dwrite\\x7f");
}

TEST(Terminal, C1AndBidiControlsAreEscaped) {
    EXPECT_EQ(terminal_safe("a\xc2\x9b" "31mb"), "a\\x9b31mb");                // U+009B CSI
    EXPECT_EQ(terminal_safe("evil\xe2\x80\xaetxt.exe"), "evil\\u202etxt.exe");  // RIGHT-TO-LEFT OVERRIDE
    EXPECT_EQ(terminal_safe("\xe2\x81\xa6x\xe2\x81\xa9"), "\\u2066x\\u2069");   // isolates
    EXPECT_EQ(terminal_safe("\xe2\x80\x8f"), "\\u200f");                        // RLM
    EXPECT_FALSE(needs_terminal_escape("\xe2\x80\x94"));                        // an em dash stays
}

TEST(Terminal, InvalidUtf8BytesAreEscaped) {
    EXPECT_EQ(terminal_safe("a\xff" "b\xc3"), "a\\xffb\\xc3");
    EXPECT_EQ(terminal_safe("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate is not UTF-8
}

TEST(Terminal, DiagnosticsQuoteInputSafely) {
    newsdex::Diagnostic d{newsdex::Severity::error, "dir/\x1b[2Jname.txt", 3, "bad \x1b]0;t\x07 record"};
    EXPECT_EQ(d.format(), "dir/\\x1b[2Jname.txt:3: error: bad \\x1b]0;t\\x07 record");
}

TEST(Terminal, JsonKeepsOrdinaryTextAndEscapesC1AndBidi) {
    EXPECT_EQ(newsdex::json_terminal_safe("{\"t\":\"FAA\xe2\x80\x99s \xe2\x80\x9cquote\xe2\x80\x9d\"}"),
              "{\"t\":\"FAA\xe2\x80\x99s \xe2\x80\x9cquote\xe2\x80\x9d\"}");
    EXPECT_EQ(newsdex::json_terminal_safe("{\"t\":\"a\xc2\x9b" "b\xe2\x80\xae\"}"), "{\"t\":\"a\\u009bb\\u202e\"}");
    EXPECT_EQ(newsdex::utf8_length_at("\xe2\x80\x99x", 0), 3u);
}
