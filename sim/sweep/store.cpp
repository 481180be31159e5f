#include "sweep/store.hpp"

#include <sqlite3.h>

#include <cstring>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "io/diagnostics.hpp"

namespace caseflow::sweep {
namespace {

/// Bumped when the tables change; --resume refuses other versions.
constexpr const char* kFormat = "caseflow-sweep-1";

/// A failed SQLite call, with its (extended) result code, so that an I/O error (a full disk,
/// a failing device) can be told apart from a file that is not a sweep database.
class SqliteError : public std::runtime_error {
 public:
  SqliteError(const std::string& message, int code) : std::runtime_error(message), code_(code) {}
  [[nodiscard]] int code() const { return code_; }

 private:
  int code_;
};

/// SQLite's message and, after an I/O error, the operating system's.
std::string error_text(sqlite3* db) {
  if (db == nullptr) return "out of memory";
  std::string text = sqlite3_errmsg(db);
  const int os_error = sqlite3_system_errno(db);
  if (os_error != 0) text += fmt::format(" ({})", std::strerror(os_error));
  return text;
}

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
  throw SqliteError(fmt::format("sweep.sqlite: {}: {}", what, error_text(db)), db != nullptr ? sqlite3_extended_errcode(db) : SQLITE_NOMEM);
}

void exec(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message != nullptr ? message : "unknown error";
    sqlite3_free(message);
    throw SqliteError(fmt::format("sweep.sqlite: {} (while running: {})", text, sql), sqlite3_extended_errcode(db));
  }
}

/// A prepared statement, finalized on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) fail(db, "cannot prepare a statement");
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, int value) {
    check(sqlite3_bind_int(stmt_, i, value));
    return *this;
  }
  Statement& bind(int i, double value) {
    check(sqlite3_bind_double(stmt_, i, value));
    return *this;
  }
  Statement& bind(int i, const std::string& value) {
    check(sqlite3_bind_text(stmt_, i, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT));
    return *this;
  }
  /// Steps once; true while there is a row.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) fail(db_, "a statement failed");
    return false;
  }
  void run_and_reset() {
    step();
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  [[nodiscard]] int integer(int column) const { return sqlite3_column_int(stmt_, column); }
  [[nodiscard]] double real(int column) const { return sqlite3_column_double(stmt_, column); }
  [[nodiscard]] std::string text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    return p != nullptr ? std::string(reinterpret_cast<const char*>(p)) : std::string();
  }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) fail(db_, "cannot bind a value");
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

sqlite3* open_file(const std::filesystem::path& file, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    const std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error(fmt::format("cannot open {}: {}", file.string(), message));
  }
  sqlite3_busy_timeout(db, 10000);
  return db;
}

/// What must match for --resume to continue a database.
std::vector<std::pair<std::string, std::string>> identity(const Plan& plan) {
  std::string parameters;
  for (const auto& p : plan.experiment.parameters) parameters += (parameters.empty() ? "" : "\n") + p.path;
  std::string arms;
  for (const auto& a : plan.arm_names) arms += (arms.empty() ? "" : ",") + a;
  return {{"format", kFormat},
          {"caseflow_version", plan.caseflow_version},
          {"experiment_sha256", plan.experiment.sha256},
          {"scenario_sha256", plan.scenario_sha256},
          {"kind", io::kind_name(plan.experiment.kind)},
          {"points", std::to_string(plan.points.size())},
          {"replications", std::to_string(plan.replications)},
          {"seed", std::to_string(plan.seed)},
          {"arms", arms},
          {"parameters", parameters}};
}

}  // namespace

void SweepStore::Closer::operator()(sqlite3* db) const { sqlite3_close(db); }

SweepStore::SweepStore(sqlite3* db, std::filesystem::path file) : db_(db), file_(std::move(file)) {}
SweepStore::SweepStore(SweepStore&&) noexcept = default;
SweepStore& SweepStore::operator=(SweepStore&&) noexcept = default;
SweepStore::~SweepStore() = default;

