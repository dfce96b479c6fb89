#include "analyzer/diag/fixes.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace miglint {

namespace {

bool before(const TextEdit& a, const TextEdit& b) {
  return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end < b.span.end;
}

// Two edits that cannot both apply: ranges that overlap, or an insertion
// strictly inside a replaced range. Insertions at one place can: they go
// in the order of their fixes.
bool clash(const TextEdit& a, const TextEdit& b) {
  const bool a_ins = a.span.begin == a.span.end, b_ins = b.span.begin == b.span.end;
  if (a_ins && b_ins) return false;
  if (a_ins) return b.span.begin < a.span.begin && a.span.begin < b.span.end;
  if (b_ins) return a.span.begin < b.span.begin && b.span.begin < a.span.end;
  return a.span.begin < b.span.end && b.span.begin < a.span.end;
}

bool same(const TextEdit& a, const TextEdit& b) {
  return a.span.begin == b.span.begin && a.span.end == b.span.end && a.text == b.text;
}

// Where each line starts; a line holds its '\n'. No entry for the empty
// "line" after a final '\n'.
std::vector<size_t> line_starts(std::string_view text) {
  std::vector<size_t> starts;
  if (text.empty()) return starts;
  starts.push_back(0);
  for (size_t i = 0; i + 1 < text.size(); ++i)
    if (text[i] == '\n') starts.push_back(i + 1);
  return starts;
}

// The lines [first, last) of an old text, or of a region's new text, each
// written after `mark`.
void put_lines(std::string& out, char mark, std::string_view text) {
  size_t at = 0;
  while (at < text.size()) {
    const size_t nl = text.find('\n', at);
    const size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    out += mark;
    out.append(text.substr(at, end - at));
    if (nl == std::string_view::npos) out += "\n\\ No newline at end of file\n";
    at = end;
  }
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> out;
  for (size_t at = 0; at < text.size();) {
    const size_t nl = text.find('\n', at);
    const size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    out.push_back(text.substr(at, end - at));
    at = end;
  }
  return out;
}

// A region's old and new lines, the lines they share at either end as
// context (an inserted line shows as one added line, not a line replaced).
void region_lines(std::string& out, std::string_view old_text, std::string_view new_text) {
  const auto a = split_lines(old_text), b = split_lines(new_text);
  size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
  for (size_t i = 0; i < head; ++i) put_lines(out, ' ', a[i]);
  for (size_t i = head; i < a.size() - tail; ++i) put_lines(out, '-', a[i]);
  for (size_t i = head; i < b.size() - tail; ++i) put_lines(out, '+', b[i]);
  for (size_t i = a.size() - tail; i < a.size(); ++i) put_lines(out, ' ', a[i]);
}

size_t count_lines(std::string_view text) {
  if (text.empty()) return 0;
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + (text.back() == '\n' ? 0 : 1);
}

// `--- a/PATH` and `+++ b/PATH`; a name with a blank ends in a tab, as diff
// writes it, so that patch(1) reads the whole name.
std::string diff_header(std::string_view path) {
  const std::string_view end = path.find_first_of(" \t") == std::string_view::npos ? "" : "\t";
  return fmt::format("--- a/{}{}\n+++ b/{}{}\n", path, end, path, end);
}

}  // namespace

