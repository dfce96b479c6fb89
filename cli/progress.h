// A progress bar on stderr for the commands that take a while (audit, verify).
#pragma once
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

#include "analyzer/engine/analysis.h"

namespace miglint {

// A progress bar on stderr while the analysis runs: only on a terminal, only
// once the run has lasted half a second, erased when done so nothing of it
// reaches logs or pipes. Files parsed and checked and migrations replayed
// count alike; the folder rules and the report follow the full bar.
class Progress {
 public:
  Progress(const AnalysisProgress& work, const char* doing) {
    if (isatty(STDERR_FILENO) == 0) return;
    thread_ = std::thread([this, &work, doing] {
      const auto start = std::chrono::steady_clock::now();
      std::unique_lock lock(mu_);
      for (unsigned tick = 0; !done_; ++tick) {
        if (cv_.wait_for(lock, std::chrono::milliseconds(tick == 0 ? 500 : 100), [this] { return done_; })) break;
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const size_t total = work.total, done = std::min<size_t>(work.done, total);
        if (total == 0) {
          std::fprintf(stderr, "\r\x1b[2Kmiglint: reading the folders %.1fs", secs);
        } else {
          constexpr size_t kWidth = 30;
          const size_t filled = done * kWidth / total;
          const std::string bar = std::string(filled, '=') + std::string(kWidth - filled, ' ');
          std::fprintf(stderr, "\r\x1b[2Kmiglint: %s [%s] %3zu%% %.1fs%s", doing, bar.c_str(), done * 100 / total, secs,
                       done == total ? ", finishing" : "");
        }
        std::fflush(stderr);
        shown_ = true;
      }
      if (shown_) {
        std::fputs("\r\x1b[2K", stderr);
        std::fflush(stderr);
      }
    });
  }
  ~Progress() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

 private:
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  bool shown_ = false;
};

}  // namespace miglint
