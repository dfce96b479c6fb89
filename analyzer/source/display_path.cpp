#include "analyzer/source/display_path.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace fs = std::filesystem;

namespace miglint {
namespace {

// weakly_canonical resolves every component (one readlink each); files of a
// folder share their directory, so its resolution is remembered.
fs::path real_dir(const fs::path& dir) {
  static std::mutex mu;
  static std::unordered_map<std::string, fs::path> cache;
  std::lock_guard lock(mu);
  auto [it, fresh] = cache.try_emplace(dir.string());
  if (fresh) {
    std::error_code ec;
    it->second = fs::weakly_canonical(dir, ec);
    if (ec) it->second = dir;
  }
  return it->second;
}

std::string display_path_of(const fs::path& p, const fs::path& cwd) {
  fs::path abs = (p.is_absolute() ? p : cwd / p).lexically_normal();
  auto under = [&](const fs::path& a, const fs::path& base) -> std::optional<std::string> {
    fs::path rel = a.lexically_relative(base);
    if (rel.empty() || *rel.begin() == "..") return std::nullopt;
    return rel.string();
  };
  if (auto r = under(abs, cwd)) return *r;
  // The path may reach the working directory through a symlink.
  if (auto r = under(real_dir(abs.parent_path()) / abs.filename(), cwd)) return *r;
  return abs.string();
}

std::mutex g_pin_mutex;
int g_pins = 0;  // guarded by g_pin_mutex
// Readers keep what they loaded alive, whatever pins come and go meanwhile.
std::atomic<std::shared_ptr<const fs::path>> g_pinned_cwd;

}  // namespace

WorkingDirectoryPin::WorkingDirectoryPin() {
  std::lock_guard lock(g_pin_mutex);
  if (g_pins++ == 0) {
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    if (!ec) g_pinned_cwd.store(std::make_shared<const fs::path>(std::move(cwd)));
  }
}

WorkingDirectoryPin::~WorkingDirectoryPin() {
  std::lock_guard lock(g_pin_mutex);
  if (--g_pins == 0) g_pinned_cwd.store(nullptr);
}

std::string display_path(const fs::path& p) { return display_path(p.native()); }

std::string display_path(const std::string& whole) {
  const std::shared_ptr<const fs::path> pinned = g_pinned_cwd.load();
  fs::path own;
  if (!pinned) {
    std::error_code ec;
    own = fs::current_path(ec);
    if (ec) return whole;
  }
  const fs::path& cwd = pinned ? *pinned : own;
  // Split as strings: building paths (each parses its components) cost more
  // than the rest of reading a small file.
  const size_t slash = whole.rfind('/');
  const std::string_view name = slash == std::string::npos ? std::string_view(whole)
                                                           : std::string_view(whole).substr(slash + 1);
  if (name.empty() || name == "." || name == "..") return display_path_of(whole, cwd);
  // Every file of a folder shares its directory's display form.
  thread_local std::unordered_map<std::string, std::string> dirs;
  std::string key = cwd.native();
  key += '\0';
  if (slash != std::string::npos) key.append(whole, 0, slash == 0 ? 1 : slash);
  auto [it, fresh] = dirs.try_emplace(std::move(key));
  if (fresh)
    it->second = display_path_of(fs::path(slash == std::string::npos ? "." : whole.substr(0, slash == 0 ? 1 : slash)),
                                 cwd);
  if (it->second == ".") return std::string(name);
  std::string out = it->second;
  if (!out.ends_with('/')) out += '/';
  out += name;
  return out;
}

}  // namespace miglint