std::vector<TextEdit> compatible_edits(const std::vector<const Fix*>& fixes, std::string_view path, size_t* taken) {
  std::vector<TextEdit> chosen;  // in text order; insertions at one place in fix order
  size_t n = 0;
  for (const Fix* f : fixes) {
    if (f->edits.empty()) continue;
    bool ok = true;
    std::vector<const TextEdit*> fresh;  // not already made by a fix taken before
    for (const auto& e : f->edits) {
      if (e.span.path != path || e.span.end < e.span.begin) {
        ok = false;
        break;
      }
      // Only neighbours in text order can clash with a new edit, but an
      // insertion at a replaced range's start sorts before it.
      const auto from = std::lower_bound(chosen.begin(), chosen.end(), e.span.begin,
                                         [](const TextEdit& c, size_t at) { return c.span.end < at; });
      bool made = false;
      for (auto it = from; it != chosen.end() && it->span.begin <= e.span.end; ++it) {
        made = made || same(*it, e);
        if (!same(*it, e) && clash(*it, e)) ok = false;
      }
      if (!ok) break;
      if (!made) fresh.push_back(&e);
    }
    for (size_t i = 0; ok && i < fresh.size(); ++i)
      for (size_t j = i + 1; ok && j < fresh.size(); ++j) ok = !clash(*fresh[i], *fresh[j]);
    if (!ok) continue;
    for (const TextEdit* e : fresh) chosen.insert(std::upper_bound(chosen.begin(), chosen.end(), *e, before), *e);
    ++n;
  }
  if (taken) *taken = n;
  return chosen;
}

std::string apply_edits(std::string_view text, const std::vector<TextEdit>& edits) {
  std::string out;
  out.reserve(text.size());
  size_t at = 0;
  for (const auto& e : edits) {
    const size_t b = std::min(e.span.begin, text.size()), end = std::min(e.span.end, text.size());
    if (b < at) continue;  // not in text order: left out rather than garbled
    out.append(text.substr(at, b - at));
    out += e.text;
    at = std::max(b, end);
  }
  out.append(text.substr(std::min(at, text.size())));
  return out;
}

namespace {

constexpr size_t kContext = 3;

// edits_diff of `text`, which starts at 0-based line `first_line` of its file.
std::string edits_diff_from(std::string_view path, std::string_view text, const std::vector<TextEdit>& edits,
                            size_t first_line) {
  const std::vector<size_t> starts = line_starts(text);
  const size_t n = starts.size();
  const auto line_of = [&](size_t off) {
    return static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), off) - starts.begin()) - 1;
  };
  const auto line_begin = [&](size_t l) { return l < n ? starts[l] : text.size(); };
  // The old lines each edit rewrites, [first, last), merged where they overlap.
  struct Region {
    size_t first, last;
    std::vector<const TextEdit*> edits;
  };
  std::vector<Region> regions;
  for (const auto& e : edits) {
    const size_t b = std::min(e.span.begin, text.size()), end = std::min(std::max(e.span.end, b), text.size());
    Region r{0, 0, {&e}};
    if (n == 0 || (b == text.size() && end == b && text.back() == '\n')) {
      r.first = r.last = n;  // after the last line
    } else {
      r.first = line_of(std::min(b, text.size() - 1));
      r.last = (end > b ? line_of(end - 1) : r.first) + 1;
    }
    // Edits on one line share a region; edits on neighbouring lines do not
    // (each region's shared lines print as context).
    if (!regions.empty() && r.first < regions.back().last) {
      regions.back().last = std::max(regions.back().last, r.last);
      regions.back().edits.push_back(&e);
    } else {
      regions.push_back(std::move(r));
    }
  }
  // Each region's new text.
  std::vector<std::string> replaced;
  bool changed = false;
  for (const auto& r : regions) {
    const size_t from = line_begin(r.first), to = line_begin(r.last);
    std::vector<TextEdit> local;
    for (const TextEdit* e : r.edits) {
      TextEdit x = *e;
      x.span.begin = std::min(x.span.begin, text.size()) - from;
      x.span.end = std::min(std::max(x.span.end, e->span.begin), text.size()) - from;
      local.push_back(std::move(x));
    }
    replaced.push_back(apply_edits(text.substr(from, to - from), local));
    changed = changed || replaced.back() != text.substr(from, to - from);
  }
  if (!changed) return {};
  std::string out = diff_header(path);
  long delta = 0;  // new line number minus old, before the hunk
  for (size_t i = 0; i < regions.size();) {
    // Regions whose context would meet share a hunk.
    size_t j = i + 1;
    while (j < regions.size() && regions[j].first - regions[j - 1].last <= 2 * kContext) ++j;
    const size_t old_from = regions[i].first >= kContext ? regions[i].first - kContext : 0;
    const size_t old_to = std::min(n, regions[j - 1].last + kContext);
    std::string body;
    size_t line = old_from, new_count = 0;
    for (size_t k = i; k < j; ++k) {
      const auto& r = regions[k];
      put_lines(body, ' ', text.substr(line_begin(line), line_begin(r.first) - line_begin(line)));
      new_count += r.first - line;
      region_lines(body, text.substr(line_begin(r.first), line_begin(r.last) - line_begin(r.first)), replaced[k]);
      new_count += count_lines(replaced[k]);
      line = r.last;
    }
    put_lines(body, ' ', text.substr(line_begin(line), line_begin(old_to) - line_begin(line)));
    new_count += old_to - line;
    const size_t old_count = old_to - old_from;
    const auto new_from = static_cast<size_t>(static_cast<long>(old_from) + delta);
    // A range of no lines names the line before it (diff's convention).
    out += fmt::format("@@ -{},{} +{},{} @@\n", first_line + (old_count ? old_from + 1 : old_from), old_count,
                       first_line + (new_count ? new_from + 1 : new_from), new_count);
    out += body;
    delta += static_cast<long>(new_count) - static_cast<long>(old_count);
    i = j;
  }
  return out;
}

}  // namespace

