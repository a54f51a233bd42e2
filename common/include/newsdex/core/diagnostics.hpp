/** @file
 * @brief Compiler-style diagnostics (`path:line: error: what`) through an injected sink.
 *
 * The library never writes to stdout/stderr itself: it reports to a DiagnosticSink, which the
 * programs connect to stderr and tests connect to a vector.
 */
#pragma once
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace newsdex {

enum class Severity { note, warning, error };

/// One problem found in the input, located as precisely as known (line 0 = whole file).
struct Diagnostic {
    Severity severity = Severity::error;
    std::string path;
    std::size_t line = 0;
    std::string message;

    /// "path:line: error: message" (or "path: warning: message" when line is 0).
    [[nodiscard]] std::string format() const;
};

[[nodiscard]] const char* severity_name(Severity s) noexcept;

/// Receives diagnostics; thread-safe; counts them by severity.
class DiagnosticSink {
public:
    using Callback = std::function<void(const Diagnostic&)>;
    DiagnosticSink() = default;
    explicit DiagnosticSink(Callback cb) : m_callback(std::move(cb)) {}

    void report(Diagnostic d);
    void error(std::string path, std::size_t line, std::string message) {
        report({Severity::error, std::move(path), line, std::move(message)});
    }
    void warning(std::string path, std::size_t line, std::string message) {
        report({Severity::warning, std::move(path), line, std::move(message)});
    }

    [[nodiscard]] std::size_t errors() const;
    [[nodiscard]] std::size_t warnings() const;
    /// Everything reported so far (kept only when no callback is set, e.g. in tests).
    [[nodiscard]] std::vector<Diagnostic> collected() const;

private:
    mutable std::mutex m_mutex;
    Callback m_callback;
    std::size_t m_errors = 0;
    std::size_t m_warnings = 0;
    std::vector<Diagnostic> m_collected;
};

}  // namespace newsdex
