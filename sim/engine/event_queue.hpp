#pragma once
/// @file event_queue.hpp
/// The future event list. Events are totally ordered by (time, priority class, insertion
/// sequence): ties are never broken at random, because a random tie-break consumes draws and
/// desynchronises arms. A 4-ary implicit heap of small fixed-size events: no allocation per
/// event once the heap has grown, and shallower than a binary heap.

#include <cstdint>
#include <vector>

namespace caseflow::engine {

/// Classes for events at the same instant, earliest first. The simulation names its own
/// meanings for them; the queue only orders by the number.
using PriorityClass = std::uint8_t;

struct Event {
  double time = 0.0;
  std::uint64_t order = 0;  ///< priority class in the top 8 bits, insertion sequence below
  std::uint32_t subject = 0;  ///< e.g. a citizen id
  std::uint32_t version = 0;  ///< the subject's version when scheduled; stale events are dropped
  std::uint16_t kind = 0;
  std::uint16_t aux = 0;  ///< a small extra id (e.g. a meeting track)

  [[nodiscard]] PriorityClass priority() const { return static_cast<PriorityClass>(order >> 56); }
};

class EventQueue {
 public:
  void reserve(std::size_t n) { heap_.reserve(n); }
  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  [[nodiscard]] const Event& top() const { return heap_.front(); }

  void push(double time, PriorityClass priority, std::uint16_t kind, std::uint32_t subject,
            std::uint32_t version = 0, std::uint16_t aux = 0) {
    Event e{time, (static_cast<std::uint64_t>(priority) << 56) | (sequence_++ & kSequenceMask), subject, version, kind, aux};
    heap_.push_back(e);
    sift_up(heap_.size() - 1);
  }

  Event pop() {
    Event result = heap_.front();
    const Event last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(last);
    return result;
  }

  void clear() {
    heap_.clear();
    sequence_ = 0;
  }

 private:
  static constexpr std::uint64_t kSequenceMask = (std::uint64_t{1} << 56) - 1;
  static constexpr std::size_t kArity = 4;

  static bool before(const Event& a, const Event& b) {
    return a.time < b.time || (a.time == b.time && a.order < b.order);
  }

  void sift_up(std::size_t i) {
    const Event e = heap_[i];
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (!before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  // Places `e` (the former last element) starting from the root.
  void sift_down(const Event& e) {
    const std::size_t n = heap_.size();
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = i * kArity + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t last = first + kArity < n ? first + kArity : n;
      for (std::size_t c = first + 1; c < last; ++c) {
        if (before(heap_[c], heap_[best])) best = c;
      }
      if (!before(heap_[best], e)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = e;
  }

  std::vector<Event> heap_;
  std::uint64_t sequence_ = 0;
};

}  // namespace caseflow::engine
