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

class Pool {
 public:
  Pool() { resize(defaultThreads()); }
  ~Pool() { stopAll(); }

  static int defaultThreads() {
    unsigned hc = std::thread::hardware_concurrency();
    return hc == 0 ? 1 : static_cast<int>(hc);
  }

  int size() const { return numThreads_; }

  void resize(int n) {
    n = std::max(1, n);
    stopAll();
    numThreads_ = n;
    stop_.store(false);
    // A worker's first awaited generation is fixed here, not when the thread gets to run: a task
    // published before then must still be picked up.
    const uint64_t start = generation_.load();
    try {
      for (int i = 1; i < n; i++) workers_.emplace_back([this, i, start] { workerLoop(i, start); });
    } catch (const std::system_error&) {
      // Out of threads: keep the workers that started (the pool stays usable) and report the failure.
      numThreads_ = static_cast<int>(workers_.size()) + 1;
      throw std::runtime_error("could not start " + std::to_string(n) + " threads; running with " +
                               std::to_string(static_cast<int>(workers_.size()) + 1));
    }
  }

  void run(int parts, const std::function<void(int)>& task) {
    // One task at a time: a call from another JS thread, or from inside a task, runs inline.
    std::unique_lock<std::mutex> running(runMu_, std::try_to_lock);
    if (parts <= 1 || workers_.empty() || !running.owns_lock()) {
      for (int p = 0; p < parts; p++) task(p);
      return;
    }
    task_ = &task;
    parts_ = parts;
    pending_.store(parts - 1, std::memory_order_relaxed);
    bool wake;
    {
      std::lock_guard<std::mutex> lock(mu_);
      generation_.fetch_add(1, std::memory_order_release);
      wake = sleepers_ > 0;
    }
    if (wake) cv_.notify_all();
    task(0);
    while (pending_.load(std::memory_order_acquire) != 0) cpuRelax();
    task_ = nullptr;
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

  void workerLoop(int index, uint64_t seen) {
    for (;;) {
      seen = awaitWork(seen);
      if (stop_.load()) return;
      if (index < parts_) {
        (*task_)(index);
        pending_.fetch_sub(1, std::memory_order_release);
      }
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
  int parts_ = 0, numThreads_ = 1, sleepers_ = 0;
  std::atomic<int> pending_{0};
  std::atomic<uint64_t> generation_{0};
  std::atomic<bool> stop_{false};
};

Pool& pool() {
  static Pool p;
  return p;
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
