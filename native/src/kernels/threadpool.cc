#include "threadpool.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace torch_native {
namespace {

inline void cpuRelax() {
#if defined(__x86_64__)
  _mm_pause();
#endif
}

// Workers spin this long for the next task before sleeping: waking a sleeping thread costs tens of
// microseconds on a VM, longer than a whole 1e6-element op. Short enough that an idle pool goes quiet.
constexpr auto kSpinFor = std::chrono::microseconds(200);

// True on a pool worker, and on a caller while its task runs: a parallelFor from inside a task runs
// inline instead of re-entering the pool (try_lock on a mutex this thread holds is undefined).
thread_local bool tInTask = false;

class Pool {
 public:
  Pool() { resize(defaultThreads()); }
  ~Pool() { stopAll(); }

  static int defaultThreads() {
    unsigned hc = std::thread::hardware_concurrency();
    return hc == 0 ? 1 : static_cast<int>(hc);
  }

  int size() const { return numThreads_.load(std::memory_order_relaxed); }

  // Waits for the running task (another JS thread may be mid-op) before replacing the workers.
  void resize(int n) {
    n = std::max(1, n);
    std::lock_guard<std::mutex> running(runMu_);
    stopAll();
    numThreads_.store(n, std::memory_order_relaxed);
    stop_.store(false);
    // A worker's first awaited generation is fixed here, not when the thread gets to run: a task
    // published before then must still be picked up.
    const uint64_t start = generation_.load();
    try {
      for (int i = 1; i < n; i++) workers_.emplace_back([this, start] { workerLoop(start); });
    } catch (const std::system_error&) {
      // Out of threads: keep the workers that started (the pool stays usable) and report the failure.
      numThreads_ = static_cast<int>(workers_.size()) + 1;
      throw std::runtime_error("could not start " + std::to_string(n) + " threads; running with " +
                               std::to_string(static_cast<int>(workers_.size()) + 1));
    }
  }

  // Runs task(p) for every p in [0, parts). Safe from several JS threads at once: one task owns the
  // workers at a time, and a call from another JS thread (or from inside a task) while they are busy
  // runs all its parts inline on its own thread, so no caller ever waits on another's work.
  //
  // Parts are claimed from a shared counter by whichever thread gets to them first, the caller
  // included, rather than dealt out by thread index. On a loaded machine a worker may not be scheduled
  // for milliseconds; with fixed assignment the caller then spun idle for it (2 threads ran a 1e6 mul
  // 5x slower than 1). Now the caller takes the parts nobody has started and waits only for parts a
  // worker is already running, yielding its core while it waits.
  void run(int parts, const std::function<void(int)>& task) {
    if (parts <= 1 || tInTask || parts > kPartMask) {
      for (int p = 0; p < parts; p++) task(p);
      return;
    }
    std::unique_lock<std::mutex> running(runMu_, std::try_to_lock);
    if (!running.owns_lock() || workers_.empty()) {
      for (int p = 0; p < parts; p++) task(p);
      return;
    }
    task_ = &task;
    workerDone_.store(0, std::memory_order_relaxed);
    uint64_t serial;
    bool wake;
    {
      std::lock_guard<std::mutex> lock(mu_);
      serial = generation_.load(std::memory_order_relaxed) + 1;
      claim_.store(claimState(serial, parts, 0), std::memory_order_release);
      generation_.store(serial, std::memory_order_release);
      wake = sleepers_ > 0;
    }
    if (wake) cv_.notify_all();
    int mine = 0;  // parts this thread claimed (one that throws included)
    // Even if a part throws, the workers must be done with `task` before this frame (and the lock) goes:
    // close the counter so no new part starts, then wait for the parts workers already claimed.
    struct Join {
      Pool& pool;
      uint64_t serial;
      int parts;
      const int& mine;
      ~Join() {
        tInTask = false;
        uint64_t last = pool.claim_.exchange(claimState(serial, parts, parts), std::memory_order_acq_rel);
        int byWorkers = static_cast<int>(last & kPartMask) - mine;
        for (int spins = 0; pool.workerDone_.load(std::memory_order_acquire) != byWorkers; spins++) {
          if (spins < 2000) cpuRelax();
          else std::this_thread::yield();
        }
        pool.task_ = nullptr;
      }
    } join{*this, serial, parts, mine};
    tInTask = true;
    for (int p; (p = claimPart(serial)) >= 0;) {
      mine++;
      task(p);
    }
  }

