/** @file
 * @brief The e-mail parser (GMime 3, the MIME library notmuch uses): one RFC 5322 message per file, or
 *        an mbox file holding many.
 *
 * Mapping:
 * - Message-ID (without `<>`) -> id (none: the indexer's path-based id); type `email`;
 * - Subject (RFC 2047 decoded, white space folded) -> subject and title;
 * - Date -> date, as written in the message's own zone (`Mon, 8 Oct 2001 07:56:44 -0700` is
 *   2001-10-08); unreadable -> warning, kept in meta["date"]; a year before 1970 -> note, same;
 * - From, To, Cc -> from, to, cc as `Name <addr>` (or `addr`, or `Name`); the indexer's entity
 *   extractor turns the names into person entities as it does for memo headers. The CMU Enron
 *   corpus's X-From / X-To / X-cc headers (display names such as `Lay, Kenneth </O=ENRON/...>`)
 *   supply the names its From/To/Cc lack, paired by position (or by address when the counts differ);
 * - In-Reply-To and References -> tags["references"] (message ids without `<>`, the thread's ids,
 *   searchable as `references:<id>`), In-Reply-To also meta["in-reply-to"]; Newsgroups ->
 *   tags["newsgroups"]; Bcc, Organization, X-Folder, X-Origin -> meta;
 * - the body: the text parts of the MIME tree in order, blank-line separated; transfer encodings
 *   (quoted-printable, base64, uuencode) undone and charsets converted to UTF-8; of a
 *   multipart/alternative the text/plain part (else the HTML one); text/html converted to text
 *   (detail::html_to_text); forwarded message/rfc822 parts contribute their text; attachments
 *   (Content-Disposition: attachment, or any non-text part) are not indexed but named in
 *   tags["attachments"] (file name, else `unnamed <type/subtype>`); encrypted parts are skipped.
 *
 * Charsets: the indexer has already turned the file into UTF-8 (decode_to_utf8), so 8-bit text
 * and headers are UTF-8 when they reach GMime; bytes that were transfer-encoded are still in the
 * part's declared charset and are converted with decode_charset (ICU), else detected.
 *
 * mbox: a file whose first line is a `From ` separator is read with GMime's mbox parser; each
 * message's line is the line of its `From ` separator (a single message file: line 0, the whole
 * file). Broken input: a message GMime cannot construct, or one with no header at all, is an error
 * (`path:line: error: ...`) and skipped; structural problems GMime recovers from (a multipart
 * without boundary, a truncated message, an invalid header line) are warnings with their line, one
 * per kind per message.
 */
#include <algorithm>
#include <array>
#include <cstring>
#include <mutex>
#include <set>

#include <fmt/format.h>
#include <gmime/gmime.h>

#include <newsdex/analysis/dates.hpp>
#include <newsdex/ingest/encoding.hpp>

#include "ingest/formats/formats.hpp"
#include "core/text_util.hpp"

namespace newsdex {

namespace {

using namespace detail;

/// Drop GMime's own log output: the library never prints (problems are reported as diagnostics).
void silent_log(const gchar*, GLogLevelFlags, const gchar*, gpointer) {}

void init_gmime() {
    static std::once_flag once;
    std::call_once(once, [] {
        g_mime_init();
        g_log_set_handler("gmime",
                          static_cast<GLogLevelFlags>(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION),
                          silent_log, nullptr);
    });
}

struct GObjectUnref {
    void operator()(gpointer p) const noexcept {
        if (p) g_object_unref(p);
    }
};
template <class T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
    void operator()(gpointer p) const noexcept { g_free(p); }
};

std::string str(const char* s) { return s ? std::string(s) : std::string(); }

/// Byte offsets of line starts, for turning GMime's stream offsets into line numbers.
class LineIndex {
public:
    explicit LineIndex(std::string_view text) {
        m_starts.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n') m_starts.push_back(i + 1);
    }
    /// 1-based line of byte @p offset (clamped).
    [[nodiscard]] std::size_t line_at(std::int64_t offset) const {
        if (offset < 0) return 0;
        const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), static_cast<std::size_t>(offset));
        return static_cast<std::size_t>(it - m_starts.begin());
    }

private:
    std::vector<std::size_t> m_starts;
};

