#pragma once
/// @file store.hpp
/// sweep.sqlite: the sweep's durable state. Every finished point is committed in one
/// transaction (its row in `points`, its parameter values, its result rows), so a killed sweep
/// loses at most the points in flight, and `--resume` reads which points are done. The
/// database is opened in WAL mode so that readers (a progress monitor, a test) do not block
/// the sweep.
///
/// Tables: `meta(key, value)` (caseflow version and commit, experiment and scenario hashes, kind,
/// counts; `--resume` refuses a database of another caseflow version), `points(point,
/// rank, seconds)`, `parameter_values(point, parameter, path, value)`, `results(point,
/// arm_index, arm, year_index, year, savings, …, p_net_saving)`. Values are stored as REAL, so
/// they read back bit for bit.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sweep/plan.hpp"
#include "sweep/point_result.hpp"

struct sqlite3;

namespace caseflow::sweep {

class SweepStore {
 public:
  /// Creates a fresh database at `file` for `plan` (an existing one is replaced).
  static SweepStore create(const std::filesystem::path& file, const Plan& plan);
  /// Opens an existing database for `--resume`; throws io::InputError when it is missing, is not
  /// a sweep database, or was made by a different experiment or scenario file or caseflow
  /// version; throws std::runtime_error (with SQLite's and the OS's reason) when a sweep
  /// database cannot be read (a full disk, an I/O error).
  static SweepStore resume(const std::filesystem::path& file, const Plan& plan);

  SweepStore(SweepStore&&) noexcept;
  SweepStore& operator=(SweepStore&&) noexcept;
  ~SweepStore();

  /// Points already committed, ascending.
  [[nodiscard]] std::vector<int> finished_points() const;
  /// Commits one point in one transaction.
  void commit(const Plan& plan, const PointResult& result, int rank);
  /// Every committed point with its rows, by point, arm, year.
  [[nodiscard]] std::vector<PointResult> read_all() const;

 private:
  explicit SweepStore(sqlite3* db, std::filesystem::path file);
  struct Closer {
    void operator()(sqlite3* db) const;
  };
  std::unique_ptr<sqlite3, Closer> db_;
  std::filesystem::path file_;
};

/// Number of rows in sweep.sqlite's `points` table, or -1 if it cannot be read (for monitors).
int committed_point_count(const std::filesystem::path& file);

}  // namespace caseflow::sweep
