// `migration-name`: a migration name deviates from the folder's naming scheme
// (or from migrations.name_pattern). The folder reader finds a down named
// differently from its up and asks this file to word it
// (halves_named_differently_finding).
#include <cctype>
#include <functional>
#include <map>

#include "analyzer/engine/registry.h"
#include "analyzer/migrations/reader_findings.h"
#include "analyzer/migrations/section_span.h"
#include "rules/folder/folder_checks.h"
#include "rules/support/folder_support.h"

namespace miglint {
namespace {

const RuleMeta kMeta{"migration-name", Severity::Warning, "a migration name deviates from the folder's naming scheme",
                     "folder"};

// ---- naming schemes ----------------------------------------------------------

bool is_diesel_version(const std::string& v) {
  // YYYY-MM-DD-HHMMSS, optionally -N (every version of a folder is checked:
  // a character loop, not a regular expression compiled for it).
  const auto digits = [&](size_t at, size_t n) {
    if (at + n > v.size()) return false;
    for (size_t i = at; i < at + n; ++i)
      if (!std::isdigit(static_cast<unsigned char>(v[i]))) return false;
    return true;
  };
  if (!(digits(0, 4) && v.size() > 4 && v[4] == '-' && digits(5, 2) && v.size() > 7 && v[7] == '-' && digits(8, 2) &&
        v.size() > 10 && v[10] == '-' && digits(11, 6)))
    return false;
  if (v.size() == 17) return true;
  return v[17] == '-' && v.size() > 18 && digits(18, v.size() - 18);
}

std::string version_class(const std::string& v) {
  if (v.empty()) return {};
  if (is_diesel_version(v)) return "YYYY-MM-DD-HHMMSS timestamps";
  if (v.find_first_of("._") != std::string::npos) return "dotted versions";
  if (v.size() >= 8) return std::to_string(v.size()) + "-digit versions";
  if (v[0] == '0' && v.size() > 1) return "zero-padded " + std::to_string(v.size()) + "-digit versions";
  return "unpadded sequence numbers";
}

bool version_compatible(const std::string& v, const std::string& cls, const std::string& dominant) {
  if (cls == dominant) return true;
  // 1000 after 0999 keeps the padded width without a leading zero.
  if (cls == "unpadded sequence numbers" && dominant == "zero-padded " + std::to_string(v.size()) + "-digit versions")
    return true;
  return false;
}

std::string name_class(const std::string& n) {
  if (n.empty()) return {};
  bool upper = false, lower_c = false, under = false, dash = false, space = false, other = false;
  for (char c : n) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isupper(u)) upper = true;
    else if (std::islower(u)) lower_c = true;
    else if (c == '_') under = true;
    else if (c == '-') dash = true;
    else if (c == ' ') space = true;
    else if (!std::isdigit(u)) other = true;
  }
  (void)lower_c;
  if (space) return "words with spaces";
  if (upper) return "CamelCase";
  if (other) return {};
  if (under && dash) return "mixed - and _";
  if (dash) return "kebab-case";
  if (under) return "snake_case";
  return "single word";
}

bool name_compatible(const std::string& cls, const std::string& dominant) {
  if (cls == dominant) return true;
  // A single lowercase word fits snake_case and kebab-case alike.
  if (cls == "single word") return dominant == "snake_case" || dominant == "kebab-case";
  if (dominant == "single word") return cls == "snake_case" || cls == "kebab-case";
  return false;
}

struct Deviation {
  size_t index;
  std::string cls, dominant;
  size_t dominant_count, total;
};

