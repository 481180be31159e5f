// The MPI half of sweep::World, built as the plugin caseflow_mpi.so and loaded by World only
// when an MPI launcher started the program (mpi_world.hpp), so that the MPI libraries are never
// loaded by a plain run.
#include <mpi.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "sweep/mpi_world.hpp"

namespace caseflow::sweep {
namespace {

void check(int rc, const char* what) {
  if (rc != MPI_SUCCESS) throw std::runtime_error(std::string("MPI: ") + what + " failed");
}

class MpiCommunicator final : public Communicator {
 public:
  MpiCommunicator() {
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
  ~MpiCommunicator() override {
    if (initialized_) MPI_Finalize();
  }
  MpiCommunicator(const MpiCommunicator&) = delete;
  MpiCommunicator& operator=(const MpiCommunicator&) = delete;

  [[nodiscard]] int rank() const override { return rank_; }
  [[nodiscard]] int size() const override { return size_; }

  [[nodiscard]] std::string broadcast(const std::string& text) const override {
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

  [[nodiscard]] std::vector<std::string> gather(const std::string& text) const override {
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

  [[nodiscard]] bool any(bool flag) const override {
    int mine = flag ? 1 : 0, result = 0;
    check(MPI_Allreduce(&mine, &result, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD), "MPI_Allreduce");
    return result != 0;
  }

 private:
  int rank_ = 0;
  int size_ = 1;
  bool initialized_ = false;
};

}  // namespace
}  // namespace caseflow::sweep

extern "C" __attribute__((visibility("default"))) caseflow::sweep::Communicator* caseflow_open_mpi_communicator(std::string* error) {
  try {
    return new caseflow::sweep::MpiCommunicator();
  } catch (const std::exception& e) {
    *error = e.what();
    return nullptr;
  }
}
