/** @file
 * @brief The HTML parser (gumbo, an HTML5-conformant parser): one news page per file.
 *
 * - body: the visible text of the page's main content: the longest `<article>`, else `<main>`, else
 *   `<body>`; `<script>`, `<style>`, `<noscript>`, `<template>`, `<nav>`, `<svg>`, `<iframe>`,
 *   `<form>` controls, comments and `hidden` / `aria-hidden="true"` elements are skipped; block
 *   elements become line or paragraph breaks, white space is folded elsewhere (kept in `<pre>`);
 * - title: `<title>`, else `og:title`, else the first `<h1>`;
 * - date: meta `article:published_time`, `og:published_time`, `datePublished` (itemprop), `date`,
 *   `DC.date`, `DC.date.issued`, `dcterms.date`, `dcterms.created`, `pubdate`, `publishdate`,
 *   `publish-date`, `parsely-pub-date`, `sailthru.date`; else a JSON-LD `datePublished`; else a
 *   `<time pubdate>` / `<time itemprop="datePublished">`, else the first `<time datetime>`;
 *   updated: `article:modified_time`, `og:updated_time`, `dateModified`, `DC.date.modified`;
 * - authors: meta `author`, `article:author` (unless a URL), `DC.creator`, `dcterms.creator`,
 *   `byl` (`By A and B`), `parsely-author`, `sailthru.author`, else JSON-LD `author`;
 * - source: `og:site_name`, else JSON-LD `publisher`; url: `<link rel="canonical">`, else `og:url`;
 * - meta["description"] from `description` / `og:description`; tags["keywords"] from `keywords` /
 *   `news_keywords` (comma-separated).
 * The text is UTF-8 already (the indexer decodes files before parsing). A page with no text at all is
 * a warning; pages over 64 MiB are an error (gumbo's tree would be ten times that).
 */
#include <cstring>
#include <map>

#include <fmt/format.h>
#include <gumbo.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <newsdex/analysis/dates.hpp>
#include <newsdex/ingest/encoding.hpp>

#include "ingest/formats/formats.hpp"
#include "core/text_util.hpp"