/// What GMime's warning callback collects while one message is parsed.
struct WarningLog {
    std::vector<std::pair<std::int64_t, GMimeParserWarning>> items;
};

void on_gmime_warning(gint64 offset, GMimeParserWarning code, const gchar* /*item*/, gpointer user_data) {
    static_cast<WarningLog*>(user_data)->items.emplace_back(offset, code);
}

/// The warnings worth reporting: the message's structure is damaged (text may be missing or mixed).
const char* warning_text(GMimeParserWarning code) {
    switch (code) {
        case GMIME_WARN_MALFORMED_MULTIPART:
            return "malformed multipart: no parts found inside it";
        case GMIME_WARN_TRUNCATED_MESSAGE:
            return "the message is truncated";
        case GMIME_WARN_MALFORMED_MESSAGE:
            return "malformed message";
        case GMIME_CRIT_INVALID_HEADER_NAME:
            return "invalid header line: the header block ends early";
        case GMIME_CRIT_CONFLICTING_HEADER:
            return "conflicting MIME headers";
        case GMIME_CRIT_CONFLICTING_PARAMETER:
            return "conflicting MIME header parameters";
        case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
            return "multipart without a boundary: read as one part";
        case GMIME_CRIT_NESTING_OVERFLOW:
            return "MIME parts nested too deeply: inner parts ignored";
        case GMIME_WARN_PART_WITHOUT_CONTENT:
            return "MIME part without content";
        case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
            return "MIME part without headers or content";
        default:
            return nullptr;  // duplicated headers, unencoded 8-bit headers, odd parameters: harmless
    }
}

struct Mailbox {
    std::string name, addr;
};

std::string format_mailbox(const Mailbox& m) {
    if (!m.name.empty() && !m.addr.empty()) return fmt::format("{} <{}>", m.name, m.addr);
    return m.name.empty() ? m.addr : m.name;
}

std::string clean_name(std::string_view s) {
    s = trim(s);
    while (s.size() >= 2 && ((s.front() == '"' && s.back() == '"') || (s.front() == '\'' && s.back() == '\''))) {
        s = trim(s.substr(1, s.size() - 2));
    }
    return collapse_spaces(s);
}

void add_mailboxes(InternetAddressList* list, std::vector<Mailbox>& out, int depth = 0) {
    if (!list || depth > 4) return;
    const int n = internet_address_list_length(list);
    for (int i = 0; i < n; ++i) {
        InternetAddress* ia = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_GROUP(ia)) {
            add_mailboxes(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)), out, depth + 1);
            continue;
        }
        Mailbox m;
        m.name = clean_name(str(internet_address_get_name(ia)));
        if (INTERNET_ADDRESS_IS_MAILBOX(ia))
            m.addr = str(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia)));
        if (m.name == m.addr) m.name.clear();
        if (!m.name.empty() || !m.addr.empty()) out.push_back(std::move(m));
    }
}

/**
 * The entries of a CMU X-From/X-To/X-cc value: `Last, First </O=ENRON/...>`, `"Name" <a@b>@ENRON
 * <IMCEANOTES-...>`, `'a@b'`. A comma ends an entry only once it holds an address or ended with `>`
 * (so `Lay, Kenneth` stays one name): detail::split_address_list, as memo headers are split.
 */
std::vector<Mailbox> cmu_entries(std::string_view value) {
    std::vector<Mailbox> out;
    for (const std::string_view raw : split_address_list(value)) {
        const std::string_view entry = trim(raw);
        if (entry.empty()) continue;
        Mailbox m;
        const std::size_t lt = entry.find('<');
        m.name = clean_name(entry.substr(0, lt == std::string_view::npos ? entry.size() : lt));
        // The first bracketed part that is an Internet address.
        for (std::size_t p = lt; p != std::string_view::npos; p = entry.find('<', p + 1)) {
            const std::size_t gt = entry.find('>', p);
            if (gt == std::string_view::npos) break;
            const std::string_view inside = entry.substr(p + 1, gt - p - 1);
            if (inside.find('@') != std::string_view::npos && inside.find(' ') == std::string_view::npos &&
                !istarts_with(inside, "IMCEA")) {
                m.addr = std::string(trim(inside));
                break;
            }
        }
        if (m.addr.empty() && m.name.find('@') != std::string::npos && m.name.find(' ') == std::string::npos) {
            m.addr = std::move(m.name);
            m.name.clear();
        }
        // Lotus Notes names carry their domain: "Ken Lay- Chairman of the Board@ENRON".
        if (const std::size_t at = m.name.rfind('@');
            at != std::string::npos && m.name.find(' ') < at && m.name.find_first_of(" .", at) == std::string::npos)
            m.name = clean_name(std::string_view(m.name).substr(0, at));
        if (!m.name.empty() || !m.addr.empty()) out.push_back(std::move(m));
    }
    return out;
}

