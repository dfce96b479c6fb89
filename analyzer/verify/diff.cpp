#include "analyzer/verify/diff.h"

#include <sstream>
#include <vector>

#include <dtl/dtl.hpp>
#include <fmt/format.h>

namespace miglint::verify {
namespace {

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(std::move(l));
  return out;
}

}  // namespace

std::string unified_diff(const std::string& a, const std::string& b, std::string_view from, std::string_view to) {
  if (a == b) return {};
  dtl::Diff<std::string, std::vector<std::string>> d(lines_of(a), lines_of(b));
  d.onHuge();  // dumps of thousands of lines: dtl's bounded-memory mode
  d.compose();
  d.composeUnifiedHunks();
  std::ostringstream out;
  out << "--- " << from << "\n+++ " << to << "\n";
  d.printUnifiedFormat(out);
  return out.str();
}

std::string diff_summary(const std::string& diff) {
  size_t lost = 0, added = 0;
  std::istringstream in(diff);
  for (std::string l; std::getline(in, l);) {
    if (l.rfind("--- ", 0) == 0 || l.rfind("+++ ", 0) == 0) continue;
    if (!l.empty() && l[0] == '-') ++lost;
    if (!l.empty() && l[0] == '+') ++added;
  }
  return fmt::format("{} line{} only before, {} line{} only after", lost, lost == 1 ? "" : "s", added,
                     added == 1 ? "" : "s");
}

}  // namespace miglint::verify
