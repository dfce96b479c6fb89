#include "analyzer/engine/schedule.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <optional>
#include <span>
#include <thread>
#include <unordered_map>

#include "analyzer/catalog/expr_prefetch.h"
#include "analyzer/engine/folder_loading.h"
#include "analyzer/engine/folder_replay.h"
#include "analyzer/engine/incremental.h"
#include "analyzer/engine/parallel.h"
#include "analyzer/engine/suppress.h"
#include "analyzer/engine/units.h"
#include "analyzer/migrations/migration.h"
#include "analyzer/source/display_path.h"
#include "analyzer/source/file_io.h"

namespace miglint {

namespace fs = std::filesystem;

namespace {

// A file of the analysis, read and parsed once by whichever thread needs it
// first.
// (One per file of the analysis, hundreds of thousands in a large one:
// fields ordered to pack, the rare error out of line.)
struct FileSlot {
  const std::string* path = nullptr;  // the text of one of its folder's sql_files
  std::shared_ptr<const ParsedFile> parsed;
  std::unique_ptr<std::string> error;   // why it could not be read
  std::unique_ptr<Diagnostic> failure;  // its parse threw
  uint32_t rel_at = 0;                  // where the path relative to its folder starts
  int dirfd = -1;                       // its folder, open, when path lies under it
  std::once_flag once;
  // With release_syntax: the rule runs and replays still to read the file,
  // and of them those still to read its trees (the replay is done with an
  // up file's trees once its up part is applied, before the down part).
  // Each reader counts down `tree_readers` first, so whoever takes
  // `readers` to zero finds the trees freed.
  std::atomic<int> readers{0};
  std::atomic<int> tree_readers{0};
  bool dropped = false;  // parse freed once read (compact analyses); text archived
  bool spooled = false;  // its parse findings are in the sink
  // With release_syntax: whether its trees went.
  std::atomic<bool> syntax_freed{false};
};

// One work item (a migration's files, or one other file): 32 bytes, its
// files' slots in one shared vector.
struct Item {
  const std::vector<size_t>* units = nullptr;
  size_t folder = 0;
  uint32_t slot_begin = 0, slot_end = 0;  // the files it reads, once each, in item_slots
  std::atomic<int> reads{0};              // with release_syntax: readers still to come
  bool migration = false;                 // the replay reads it too
  std::atomic<bool> done{false};
  std::atomic<bool> released{false};  // every reader is done
};

struct ReadResult {
  std::string bytes;
  std::string error;
};

// `dirfd`/`rel`: the same file relative to its open folder, when there is one.
ReadResult read_file(const std::string& p, int dirfd, const char* rel) {
  ReadResult r;
  const bool ok = dirfd >= 0 ? read_file_bytes_at(dirfd, rel, r.bytes, &r.error)
                             : read_file_bytes(p, r.bytes, &r.error);
  if (!ok && r.error == std::strerror(EISDIR)) r.error = "is a directory";
  return r;
}

class Schedule {
 public:
  Schedule(std::vector<FolderAnalysis>& folders, const AnalysisOptions& options, const AnalysisInputs& inputs,
           const std::vector<const Rule*>& active, FindingSink& sink, AnalysisResult& result)
      : folders_(folders),
        options_(options),
        inputs_(inputs),
        active_(active),
        dispatcher_(active),
        sink_(sink),
        result_(result),
        compact_(sink.compressed()),
        release_(options.release_syntax && !options.cache),
        // Compact analyses whose report reads no syntax (no effects kept) and
        // only files' texts as on disk (no unsaved text) free each file's
        // parse and its units once the replay has read them, not at the end.
        early_(compact_ && release_ && !options.keep_effects && options.overlays.empty()),
        use_prefetch_(options.cache && !inputs.whole_folders),
        folder_items_done_(folders.size()),
        spare_of_(folders.size(), nullptr),
        spares_(folders.size()) {
    plan();
    order_items();
  }

  void run();
  void finish();