namespace newsdex {

namespace {

using namespace detail;

constexpr std::size_t max_html_bytes = 64u << 20;

/// Owns a gumbo parse tree.
class GumboTree {
public:
    explicit GumboTree(std::string_view html) {
        m_options = kGumboDefaultOptions;
        m_options.max_errors = 0;  // do not collect parse errors: tag soup is normal
        m_output = gumbo_parse_with_options(&m_options, html.data(), html.size());
    }
    ~GumboTree() {
        if (m_output) gumbo_destroy_output(&m_options, m_output);
    }
    GumboTree(const GumboTree&) = delete;
    GumboTree& operator=(const GumboTree&) = delete;
    [[nodiscard]] const GumboNode* root() const noexcept { return m_output ? m_output->root : nullptr; }

private:
    GumboOptions m_options{};
    GumboOutput* m_output = nullptr;
};

bool is_element(const GumboNode* n) noexcept { return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE; }

const char* attr(const GumboNode* n, const char* name) noexcept {
    if (!is_element(n)) return nullptr;
    const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : nullptr;
}

/// Elements whose content is never visible text.
bool is_skipped(const GumboNode* n) noexcept {
    if (n->type == GUMBO_NODE_TEMPLATE) return true;
    switch (n->v.element.tag) {
        case GUMBO_TAG_SCRIPT:
        case GUMBO_TAG_STYLE:
        case GUMBO_TAG_NOSCRIPT:
        case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_NAV:
        case GUMBO_TAG_SVG:
        case GUMBO_TAG_MATH:
        case GUMBO_TAG_IFRAME:
        case GUMBO_TAG_OBJECT:
        case GUMBO_TAG_EMBED:
        case GUMBO_TAG_CANVAS:
        case GUMBO_TAG_AUDIO:
        case GUMBO_TAG_VIDEO:
        case GUMBO_TAG_SELECT:
        case GUMBO_TAG_TEXTAREA:
        case GUMBO_TAG_BUTTON:
        case GUMBO_TAG_HEAD:
        case GUMBO_TAG_TITLE:
            return true;
        default:
            break;
    }
    if (attr(n, "hidden")) return true;
    const char* aria = attr(n, "aria-hidden");
    return aria && std::strcmp(aria, "true") == 0;
}

/// 0: inline; 1: a line break around it; 2: a paragraph break around it.
int break_strength(GumboTag tag) noexcept {
    switch (tag) {
        case GUMBO_TAG_BR:
        case GUMBO_TAG_LI:
        case GUMBO_TAG_TR:
        case GUMBO_TAG_DT:
        case GUMBO_TAG_DD:
        case GUMBO_TAG_OPTION:
        case GUMBO_TAG_CAPTION:
            return 1;
        case GUMBO_TAG_P:
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_HEADER:
        case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_MAIN:
        case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_TABLE:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_FIGCAPTION:
        case GUMBO_TAG_ADDRESS:
        case GUMBO_TAG_HR:
        case GUMBO_TAG_FORM:
        case GUMBO_TAG_FIELDSET:
        case GUMBO_TAG_DETAILS:
        case GUMBO_TAG_SUMMARY:
        case GUMBO_TAG_BODY:
            return 2;
        default:
            return 0;
    }
}

/// Accumulates text with folded white space and pending line/paragraph breaks.
class TextBuilder {
public:
    void text(std::string_view s, bool preformatted) {
        for (std::size_t i = 0; i < s.size(); ++i) {
            char c = s[i];
            // A no-break space (U+00A0, `&nbsp;`) is a space in the text.
            if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
                c = ' ';
                ++i;
            }
            if (preformatted) {
                if (c == '\r') continue;
                if (c == '\n') {
                    brk(1);
                    continue;
                }
                flush();
                m_out += c;
                continue;
            }
            if (is_space(c)) {
                if (!m_out.empty() && m_break == 0) m_space = true;
                continue;
            }
            flush();
            m_out += c;
        }
    }
    void brk(int strength) {
        m_space = false;
        if (!m_out.empty()) m_break = std::max(m_break, strength);
    }
    std::string take() { return std::move(m_out); }

private:
    void flush() {
        if (m_break > 0) {
            while (!m_out.empty() && m_out.back() == ' ') m_out.pop_back();
            m_out += m_break >= 2 ? "\n\n" : "\n";
        } else if (m_space) {
            m_out += ' ';
        }
        m_break = 0;
        m_space = false;
    }
    std::string m_out;
    bool m_space = false;
    int m_break = 0;
};

/// The visible text under @p root (iterative: deeply nested pages cannot exhaust the stack).
std::string visible_text(const GumboNode* root) {
    TextBuilder out;
    struct Frame {
        const GumboNode* node;
        unsigned next;
        bool pre;
    };
    std::vector<Frame> stack;
    const auto enter = [&](const GumboNode* n, bool pre) {
        switch (n->type) {
            case GUMBO_NODE_TEXT:
            case GUMBO_NODE_CDATA:
            case GUMBO_NODE_WHITESPACE:
                out.text(n->v.text.text, pre);
                return;
            case GUMBO_NODE_ELEMENT:
            case GUMBO_NODE_TEMPLATE:
                if (is_skipped(n)) return;
                if (const int b = break_strength(n->v.element.tag)) out.brk(b);
                stack.push_back(
                    {n, 0, pre || n->v.element.tag == GUMBO_TAG_PRE || n->v.element.tag == GUMBO_TAG_TEXTAREA});
                return;
            case GUMBO_NODE_DOCUMENT:
                stack.push_back({n, 0, pre});
                return;
            default:
                return;  // comments
        }
    };
    enter(root, false);
    while (!stack.empty()) {
        Frame& f = stack.back();
        const GumboVector& children =
            f.node->type == GUMBO_NODE_DOCUMENT ? f.node->v.document.children : f.node->v.element.children;
        if (f.next < children.length) {
            const auto* child = static_cast<const GumboNode*>(children.data[f.next++]);
            enter(child, f.pre);
            continue;
        }
        if (is_element(f.node))
            if (const int b = break_strength(f.node->v.element.tag)) out.brk(b);
        stack.pop_back();
    }
    return out.take();
}

/// Calls @p fn for every element node under @p root, in document order (iterative).
template <class Fn>
void for_each_element(const GumboNode* root, Fn&& fn) {
    std::vector<std::pair<const GumboNode*, unsigned>> stack{{root, 0}};
    if (is_element(root)) fn(root);
    while (!stack.empty()) {
        auto& [node, next] = stack.back();
        const GumboVector* children = node->type == GUMBO_NODE_DOCUMENT ? &node->v.document.children
            : is_element(node)                                          ? &node->v.element.children
                                                                        : nullptr;
        if (!children || next >= children->length) {
            stack.pop_back();
            continue;
        }
        const auto* child = static_cast<const GumboNode*>(children->data[next++]);
        if (!is_element(child)) continue;
        fn(child);
        stack.emplace_back(child, 0);
    }
}

/// What the page says about itself: meta tags, links, JSON-LD, time elements, title, h1.
struct PageInfo {
    std::map<std::string, std::string> meta;  ///< lower-cased name/property/itemprop -> first content
    std::string title, h1, canonical, time_pub, time_first;
    std::vector<std::string> json_ld;
    std::vector<const GumboNode*> articles;
    const GumboNode* main = nullptr;
    const GumboNode* body = nullptr;
};

std::string element_text(const GumboNode* n) {
    // <title> is skipped by visible_text; read its text children directly.
    std::string s;
    for (unsigned i = 0; i < n->v.element.children.length; ++i) {
        const auto* c = static_cast<const GumboNode*>(n->v.element.children.data[i]);
        if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE || c->type == GUMBO_NODE_CDATA)
            s += c->v.text.text;
    }
    return s;
}

