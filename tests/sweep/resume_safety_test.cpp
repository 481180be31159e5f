// `--resume` tells a database it cannot read (an I/O error, a full disk) from a file that is not
// a caseflow sweep database, and refuses a database made by another caseflow version
// (issue 15, item 13).
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "process.hpp"

using namespace caseflow::testing;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

/// A finished grid sweep in `dir/out`; returns the experiment file.
fs::path finished_sweep(const fs::path& dir) {
  fs::copy_file(sweep_data("two_state.yaml"), dir / "two_state.yaml");
  fs::copy_file(sweep_data("grid.yaml"), dir / "grid.yaml");
  const Result r = run({caseflow_binary(), "sweep", (dir / "grid.yaml").string(), "--out", (dir / "out").string(), "--quiet"}, dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  return dir / "grid.yaml";
}

void sql(const fs::path& database, const std::string& statement) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(database.c_str(), &db) == SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &message);
  INFO((message != nullptr ? message : ""));
  sqlite3_free(message);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

}  // namespace

TEST_CASE("Resuming a good database that cannot be read is an I/O failure (exit 1), not 'not a sweep database'", "[sweep]") {
  const fs::path dir = scratch("resume-io");
  const fs::path experiment = finished_sweep(dir);
  const fs::path database = dir / "out" / "sweep.sqlite";
  const std::string before = read_text(database);
  // SQLite cannot create the shared-memory index beside the database: the same path a full
  // disk takes (the read fails although the file is a good sweep database).
  fs::create_symlink("/dev/full", dir / "out" / "sweep.sqlite-shm");
  const Result r = run({caseflow_binary(), "sweep", experiment.string(), "--out", (dir / "out").string(), "--resume"}, dir);
  INFO(r.err);
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Contains("cannot read the sweep database") && Contains("has not been changed") && Contains("--resume"));
  CHECK_THAT(r.err, !Contains("not a caseflow sweep database"));
  fs::remove(dir / "out" / "sweep.sqlite-shm");
  CHECK(read_text(database) == before);
  // With the cause gone the same database resumes.
  const Result again = run({caseflow_binary(), "sweep", experiment.string(), "--out", (dir / "out").string(), "--resume"}, dir);
  INFO(again.err);
  CHECK(again.status == 0);
}

TEST_CASE("Resuming onto a foreign file or a foreign SQLite database is bad input (exit 2)", "[sweep]") {
  const fs::path dir = scratch("resume-foreign");
  const fs::path experiment = finished_sweep(dir);
  fs::create_directories(dir / "text");
  write_text(dir / "text" / "sweep.sqlite", "these are my notes\n");
  const Result text = run({caseflow_binary(), "sweep", experiment.string(), "--out", (dir / "text").string(), "--resume"}, dir);
  INFO(text.err);
  CHECK(text.status == 2);
  // The --out check (sim/files) refuses it first: a folder whose only entry is a sweep.sqlite
  // that is not an SQLite file is not a caseflow sweep folder.
  CHECK_THAT(text.err, Contains("is not a caseflow sweep results folder") && Contains("sweep.sqlite"));
  CHECK(read_text(dir / "text" / "sweep.sqlite") == "these are my notes\n");

  fs::create_directories(dir / "other");
  sql(dir / "other" / "sweep.sqlite", "CREATE TABLE mine(x INTEGER)");
  const Result other = run({caseflow_binary(), "sweep", experiment.string(), "--out", (dir / "other").string(), "--resume"}, dir);
  INFO(other.err);
  CHECK(other.status == 2);
  CHECK_THAT(other.err, Contains("not a caseflow sweep database (an SQLite file without caseflow's meta table)"));
}

TEST_CASE("sweep.sqlite records the caseflow version and --resume refuses a database of another version", "[sweep]") {
  const fs::path dir = scratch("resume-version");
  const fs::path experiment = finished_sweep(dir);
  const fs::path database = dir / "out" / "sweep.sqlite";
  sql(database, "UPDATE meta SET value = '0.0.1-old' WHERE key = 'caseflow_version' AND value <> ''");
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(database.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'caseflow_version'", -1, &stmt, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))) == "0.0.1-old");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  const Result r = run({caseflow_binary(), "sweep", experiment.string(), "--out", (dir / "out").string(), "--resume"}, dir);
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Contains("sweep.sqlite: error: cannot resume: this sweep was started by caseflow 0.0.1-old, and this is caseflow "));

  // A database from before versions were recorded is refused too.
  sql(database, "DELETE FROM meta WHERE key = 'caseflow_version'");
  const Result unversioned = run({caseflow_binary(), "sweep", experiment.string(), "--out", (dir / "out").string(), "--resume"}, dir);
  INFO(unversioned.err);
  CHECK(unversioned.status == 2);
  CHECK_THAT(unversioned.err, Contains("a version that did not record itself"));
}