 private:
  void plan();
  void order_items();
  std::span<const uint32_t> slots_of(const Item& item) const {
    return {item_slots_.data() + item.slot_begin, item.slot_end - item.slot_begin};
  }
  AnalysisCache::File* cached_of(const FileSlot& slot) const {
    return slot_cache_.empty() ? nullptr : slot_cache_[static_cast<size_t>(&slot - slots_.data())];
  }
  bool reported(const Unit& u) const { return inputs_.reported(u.file->source->path()); }
  void parse_slot(FileSlot& slot);
  void read_and_parse(FileSlot& slot);
  void process(size_t i);
  template <class Ready>
  void help_until(const Ready& ready);
  void retire(FileSlot& slot);
  // `trees_read`: slots of the item whose trees this reader already gave up.
  void done_reading(Item& item, std::span<const uint32_t> trees_read = {});
  void done_with_trees(FileSlot& slot);
  std::vector<const FileSlot*> up_only_slots(const Item& item, const catalog::ReplayMigration& m) const;
  std::vector<uint32_t> done_with_trees_of(const std::vector<const FileSlot*>& slots);
  void free_syntax(FileSlot& slot);
  void wait_for_room();
  void counted() {
    if (options_.progress) ++options_.progress->done;
  }
  bool all_done() const { return items_done_ == items_.size(); }
  std::vector<std::shared_ptr<const ParsedFile>> folder_files(size_t f) const;
  void make_prefetch();
  void replay_task(size_t f);
  void replay_cached(size_t f);

  std::vector<FolderAnalysis>& folders_;
  const AnalysisOptions& options_;
  const AnalysisInputs& inputs_;
  const std::vector<const Rule*>& active_;
  const Dispatcher dispatcher_;
  FindingSink& sink_;
  AnalysisResult& result_;
  const bool compact_, release_, early_, use_prefetch_;

  std::vector<FileSlot> slots_;
  // The language server's cache entry of each slot's file (none without a cache).
  std::vector<AnalysisCache::File*> slot_cache_;
  std::vector<std::unique_ptr<OpenDirectory>> open_dirs_;  // each folder, while its files are read
  std::vector<UnitPlan> plans_;
  std::vector<size_t> first_slot_;
  std::vector<Item> items_;
  std::vector<uint32_t> item_slots_;
  std::vector<size_t> first_item_;
  std::vector<size_t> item_order_;

  std::atomic<size_t> next_item_{0}, next_replay_{0};
  // Items done, in all and per folder (written under done_mutex_, so that a
  // waiter cannot miss the notification).
  std::atomic<size_t> items_done_{0};
  std::vector<std::atomic<size_t>> folder_items_done_;
  std::mutex done_mutex_;
  std::condition_variable done_cv_;

  // Items before `released_below_` are all done with. The threads that only
  // parse and check stay at most kAhead items ahead of it: when the replay is
  // slower than they are, the trees of the files parsed ahead of it would
  // otherwise pile up until it catches up (~150 MB at 100,000 migrations).
  static constexpr size_t kAhead = 256;
  // And at most this much parsed source held: a large file's trees weigh
  // about twelve times its text, and without this bound the parser runs 256
  // large migrations ahead (+75 % peak memory on the heavy benchmark).
  static constexpr size_t kAheadBytes = size_t{2} << 20;
  std::atomic<size_t> held_bytes_{0};  // source bytes of parsed files whose trees are not freed
  // A migration whose files reach this size runs its rules before its replay.
  static constexpr size_t kLargeItemBytes = size_t{256} << 10;
  std::atomic<size_t> released_below_{0};
  std::mutex released_mutex_;

