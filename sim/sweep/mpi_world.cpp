#include "sweep/mpi_world.hpp"

#include <cstdlib>
#include <stdexcept>

#ifdef CASEFLOW_HAVE_MPI
#include <mpi.h>
#endif

namespace caseflow::sweep {

bool launched_by_mpi() {
  // OpenMPI's mpirun sets OMPI_COMM_WORLD_SIZE; srun and other PMI launchers set PMI_SIZE or
  // PMIX_RANK. Without any of them this is a plain process and MPI stays untouched.
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

#ifdef CASEFLOW_HAVE_MPI

namespace {
void check(int rc, const char* what) {
  if (rc != MPI_SUCCESS) throw std::runtime_error(std::string("MPI: ") + what + " failed");
}
}  // namespace

World::World() {
  if (!launched_by_mpi()) return;
  int already = 0;
  MPI_Initialized(&already);
  if (!already) {
    int provided = 0;
    check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
    initialized_ = true;
  }
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

World::~World() {
  if (initialized_) MPI_Finalize();
}

std::string World::broadcast(const std::string& text) const {
  if (size_ == 1) return text;
  unsigned long long n = text.size();
  check(MPI_Bcast(&n, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD), "MPI_Bcast");
  std::string out = rank_ == 0 ? text : std::string(static_cast<std::size_t>(n), '\0');
  // Large messages go in pieces: MPI counts are int.
  constexpr std::size_t kPiece = 1u << 30;
  for (std::size_t at = 0; at < out.size(); at += kPiece) {
    const int count = static_cast<int>(std::min(kPiece, out.size() - at));
    check(MPI_Bcast(out.data() + at, count, MPI_CHAR, 0, MPI_COMM_WORLD), "MPI_Bcast");
  }
  return out;
}

std::vector<std::string> World::gather(const std::string& text) const {
  if (size_ == 1) return {text};
  if (text.size() > static_cast<std::size_t>(1) << 30) throw std::runtime_error("MPI: a result message above 1 GiB");
  int n = static_cast<int>(text.size());
  std::vector<int> sizes(static_cast<std::size_t>(size_), 0);
  check(MPI_Gather(&n, 1, MPI_INT, sizes.data(), 1, MPI_INT, 0, MPI_COMM_WORLD), "MPI_Gather");
  std::vector<int> offsets(static_cast<std::size_t>(size_), 0);
  std::string all;
  if (rank_ == 0) {
    long long total = 0;
    for (int r = 0; r < size_; ++r) {
      offsets[static_cast<std::size_t>(r)] = static_cast<int>(total);
      total += sizes[static_cast<std::size_t>(r)];
    }
    if (total > (1ll << 30)) throw std::runtime_error("MPI: gathered results above 1 GiB");
    all.resize(static_cast<std::size_t>(total));
  }
  check(MPI_Gatherv(text.data(), n, MPI_CHAR, all.data(), sizes.data(), offsets.data(), MPI_CHAR, 0, MPI_COMM_WORLD),
        "MPI_Gatherv");
  std::vector<std::string> parts;
  if (rank_ == 0) {
    for (int r = 0; r < size_; ++r) {
      parts.push_back(all.substr(static_cast<std::size_t>(offsets[static_cast<std::size_t>(r)]),
                                 static_cast<std::size_t>(sizes[static_cast<std::size_t>(r)])));
    }
  }
  return parts;
}

bool World::any(bool flag) const {
  if (size_ == 1) return flag;
  int mine = flag ? 1 : 0, result = 0;
  check(MPI_Allreduce(&mine, &result, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD), "MPI_Allreduce");
  return result != 0;
}

#else  // built without MPI: always a world of one

World::World() {
  // Several copies of a build without MPI would each run the whole sweep into the same folder.
  const char* size = std::getenv("OMPI_COMM_WORLD_SIZE");
  if (size != nullptr && std::atoi(size) > 1) {
    throw std::runtime_error("this caseflow was built without MPI (CASEFLOW_WITH_MPI=OFF or no MPI found); run it "
                             "without mpirun, or rebuild with MPI");
  }
}
World::~World() = default;
std::string World::broadcast(const std::string& text) const { return text; }
std::vector<std::string> World::gather(const std::string& text) const { return {text}; }
bool World::any(bool flag) const { return flag; }

#endif

}  // namespace caseflow::sweep
