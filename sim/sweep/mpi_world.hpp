#pragma once
/// @file mpi_world.hpp
/// The processes of a sweep. Under `mpirun -np N` (or `srun`) there are N ranks; started on its
/// own, the program is a world of one and never touches MPI. The MPI calls live in a plugin
/// (`caseflow_mpi.so`, beside the executable; mpi_plugin.cpp) that World loads only under an
/// MPI launcher, so a plain `caseflow run` does not even load the MPI libraries (they cost
/// about 3 ms at every start). All MPI calls are made from the thread that created the World
/// (MPI_THREAD_FUNNELED): the worker threads only simulate.

#include <memory>
#include <string>
#include <vector>

namespace caseflow::sweep {

/// The collective operations a sweep needs; the plugin implements them with MPI.
class Communicator {
 public:
  virtual ~Communicator() = default;
  [[nodiscard]] virtual int rank() const = 0;
  [[nodiscard]] virtual int size() const = 0;
  [[nodiscard]] virtual std::string broadcast(const std::string& text) const = 0;
  [[nodiscard]] virtual std::vector<std::string> gather(const std::string& text) const = 0;
  [[nodiscard]] virtual bool any(bool flag) const = 0;
};

class World {
 public:
  /// Loads the MPI plugin and initializes MPI when an MPI launcher started the program; else a
  /// world of one. Throws std::runtime_error when launched by MPI but the plugin cannot load.
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
  std::unique_ptr<Communicator> comm_;  // null in a world of one
  int rank_ = 0;
  int size_ = 1;
};

/// True when the environment says an MPI launcher started this process.
bool launched_by_mpi();

/// The plugin's entry point: a Communicator over MPI_COMM_WORLD (MPI initialized), or null with
/// a message in `error`.
using OpenCommunicator = Communicator* (*)(std::string* error);
inline constexpr const char* kOpenCommunicatorSymbol = "caseflow_open_mpi_communicator";
inline constexpr const char* kMpiPluginFile = "caseflow_mpi.so";

}  // namespace caseflow::sweep