  // Resuming a cached model starts with a copy of it: made by the replay's
  // thread while the others parse, and taken over by the replay when that
  // snapshot is still the one to resume from.
  std::vector<const catalog::ReplayResult*> spare_of_;
  std::vector<std::optional<catalog::ReplayResult>> spares_;
  // A file checked alone replays after a cached model of its folder: most of
  // that is deparsing its expressions, which another thread starts on once
  // every file is parsed.
  std::optional<catalog::ExprPrefetch> prefetch_;
  std::once_flag prefetch_once_;
};

void Schedule::plan() {
  size_t slot_count = 0;
  for (auto& fa : folders_) slot_count += fa.folder.sql_files.size();
  slots_ = std::vector<FileSlot>(slot_count);
  if (options_.cache) slot_cache_.assign(slot_count, nullptr);
  size_t k = 0;
  for (auto& fa : folders_) {
    first_slot_.push_back(k);
    std::unordered_map<Symbol, size_t> slot_of;
    const auto& dir = open_dirs_.emplace_back(std::make_unique<OpenDirectory>(fa.folder.dir));
    std::string prefix = fa.folder.dir.native();
    if (!prefix.empty() && prefix.back() != '/') prefix += '/';
    for (const auto& f : fa.folder.sql_files) {
      slots_[k].path = &f.str();
      if (dir->fd() >= 0 && prefix != "/" && f.size() > prefix.size() && f.starts_with(prefix)) {
        slots_[k].dirfd = dir->fd();
        slots_[k].rel_at = static_cast<uint32_t>(prefix.size());
      }
      if (options_.cache) slot_cache_[k] = &options_.cache->files[f.str()];
      slot_of.emplace(f, k++);
    }
    plans_.push_back(plan_units(fa.folder, slot_of));
  }
  size_t item_count = 0;
  for (const auto& p : plans_) item_count += p.items.size();
  items_ = std::vector<Item>(item_count);
  first_item_.assign(folders_.size() + 1, 0);
  k = 0;
  for (size_t f = 0; f < plans_.size(); ++f) {
    first_item_[f] = k;
    for (size_t j = 0; j < plans_[f].items.size(); ++j) {
      Item& item = items_[k++];
      item.folder = f;
      item.units = &plans_[f].items[j];
      item.migration = j < folders_[f].folder.migrations.size();
      const auto begin = static_cast<std::ptrdiff_t>(item_slots_.size());
      for (size_t u : *item.units) item_slots_.push_back(static_cast<uint32_t>(plans_[f].slot[u]));
      std::sort(item_slots_.begin() + begin, item_slots_.end());
      item_slots_.erase(std::unique(item_slots_.begin() + begin, item_slots_.end()), item_slots_.end());
      item.slot_begin = static_cast<uint32_t>(begin);
      item.slot_end = static_cast<uint32_t>(item_slots_.size());
    }
  }
  first_item_[folders_.size()] = k;
  item_slots_.shrink_to_fit();
  if (release_)
    for (Item& item : items_) {
      item.reads = item.migration ? 2 : 1;
      for (size_t sl : slots_of(item)) {
        slots_[sl].readers += item.migration ? 2 : 1;
        slots_[sl].tree_readers += item.migration ? 2 : 1;
      }
    }
  if (options_.progress) {
    size_t total = items_.size();
    for (const auto& fa : folders_) total += fa.folder.migrations.size();
    options_.progress->total = total;
  }
  if (options_.cache && !inputs_.whole_folders)
    for (size_t f = 0; f < folders_.size(); ++f)
      if (const auto it = options_.cache->folders.find(folders_[f].folder.dir.native());
          it != options_.cache->folders.end())
        spare_of_[f] = it->second.replay_before.get();
}

// Items are taken in migration order (the replay needs them so). With the
// language server's cache, what probably needs parsing (editor buffers,
// files not parsed before) goes first instead, so that other threads check
// the cached files meanwhile; its replay starts once all are parsed anyway.
void Schedule::order_items() {
  item_order_.resize(items_.size());
  for (size_t i = 0; i < items_.size(); ++i) item_order_[i] = i;
  if (!options_.cache) return;
  std::set<std::string> overlay_names;
  for (const auto& [k, v] : options_.overlays) overlay_names.insert(k.filename().native());
  const auto needs_parse = [&](size_t i) {
    for (size_t sl : slots_of(items_[i])) {
      const FileSlot& slot = slots_[sl];
      if (!cached_of(slot) || !cached_of(slot)->parsed ||
          overlay_names.contains(fs::path(*slot.path).filename().native()))
        return true;
    }
    return false;
  };
  std::stable_partition(item_order_.begin(), item_order_.end(), needs_parse);
}

void Schedule::parse_slot(FileSlot& slot) {
  try {
    if (options_.on_stage) options_.on_stage("parse", *slot.path);
    read_and_parse(slot);
  } catch (const std::exception& e) {  // std::bad_alloc above all: one file's loss
    slot.parsed.reset();
    slot.failure = std::make_unique<Diagnostic>(analysis_failure(*slot.path, e));
  }
}

void Schedule::read_and_parse(FileSlot& slot) {
  AnalysisCache::File* c = cached_of(slot);
  // Unchanged on disk (same size and modification time) and not open in an
  // editor: the last parse still holds.
  const auto overlay = options_.overlays.empty() ? options_.overlays.end()
                                                 : find_overlay(options_.overlays, *slot.path);
  const bool from_overlay = overlay != options_.overlays.end();
  std::int64_t mtime = 0;
  std::uintmax_t size = 0;
  if (c && !from_overlay && stat_file(*slot.path, mtime, size) && c->parsed && c->mtime_ns == mtime &&
      c->size == size) {
    slot.parsed = c->parsed;
    return;
  }
  auto rr = from_overlay ? ReadResult{overlay->second, {}}
                         : read_file(*slot.path, slot.dirfd, slot.path->c_str() + slot.rel_at);
  if (!rr.error.empty()) {
    slot.error = std::make_unique<std::string>(rr.error);
    return;
  }
  if (c && c->parsed && c->bytes == rr.bytes) {
    slot.parsed = c->parsed;
  } else {
    auto src = std::make_shared<SourceFile>(display_path(*slot.path), rr.bytes);
    slot.parsed = std::make_shared<ParsedFile>(parse_file(std::move(src)));
    if (release_) held_bytes_ += slot.parsed->source->text().size();
  }
  if (c) {
    c->bytes = std::move(rr.bytes);
    c->parsed = slot.parsed;
    c->mtime_ns = from_overlay ? -1 : mtime;  // an editor buffer: compare bytes next time
    c->size = size;
  }
}

// What a report still reads of a file once its readers are done: its
// findings (in the sink), its text, and the parse itself only when the end
// needs it (suppressions to apply, failures the audit lists).
void Schedule::retire(FileSlot& slot) {
  const ParsedFile& pf = *slot.parsed;
  sink_.add(std::vector<Diagnostic>(pf.diagnostics));
  slot.spooled = true;
  if (pf.binary || !pf.failed.empty() || !collect_suppressions(pf).empty()) return;
  result_.texts.add(pf.source->path(), pf.source->text());
  slot.parsed.reset();
  slot.dropped = true;
}

// The last reader of a file's trees frees them; the last reader of the
// file retires it.
void Schedule::done_reading(Item& item, std::span<const uint32_t> trees_read) {
  if (!release_) return;
  for (uint32_t sl : slots_of(item)) {
    FileSlot& slot = slots_[sl];
    if (std::find(trees_read.begin(), trees_read.end(), sl) == trees_read.end()) done_with_trees(slot);
    if (slot.readers.fetch_sub(1) == 1 && slot.parsed) {
      free_syntax(slot);
      if (early_) retire(slot);
    }
  }
  if (item.reads.fetch_sub(1) != 1) return;
  if (early_)
    for (size_t k : *item.units) plans_[item.folder].units[k].reset();
  item.released = true;
  std::lock_guard lock(released_mutex_);
  size_t low = released_below_.load();
  while (low < items_.size() && items_[low].released) ++low;
  released_below_ = low;
}

void Schedule::done_with_trees(FileSlot& slot) {
  if (slot.tree_readers.fetch_sub(1) == 1) free_syntax(slot);
}

// The files of an item that only its up part reads (not its down), while
// the replay applies that migration.
std::vector<const FileSlot*> Schedule::up_only_slots(const Item& item, const catalog::ReplayMigration& m) const {
  std::vector<const FileSlot*> out;
  if (!release_ || !m.up) return out;
  const auto in_part = [](const std::optional<catalog::ReplayPart>& part, const ParsedFile* f) {
    if (!part) return false;
    if (part->file == f) return true;
    return std::any_of(part->statements.begin(), part->statements.end(), [&](const auto& p) { return p.first == f; });
  };
  for (uint32_t sl : slots_of(item)) {
    const ParsedFile* f = slots_[sl].parsed.get();  // not retired: the replay still counts as a reader
    if (f && in_part(m.up, f) && !in_part(m.down, f)) out.push_back(&slots_[sl]);
  }
  return out;
}

// The replay reads a file's trees only while it applies its part: gives
// them up as soon as it is done (a large up's trees are most of what one
// huge migration holds). Returns the slots given up.
std::vector<uint32_t> Schedule::done_with_trees_of(const std::vector<const FileSlot*>& slots) {
  std::vector<uint32_t> out;
  for (const FileSlot* slot : slots) {
    auto& s = const_cast<FileSlot&>(*slot);
    done_with_trees(s);
    out.push_back(static_cast<uint32_t>(&s - slots_.data()));
  }
  return out;
}

// Once, by whichever of the last readers gets here first.
void Schedule::free_syntax(FileSlot& slot) {
  if (!slot.parsed || slot.syntax_freed.exchange(true)) return;
  const_cast<ParsedFile&>(*slot.parsed).release_syntax();  // created by this analysis alone
  held_bytes_ -= slot.parsed->source->text().size();
}

// Waits while the next item to take is too far ahead (see kAhead and
// kAheadBytes). The items in between are taken or being read, and their
// release frees what they hold, so the wait always ends.
void Schedule::wait_for_room() {
  if (!release_) return;
  const auto too_far = [this] {
    const size_t next = next_item_.load(), low = released_below_.load();
    return next < items_.size() && (next >= low + kAhead || (next > low && held_bytes_.load() > kAheadBytes));
  };
  while (too_far()) std::this_thread::sleep_for(std::chrono::microseconds(100));
}

void Schedule::process(size_t i) {
  Item& item = items_[i];
  UnitPlan& plan = plans_[item.folder];
  size_t bytes = 0;
  for (size_t sl : slots_of(item)) {
    std::call_once(slots_[sl].once, [&] { parse_slot(slots_[sl]); });
    if (slots_[sl].parsed) bytes += slots_[sl].parsed->source->text().size();
  }
  complete_units(plan, *item.units, [&](size_t slot) { return slots_[slot].parsed.get(); });
  const auto ready = [&] {
    {
      std::lock_guard lock(done_mutex_);
      item.done = true;
      ++folder_items_done_[item.folder];
      ++items_done_;
    }
    done_cv_.notify_all();
  };
  const auto rules = [&] {
    for (size_t k : *item.units) {
      const Unit& u = *plan.units[k];
      if (!u.file || !reported(u)) continue;
      std::vector<Diagnostic> found;
      try {
        if (options_.on_stage) options_.on_stage("rules", u.file->source->path().str());
        dispatcher_.run(u, options_.config, found, [this](std::vector<Diagnostic>& some) {
          sink_.add(std::move(some));
          some.clear();
        });
      } catch (const std::exception& e) {
        found.push_back(analysis_failure(u.file->source->path().str(), e));
      }
      sink_.add(std::move(found));
    }
    // The rules of a down read its up's trees too: given up together.
    done_reading(item);
  };
  // The replay takes an item as soon as it is parsed, and the rules run
  // beside it. A large one's rules run first, so that the replay, then its
  // files' last reader, frees each part's trees as it passes them (beside
  // the rules, a 100,000-statement up held all its trees to the end).
  if (release_ && item.migration && bytes >= kLargeItemBytes) {
    rules();
    ready();
  } else {
    ready();
    rules();
  }
  counted();
}

// Takes and processes items until `ready` holds; waits only when every item
// is taken.
template <class Ready>
void Schedule::help_until(const Ready& ready) {
  while (!ready()) {
    const size_t i = next_item_.fetch_add(1);
    if (i < items_.size()) {
      process(item_order_[i]);
      continue;
    }
    std::unique_lock lock(done_mutex_);
    done_cv_.wait(lock, ready);
  }
}

std::vector<std::shared_ptr<const ParsedFile>> Schedule::folder_files(size_t f) const {
  std::vector<std::shared_ptr<const ParsedFile>> out;
  for (size_t k = 0; k < folders_[f].folder.sql_files.size(); ++k)
    if (auto& p = slots_[first_slot_[f] + k].parsed) out.push_back(p);
  return out;
}

void Schedule::make_prefetch() {
  std::vector<const Statement*> statements;
  for (const auto& p : plans_)
    for (const auto& u : p.units)
      if (u->file && u->migration && reported(*u))
        statements.insert(statements.end(), u->statements.begin(), u->statements.end());
  prefetch_.emplace(statements);
  if (prefetch_->empty()) prefetch_.reset();
}

// Records which files the schema model could not follow, from the replay's findings.
void note_unmodeled(FolderAnalysis& fa, const std::vector<Diagnostic>& found) {
  for (const auto& d : found)
    if (d.rule == "unmodeled-statement") fa.unmodeled.insert(d.span.path);
}

// The language server resumes from a state cached before the edited
// migration, which needs every migration before it first.
void Schedule::replay_cached(size_t f) {
  FolderAnalysis& fa = folders_[f];
  if (spare_of_[f]) spares_[f].emplace(*spare_of_[f]);
  help_until([&] { return use_prefetch_ ? all_done() : folder_items_done_[f] == first_item_[f + 1] - first_item_[f]; });
  if (use_prefetch_) std::call_once(prefetch_once_, [this] { make_prefetch(); });
  catalog::UseExprPrefetch use(prefetch_ ? &*prefetch_ : nullptr);
  fa.files = folder_files(f);
  auto found = replay_folder_cached(fa, plans_[f].units, options_,
                                    inputs_.whole_folders ? nullptr : &inputs_.only_paths, active_, spare_of_[f],
                                    spares_[f] ? &*spares_[f] : nullptr);
  note_unmodeled(fa, found);
  sink_.add(std::move(found));
  if (options_.progress) options_.progress->done += fa.folder.migrations.size();
}

// A folder's replay, each migration as soon as its files are parsed.
void Schedule::replay_task(size_t f) {
  if (options_.cache) return replay_cached(f);
  FolderAnalysis& fa = folders_[f];
  UnitPlan& plan = plans_[f];
  catalog::ReplayOptions ro;
  ro.pg_version = options_.config.pg_version;
  // While a migration is applied: its item, its files that only its up
  // reads, and those whose trees the replay gave up: the up's once the up
  // part is applied, the rest once the down part is (before the schema
  // comparison, which reads no tree).
  const Item* applying = nullptr;
  std::vector<const FileSlot*> up_only;
  std::vector<uint32_t> trees_read;
  ro.on_step = [&](const catalog::ReplayStep& at, const catalog::Catalog&) {
    if (!at.down) {
      trees_read = done_with_trees_of(up_only);
      return;
    }
    std::vector<const FileSlot*> rest;
    for (uint32_t sl : slots_of(*applying))
      if (std::find(trees_read.begin(), trees_read.end(), sl) == trees_read.end()) rest.push_back(&slots_[sl]);
    for (uint32_t sl : done_with_trees_of(rest)) trees_read.push_back(sl);
  };
  // A huge up parsed in parts: each part's trees go once applied, when the
  // rules are done with the file (the replay is its last reader).
  ro.on_applied = [&](const ParsedFile& file, const Statement& st) {
    if (file.trees.size() < 2) return;
    for (const FileSlot* slot : up_only)
      if (slot->parsed.get() == &file && slot->tree_readers.load() == 1) {
        const_cast<ParsedFile&>(file).release_trees_before(static_cast<size_t>(&st - file.statements.data()) + 1);
        return;
      }
  };
  const EffectsPolicy policy{options_.keep_effects, options_.effect_summaries ? &fa.summaries : nullptr};
  FolderReplay replay(fa.folder, options_.config, active_, ro, policy);
  // Items whose files the effects still point into (a version continued by
  // the next migration is summarised with it): released once dropped.
  std::vector<std::pair<Item*, std::vector<uint32_t>>> held;
  const auto& migrations = fa.folder.migrations;
  for (size_t mi = 0; mi < migrations.size(); ++mi) {
    Item& item = items_[first_item_[f] + mi];
    help_until([&] { return item.done.load(); });
    trees_read.clear();
    if (auto m = replay_migration(migrations[mi], plan.units, *item.units)) {
      applying = &item;
      up_only = up_only_slots(item, *m);
      const bool version_continues = mi + 1 < migrations.size() && migrations[mi + 1].version == migrations[mi].version;
      std::vector<Diagnostic> failed;
      try {
        if (options_.on_stage) options_.on_stage("replay", migrations[mi].primary_file().str());
        replay.step(*m, migrations[mi], up_unit(plan.units, *item.units), version_continues);
      } catch (const std::exception& e) {
        failed.push_back(analysis_failure(migrations[mi].primary_file().str(), e));
      }
      auto found = replay.take_findings(!compact_);
      for (auto& d : failed) found.push_back(std::move(d));
      note_unmodeled(fa, found);
      sink_.add(std::move(found));
      up_only.clear();
    }
    held.emplace_back(&item, std::move(trees_read));
    if (!early_ || !replay.holds_effects()) {
      for (auto& [h, given_up] : held) done_reading(*h, given_up);
      held.clear();
    }
    counted();
  }
  std::vector<Diagnostic> last;
  catalog::ReplayResult replayed = replay.finish(last);
  for (auto& [h, given_up] : held) done_reading(*h, given_up);
  note_unmodeled(fa, last);
  sink_.add(std::move(last));
  // Nothing reads the final schema after an early-freed analysis (its
  // callers report findings and verdicts; the walks read effects): a large
  // folder's model is the biggest thing it holds.
  if (early_ || !options_.keep_schema) replayed.catalog = catalog::Catalog();
  fa.replay = std::make_shared<catalog::ReplayResult>(std::move(replayed));
}

void Schedule::run() {
  parallel_for(job_count(options_.jobs), job_count(options_.jobs), [&](size_t) {
    for (size_t f; (f = next_replay_.fetch_add(1)) < folders_.size();) replay_task(f);
    for (size_t i; (wait_for_room(), i = next_item_.fetch_add(1)) < items_.size();) process(item_order_[i]);
    // Files checked alone: prepare their expressions ahead of the replay.
    if (use_prefetch_) {
      help_until([this] { return all_done(); });
      std::call_once(prefetch_once_, [this] { make_prefetch(); });
      if (prefetch_) prefetch_->run();
    }
  });
}

// What the folders keep of the schedule: their parsed files and units, the
// files' parse findings and the counts.
void Schedule::finish() {
  std::vector<Diagnostic> unreadable;
  for (auto& s : slots_)
    if (s.error) unreadable.push_back(unreadable_file(*s.path, *s.error));
    else if (s.failure) unreadable.push_back(std::move(*s.failure));
  sink_.add(std::move(unreadable));
  for (size_t f = 0; f < folders_.size(); ++f) {
    FolderAnalysis& fa = folders_[f];
    fa.files = folder_files(f);
    // Freed early: the units point into freed parses.
    if (!early_) fa.units = present_units(plans_[f]);
    result_.migrations += fa.folder.migrations.size();
    for (size_t k = 0; k < fa.folder.sql_files.size(); ++k) {
      FileSlot& slot = slots_[first_slot_[f] + k];
      if (!slot.parsed && !slot.dropped) continue;
      ++result_.files;
      if (slot.parsed && !slot.spooled) sink_.add(std::vector<Diagnostic>(slot.parsed->diagnostics));
    }
  }
}

}  // namespace

void run_schedule(std::vector<FolderAnalysis>& folders, const AnalysisOptions& options, const AnalysisInputs& inputs,
                  const std::vector<const Rule*>& active, FindingSink& sink, AnalysisResult& result) {
  // The schedule is freed before the findings are finished (a large folder's
  // slots, items and moved-from units are tens of megabytes; the files and
  // units live on in `folders`).
  Schedule schedule(folders, options, inputs, active, sink, result);
  schedule.run();
  schedule.finish();
}

}  // namespace miglint