SweepStore SweepStore::create(const std::filesystem::path& file, const Plan& plan) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(file.string() + suffix, ec);
  SweepStore store(open_file(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE), file);
  sqlite3* db = store.db_.get();
  exec(db, "PRAGMA journal_mode=WAL");
  exec(db, "BEGIN");
  exec(db, "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  exec(db, "CREATE TABLE points(point INTEGER PRIMARY KEY, rank INTEGER NOT NULL, seconds REAL NOT NULL)");
  exec(db,
       "CREATE TABLE parameter_values(point INTEGER NOT NULL, parameter INTEGER NOT NULL, path TEXT NOT NULL, "
       "value TEXT NOT NULL, PRIMARY KEY(point, parameter))");
  exec(db,
       "CREATE TABLE results(point INTEGER NOT NULL, arm_index INTEGER NOT NULL, arm TEXT NOT NULL, "
       "year_index INTEGER NOT NULL, year TEXT NOT NULL, savings REAL, savings_lo REAL, savings_hi REAL, "
       "net REAL, net_lo REAL, net_hi REAL, p_net_saving REAL, PRIMARY KEY(point, arm_index, year_index))");
  Statement insert(db, "INSERT INTO meta(key, value) VALUES(?, ?)");
  for (const auto& [key, value] : identity(plan)) insert.bind(1, key).bind(2, value).run_and_reset();
  insert.bind(1, std::string("experiment_name")).bind(2, plan.experiment.name).run_and_reset();
  insert.bind(1, std::string("experiment_file")).bind(2, plan.experiment.file).run_and_reset();
  insert.bind(1, std::string("git_commit")).bind(2, plan.caseflow_commit).run_and_reset();
  exec(db, "COMMIT");
  return store;
}

SweepStore SweepStore::resume(const std::filesystem::path& file, const Plan& plan) {
  auto refuse = [&](const std::string& message) {
    throw io::InputError({io::Diagnostic{io::Diagnostic::Severity::error, file.string(), 0, 0, "", message}});
  };
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    refuse("nothing to resume: no sweep database here (run the sweep without --resume first, or check --out)");
  }
  // A foreign file is bad input (exit 2); failing to read a good one (a full disk, an I/O
  // error) is a failure while running (exit 1) that must not invite deleting good data.
  auto io_failure = [&](const std::string& reason) {
    throw std::runtime_error(fmt::format("cannot read the sweep database {}: {}. The database has not been changed; fix the "
                                         "cause (free disk space, check the device) and rerun with --resume",
                                         file.string(), reason));
  };
  {
    std::ifstream in(file, std::ios::binary);
    char header[16] = {};
    in.read(header, sizeof header);
    if (in.bad() || (!in && !in.eof())) io_failure(std::strerror(errno));
    if (in.gcount() == 0) refuse("not a caseflow sweep database (the file is empty)");
    if (in.gcount() < 16 || std::memcmp(header, "SQLite format 3", 16) != 0) {
      refuse("not a caseflow sweep database (not an SQLite file); was --out meant to be another folder?");
    }
  }
  SweepStore store(open_file(file, SQLITE_OPEN_READWRITE), file);
  std::vector<std::pair<std::string, std::string>> stored;
  try {
    bool has_meta = false;
    {
      Statement tables(store.db_.get(), "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'");
      has_meta = tables.step();
    }
    if (!has_meta) refuse("not a caseflow sweep database (an SQLite file without caseflow's meta table)");
    Statement read(store.db_.get(), "SELECT key, value FROM meta");
    while (read.step()) stored.emplace_back(read.text(0), read.text(1));
  } catch (const SqliteError& e) {
    if ((e.code() & 0xff) == SQLITE_NOTADB) refuse("not a caseflow sweep database (SQLite: file is not a database)");
    io_failure(e.what());
  }
  auto value_of = [&](const std::string& key) -> std::string {
    for (const auto& [k, v] : stored) {
      if (k == key) return v;
    }
    return "";
  };
  if (value_of("format") != kFormat) refuse(fmt::format("not a {} database (format '{}')", kFormat, value_of("format")));
  if (value_of("caseflow_version") != plan.caseflow_version) {
    const std::string made_by = value_of("caseflow_version");
    refuse(fmt::format("cannot resume: this sweep was started by caseflow {}, and this is caseflow {}; points from two versions "
                       "must not be mixed. Finish it with caseflow {}, or rerun without --resume to start over",
                       made_by.empty() ? "(a version that did not record itself)" : made_by, plan.caseflow_version,
                       made_by.empty() ? "that version" : made_by));
  }
  for (const auto& [key, expected] : identity(plan)) {
    const std::string found = value_of(key);
    if (found == expected) continue;
    if (key == "experiment_sha256") {
      refuse(fmt::format("cannot resume: the experiment file {} has changed since this sweep started (its SHA-256 was "
                         "{}, now {}); rerun without --resume to start over, or use another --out",
                         plan.experiment.file, found.substr(0, 12), expected.substr(0, 12)));
    }
    if (key == "scenario_sha256") {
      refuse(fmt::format("cannot resume: the scenario file {} has changed since this sweep started (its SHA-256 was "
                         "{}, now {}); rerun without --resume to start over",
                         plan.experiment.scenario.string(), found.substr(0, 12), expected.substr(0, 12)));
    }
    refuse(fmt::format("cannot resume: the sweep's {} was '{}', now '{}'; rerun without --resume to start over", key, found,
                       expected));
  }
  return store;
}