PageInfo inspect(const GumboNode* root) {
    PageInfo p;
    for_each_element(root, [&](const GumboNode* n) {
        switch (n->v.element.tag) {
            case GUMBO_TAG_META: {
                const char* content = attr(n, "content");
                if (!content) break;
                for (const char* key : {"name", "property", "itemprop", "http-equiv"})
                    if (const char* k = attr(n, key)) p.meta.emplace(ascii_lower(k), content);
                break;
            }
            case GUMBO_TAG_LINK: {
                const char* rel = attr(n, "rel");
                const char* href = attr(n, "href");
                if (rel && href && p.canonical.empty() && ascii_lower(rel) == "canonical") p.canonical = href;
                break;
            }
            case GUMBO_TAG_TITLE:
                if (p.title.empty()) p.title = collapse_spaces(element_text(n));
                break;
            case GUMBO_TAG_H1:
                if (p.h1.empty()) p.h1 = collapse_spaces(visible_text(n));
                break;
            case GUMBO_TAG_TIME: {
                const char* dt = attr(n, "datetime");
                if (!dt) break;
                const char* itemprop = attr(n, "itemprop");
                if (p.time_pub.empty() &&
                    (attr(n, "pubdate") || (itemprop && ascii_lower(itemprop) == "datepublished")))
                    p.time_pub = dt;
                if (p.time_first.empty()) p.time_first = dt;
                break;
            }
            case GUMBO_TAG_SCRIPT: {
                const char* type = attr(n, "type");
                if (type && ascii_lower(type) == "application/ld+json") p.json_ld.push_back(element_text(n));
                break;
            }
            case GUMBO_TAG_ARTICLE:
                p.articles.push_back(n);
                break;
            case GUMBO_TAG_MAIN:
                if (!p.main) p.main = n;
                break;
            case GUMBO_TAG_BODY:
                if (!p.body) p.body = n;
                break;
            default:
                break;
        }
    });
    return p;
}

/// The first JSON-LD object describing an article (NewsArticle, Article, ReportageNewsArticle...).
nlohmann::json json_ld_article(const std::vector<std::string>& scripts) {
    std::vector<nlohmann::json> queue;
    for (const auto& s : scripts) {
        auto j = nlohmann::json::parse(s, nullptr, false);
        if (!j.is_discarded()) queue.push_back(std::move(j));
    }
    for (std::size_t i = 0; i < queue.size() && i < 256; ++i) {
        const nlohmann::json j = queue[i];
        if (j.is_array()) {
            for (const auto& e : j) queue.push_back(e);
            continue;
        }
        if (!j.is_object()) continue;
        if (auto g = j.find("@graph"); g != j.end() && g->is_array())
            for (const auto& e : *g) queue.push_back(e);
        if (auto t = j.find("@type"); t != j.end()) {
            const auto is_article = [](const nlohmann::json& v) {
                return v.is_string() && v.get<std::string>().find("Article") != std::string::npos;
            };
            bool article = is_article(*t);
            if (t->is_array())
                for (const auto& e : *t) article = article || is_article(e);
            if (article) return j;
        }
    }
    return nlohmann::json::object();
}

