#pragma once
/// @file event_queue.hpp
/// The future event list. Events are totally ordered by (time, priority class, subject, kind,
/// aux, version): ties are broken by who and what the event is, never by when it was scheduled
/// and never at random (a random tie-break consumes draws and desynchronises arms). Because the
/// order does not depend on the scheduling history, a simulation may leave out events that
/// would have had no effect (sim/README.md: idle meetings) without reordering the others.
///
/// Layout: optionally (set_buckets) future events wait unsorted in buckets of fixed width on the
/// time axis; when the queue reaches a bucket, the bucket is sorted once into the current run
/// and consumed in order. A bucket is a chain of small fixed-size blocks from a shared pool:
/// appending never moves events, and a consumed bucket's blocks serve the next appends, so
/// memory follows the number of pending events. The blocks hold events only (three cache
/// lines); how full a bucket's last block is lives in the bucket's header and the links
/// between blocks in an array of their own, both small enough to stay in cache, so an append
/// writes one event and reads nothing far away, and the blocks of the next bucket are known
/// (and prefetched) while the current one is consumed. Events pushed into the current (or an earlier) bucket go to a small
/// 4-ary heap beside the run; a pop takes the earlier of the two. Caseload events cluster in
/// time and most are scheduled weeks ahead, so a push is usually an append, the side heap
/// stays tiny, and the run tells the caller which events come next (lookahead) so that it can
/// prefetch their subjects' data. Pops come out in exactly the same order as from a single
/// heap: the bucket of a time is a monotone function of the time, the run and the side heap
/// hold only events of the current or earlier buckets, and ties are broken by the total order.
/// Without set_buckets the queue is a plain 4-ary heap.
/// Events are 24 bytes: the priority class, the subject, the kind and the small extra id share
/// one 64-bit word whose numeric order is the tie-break order.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

namespace caseflow::engine {

/// Classes for events at the same instant, earliest first (at most 16 classes). The
/// simulation names its own meanings for them; the queue only orders by the number.
using PriorityClass = std::uint8_t;

struct Event {
  double time = 0.0;
  /// Priority class (top 4 bits), subject (32 bits), kind (4 bits), aux (16 bits), 8 bits
  /// unused: ordering by this word orders by class, then subject, kind and aux.
  std::uint64_t order = 0;
  std::uint32_t version = 0;  ///< the subject's version when scheduled; stale events are dropped

  [[nodiscard]] PriorityClass priority() const { return static_cast<PriorityClass>(order >> 60); }
  /// Whom the event is about, e.g. a citizen id.
  [[nodiscard]] std::uint32_t subject() const { return static_cast<std::uint32_t>(order >> 28); }
  [[nodiscard]] std::uint16_t kind() const { return static_cast<std::uint16_t>((order >> 24) & 0xFu); }
  /// A small extra id (e.g. a meeting track).
  [[nodiscard]] std::uint16_t aux() const { return static_cast<std::uint16_t>((order >> 8) & 0xFFFFu); }
};

class EventQueue {
 public:
  /// Largest kind and priority class an event can carry.
  static constexpr std::uint16_t kMaxKind = 15;
  static constexpr PriorityClass kMaxPriority = 15;

  /// Buckets `width` wide covering [origin, origin + count * width); events outside wait in
  /// the heap (earlier) or in an overflow list (later). Only on an empty queue; width > 0.
  /// `expected_pending`, a guess of how many events wait at a time, only sizes the block pool
  /// up front (address space, not memory: untouched pages cost nothing), so that it never has
  /// to be moved as it grows.
  void set_buckets(double origin, double width, std::size_t count, std::size_t expected_pending = 0) {
    if (!empty()) throw std::logic_error("EventQueue::set_buckets on a non-empty queue");
    if (!(width > 0.0) || !std::isfinite(origin)) throw std::invalid_argument("EventQueue::set_buckets: bad origin or width");
    origin_ = origin;
    inverse_width_ = 1.0 / width;
    buckets_.assign(count, {});
    blocks_.clear();
    blocks_.reserve(count + 2 * expected_pending / kBlockEvents);
    next_block_.clear();
    next_block_.reserve(blocks_.capacity());
    free_blocks_.clear();
    overflow_.clear();
    current_ = 0;
  }