/// Give names to nameless mailboxes from the CMU display-name header (see the file comment).
void fill_names(std::vector<Mailbox>& boxes, const std::vector<Mailbox>& x) {
    if (x.empty()) return;
    if (boxes.empty()) {
        boxes = x;
        return;
    }
    if (boxes.size() == x.size()) {
        for (std::size_t i = 0; i < boxes.size(); ++i)
            if (boxes[i].name.empty()) boxes[i].name = x[i].name;
        return;
    }
    for (auto& b : boxes) {
        if (!b.name.empty()) continue;
        for (const auto& e : x)
            if (!e.addr.empty() && iequals(e.addr, b.addr)) {
                b.name = e.name;
                break;
            }
    }
}

/// Message ids of an In-Reply-To / References value, without `<>`.
std::vector<std::string> message_ids(GMimeParserOptions* options, const char* value) {
    std::vector<std::string> out;
    if (!value) return out;
    GMimeReferences* refs = g_mime_references_parse(options, value);
    if (!refs) return out;
    const int n = g_mime_references_length(refs);
    for (int i = 0; i < n; ++i)
        if (const char* id = g_mime_references_get_message_id(refs, i); id && *id) out.emplace_back(id);
    g_mime_references_free(refs);
    return out;
}

bool is_ascii_compatible_label(std::string_view cs) {
    return !(istarts_with(cs, "iso-2022") || istarts_with(cs, "utf-7") || istarts_with(cs, "utf-16") ||
             istarts_with(cs, "utf-32") || istarts_with(cs, "hz-gb"));
}

bool is_utf8_label(std::string_view cs) {
    return cs.empty() || iequals(cs, "utf-8") || iequals(cs, "utf8") || iequals(cs, "us-ascii") ||
        iequals(cs, "ascii") || iequals(cs, "ANSI_X3.4-1968");
}

/// Normalise line ends and trim.
std::string tidy(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\r') {
            if (i + 1 < s.size() && s[i + 1] == '\n') continue;
            out += '\n';
            continue;
        }
        out += s[i];
    }
    return std::string(trim(out));
}

/// Everything gathered from one message's MIME tree.
struct Content {
    std::vector<std::string> texts;
    std::vector<std::string> attachments;
    std::size_t bad_base64 = 0;  ///< characters outside the base64 alphabet in base64 text parts (ignored)
};

/// Characters of a base64 body that are neither the alphabet, `=` nor white space (decoders skip them).
std::size_t invalid_base64_chars(GMimeDataWrapper* content) {
    GMimeStream* raw = g_mime_data_wrapper_get_stream(content);
    if (!raw) return 0;
    GPtr<GMimeStream> mem(g_mime_stream_mem_new());
    g_mime_stream_reset(raw);
    g_mime_stream_write_to_stream(raw, mem.get());
    g_mime_stream_reset(raw);
    GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
    if (!array) return 0;
    std::size_t bad = 0;
    for (std::size_t i = 0; i < array->len; ++i) {
        const unsigned char c = array->data[i];
        if (!(is_alnum(static_cast<char>(c)) || c == '+' || c == '/' || c == '=' || c == ' ' || c == '\t' ||
              c == '\r' || c == '\n'))
            ++bad;
    }
    return bad;
}

class Walker {
public:
    explicit Walker(Content& out) : m_out(out) {}