std::vector<int> SweepStore::finished_points() const {
  std::vector<int> points;
  Statement read(db_.get(), "SELECT point FROM points ORDER BY point");
  while (read.step()) points.push_back(read.integer(0));
  return points;
}

void SweepStore::commit(const Plan& plan, const PointResult& result, int rank) {
  sqlite3* db = db_.get();
  exec(db, "BEGIN IMMEDIATE");
  try {
    Statement point(db, "INSERT INTO points(point, rank, seconds) VALUES(?, ?, ?)");
    point.bind(1, result.point).bind(2, rank).bind(3, result.seconds).run_and_reset();
    Statement value(db, "INSERT INTO parameter_values(point, parameter, path, value) VALUES(?, ?, ?, ?)");
    const Point& p = plan.points[static_cast<std::size_t>(result.point)];
    for (std::size_t k = 0; k < p.values.size(); ++k) {
      value.bind(1, result.point).bind(2, static_cast<int>(k)).bind(3, plan.experiment.parameters[k].path).bind(4, p.values[k]);
      value.run_and_reset();
    }
    Statement row(db,
                  "INSERT INTO results(point, arm_index, arm, year_index, year, savings, savings_lo, savings_hi, net, "
                  "net_lo, net_hi, p_net_saving) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& r : result.rows) {
      row.bind(1, result.point).bind(2, r.arm).bind(3, plan.arm_names[static_cast<std::size_t>(r.arm)]);
      row.bind(4, r.year).bind(5, plan.year_labels[static_cast<std::size_t>(r.year)]);
      row.bind(6, r.savings).bind(7, r.savings_lo).bind(8, r.savings_hi);
      row.bind(9, r.net).bind(10, r.net_lo).bind(11, r.net_hi).bind(12, r.p_net_saving);
      row.run_and_reset();
    }
    exec(db, "COMMIT");
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<PointResult> SweepStore::read_all() const {
  std::vector<PointResult> points;
  {
    Statement read(db_.get(), "SELECT point, seconds FROM points ORDER BY point");
    while (read.step()) {
      PointResult p;
      p.point = read.integer(0);
      p.seconds = read.real(1);
      points.push_back(std::move(p));
    }
  }
  Statement read(db_.get(),
                 "SELECT point, arm_index, year_index, savings, savings_lo, savings_hi, net, net_lo, net_hi, p_net_saving "
                 "FROM results ORDER BY point, arm_index, year_index");
  std::size_t at = 0;
  while (read.step()) {
    const int point = read.integer(0);
    while (at < points.size() && points[at].point < point) ++at;
    if (at == points.size() || points[at].point != point) {
      throw std::runtime_error(fmt::format("{}: result rows for point {} that is not in the points table", file_.string(), point));
    }
    ResultRow r;
    r.arm = read.integer(1);
    r.year = read.integer(2);
    r.savings = read.real(3);
    r.savings_lo = read.real(4);
    r.savings_hi = read.real(5);
    r.net = read.real(6);
    r.net_lo = read.real(7);
    r.net_hi = read.real(8);
    r.p_net_saving = read.real(9);
    points[at].rows.push_back(r);
  }
  return points;
}

int committed_point_count(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return -1;
  }
  sqlite3_busy_timeout(db, 2000);
  int count = -1;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM points", -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
    count = sqlite3_column_int(stmt, 0);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return count;
}

}  // namespace caseflow::sweep