// Indices whose class deviates from a clear majority, and only rare classes.
std::vector<Deviation> deviations(const std::vector<std::string>& classes,
                                  const std::function<bool(size_t, const std::string&)>& compatible) {
  std::map<std::string, size_t> counts;
  size_t total = 0;
  for (const std::string& c : classes)
    if (!c.empty()) ++counts[c], ++total;
  if (total < 3) return {};
  std::string dominant;
  size_t best = 0;
  for (auto& [c, n] : counts)
    if (n > best) best = n, dominant = c;
  size_t matching = 0;
  std::map<std::string, size_t> deviant_counts;
  for (size_t i = 0; i < classes.size(); ++i) {
    if (classes[i].empty()) continue;
    if (compatible(i, dominant)) ++matching;
    else ++deviant_counts[classes[i]];
  }
  if (matching * 3 < total * 2) return {};
  std::vector<Deviation> out;
  for (size_t i = 0; i < classes.size(); ++i) {
    if (classes[i].empty() || compatible(i, dominant)) continue;
    if (deviant_counts[classes[i]] > std::max<size_t>(1, total / 10)) continue;
    out.push_back({i, classes[i], dominant, matching, total});
  }
  return out;
}

}  // namespace

std::vector<Diagnostic> check_migration_name(const MigrationFolder& folder, const Config& cfg) {
  std::vector<Diagnostic> out;
  std::vector<const Migration*> ms;
  for (const Migration& m : folder.migrations)
    if (!m.repeatable) ms.push_back(&m);

  if (cfg.name_pattern) {
    for (const Migration* m : ms) {
      const std::string_view stem = migration_stem(*m, *folder.layout);
      if (cfg.name_pattern->search(stem)) continue;
      out.push_back(finding(kMeta, file_start_span(m->primary_file()),
                            "migration name '" + std::string(stem) + "' does not match migrations.name_pattern '" +
                                cfg.name_pattern->text() + "'",
                            "rename the migration (only if it has not been applied anywhere yet)"));
    }
    return out;
  }

  std::vector<std::string> vclasses, nclasses;
  for (const Migration* m : ms) {
    vclasses.push_back(version_class(m->version));
    nclasses.push_back(name_class(m->name));
  }
  std::map<size_t, std::vector<std::string>> reasons;
  for (const Deviation& d : deviations(vclasses, [&](size_t i, const std::string&dom) {
         return version_compatible(ms[i]->version, vclasses[i], dom);
       }))
    reasons[d.index].push_back("version " + ms[d.index]->version + " is one of the " + d.cls + " where " +
                               std::to_string(d.dominant_count) + " of " + std::to_string(d.total) +
                               " migrations use " + d.dominant);
  for (const Deviation& d :
       deviations(nclasses, [&](size_t i, const std::string&dom) { return name_compatible(nclasses[i], dom); }))
    reasons[d.index].push_back("name '" + ms[d.index]->name + "' is " + d.cls + " where " +
                               std::to_string(d.dominant_count) + " of " + std::to_string(d.total) +
                               " migrations use " + d.dominant);
  for (auto& [i, rs] : reasons) {
    std::string msg = "migration '" + std::string(migration_stem(*ms[i], *folder.layout)) +
                      "' deviates from the folder's naming scheme: ";
    for (size_t k = 0; k < rs.size(); ++k) msg += (k ? "; " : "") + rs[k];
    out.push_back(finding(kMeta, file_start_span(ms[i]->primary_file()), msg,
                          "follow the folder's convention, or set migrations.name_pattern in miglint.toml"));
  }
  return out;
}

Diagnostic halves_named_differently_finding(const std::string& down_file, std::string_view down_name,
                                            const std::string& up_file, std::string_view up_version,
                                            std::string_view up_name) {
  Span down, up;
  down.path = down_file;
  up.path = up_file;
  Diagnostic d = finding(kMeta, down,
                         "down migration is named '" + std::string(down_name) + "' but its up (version " +
                             std::string(up_version) + ") is named '" + std::string(up_name) + "'",
                         "give both halves of a migration the same name");
  d.notes.push_back({up, "the up migration"});
  return d;
}

std::unique_ptr<Rule> make_migration_name() { return std::make_unique<FolderCheckRule>(kMeta, &check_migration_name); }

}  // namespace miglint
