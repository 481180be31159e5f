#pragma once
/// @file process.hpp
/// The one subprocess helper of the tests: runs the real caseflow binary (env CASEFLOW_BIN,
/// set by tests/CMakeLists.txt), or another program such as `mpirun … caseflow …`, as a child
/// process with stdout and stderr captured in files, so that tests see exactly what a user
/// sees: exit status, signals, messages. Children run in the test's working folder, the
/// source root under ctest, so data paths like `tests/data/…` work.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace caseflow::testing {

/// The binary under test.
inline std::string caseflow_bin() {
  const char* bin = std::getenv("CASEFLOW_BIN");
  if (bin == nullptr || *bin == '\0') throw std::runtime_error("CASEFLOW_BIN is not set (tests/CMakeLists.txt sets it)");
  return bin;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

/// How a finished child ended.
struct Outcome {
  int exit_status = -1;  ///< -1 when killed by a signal
  int signal = 0;        ///< the signal that ended it, 0 if it exited
  std::string out, err;
  double seconds = 0.0;

  /// The shell's view: the exit status, or 128 + the signal.
  [[nodiscard]] int status() const { return signal != 0 ? 128 + signal : exit_status; }
};

/// Tag for Child's constructor that runs any program (found on PATH) instead of caseflow.
struct AnyProgram {};

/// A running child; stdout/stderr go to files in `log_dir`.
class Child {
 public:
  /// `caseflow ARGS`.
  Child(const std::vector<std::string>& args, const std::filesystem::path& log_dir, const std::vector<std::string>& extra_env = {})
      : Child(AnyProgram{}, with_caseflow(args), log_dir, extra_env) {}

  /// `PROGRAM ARGS…` with `all` = {PROGRAM, ARGS…}; PROGRAM is looked up on PATH.
  Child(AnyProgram, std::vector<std::string> all, const std::filesystem::path& log_dir,
        const std::vector<std::string>& extra_env = {})
      : out_(log_dir / "stdout.txt"), err_(log_dir / "stderr.txt"), start_(std::chrono::steady_clock::now()) {
    std::filesystem::create_directories(log_dir);
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_strings;
    for (char** e = environ; *e != nullptr; ++e) env_strings.emplace_back(*e);
    env_strings.insert(env_strings.end(), extra_env.begin(), extra_env.end());
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int rc = posix_spawnp(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + all[0]);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }

  void send(int signal) const { ::kill(pid_, signal); }
  [[nodiscard]] pid_t pid() const { return pid_; }

  /// True while the child has not ended (does not reap it).
  [[nodiscard]] bool running() const {
    siginfo_t info{};
    info.si_pid = 0;
    return ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == 0;
  }

  /// Waits for the child to end (at most `limit`, then SIGKILL and a failed outcome).
  Outcome wait(std::chrono::seconds limit = std::chrono::seconds(300)) {
    Outcome o;
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
      const pid_t done = ::waitpid(pid_, &status, WNOHANG);
      if (done == pid_) break;
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        o.err = "(test: killed after the time limit)\n";
        break;
      }
      ::usleep(20000);
    }
    pid_ = -1;
    o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (WIFEXITED(status)) o.exit_status = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) o.signal = WTERMSIG(status);
    o.out = read_text(out_);
    o.err += read_text(err_);
    return o;
  }

 private:
  static std::vector<std::string> with_caseflow(const std::vector<std::string>& args) {
    std::vector<std::string> all{caseflow_bin()};
    all.insert(all.end(), args.begin(), args.end());
    return all;
  }

  pid_t pid_ = -1;
  std::filesystem::path out_, err_;
  std::chrono::steady_clock::time_point start_;
};

/// Runs caseflow with `args` to completion; stdout.txt and stderr.txt are left in `log_dir`.
inline Outcome run_caseflow(const std::vector<std::string>& args, const std::filesystem::path& log_dir,
                            const std::vector<std::string>& extra_env = {}) {
  Child child(args, log_dir, extra_env);
  return child.wait();
}

/// Runs `all` = {PROGRAM, ARGS…} (PROGRAM looked up on PATH) to completion.
inline Outcome run_program(const std::vector<std::string>& all, const std::filesystem::path& log_dir) {
  Child child(AnyProgram{}, all, log_dir);
  return child.wait();
}

/// True if `program` is found on PATH.
inline bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return false;
  std::string dirs = path;
  for (std::size_t begin = 0; begin <= dirs.size();) {
    std::size_t end = dirs.find(':', begin);
    if (end == std::string::npos) end = dirs.size();
    const std::string dir = dirs.substr(begin, end - begin);
    if (!dir.empty() && ::access((std::filesystem::path(dir) / program).c_str(), X_OK) == 0) return true;
    begin = end + 1;
  }
  return false;
}

/// A fresh empty folder under the system temp folder, removed at the end of the test.
class TempDir {
 public:
  explicit TempDir(const std::string& tag) {
    std::string pattern = (std::filesystem::temp_directory_path() / ("caseflow-" + tag + "-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// Names in `dir` (files and folders, not recursive), sorted.
inline std::vector<std::string> list_names(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace caseflow::testing
