// missing-down, missing-up, version-collision, migration-name,
// empty-migration, version-order.
#include "analyzer/migrations/folder_rules.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>

#include "analyzer/migrations/layout.h"
#include "analyzer/migrations/section_span.h"
#include "analyzer/source/display_path.h"

namespace fs = std::filesystem;

namespace miglint {
namespace {

Diagnostic diag(const char* rule, Severity sev, Span span, std::string message, std::string help = {}) {
  Diagnostic d;
  d.rule = rule;
  d.severity = sev;
  d.span = std::move(span);
  d.message = std::move(message);
  d.help = std::move(help);
  return d;
}

std::string label(const Migration& m) {
  if (m.repeatable) return "repeatable migration '" + m.name + "'";
  return "migration " + m.version + (m.name.empty() ? "" : " (" + m.name + ")");
}

}  // namespace

std::vector<Diagnostic> check_missing_down(const MigrationFolder& folder) {
  std::vector<Diagnostic> out;
  const LayoutKind& kind = layout_kind(folder.layout);
  if (kind.downs() == LayoutKind::Downs::None) return out;
  if (kind.downs() == LayoutKind::Downs::WhenUsed &&
      std::none_of(folder.migrations.begin(), folder.migrations.end(), [](const Migration& m) { return m.down.has_value(); }))
    return out;
  for (const Migration& m : folder.migrations) {
    if (!m.up || m.down || m.repeatable) continue;
    out.push_back(diag("missing-down", Severity::Warning, section_span(*m.up), label(m) + " has an up but no down",
                       kind.missing_down_help(m) + ", or mark it irreversible with an empty down"));
  }
  return out;
}

std::vector<Diagnostic> check_missing_up(const MigrationFolder& folder) {
  std::vector<Diagnostic> out;
  for (const Migration& m : folder.migrations) {
    if (m.up || !m.down) continue;
    out.push_back(diag("missing-up", Severity::Error, section_span(*m.down), label(m) + " has a down but no up",
                       "the runner never applies a down without its up; add the up or remove the down"));
  }
  return out;
}

std::vector<Diagnostic> check_version_collision(const MigrationFolder& folder) {
  std::vector<Diagnostic> out;
  std::map<VersionKey, std::vector<const Migration*>> by_key;
  for (const Migration& m : folder.migrations)
    if (!m.repeatable) by_key[m.key].push_back(&m);
  for (auto& [key, ms] : by_key) {
    if (ms.size() < 2) continue;
    for (const Migration* m : ms) {
      std::string others;
      Diagnostic d = diag("version-collision", Severity::Error, file_start_span(m->primary_file()), "", 
                          "give each migration its own version; runners refuse or silently skip duplicates");
      for (const Migration* o : ms) {
        if (o == m) continue;
        if (!others.empty()) others += ", ";
        others += display_path(o->primary_file());
        d.notes.push_back({file_start_span(o->primary_file()), "also version " + o->version + " here"});
      }
      d.message = "version " + m->version + " of " + display_path(m->primary_file()) + " is also used by " + others;
      out.push_back(std::move(d));
    }
  }
  return out;
}

namespace {

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
    if (compatible(i, dominant))
      ++matching;
    else
      ++deviant_counts[classes[i]];
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
    std::regex re;
    try {
      re = std::regex(*cfg.name_pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      out.push_back(diag("migration-name", Severity::Warning, file_start_span(folder.dir),
                         "migrations.name_pattern is not a valid regular expression: " + std::string(e.what())));
      return out;
    }
    for (const Migration* m : ms) {
      const std::string_view stem = migration_stem(*m, folder.layout);
      if (std::regex_search(stem.begin(), stem.end(), re)) continue;
      out.push_back(diag("migration-name", Severity::Warning, file_start_span(m->primary_file()),
                         "migration name '" + std::string(stem) + "' does not match migrations.name_pattern '" +
                             *cfg.name_pattern + "'",
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
  for (const Deviation& d : deviations(vclasses, [&](size_t i, const std::string& dom) {
         return version_compatible(ms[i]->version, vclasses[i], dom);
       }))
    reasons[d.index].push_back("version " + ms[d.index]->version + " is one of the " + d.cls + " where " +
                               std::to_string(d.dominant_count) + " of " + std::to_string(d.total) +
                               " migrations use " + d.dominant);
  for (const Deviation& d :
       deviations(nclasses, [&](size_t i, const std::string& dom) { return name_compatible(nclasses[i], dom); }))
    reasons[d.index].push_back("name '" + ms[d.index]->name + "' is " + d.cls + " where " +
                               std::to_string(d.dominant_count) + " of " + std::to_string(d.total) +
                               " migrations use " + d.dominant);
  for (auto& [i, rs] : reasons) {
    std::string msg = "migration '" + std::string(migration_stem(*ms[i], folder.layout)) + "' deviates from the folder's naming scheme: ";
    for (size_t k = 0; k < rs.size(); ++k) msg += (k ? "; " : "") + rs[k];
    out.push_back(diag("migration-name", Severity::Warning, file_start_span(ms[i]->primary_file()), msg,
                       "follow the folder's convention, or set migrations.name_pattern in miglint.toml"));
  }
  return out;
}

std::vector<Diagnostic> check_empty_migration(const MigrationFolder& folder, const HasStatements& has_statements) {
  std::vector<Diagnostic> out;
  auto unreadable = [&](const Section& s) {
    return std::find(folder.unreadable.begin(), folder.unreadable.end(), s.file) != folder.unreadable.end();
  };
  for (const Migration& m : folder.migrations) {
    for (bool up : {true, false}) {
      const std::optional<Section>& s = up ? m.up : m.down;
      if (!s || unreadable(*s) || has_statements(m, up)) continue;
      out.push_back(diag("empty-migration", Severity::Warning, section_span(*s),
                         std::string(up ? "up" : "down") + " of " + label(m) + " has no statements",
                         up ? "an empty up records a version without changing anything; add the statements or "
                              "remove the migration"
                            : "an empty down silently does nothing on rollback; write the inverse, or say in a "
                              "comment why the migration is irreversible"));
    }
  }
  return out;
}

std::vector<Diagnostic> check_version_order(const MigrationFolder& folder, const GitChanges& changes) {
  std::vector<Diagnostic> out;
  // Versions that existed at the ref, including migrations deleted since.
  std::error_code ec;
  fs::path root = fs::weakly_canonical(folder.dir, ec);
  if (ec) root = folder.dir.lexically_normal();
  std::optional<VersionKey> newest;
  std::string newest_version;
  std::optional<fs::path> newest_file;
  for (const fs::path& p : changes.existed) {
    fs::path rel = p.lexically_relative(root);
    if (rel.empty() || *rel.begin() == "..") continue;
    std::optional<std::pair<std::string, VersionKey>> v = version_from_relative_path(rel, folder.layout);
    if (!v) continue;
    if (!newest || v->second > *newest) {
      newest = v->second;
      newest_version = v->first;
      newest_file = p;
    }
  }
  if (!newest) return out;
  for (const Migration& m : folder.migrations) {
    if (m.repeatable || changes.existed_at_ref(m) || !changes.touches(m)) continue;
    if (m.key > *newest) continue;
    Diagnostic d = diag("version-order", Severity::Error, file_start_span(m.primary_file()),
                        label(m) + " was added since " + changes.ref + " but its version is not newer than " +
                            newest_version + ", which already existed there",
                        "databases that already applied " + newest_version +
                            " may skip it or apply it out of order; give it a version newer than every existing "
                            "migration");
    std::error_code e2;
    if (newest_file && fs::exists(*newest_file, e2))
      d.notes.push_back({file_start_span(*newest_file), "the newest migration at " + changes.ref});
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<Diagnostic> check_folder(const MigrationFolder& folder, const Config& cfg) {
  std::vector<Diagnostic> out = folder.diagnostics;
  for (auto* part : {&check_missing_down, &check_missing_up, &check_version_collision, &check_sum_file}) {
    auto ds = part(folder);
    out.insert(out.end(), std::make_move_iterator(ds.begin()), std::make_move_iterator(ds.end()));
  }
  auto names = check_migration_name(folder, cfg);
  out.insert(out.end(), std::make_move_iterator(names.begin()), std::make_move_iterator(names.end()));
  return out;
}

}  // namespace miglint