/// The names in a JSON-LD author / publisher value (string, object with name, or a list of them).
std::vector<std::string> json_ld_names(const nlohmann::json& v) {
    std::vector<std::string> out;
    if (v.is_string()) out.push_back(v.get<std::string>());
    if (v.is_object())
        if (auto n = v.find("name"); n != v.end() && n->is_string()) out.push_back(n->get<std::string>());
    if (v.is_array())
        for (const auto& e : v)
            for (auto& n : json_ld_names(e)) out.push_back(std::move(n));
    return out;
}

std::string json_ld_string(const nlohmann::json& j, const char* key) {
    if (auto it = j.find(key); it != j.end() && it->is_string()) return it->get<std::string>();
    return {};
}

bool is_url(std::string_view s) {
    return istarts_with(s, "http://") || istarts_with(s, "https://") || istarts_with(s, "//");
}

/**
 * @p s as valid UTF-8: gumbo can output invalid sequences for valid input (a numeric character
 * reference past int range such as `&#0043064666885380141;` overflows in its decoder; found by
 * fuzz_html), so every string taken from its tree is checked, and repaired (ill-formed bytes become
 * U+FFFD) in the rare case it needs it.
 */
void make_valid_utf8(std::string& s) {
    if (simdjson::validate_utf8(s.data(), s.size())) return;
    DecodedText t;
    if (decode_charset(s, "UTF-8", t)) s = std::move(t.utf8);
}

void make_valid_utf8(Document& doc) {
    for (std::string* f : {&doc.title, &doc.source, &doc.url, &doc.body}) make_valid_utf8(*f);
    for (std::string& a : doc.authors) make_valid_utf8(a);
    for (auto& [k, v] : doc.meta) make_valid_utf8(v);
    for (auto& [k, vs] : doc.tags)
        for (std::string& v : vs) make_valid_utf8(v);
}

/// The first of the page's meta tags @p keys that is not blank, white space collapsed ("" if none).
std::string meta_value(const PageInfo& page, std::initializer_list<const char*> keys) {
    for (const char* k : keys)
        if (auto it = page.meta.find(k); it != page.meta.end() && !is_blank(it->second))
            return collapse_spaces(it->second);
    return {};
}

/// Published and modified dates: meta tags, JSON-LD, <time>.
void read_dates(const PageInfo& page, const nlohmann::json& article, Document& doc, std::string_view path,
                DiagnosticSink& diag) {
    const std::string published =
        meta_value(page,
                   {"article:published_time", "og:published_time", "datepublished", "date", "dc.date", "dc.date.issued",
                    "dcterms.date", "dcterms.issued", "dcterms.created", "pubdate", "publishdate", "publish-date",
                    "parsely-pub-date", "sailthru.date"});
    for (const std::string& candidate :
         {published, json_ld_string(article, "datePublished"), page.time_pub, page.time_first}) {
        if (candidate.empty()) continue;
        if (auto d = parse_date(candidate)) {
            doc.date = d;
            break;
        }
        diag.warning(std::string(path), 0, fmt::format("unrecognized date '{}' in the page's metadata", candidate));
    }
    const std::string modified = meta_value(page,
                                            {"article:modified_time", "og:updated_time", "datemodified",
                                             "dc.date.modified", "dcterms.modified", "last-modified"});
    for (const std::string& candidate : {modified, json_ld_string(article, "dateModified")})
        if (auto d = candidate.empty() ? std::nullopt : parse_date(candidate)) {
            doc.updated = d;
            break;
        }
}

/// Authors: the byline of the meta tags, else JSON-LD's author names.
void read_authors(const PageInfo& page, const nlohmann::json& article, Document& doc) {
    std::string byline =
        meta_value(page, {"author", "dc.creator", "dcterms.creator", "byl", "parsely-author", "sailthru.author"});
    if (byline.empty())
        if (std::string a = meta_value(page, {"article:author"}); !is_url(a)) byline = a;
    if (!byline.empty()) {
        std::string_view b = byline;
        if (istarts_with(b, "by ")) b.remove_prefix(3);
        doc.authors = split_people(b);
    } else if (auto it = article.find("author"); it != article.end()) {
        for (auto& name : json_ld_names(*it))
            if (!is_blank(name) && !is_url(name)) doc.authors.push_back(collapse_spaces(name));
    }
}