  /// An event expected about `k` pops from now, for prefetching only: within the current run it
  /// is exact unless events are pushed into the current bucket meanwhile; past the run's end it
  /// is one of the next bucket's events (not yet sorted, so which one is a guess); nullptr when
  /// not known.
  [[nodiscard]] const Event* lookahead(std::size_t k) const {
    const std::size_t left_in_run = run_.size() - run_pos_;
    if (k < left_in_run) return &run_[run_pos_ + k];
    const std::size_t next = current_ + 1;
    if (next >= buckets_.size() || buckets_[next].head == kNoBlock) return nullptr;
    const Chain& chain = buckets_[next];
    const std::uint32_t in_first = chain.head == chain.tail ? chain.tail_count : kBlockEvents;
    return k - left_in_run < in_first ? &blocks_[chain.head].events[k - left_in_run] : nullptr;
  }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }
  void push(double time, PriorityClass priority, std::uint16_t kind, std::uint32_t subject,
            std::uint32_t version = 0, std::uint16_t aux = 0) {
    if (kind > kMaxKind || priority > kMaxPriority) throw std::invalid_argument("EventQueue::push: kind or priority out of range");
    // A NaN time has no place in the order (and would break the bucket sort's comparisons).
    if (std::isnan(time)) throw std::invalid_argument("EventQueue::push: time is NaN");
    const std::uint64_t order = (static_cast<std::uint64_t>(priority) << 60) | (static_cast<std::uint64_t>(subject) << 28) |
                                (static_cast<std::uint64_t>(kind) << 24) | (static_cast<std::uint64_t>(aux) << 8);
    const Event e{time, order, version};
    ++size_;
    const std::size_t b = bucket_of(time);
    if (b <= current_) {
      heap_.push_back(e);
      sift_up(heap_.size() - 1);
    } else if (b < buckets_.size()) {
      append(buckets_[b], e);
    } else {
      overflow_.push_back(e);
    }
  }

  /// The time of the next event, +infinity when the queue is empty (the simulation's prefix
  /// run stops before a given time: model/fork.cpp). Sorts the next bucket if it must, as a pop
  /// would; the order of what follows is unchanged.
  [[nodiscard]] double next_time() {
    if (size_ == 0) return std::numeric_limits<double>::infinity();
    refill();
    return from_run() ? run_[run_pos_].time : heap_.front().time;
  }

  /// Removes and returns the next event (the queue must not be empty).
  Event pop() {
    refill();
    --size_;
    if (from_run()) return run_[run_pos_++];
    Event result = heap_.front();
    const Event last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(last);
    return result;
  }

 private:
  static constexpr std::size_t kArity = 4;
  // Events per block: small, because most buckets hold only a handful of pending events at a
  // time and each non-empty bucket has one partly filled block.
  static constexpr std::uint32_t kBlockEvents = 8;
  static constexpr std::uint32_t kNoBlock = 0xFFFFFFFFu;

  // Events only: 8 × 24 bytes, three whole cache lines.
  struct alignas(64) Block {
    Event events[kBlockEvents];
  };
  static_assert(sizeof(Block) == 3 * 64, "a block is three cache lines");
  // A bucket: its blocks, first to last (indices into blocks_, which may move as it grows),
  // and how many events its last block holds (the others are full).
  struct Chain {
    std::uint32_t head = kNoBlock;
    std::uint32_t tail = kNoBlock;
    std::uint32_t tail_count = 0;
  };

  void append(Chain& chain, const Event& e) {
    if (chain.tail == kNoBlock || chain.tail_count == kBlockEvents) {
      std::uint32_t fresh;
      if (!free_blocks_.empty()) {
        fresh = free_blocks_.back();
        free_blocks_.pop_back();
      } else {
        fresh = static_cast<std::uint32_t>(blocks_.size());
        blocks_.emplace_back();
        next_block_.push_back(kNoBlock);
      }
      next_block_[fresh] = kNoBlock;
      if (chain.tail == kNoBlock) {
        chain.head = fresh;
      } else {
        next_block_[chain.tail] = fresh;
      }
      chain.tail = fresh;
      chain.tail_count = 0;
    }
    blocks_[chain.tail].events[chain.tail_count++] = e;
  }