    void walk(GMimeObject* obj, int depth = 0) {
        if (!obj || depth > 32) return;
        if (GMIME_IS_MESSAGE_PART(obj)) {
            GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
            const char* disposition = g_mime_object_get_disposition(obj);
            if (disposition && iequals(disposition, "attachment")) {
                const char* fname = g_mime_object_get_content_disposition_parameter(obj, "filename");
                const char* subject = inner ? g_mime_message_get_subject(inner) : nullptr;
                m_out.attachments.push_back(fname         ? str(fname)
                                                : subject ? collapse_spaces(subject) + ".eml"
                                                          : "unnamed message/rfc822");
                return;
            }
            if (inner) walk(g_mime_message_get_mime_part(inner), depth + 1);
            return;
        }
        if (GMIME_IS_MULTIPART_ENCRYPTED(obj)) {
            m_out.attachments.emplace_back("encrypted message part");
            return;
        }
        if (GMIME_IS_MULTIPART(obj)) {
            GMimeMultipart* mp = GMIME_MULTIPART(obj);
            const int n = g_mime_multipart_get_count(mp);
            GMimeContentType* ct = g_mime_object_get_content_type(obj);
            const char* subtype = ct ? g_mime_content_type_get_media_subtype(ct) : nullptr;
            if (GMIME_IS_MULTIPART_SIGNED(obj) && n > 0) {
                walk(g_mime_multipart_get_part(mp, 0), depth + 1);
                return;
            }
            if (subtype && iequals(subtype, "alternative") && n > 0) {
                walk(best_alternative(mp), depth + 1);
                return;
            }
            for (int i = 0; i < n; ++i) walk(g_mime_multipart_get_part(mp, i), depth + 1);
            if (n == 0) {
                // A broken multipart (no boundary, or none found): GMime keeps the text as its
                // prologue; index it rather than lose the message's body.
                if (const char* prologue = g_mime_multipart_get_prologue(mp))
                    if (std::string t = tidy(prologue); !t.empty()) m_out.texts.push_back(std::move(t));
            }
            return;
        }
        if (GMIME_IS_PART(obj)) leaf(GMIME_PART(obj));
    }

private:
    /// The text/plain child of a multipart/alternative, else a text/html one, else the first.
    static GMimeObject* best_alternative(GMimeMultipart* mp) {
        const int n = g_mime_multipart_get_count(mp);
        GMimeObject* html = nullptr;
        for (int i = 0; i < n; ++i) {
            GMimeObject* child = g_mime_multipart_get_part(mp, i);
            GMimeContentType* ct = g_mime_object_get_content_type(child);
            if (!ct) continue;
            if (g_mime_content_type_is_type(ct, "text", "plain")) return child;
            if (!html && g_mime_content_type_is_type(ct, "text", "html")) html = child;
        }
        if (html) return html;
        // A nested multipart (related) holding the HTML, or whatever comes first.
        return g_mime_multipart_get_part(mp, 0);
    }

    void leaf(GMimePart* part) {
        GMimeObject* obj = GMIME_OBJECT(part);
        GMimeContentType* ct = g_mime_object_get_content_type(obj);
        const bool plain = !ct || g_mime_content_type_is_type(ct, "text", "plain") ||
            g_mime_content_type_is_type(ct, "text", "enriched") || g_mime_content_type_is_type(ct, "text", "richtext");
        const bool html = ct && g_mime_content_type_is_type(ct, "text", "html");
        const char* disposition = g_mime_object_get_disposition(obj);
        const bool attached = disposition && iequals(disposition, "attachment");
        if ((!plain && !html) || attached) {
            std::string name = str(g_mime_part_get_filename(part));
            if (name.empty()) {
                GFree free_it;
                char* type = ct ? g_mime_content_type_get_mime_type(ct) : nullptr;
                name = "unnamed " + (type ? str(type) : std::string("application/octet-stream"));
                free_it(type);
            }
            m_out.attachments.push_back(collapse_spaces(name));
            return;
        }
        if (g_mime_part_get_content_encoding(part) == GMIME_CONTENT_ENCODING_BASE64)
            if (GMimeDataWrapper* content = g_mime_part_get_content(part))
                m_out.bad_base64 += invalid_base64_chars(content);
        std::string text = decode_text(part, ct);
        if (html) text = html_to_text(text);
        text = tidy(text);
        if (!text.empty()) m_out.texts.push_back(std::move(text));
    }

