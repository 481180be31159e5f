#include "sweep/mpi_world.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace caseflow::sweep {

bool launched_by_mpi() {
  // OpenMPI's mpirun sets OMPI_COMM_WORLD_SIZE; srun and other PMI launchers set PMI_SIZE or
  // PMIX_RANK. Without any of them this is a plain process and MPI stays untouched.
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

namespace {

/// The plugin beside the running executable, or CASEFLOW_MPI_PLUGIN if set.
std::filesystem::path plugin_path() {
  if (const char* path = std::getenv("CASEFLOW_MPI_PLUGIN"); path != nullptr && *path != '\0') return path;
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return (ec ? std::filesystem::path(".") : exe.parent_path()) / kMpiPluginFile;
}

std::unique_ptr<Communicator> open_communicator() {
  const std::filesystem::path path = plugin_path();
  // RTLD_GLOBAL: Open MPI loads its own components later and they look for libmpi's symbols
  // in the global scope.
  void* plugin = ::dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
  if (plugin == nullptr) {
    const char* why = ::dlerror();
    throw std::runtime_error("started by an MPI launcher, but the MPI plugin " + path.string() + " cannot be loaded (" +
                             (why != nullptr ? why : "unknown reason") +
                             "); this caseflow may have been built without MPI (CASEFLOW_WITH_MPI=OFF or no MPI found): run "
                             "it without mpirun, or rebuild with MPI");
  }
  // The plugin stays loaded for the life of the process: MPI cannot be unloaded and re-initialized.
  auto open = reinterpret_cast<OpenCommunicator>(::dlsym(plugin, kOpenCommunicatorSymbol));
  if (open == nullptr) throw std::runtime_error("the MPI plugin " + path.string() + " has no " + kOpenCommunicatorSymbol);
  std::string error;
  std::unique_ptr<Communicator> comm(open(&error));
  if (comm == nullptr) throw std::runtime_error("MPI: " + error);
  return comm;
}

}  // namespace

World::World() {
  if (!launched_by_mpi()) return;
  comm_ = open_communicator();
  rank_ = comm_->rank();
  size_ = comm_->size();
}

World::~World() = default;  // the communicator finalizes MPI

std::string World::broadcast(const std::string& text) const { return size_ == 1 ? text : comm_->broadcast(text); }

std::vector<std::string> World::gather(const std::string& text) const {
  if (size_ == 1) return {text};
  return comm_->gather(text);
}

bool World::any(bool flag) const { return size_ == 1 ? flag : comm_->any(flag); }

}  // namespace caseflow::sweep