std::string edits_diff(std::string_view path, std::string_view text, const std::vector<TextEdit>& edits) {
  return edits_diff_from(path, text, edits, 0);
}

// Only the lines around the edits are read: a file of 100,000 findings with
// fixes shows each fix's diff without reading the file once per fix.
std::string edits_diff(std::string_view path, const SourceFile& file, const std::vector<TextEdit>& edits) {
  const std::string_view text = file.text();
  if (edits.empty()) return {};
  size_t lo = text.size(), hi = 0;
  for (const auto& e : edits) {
    lo = std::min(lo, std::min(e.span.begin, text.size()));
    hi = std::max(hi, std::min(std::max(e.span.end, e.span.begin), text.size()));
  }
  // From kContext lines above the first edited line to kContext lines below the last.
  size_t from = lo == 0 ? 0 : text.rfind('\n', lo - 1) + 1;  // npos + 1 == 0
  for (size_t k = 0; k < kContext && from > 0; ++k) from = from < 2 ? 0 : text.rfind('\n', from - 2) + 1;
  size_t to = hi;
  for (size_t k = 0; k <= kContext && to < text.size(); ++k) {
    const size_t nl = text.find('\n', to);
    to = nl == std::string_view::npos ? text.size() : nl + 1;
  }
  std::vector<TextEdit> local = edits;
  for (auto& e : local) {
    e.span.begin = std::min(e.span.begin, text.size()) - from;
    e.span.end = std::min(std::max(e.span.end, e.span.begin + from), text.size()) - from;
  }
  return edits_diff_from(path, text.substr(from, to - from), local, file.position(from).line - 1);
}

