// One persistent pool of worker threads shared by every kernel (DESIGN.md §4).
#pragma once
#include <cstdint>
#include <functional>

namespace torch_native {

// Work smaller than this many elements runs on the calling thread: waking workers costs more.
constexpr int64_t kGrainSize = 32768;

void setNumThreads(int n);
int getNumThreads();

// Splits [0, n) into at most getNumThreads() contiguous ranges of at least `grain` elements and runs
// fn(begin, end) on each, on whichever threads get to them first (the calling thread included, so a
// worker the OS has not scheduled yet delays nothing). Returns after all ranges finish.
void parallelFor(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& fn);

}  // namespace torch_native
