#include "analyzer/diag/baseline.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>

#include "analyzer/source/file_io.h"
#include "analyzer/source/sha256.h"
#include "analyzer/source/strings.h"

namespace miglint {
namespace {

// The trimmed text of the lines the span starts and stops on, and those between.
std::string covered_lines(const std::string& text, const Span& span) {
  uint32_t first = std::max<uint32_t>(span.start.line, 1);
  uint32_t last = std::max(span.stop.line, first);
  std::string out;
  uint32_t line = 1;
  size_t pos = 0;
  while (pos <= text.size() && line <= last) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string::npos ? text.size() : nl;
    if (line >= first) {
      out += trim_chars(std::string_view(text).substr(pos, end - pos), " \t\r");
      out += '\n';
    }
    if (nl == std::string::npos) break;
    pos = nl + 1;
    ++line;
  }
  return out;
}

}  // namespace

TextLookup disk_text_lookup() {
  auto cache = std::make_shared<std::map<std::string, std::optional<std::string>>>();
  return [cache](const std::string& path) -> std::optional<std::string> {
    auto it = cache->find(path);
    if (it != cache->end()) return it->second;
    std::string bytes;
    std::optional<std::string> r;
    if (read_file_bytes(path, bytes)) r = std::move(bytes);
    return cache->emplace(path, std::move(r)).first->second;
  };
}

std::vector<Baseline::Key> Baseline::keys(const std::vector<Diagnostic>& diags, const TextLookup& text) {
  std::vector<Key> out(diags.size());
  for (size_t i = 0; i < diags.size(); ++i) {
    const Diagnostic& d = diags[i];
    std::optional<std::string> t = text ? text(d.span.path) : std::nullopt;
    std::string lines = t ? covered_lines(*t, d.span) : std::string();
    out[i] = Key{d.rule, d.span.path, sha256_hex(lines).substr(0, 16), 0};
  }
  // Occurrence index among equal keys, in report order (not input order).
  std::vector<size_t> order(diags.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return diagnostic_less(diags[a], diags[b]); });
  std::map<std::tuple<std::string, std::string, std::string>, size_t> seen;
  for (size_t i : order) out[i].index = seen[{out[i].rule, out[i].path, out[i].line_hash}]++;
  return out;
}

Baseline Baseline::from_diagnostics(const std::vector<Diagnostic>& diags, const TextLookup& text) {
  Baseline b;
  std::vector<Key> ks = keys(diags, text);
  for (size_t i = 0; i < diags.size(); ++i) b.entries_.push_back({ks[i], diags[i].message});
  std::sort(b.entries_.begin(), b.entries_.end(), [](const Entry& a, const Entry& c) { return a.key < c.key; });
  return b;
}

std::string Baseline::to_json() const {
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const Entry& e : entries_)
    findings.push_back({{"rule", e.key.rule},
                        {"path", e.key.path},
                        {"line_hash", e.key.line_hash},
                        {"index", e.key.index},
                        {"message", e.message}});
  nlohmann::ordered_json j = {{"version", 1}, {"findings", std::move(findings)}};
  return j.dump(2) + "\n";
}

void Baseline::save(const std::filesystem::path& file) const {
  std::ofstream f(file, std::ios::binary | std::ios::trunc);
  std::string text = to_json();
  f.write(text.data(), static_cast<std::streamsize>(text.size()));
  f.close();
  if (!f) throw BaselineError("cannot write baseline " + file.string());
}

Baseline Baseline::load(const std::filesystem::path& file) {
  std::string text, err;
  if (!read_file_bytes(file, text, &err)) throw BaselineError("cannot read baseline " + file.string() + ": " + err);
  Baseline b;
  try {
    nlohmann::json j = nlohmann::json::parse(text);
    if (!j.is_object() || j.value("version", 0) != 1 || !j.contains("findings") || !j["findings"].is_array())
      throw BaselineError(file.string() +
                          " is not a miglint baseline (expected {\"version\": 1, \"findings\": [...]})");
    for (const auto& f : j["findings"]) {
      Entry e;
      e.key.rule = f.at("rule").get<std::string>();
      e.key.path = f.at("path").get<std::string>();
      e.key.line_hash = f.at("line_hash").get<std::string>();
      e.key.index = f.at("index").get<size_t>();
      if (f.contains("message") && f["message"].is_string()) e.message = f["message"].get<std::string>();
      b.entries_.push_back(std::move(e));
    }
  } catch (const nlohmann::json::exception& e) {
    throw BaselineError("invalid baseline " + file.string() + ": " + e.what());
  }
  return b;
}

std::vector<Diagnostic> Baseline::filter(const std::vector<Diagnostic>& diags, const TextLookup& text) const {
  std::set<Key> known;
  for (const Entry& e : entries_) known.insert(e.key);
  std::vector<Key> ks = keys(diags, text);
  std::vector<Diagnostic> out;
  for (size_t i = 0; i < diags.size(); ++i)
    if (!known.count(ks[i])) out.push_back(diags[i]);
  return out;
}

}  // namespace miglint