/// The keywords of a `keywords` meta tag (separated by `,` or `;`).
std::vector<std::string> keyword_list(std::string_view k) {
    std::vector<std::string> words;
    std::size_t pos = 0;
    while (pos <= k.size()) {
        std::size_t comma = k.find_first_of(",;", pos);
        if (comma == std::string::npos) comma = k.size();
        if (std::string w = collapse_spaces(k.substr(pos, comma - pos)); !w.empty()) words.push_back(std::move(w));
        pos = comma + 1;
    }
    return words;
}

/// The body: the longest <article>, else <main>, else <body>, else the whole tree.
std::string page_body(const PageInfo& page, const GumboNode* root) {
    std::string best;
    for (const GumboNode* a : page.articles) {
        std::string t = visible_text(a);
        if (t.size() > best.size()) best = std::move(t);
    }
    if (best.empty() && page.main) best = visible_text(page.main);
    if (best.empty()) best = visible_text(page.body ? page.body : root);
    return std::string(trim(best));
}

class HtmlParser final : public Parser {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "html"; }

    void parse(std::string_view path, std::string_view text, DiagnosticSink& diag,
               const DocumentSink& emit) const override {
        text = strip_bom(text);
        if (text.size() > max_html_bytes) {
            diag.error(std::string(path), 0,
                       fmt::format("HTML page of {} MB is larger than the {} MB limit: skipped", text.size() >> 20,
                                   max_html_bytes >> 20));
            return;
        }
        const GumboTree tree(text);
        if (!tree.root()) {
            diag.error(std::string(path), 0, "HTML could not be parsed: skipped");
            return;
        }
        const PageInfo page = inspect(tree.root());
        const nlohmann::json article = json_ld_article(page.json_ld);

        Document doc;
        doc.path = path;
        doc.type = "news";
        doc.title = page.title;
        if (doc.title.empty()) doc.title = meta_value(page, {"og:title", "twitter:title", "title"});
        if (doc.title.empty()) doc.title = collapse_spaces(json_ld_string(article, "headline"));
        if (doc.title.empty()) doc.title = page.h1;
        read_dates(page, article, doc, path, diag);
        read_authors(page, article, doc);
        doc.source = meta_value(page, {"og:site_name", "application-name"});
        if (doc.source.empty())
            if (auto it = article.find("publisher"); it != article.end())
                if (auto names = json_ld_names(*it); !names.empty()) doc.source = collapse_spaces(names.front());
        doc.url = page.canonical.empty() ? meta_value(page, {"og:url"}) : page.canonical;
        if (std::string d = meta_value(page, {"description", "og:description", "twitter:description"}); !d.empty())
            doc.meta["description"] = std::move(d);
        if (std::string k = meta_value(page, {"news_keywords", "keywords"}); !k.empty())
            if (std::vector<std::string> words = keyword_list(k); !words.empty())
                doc.tags["keywords"] = std::move(words);
        doc.body = page_body(page, tree.root());

        if (doc.title.empty() && doc.body.empty()) {
            diag.warning(std::string(path), 0, "HTML page without title or visible text: skipped");
            return;
        }
        make_valid_utf8(doc);
        emit(std::move(doc));
    }
};

}  // namespace

namespace detail {

std::unique_ptr<Parser> make_html_parser() { return std::make_unique<HtmlParser>(); }

std::string html_to_text(std::string_view html) {
    if (html.size() > max_html_bytes) html = html.substr(0, max_html_bytes);
    const GumboTree tree(html);
    if (!tree.root()) return {};
    const GumboNode* body = nullptr;
    for_each_element(tree.root(), [&](const GumboNode* n) {
        if (!body && n->v.element.tag == GUMBO_TAG_BODY) body = n;
    });
    std::string text(trim(visible_text(body ? body : tree.root())));
    make_valid_utf8(text);
    return text;
}

}  // namespace detail

}  // namespace newsdex
