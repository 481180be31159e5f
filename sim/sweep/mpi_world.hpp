#pragma once
/// @file mpi_world.hpp
/// The processes of a sweep. Under `mpirun -np N` (or `srun`) there are N ranks; started on its
/// own, the program is a world of one and never touches MPI, so the binary works without a
/// launcher and a plain run pays nothing for MPI support. All MPI calls are made from the
/// thread that created the World (MPI_THREAD_FUNNELED): the worker threads only simulate.

#include <string>
#include <vector>

namespace caseflow::sweep {

class World {
 public:
  /// Initializes MPI when the program was started by an MPI launcher and MPI support is built in.
  World();
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  [[nodiscard]] int rank() const { return rank_; }
  [[nodiscard]] int size() const { return size_; }
  [[nodiscard]] bool is_root() const { return rank_ == 0; }

  /// Root's `text` on every rank.
  [[nodiscard]] std::string broadcast(const std::string& text) const;
  /// Every rank's `text`, in rank order, on the root; empty elsewhere.
  [[nodiscard]] std::vector<std::string> gather(const std::string& text) const;
  /// True on every rank if `flag` is true on any.
  [[nodiscard]] bool any(bool flag) const;

 private:
  int rank_ = 0;
  int size_ = 1;
  bool initialized_ = false;
};

/// True when the environment says an MPI launcher started this process.
bool launched_by_mpi();

}  // namespace caseflow::sweep