  // Moves a chain's events into `out` (after what it holds) and returns its blocks to the pool.
  void drain(Chain& chain, std::vector<Event>& out) {
    for (std::uint32_t b = chain.head; b != kNoBlock; b = next_block_[b]) {
      const std::uint32_t count = b == chain.tail ? chain.tail_count : kBlockEvents;
      out.insert(out.end(), blocks_[b].events, blocks_[b].events + count);
      free_blocks_.push_back(b);
    }
    chain = Chain{};
  }

  // Asks for the blocks of the next non-empty bucket while the current one is consumed: they
  // were written long ago and are likely out of cache by now. A hint only.
  void prefetch_next_bucket() const {
    for (std::size_t next = current_ + 1; next < buckets_.size(); ++next) {
      if (buckets_[next].head == kNoBlock) continue;
      for (std::uint32_t b = buckets_[next].head; b != kNoBlock; b = next_block_[b]) {
        const char* line = reinterpret_cast<const char*>(&blocks_[b]);
        __builtin_prefetch(line);
        __builtin_prefetch(line + 64);
        __builtin_prefetch(line + 128);
      }
      return;
    }
  }

  static bool before(const Event& a, const Event& b) {
    if (a.time != b.time) return a.time < b.time;
    return a.order < b.order || (a.order == b.order && a.version < b.version);
  }

  // Monotone in time: earlier times never land in later buckets. Times before the origin
  // land in bucket 0; past the last bucket (or not finite) in the overflow (index = count).
  [[nodiscard]] std::size_t bucket_of(double time) const {
    const double q = (time - origin_) * inverse_width_;
    if (!(q < static_cast<double>(buckets_.size()))) return buckets_.size();
    return q <= 0.0 ? 0 : static_cast<std::size_t>(q);
  }

  // Whether the next event is the run's (else the side heap's); both non-empty is compared.
  [[nodiscard]] bool from_run() const {
    if (run_pos_ == run_.size()) return false;
    return heap_.empty() || before(run_[run_pos_], heap_.front());
  }

  // When the run and the side heap are both used up, sorts the next non-empty bucket (or the
  // overflow) into the run.
  void refill() {
    if (run_pos_ < run_.size() || !heap_.empty()) return;
    while (current_ < buckets_.size()) {
      ++current_;
      run_.clear();
      run_pos_ = 0;
      if (current_ < buckets_.size()) {
        if (buckets_[current_].head == kNoBlock) continue;
        drain(buckets_[current_], run_);
        prefetch_next_bucket();
      } else {
        if (overflow_.empty()) continue;
        run_.swap(overflow_);
        std::vector<Event>().swap(overflow_);
      }
      std::sort(run_.begin(), run_.end(), [](const Event& a, const Event& b) { return before(a, b); });
      return;
    }
    // Past the buckets: everything pushed goes to the side heap (bucket_of <= current_ always).
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
  void sift_down(const Event& e) { sift_down_from(0, e); }

  void sift_down_from(std::size_t i, const Event e) {
    const std::size_t n = heap_.size();
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

  std::vector<Event> heap_;                  // the side heap (everything, without buckets)
  std::vector<Event> run_;                   // the current bucket, sorted
  std::size_t run_pos_ = 0;                  // next unread event of run_
  std::vector<Chain> buckets_;              // none until set_buckets: a plain heap
  std::vector<Block> blocks_;               // the buckets' blocks
  std::vector<std::uint32_t> next_block_;   // [block]: the next block of its bucket, kNoBlock: none
  std::vector<std::uint32_t> free_blocks_;  // blocks of consumed buckets, for reuse
  std::vector<Event> overflow_;
  double origin_ = 0.0;
  double inverse_width_ = 1.0;
  std::size_t current_ = 0;  // run_ and heap_ hold every event of buckets <= current_
  std::size_t size_ = 0;
};

}  // namespace caseflow::engine
