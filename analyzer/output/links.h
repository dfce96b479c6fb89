// Addresses shared by the CI formats and the language server: rule pages,
// file URIs, and the LSP shape of a diagnostic.
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "analyzer/diag/diagnostic.h"

namespace miglint {

inline constexpr std::string_view kHomepage = "https://miglint.dev";

// Where each rule's page is: `{id}` stands for the rule id. The repository's
// docs/rules/<id>.md by default; `rules.doc_url` in miglint.toml sets
// another (an internal mirror).
inline constexpr std::string_view kDefaultRuleDocUrl =
    "https://github.com/miglint/miglint/blob/main/docs/rules/{id}.md";
// The one place a rule's documentation URL is built.
std::string rule_doc_url(std::string_view id);
// Sets the template rule_doc_url fills in (empty: the default). Safe while
// other threads build URLs.
void set_rule_doc_url(const std::string& url_template);
// `text` as an OSC 8 hyperlink to `url` (terminals that do not know OSC 8
// show the text alone).
std::string terminal_link(std::string_view url, std::string_view text);

// Percent-encodes everything but RFC 3986 unreserved characters and '/'.
std::string percent_encode_path(std::string_view path);
// file:///abs/path for a path (made absolute against the working directory).
std::string file_uri(const std::filesystem::path& path);
// The local path of a file:// URI; nullopt for other schemes or bad escapes.
std::optional<std::filesystem::path> uri_to_path(std::string_view uri);

// Replaces invalid UTF-8 with U+FFFD so XML and JSON consumers never choke.
std::string valid_utf8(std::string_view s);

enum class PositionEncoding { Utf16, Utf8 };

// The source a span points into, when it is known (needed for UTF-8 columns).
using SourceLookup = std::function<const SourceFile*(const std::string& path)>;

// LSP Range of a span: 0-based lines, characters in the negotiated encoding.
nlohmann::json lsp_range(const Span& span, PositionEncoding enc, const SourceLookup& lookup);
// An LSP Diagnostic: range, severity, code, codeDescription, source, message
// (with help), relatedInformation for notes.
nlohmann::json lsp_diagnostic(const Diagnostic& d, PositionEncoding enc, const SourceLookup& lookup);

}  // namespace miglint
