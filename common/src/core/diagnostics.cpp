/** @file
 * @brief Diagnostic formatting and the thread-safe counting sink.
 */
#include <newsdex/core/diagnostics.hpp>

#include <newsdex/core/terminal.hpp>

namespace newsdex {

const char* severity_name(Severity s) noexcept {
    switch (s) {
        case Severity::note:
            return "note";
        case Severity::warning:
            return "warning";
        case Severity::error:
            return "error";
    }
    return "error";
}

std::string Diagnostic::format() const {
    // Paths and messages quote input (file names, record text): never raw control characters.
    std::string out = path.empty() ? std::string("<input>") : terminal_safe(path);
    if (line > 0) {
        out += ':';
        out += std::to_string(line);
    }
    out += ": ";
    out += severity_name(severity);
    out += ": ";
    out += terminal_safe(message);
    return out;
}

void DiagnosticSink::report(Diagnostic d) {
    std::lock_guard lock(m_mutex);
    if (d.severity == Severity::error) ++m_errors;
    if (d.severity == Severity::warning) ++m_warnings;
    if (m_callback)
        m_callback(d);
    else
        m_collected.push_back(std::move(d));
}

std::size_t DiagnosticSink::errors() const {
    std::lock_guard lock(m_mutex);
    return m_errors;
}

std::size_t DiagnosticSink::warnings() const {
    std::lock_guard lock(m_mutex);
    return m_warnings;
}

std::vector<Diagnostic> DiagnosticSink::collected() const {
    std::lock_guard lock(m_mutex);
    return m_collected;
}

}  // namespace newsdex