 private:
  // Waits for a generation other than `seen`: spins first, then sleeps on the condition variable.
  uint64_t awaitWork(uint64_t seen) {
    auto until = std::chrono::steady_clock::now() + kSpinFor;
    for (int i = 0;; i++) {
      uint64_t g = generation_.load(std::memory_order_acquire);
      if (g != seen || stop_.load(std::memory_order_relaxed)) return g;
      cpuRelax();
      if ((i & 63) == 63 && std::chrono::steady_clock::now() > until) break;
    }
    std::unique_lock<std::mutex> lock(mu_);
    sleepers_++;
    cv_.wait(lock, [&] { return generation_.load() != seen || stop_.load(); });
    sleepers_--;
    return generation_.load();
  }

  void workerLoop(uint64_t seen) {
    tInTask = true;
    for (;;) {
      seen = awaitWork(seen);
      if (stop_.load()) return;
      // A worker that wakes late finds the counter closed or already on a later task: it takes nothing.
      for (int p; (p = claimPart(seen)) >= 0;) {
        (*task_)(p);
        workerDone_.fetch_add(1, std::memory_order_release);
      }
    }
  }

  // The claim counter packs the task's serial (its generation), its part count and the next part, so
  // a claim made for one task can never take a part of the next.
  static constexpr int kPartBits = 16;
  static constexpr int kPartMask = (1 << kPartBits) - 1;
  static uint64_t claimState(uint64_t serial, int parts, int next) {
    return (serial << (2 * kPartBits)) | (static_cast<uint64_t>(parts) << kPartBits) | static_cast<uint64_t>(next);
  }

  // The next unstarted part of task `serial`, or -1 when all are taken (or that task is over).
  int claimPart(uint64_t serial) {
    uint64_t v = claim_.load(std::memory_order_acquire);
    for (;;) {
      const uint64_t wanted = serial & (~uint64_t{0} >> (2 * kPartBits));
      if ((v >> (2 * kPartBits)) != wanted) return -1;
      const int parts = static_cast<int>((v >> kPartBits) & kPartMask), next = static_cast<int>(v & kPartMask);
      if (next >= parts) return -1;
      if (claim_.compare_exchange_weak(v, v + 1, std::memory_order_acq_rel, std::memory_order_acquire)) return next;
    }
  }

  void stopAll() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_.store(true);
    }
    cv_.notify_all();
    for (auto& w : workers_) w.join();
    workers_.clear();
  }

  std::vector<std::thread> workers_;
  std::mutex runMu_;
  std::mutex mu_;
  std::condition_variable cv_;
  const std::function<void(int)>* task_ = nullptr;
  int sleepers_ = 0;  // guarded by mu_
  std::atomic<int> numThreads_{1};
  std::atomic<int> workerDone_{0};  // parts of the current task that workers finished
  std::atomic<uint64_t> claim_{0};
  std::atomic<uint64_t> generation_{0};
  std::atomic<bool> stop_{false};
};

// One pool for the whole process, shared by every JS environment (threads are a process resource, as
// torch.set_num_threads is in PyTorch). Never destroyed: at exit a worker thread of Node may still be
// inside an op, and joining the pool's threads under it could hang.
Pool& pool() {
  static Pool* p = new Pool();
  return *p;
}

}  // namespace

void setNumThreads(int n) { pool().resize(n); }
int getNumThreads() { return pool().size(); }

void parallelFor(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& fn) {
  if (n <= 0) return;
  int64_t maxParts = std::max<int64_t>(1, n / std::max<int64_t>(grain, 1));
  int parts = static_cast<int>(std::min<int64_t>(getNumThreads(), maxParts));
  if (parts <= 1) {
    fn(0, n);
    return;
  }
  int64_t chunk = (n + parts - 1) / parts;
  pool().run(parts, [&](int p) {
    int64_t begin = p * chunk, end = std::min(n, begin + chunk);
    if (begin < end) fn(begin, end);
  });
}

}  // namespace torch_native
