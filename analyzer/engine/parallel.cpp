#include "analyzer/engine/parallel.h"

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace miglint {

namespace {
struct Job {
  const std::function<void(size_t)>* fn;
  std::atomic<size_t>* next;
  size_t n;
};

void* run_job(void* arg) {
  auto* job = static_cast<Job*>(arg);
  for (size_t i; (i = job->next->fetch_add(1)) < job->n;) (*job->fn)(i);
  return nullptr;
}
}  // namespace

unsigned job_count(unsigned jobs) { return jobs ? jobs : std::max(1u, std::thread::hardware_concurrency()); }

void parallel_for(size_t n, unsigned jobs, const std::function<void(size_t)>& fn) {
  if (n == 0) return;
  jobs = static_cast<unsigned>(std::min<size_t>(job_count(jobs), n));
  std::atomic<size_t> next{0};
  Job job{&fn, &next, n};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  // PostgreSQL's parser and protobuf decoding recurse per nesting level.
  pthread_attr_setstacksize(&attr, size_t{256} << 20);
  std::vector<pthread_t> threads;
  for (unsigned t = 0; t < jobs; ++t) {
    pthread_t th;
    if (pthread_create(&th, &attr, run_job, &job) == 0) threads.push_back(th);
  }
  pthread_attr_destroy(&attr);
  if (threads.empty()) run_job(&job);
  for (auto th : threads) pthread_join(th, nullptr);
}

}  // namespace miglint
