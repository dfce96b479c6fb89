// Threads for the analysis.
#pragma once
#include <cstddef>
#include <functional>

namespace miglint {

// Runs fn(i) for i in [0, n) on `jobs` threads with large stacks (deeply
// nested input recurses inside the parser); deterministic results are the
// caller's job (write to slot i).
void parallel_for(size_t n, unsigned jobs, const std::function<void(size_t)>& fn);

// `jobs`, or one per core when 0.
unsigned job_count(unsigned jobs);

}  // namespace miglint
