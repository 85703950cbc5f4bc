#include "threadpool.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace torch_native {
namespace {

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
    stop_ = false;
    for (int i = 1; i < n; i++) workers_.emplace_back([this, i] { workerLoop(i); });
  }

  void run(int parts, const std::function<void(int)>& task) {
    if (parts <= 1 || workers_.empty()) {
      for (int p = 0; p < parts; p++) task(p);
      return;
    }
    std::unique_lock<std::mutex> lock(mu_);
    task_ = &task;
    parts_ = parts;
    pending_ = parts - 1;
    generation_++;
    lock.unlock();
    cv_.notify_all();
    task(0);
    lock.lock();
    done_.wait(lock, [this] { return pending_ == 0; });
    task_ = nullptr;
  }

 private:
  void workerLoop(int index) {
    uint64_t seen = 0;
    for (;;) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
      if (index >= parts_) continue;
      const std::function<void(int)>* task = task_;
      lock.unlock();
      (*task)(index);
      lock.lock();
      if (--pending_ == 0) done_.notify_one();
    }
  }

  void stopAll() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& w : workers_) w.join();
    workers_.clear();
  }

  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable cv_, done_;
  const std::function<void(int)>* task_ = nullptr;
  int parts_ = 0, pending_ = 0, numThreads_ = 1;
  uint64_t generation_ = 0;
  bool stop_ = false;
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
