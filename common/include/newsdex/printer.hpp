/** @file
 * @brief Output behind one printer interface: text for people, JSON for programs.
 */
#pragma once
#include <memory>
#include <ostream>
#include <string_view>

#include <newsdex/search.hpp>

namespace newsdex {

/// Version of the JSON output shape (documented in README); bump on incompatible change.
inline constexpr int kJsonFormatVersion = 1;

class Printer {
public:
    virtual ~Printer() = default;
    /// Print one query's results.
    virtual void print(const SearchResult& result, std::ostream& out) = 0;
};

struct PrinterOptions {
    bool color = false;  ///< ANSI bold/colour for highlights and titles (text only)
};

/// "text" or "json"; throws UsageError for another name.
std::unique_ptr<Printer> make_printer(std::string_view format, const PrinterOptions& options = {});

}  // namespace newsdex
