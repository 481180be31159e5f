#pragma once
// Running the caseflow binary from tests: a child process with its output in files, and the
// small file helpers the end-to-end sweep tests share.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace caseflow::testing {

inline std::string caseflow_binary() {
  const char* bin = std::getenv("CASEFLOW_BIN");
  return bin != nullptr ? bin : "";
}

inline std::string sweep_data(const std::string& name) { return std::string(CASEFLOW_TEST_DATA) + "/sweep/" + name; }

inline std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_text(const std::filesystem::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

/// A fresh, empty folder for one test.
inline std::filesystem::path scratch(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("caseflow-sweep-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// A started child process; stdout and stderr go to files in `dir`.
struct Child {
  pid_t pid = -1;
  std::filesystem::path out, err;
};

inline Child spawn(const std::vector<std::string>& args, const std::filesystem::path& dir) {
  Child child;
  child.out = dir / "stdout.txt";
  child.err = dir / "stderr.txt";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, child.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, child.err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  if (posix_spawnp(&child.pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) child.pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return child;
}

/// Waits for the child; its exit status, or 128 + signal.
inline int wait_for(const Child& child) {
  int status = 0;
  if (child.pid < 0 || waitpid(child.pid, &status, 0) < 0) return -1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

struct Result {
  int status = -1;
  std::string out, err;
};

inline Result run(const std::vector<std::string>& args, const std::filesystem::path& dir) {
  const Child child = spawn(args, dir);
  Result r;
  r.status = wait_for(child);
  r.out = read_text(child.out);
  r.err = read_text(child.err);
  return r;
}

/// True if `program` is found on PATH.
inline bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return false;
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (!dir.empty() && ::access((std::filesystem::path(dir) / program).c_str(), X_OK) == 0) return true;
  }
  return false;
}

/// manifest.json without the lines that describe how a session ran (timing, threads, ranks).
inline std::string manifest_without_session(const std::filesystem::path& file) {
  std::stringstream in(read_text(file));
  std::string line, kept;
  while (std::getline(in, line)) {
    bool session = false;
    for (const char* key : {"\"threads\"", "\"ranks\"", "\"points_run_now\"", "\"started\"", "\"finished\"", "\"wall_seconds\""}) {
      session = session || line.find(key) != std::string::npos;
    }
    if (!session) kept += line + "\n";
  }
  return kept;
}

}  // namespace caseflow::testing