    /// The part's content with its transfer encoding undone, in UTF-8.
    static std::string decode_text(GMimePart* part, GMimeContentType* ct) {
        GMimeDataWrapper* content = g_mime_part_get_content(part);
        if (!content) return {};
        GPtr<GMimeStream> mem(g_mime_stream_mem_new());
        g_mime_data_wrapper_write_to_stream(content, mem.get());
        GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
        const std::string_view bytes = array && array->len > 0
            ? std::string_view(reinterpret_cast<const char*>(array->data), array->len)
            : std::string_view();
        if (bytes.empty()) return {};
        const std::string cs = ct ? str(g_mime_content_type_get_parameter(ct, "charset")) : std::string();
        const GMimeContentEncoding enc = g_mime_part_get_content_encoding(part);
        const bool transfer_encoded = enc == GMIME_CONTENT_ENCODING_BASE64 ||
            enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE || enc == GMIME_CONTENT_ENCODING_UUENCODE;
        DecodedText out;
        // 7bit/8bit text was part of the file the indexer decoded: UTF-8 already, unless its charset
        // is one that hides in ASCII (ISO-2022-JP, UTF-7).
        if (!transfer_encoded && is_ascii_compatible_label(cs)) {
            out = decode_to_utf8(bytes);
            return std::move(out.utf8);
        }
        if (!is_utf8_label(cs) && decode_charset(bytes, cs, out)) return std::move(out.utf8);
        out = decode_to_utf8(bytes);
        return std::move(out.utf8);
    }

    Content& m_out;
};

void push_unique(std::vector<std::string>& v, std::string s) {
    if (s.empty() || std::find(v.begin(), v.end(), s) != v.end()) return;
    v.push_back(std::move(s));
}

class EmailParser final : public Parser {
public:
    EmailParser() { init_gmime(); }

    [[nodiscard]] std::string_view name() const noexcept override { return "email"; }

    void parse(std::string_view path, std::string_view text, DiagnosticSink& diag,
               const DocumentSink& emit) const override {
        parse_messages(path, {text, 1}, diag, emit);
    }

    /// An mbox is cut before `From ` lines that follow a blank line: the separators of any mbox flavour.
    [[nodiscard]] std::vector<TextChunk> split(std::string_view text, std::size_t target) const override {
        if (!looks_like_mbox(text)) return {};
        // Not before the first message: the first chunk is the input's start (a BOM, blank lines).
        const std::size_t first = text.find("From ");
        return cut_chunks(text, target, [text, first](std::size_t from) {
            for (std::size_t nl = text.find("\nFrom ", std::max(from - 1, first + 1)); nl != std::string_view::npos;
                 nl = text.find("\nFrom ", nl + 1)) {
                if (nl >= 1 && (text[nl - 1] == '\n' || (text[nl - 1] == '\r' && nl >= 2 && text[nl - 2] == '\n')))
                    return nl + 1;
            }
            return std::string_view::npos;
        });
    }

    bool parse_chunk(std::string_view path, const TextChunk& chunk, DiagnosticSink& diag, const DocumentSink& emit,
                     const RecordFilter& /*wanted*/) const override {
        return parse_messages(path, chunk, diag, emit);
    }

private:
    /// The messages of a whole input (first_line 1) or of a later chunk of an mbox (split()); false
    /// when GMime gave up on the rest of the input.
    static bool parse_messages(std::string_view path, const TextChunk& chunk, DiagnosticSink& diag,
                               const DocumentSink& emit) {
        const bool whole = chunk.first_line == 1;
        const std::string_view text = whole ? strip_bom(chunk.text) : chunk.text;
        // Leading blank lines would hide an mbox's first "From " line from GMime: start after them.
        std::size_t skip = 0;
        while (skip < text.size() &&
               (text[skip] == '\n' || text[skip] == '\r' || text[skip] == ' ' || text[skip] == '\t'))
            ++skip;
        if (skip == text.size()) {
            diag.warning(std::string(path), 0, "empty file: no e-mail message");
            return true;
        }
        // A later chunk starts with a `From ` line of an mbox, followed by a header or not.
        const bool mbox = !whole || looks_like_mbox(text);
        const LineIndex lines(text);
        const std::string_view body = text.substr(skip);

        GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(body.data(), body.size()));
        GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
        g_mime_parser_set_format(parser.get(), mbox ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);
        std::unique_ptr<GMimeParserOptions, void (*)(GMimeParserOptions*)> options(g_mime_parser_options_new(),
                                                                                   g_mime_parser_options_free);
        WarningLog log;
        g_mime_parser_options_set_warning_callback(options.get(), on_gmime_warning, &log);
        const auto line_of = [&](std::int64_t offset) {
            const std::size_t line = lines.line_at(offset + static_cast<std::int64_t>(skip));
            return line == 0 ? 0 : line + chunk.first_line - 1;
        };