namespace {

enum class Op { Same, Del, Add };

// The shortest edit script of a -> b (Myers), or nullopt past `max_d` edits.
std::optional<std::vector<Op>> edit_script(const std::vector<std::string_view>& a,
                                           const std::vector<std::string_view>& b, size_t max_d) {
  const long n = static_cast<long>(a.size()), m = static_cast<long>(b.size());
  const long limit = std::min<long>(n + m, static_cast<long>(max_d));
  const long off = limit + 1;
  std::vector<long> v(static_cast<size_t>(2 * off + 1), 0);
  std::vector<std::vector<long>> trace;  // v before each round, for the walk back
  for (long d = 0; d <= limit; ++d) {
    trace.push_back(v);
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && v[static_cast<size_t>(k - 1 + off)] < v[static_cast<size_t>(k + 1 + off)]))
                   ? v[static_cast<size_t>(k + 1 + off)]
                   : v[static_cast<size_t>(k - 1 + off)] + 1;
      long y = x - k;
      while (x < n && y < m && a[static_cast<size_t>(x)] == b[static_cast<size_t>(y)]) ++x, ++y;
      v[static_cast<size_t>(k + off)] = x;
      if (x >= n && y >= m) {
        // Walk back from (n, m) through the rounds.
        std::vector<Op> ops;
        long cx = n, cy = m;
        for (long dd = d; dd > 0; --dd) {
          const std::vector<long>& pv = trace[static_cast<size_t>(dd)];
          const long ck = cx - cy;
          const bool down = ck == -dd ||
                            (ck != dd && pv[static_cast<size_t>(ck - 1 + off)] < pv[static_cast<size_t>(ck + 1 + off)]);
          const long pk = down ? ck + 1 : ck - 1;
          const long px = pv[static_cast<size_t>(pk + off)], py = px - pk;
          while (cx > (down ? px : px + 1) && cy > (down ? py + 1 : py)) {
            ops.push_back(Op::Same);
            --cx, --cy;
          }
          ops.push_back(down ? Op::Add : Op::Del);
          cx = px, cy = py;
        }
        while (cx > 0 && cy > 0) {
          ops.push_back(Op::Same);
          --cx, --cy;
        }
        std::reverse(ops.begin(), ops.end());
        return ops;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::string unified_diff(std::string_view path, std::string_view before, std::string_view after, size_t max_changes) {
  if (before == after) return {};
  const auto a = split_lines(before), b = split_lines(after);
  // Lines both share at either end take no part in the search.
  size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
  const std::vector<std::string_view> am(a.begin() + static_cast<long>(head), a.end() - static_cast<long>(tail));
  const std::vector<std::string_view> bm(b.begin() + static_cast<long>(head), b.end() - static_cast<long>(tail));
  std::vector<Op> ops(head, Op::Same);
  if (auto mid = edit_script(am, bm, max_changes)) {
    ops.insert(ops.end(), mid->begin(), mid->end());
  } else {
    ops.insert(ops.end(), am.size(), Op::Del);
    ops.insert(ops.end(), bm.size(), Op::Add);
  }
  ops.insert(ops.end(), tail, Op::Same);
  // Within each run of changes, the removed lines first, as diff prints them.
  for (size_t k = 0; k < ops.size();) {
    if (ops[k] == Op::Same) {
      ++k;
      continue;
    }
    size_t e = k;
    while (e < ops.size() && ops[e] != Op::Same) ++e;
    std::stable_partition(ops.begin() + static_cast<long>(k), ops.begin() + static_cast<long>(e),
                          [](Op op) { return op == Op::Del; });
    k = e;
  }
  // Hunks: each change with three lines of context, merged where they meet.
  std::string out = diff_header(path);
  size_t i = 0, ai = 0, bi = 0;  // position in ops, a, b
  while (i < ops.size()) {
    size_t first = i;
    while (first < ops.size() && ops[first] == Op::Same) ++first;
    if (first == ops.size()) break;
    // Start with up to kContext same lines before the change.
    size_t start = first >= i + kContext ? first - kContext : i;
    for (size_t k = i; k < start; ++k) ++ai, ++bi;  // skipped same lines
    // The hunk ends where more than 2 * kContext same lines follow a change.
    size_t end = first, same_run = 0;
    for (size_t k = first; k < ops.size(); ++k) {
      if (ops[k] == Op::Same) {
        if (++same_run > 2 * kContext) break;
      } else {
        same_run = 0;
        end = k + 1;
      }
    }
    end = std::min(ops.size(), end + kContext);
    size_t a_count = 0, b_count = 0;
    for (size_t k = start; k < end; ++k) {
      a_count += ops[k] != Op::Add;
      b_count += ops[k] != Op::Del;
    }
    out += fmt::format("@@ -{},{} +{},{} @@\n", a_count ? ai + 1 : ai, a_count, b_count ? bi + 1 : bi, b_count);
    for (size_t k = start; k < end; ++k) {
      if (ops[k] == Op::Same) {
        put_lines(out, ' ', a[ai++]);
        ++bi;
      } else if (ops[k] == Op::Del) {
        put_lines(out, '-', a[ai++]);
      } else {
        put_lines(out, '+', b[bi++]);
      }
    }
    i = end;
  }
  return out;
}

}  // namespace miglint