        std::size_t count = whole ? 0 : 1;  // a later chunk: messages came before it
        while (!g_mime_parser_eos(parser.get())) {
            log.items.clear();
            GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options.get()));
            const std::size_t line = mbox ? line_of(g_mime_parser_get_mbox_marker_offset(parser.get())) : 0;
            if (!message) {
                // GMime gives up on the rest of the input: an error unless only white space was left.
                const auto at = static_cast<std::size_t>(std::max<gint64>(0, g_mime_parser_tell(parser.get())));
                const std::string_view rest = body.substr(std::min(body.size(), at));
                const bool gave_up = count == 0 || !is_blank(rest);
                if (gave_up)
                    diag.error(std::string(path), mbox ? std::max<std::size_t>(line, 1) : 1,
                               "not a readable e-mail message: the rest of the file is skipped");
                return !gave_up;
            }
            ++count;
            // Structural warnings, one per kind per message.
            std::set<GMimeParserWarning> said;
            for (const auto& [offset, code] : log.items) {
                const char* what = warning_text(code);
                if (!what || !said.insert(code).second) continue;
                diag.warning(std::string(path), offset >= 0 ? line_of(offset) : line, what);
            }
            GMimeObject* obj = GMIME_OBJECT(message.get());
            GMimeHeaderList* headers = g_mime_object_get_header_list(obj);
            if (!headers || g_mime_header_list_get_count(headers) == 0) {
                diag.error(std::string(path), mbox ? line : 1, "no e-mail header found: message skipped");
                if (!mbox) break;
                continue;
            }
            Document doc;
            doc.path = path;
            doc.line = line;
            doc.type = "email";
            read_message(message.get(), options.get(), doc, path, mbox ? line : 1, diag);
            emit(std::move(doc));
            if (!mbox) break;
        }
        return true;
    }

    static void read_message(GMimeMessage* message, GMimeParserOptions* options, Document& doc, std::string_view path,
                             std::size_t line, DiagnosticSink& diag) {
        GMimeObject* obj = GMIME_OBJECT(message);
        const auto header = [&](const char* name) { return str(g_mime_object_get_header(obj, name)); };

        if (const char* id = g_mime_message_get_message_id(message); id && *id) {
            doc.id = collapse_spaces(id);
        } else if (std::string raw = collapse_spaces(header("Message-ID")); !raw.empty()) {
            std::string_view v = raw;
            if (v.front() == '<') v.remove_prefix(1);
            if (!v.empty() && v.back() == '>') v.remove_suffix(1);
            doc.id = std::string(trim(v));
        }
        doc.subject = collapse_spaces(str(g_mime_message_get_subject(message)));
        doc.title = doc.subject;
        if (const std::string date = collapse_spaces(header("Date")); !date.empty())
            read_date(date, doc, path, line, diag);
        read_people(message, options, doc);
        read_threads(obj, options, doc);
        for (const auto& [name, key] : std::array<std::pair<const char*, const char*>, 3>{
                 {{"Organization", "organization"}, {"X-Folder", "x-folder"}, {"X-Origin", "x-origin"}}})
            if (std::string v = collapse_spaces(header(name)); !v.empty()) doc.meta[key] = std::move(v);
        read_content(message, doc, path, line, diag);
    }

    /// The Date header: Document::date, else (implausible or unreadable) meta["date"] as written.
    static void read_date(const std::string& date, Document& doc, std::string_view path, std::size_t line,
                          DiagnosticSink& diag) {
        std::optional<Date> d = parse_date(date);
        if (!d) {
            if (GDateTime* dt = g_mime_utils_header_decode_date(date.c_str())) {
                d = Date{g_date_time_get_year(dt), g_date_time_get_month(dt), g_date_time_get_day_of_month(dt)};
                g_date_time_unref(dt);
            }
        }
        if (d && d->year < 1970) {
            diag.report({Severity::note, std::string(path), line,
                         fmt::format("implausible e-mail date '{}': kept as text only", date)});
            doc.meta["date"] = date;
        } else if (d) {
            doc.date = d;
        } else {
            diag.warning(std::string(path), line, fmt::format("unrecognized date '{}'", date));
            doc.meta["date"] = date;
        }
    }

    /// The mailboxes of the header of @p type, as "Name <address>", into @p field (X-From style
    /// headers, @p cmu_header, supply names GMime did not find).
    static void read_mailboxes(GMimeMessage* message, GMimeParserOptions* options, GMimeAddressType type,
                               const char* cmu_header, std::vector<std::string>& field) {
        GMimeObject* obj = GMIME_OBJECT(message);
        const auto header = [&](const char* name) { return str(g_mime_object_get_header(obj, name)); };
        std::vector<Mailbox> boxes;
        add_mailboxes(g_mime_message_get_addresses(message, type), boxes);
        // GMime drops addresses it finds invalid (`j..kean@enron.com`): then split the header
        // as written, so that no recipient is lost.
        static constexpr std::array<const char*, 6> names{"From", "Reply-To", "To", "Cc", "Bcc", "Sender"};
        const char* name = type == GMIME_ADDRESS_TYPE_FROM ? names[0]
            : type == GMIME_ADDRESS_TYPE_TO                ? names[2]
            : type == GMIME_ADDRESS_TYPE_CC                ? names[3]
            : type == GMIME_ADDRESS_TYPE_BCC               ? names[4]
                                                           : names[5];
        if (const std::string raw = header(name); !raw.empty()) {
            std::vector<Mailbox> written = cmu_entries(raw);
            if (written.size() > boxes.size()) {
                for (auto& m : written)
                    if (m.name.find("=?") != std::string::npos) {
                        std::unique_ptr<char, GFree> decoded(
                            g_mime_utils_header_decode_phrase(options, m.name.c_str()));
                        if (decoded) m.name = clean_name(decoded.get());
                    }
                boxes = std::move(written);
            }
        }
        if (cmu_header)
            if (const std::string x = header(cmu_header); !x.empty()) fill_names(boxes, cmu_entries(x));
        for (const auto& b : boxes) push_unique(field, format_mailbox(b));
    }

    /// From (else Sender), To, Cc; Bcc goes to meta["bcc"].
    static void read_people(GMimeMessage* message, GMimeParserOptions* options, Document& doc) {
        read_mailboxes(message, options, GMIME_ADDRESS_TYPE_FROM, "X-From", doc.from);
        read_mailboxes(message, options, GMIME_ADDRESS_TYPE_TO, "X-To", doc.to);
        read_mailboxes(message, options, GMIME_ADDRESS_TYPE_CC, "X-cc", doc.cc);
        if (doc.from.empty()) read_mailboxes(message, options, GMIME_ADDRESS_TYPE_SENDER, nullptr, doc.from);
        std::vector<std::string> bcc;
        read_mailboxes(message, options, GMIME_ADDRESS_TYPE_BCC, "X-bcc", bcc);
        if (!bcc.empty()) {
            std::string joined;
            for (const auto& b : bcc) joined += (joined.empty() ? "" : "; ") + b;
            doc.meta["bcc"] = std::move(joined);
        }
    }

    /// Threads: References and In-Reply-To ids, newsgroups.
    static void read_threads(GMimeObject* obj, GMimeParserOptions* options, Document& doc) {
        const auto header = [&](const char* name) { return str(g_mime_object_get_header(obj, name)); };
        std::vector<std::string> refs;
        const std::string in_reply_to = header("In-Reply-To");
        for (auto& id : message_ids(options, header("References").c_str())) push_unique(refs, std::move(id));
        const auto reply_ids = message_ids(options, in_reply_to.c_str());
        for (const auto& id : reply_ids) push_unique(refs, id);
        if (!reply_ids.empty()) doc.meta["in-reply-to"] = reply_ids.front();
        if (!refs.empty()) doc.tags["references"] = std::move(refs);
        if (const std::string groups = header("Newsgroups"); !groups.empty()) {
            std::vector<std::string> list;
            std::size_t pos = 0;
            while (pos <= groups.size()) {
                std::size_t comma = groups.find(',', pos);
                if (comma == std::string::npos) comma = groups.size();
                push_unique(list, std::string(trim(std::string_view(groups).substr(pos, comma - pos))));
                pos = comma + 1;
            }
            if (!list.empty()) doc.tags["newsgroups"] = std::move(list);
        }
    }

    /// The text parts (the body) and the attachments' names.
    static void read_content(GMimeMessage* message, Document& doc, std::string_view path, std::size_t line,
                             DiagnosticSink& diag) {
        Content content;
        Walker(content).walk(g_mime_message_get_mime_part(message));
        for (std::size_t i = 0; i < content.texts.size(); ++i) {
            if (i > 0) doc.body += "\n\n";
            doc.body += content.texts[i];
        }
        if (content.bad_base64 > 0)
            diag.warning(std::string(path), line,
                         fmt::format("invalid base64 in a text part: {} character{} ignored", content.bad_base64,
                                     content.bad_base64 == 1 ? "" : "s"));
        std::vector<std::string> attachments;
        for (auto& a : content.attachments) push_unique(attachments, std::move(a));
        if (!attachments.empty()) doc.tags["attachments"] = std::move(attachments);
    }
};

/// A header line `Name: value` (RFC 5322 field name: printable ASCII but ':'), returning the name.
std::optional<std::string_view> header_name(std::string_view line) {
    const std::size_t colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos || colon > 76) return std::nullopt;
    for (char c : line.substr(0, colon))
        if (c <= 32 || c >= 127) return std::nullopt;
    return line.substr(0, colon);
}

/// Header names that only e-mail and news articles carry (a memo has TO/FROM/DATE/SUBJECT too).
bool is_mail_only_header(std::string_view name) {
    static constexpr std::array<std::string_view, 25> names{"message-id",       "received",
                                                            "return-path",      "mime-version",
                                                            "content-type",     "content-transfer-encoding",
                                                            "delivered-to",     "x-mailer",
                                                            "user-agent",       "in-reply-to",
                                                            "references",       "reply-to",
                                                            "sender",           "path",
                                                            "newsgroups",       "nntp-posting-host",
                                                            "x-from",           "x-to",
                                                            "dkim-signature",   "list-id",
                                                            "x-originating-ip", "thread-topic",
                                                            "organization",     "lines",
                                                            "x-newsreader"};
    for (auto n : names)
        if (iequals(n, name)) return true;
    return false;
}

}  // namespace

namespace detail {

std::unique_ptr<Parser> make_email_parser() { return std::make_unique<EmailParser>(); }

bool looks_like_mbox(std::string_view text) {
    text = strip_bom(text);
    std::size_t i = 0;
    while (i < text.size() && (text[i] == '\n' || text[i] == '\r')) ++i;
    text = text.substr(i);
    if (!text.starts_with("From ")) return false;
    // "From sender date" then a header line: not a headline that starts with "From ".
    std::size_t nl = text.find('\n');
    if (nl == std::string_view::npos) return false;
    const std::string_view first = trim(text.substr(5, nl - 5));
    if (first.empty() || first.find(' ') == std::string_view::npos) return false;
    std::size_t end = text.find('\n', nl + 1);
    if (end == std::string_view::npos) end = text.size();
    return header_name(trim_right(text.substr(nl + 1, end - nl - 1))).has_value();
}

bool looks_like_email(std::string_view text) {
    text = strip_bom(text);
    std::size_t pos = 0, headers = 0;
    bool mail_only = false, from_address = false;
    std::size_t known = 0;
    for (int n = 0; n < 200 && pos < text.size(); ++n) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        const std::string_view line = trim_right(text.substr(pos, nl - pos));
        const bool last = nl == text.size();
        pos = nl + 1;
        if (line.empty()) break;  // end of the header block
        if (line.front() == ' ' || line.front() == '\t') {
            if (headers == 0) return false;
            continue;  // folded continuation
        }
        const auto name = header_name(line);
        if (!name) {
            if (last) break;  // a head cut off in the middle of a line
            return false;
        }
        ++headers;
        mail_only = mail_only || is_mail_only_header(*name);
        for (std::string_view k : {"from", "to", "cc", "subject", "date"}) known += iequals(*name, k);
        if (iequals(*name, "from") && line.find('@') != std::string_view::npos) from_address = true;
    }
    return headers >= 2 && (mail_only || (from_address && known >= 2));
}

}  // namespace detail

}  // namespace newsdex
