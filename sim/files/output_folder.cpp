#include "files/output_folder.hpp"

#include <cerrno>
#include <fstream>
#include <iterator>
#include <vector>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace caseflow::files {
namespace fs = std::filesystem;

namespace {

/// `PARENT/.NAME` + suffix: the hidden sibling names caseflow uses beside a folder.
fs::path hidden_sibling(const fs::path& path, const std::string& suffix) {
  std::string name(".");
  name += path.filename().string();
  name += suffix;
  return (path.has_parent_path() ? path.parent_path() : fs::path(".")) / name;
}

/// Longest folder name accepted: the temporary beside it (`.NAME.incomplete-PID-N`) and the lock
/// file must fit in NAME_MAX (255) bytes as well.
constexpr std::size_t kMaxName = 200;

/// The first `limit` bytes of a file (manifests are small; a huge file is not a manifest).
std::string head_of(const fs::path& file, std::size_t limit) {
  std::ifstream in(file, std::ios::binary);
  std::string text(limit, '\0');
  in.read(text.data(), static_cast<std::streamsize>(limit));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

bool has_key(const std::string& json, const std::string& key) { return json.find("\"" + key + "\":") != std::string::npos; }

std::string describe_contents(const fs::path& dir) {
  std::vector<std::string> names;
  std::size_t count = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    ++count;
    if (names.size() < 5) names.push_back(it->path().filename().string());
  }
  std::string text = std::to_string(count) + (count == 1 ? " entry" : " entries") + " (";
  for (std::size_t i = 0; i < names.size(); ++i) text += (i ? ", " : "") + names[i];
  if (count > names.size()) text += ", …";
  return text + ")";
}

}  // namespace

const char* kind_name(OutputKind kind) {
  switch (kind) {
    case OutputKind::run: return "run";
    case OutputKind::analytic: return "analytic";
    case OutputKind::calibration: return "calibration";
    case OutputKind::sweep: return "sweep";
  }
  return "";
}

std::optional<OutputKind> results_kind(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(dir, ec))) return std::nullopt;
  const fs::path manifest = dir / "manifest.json";
  if (fs::is_regular_file(fs::symlink_status(manifest, ec))) {
    const std::string json = head_of(manifest, 1 << 20);
    for (const OutputKind kind : {OutputKind::run, OutputKind::analytic, OutputKind::calibration, OutputKind::sweep}) {
      if (json.find(std::string("\"output_kind\": \"") + kind_name(kind) + "\"") != std::string::npos) return kind;
    }
    if (has_key(json, "output_kind")) return std::nullopt;  // a kind this version does not know
    // Written before manifests named their kind: recognised by their keys.
    if (has_key(json, "caseflow_version")) {
      if (has_key(json, "fingerprints")) return OutputKind::run;
      if (has_key(json, "experiment_name")) return OutputKind::sweep;
      if (has_key(json, "targets_file")) return OutputKind::calibration;
      if (has_key(json, "method") && has_key(json, "phases")) return OutputKind::analytic;
    }
    return std::nullopt;
  }
  // An interrupted sweep: its database, no manifest yet.
  if (fs::is_regular_file(fs::symlink_status(dir / "sweep.sqlite", ec)) && head_of(dir / "sweep.sqlite", 16) == std::string("SQLite format 3\0", 16)) {
    return OutputKind::sweep;
  }
  return std::nullopt;
}

fs::path check_output_folder(const fs::path& out, OutputKind kind) {
  std::string text = out.string();
  if (text.empty()) throw OutputRefused("--out: empty folder name");
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  const fs::path dir(text);
  const std::string name = dir.filename().string();
  const std::string where = "--out " + out.string();
  if (text == "/" || name == "." || name == "..") {
    throw OutputRefused(where + ": names an existing folder that is not a results folder of its own; give a new folder's name, e.g. --out results/x");
  }
  if (name.size() > kMaxName) {
    throw OutputRefused(where + ": the folder name is " + std::to_string(name.size()) + " bytes long; at most " + std::to_string(kMaxName) +
                        " are allowed");
  }
  const fs::path parent = dir.has_parent_path() ? dir.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) throw OutputRefused(where + ": cannot create the folder " + parent.string() + ": " + ec.message());
  if (!fs::is_directory(parent, ec)) throw OutputRefused(os_error(where + ": " + parent.string(), ENOTDIR));
  if (::access(parent.c_str(), W_OK | X_OK) != 0) throw OutputRefused(os_error(where + ": cannot write in " + parent.string(), errno));

  const fs::file_status status = fs::symlink_status(dir, ec);
  if (!fs::exists(status)) return dir;
  if (!fs::is_directory(status)) {
    throw OutputRefused(where + ": " + (fs::is_symlink(status) ? "is a symbolic link" : "is a file, not a folder") +
                        "; caseflow replaces only its own results folders");
  }
  if (fs::is_empty(dir, ec) && !ec) return dir;
  const std::optional<OutputKind> found = results_kind(dir);
  if (found == kind) return dir;
  if (found) {
    throw OutputRefused(where + ": holds caseflow " + kind_name(*found) + " results, not " + kind_name(kind) +
                        " results; choose another folder");
  }
  throw OutputRefused(where + ": the folder is not empty and is not a caseflow " + kind_name(kind) + " results folder: it holds " +
                      describe_contents(dir) + "; choose another folder (caseflow replaces only its own results)");
}

FolderLock::FolderLock(const fs::path& folder) {
  std::string text = folder.string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  const fs::path dir(text);
  file_ = hidden_sibling(dir, ".lock");
  for (int attempt = 0;; ++attempt) {
    const int fd = ::open(file_.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0) throw OutputRefused(os_error("cannot create the lock file " + file_.string(), errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      std::string holder(32, '\0');
      const ssize_t n = ::pread(fd, holder.data(), holder.size(), 0);
      holder.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
      while (!holder.empty() && (holder.back() == '\n' || holder.back() == '\0')) holder.pop_back();
      ::close(fd);
      if (error != EWOULDBLOCK) throw OutputRefused(os_error("cannot lock " + file_.string(), error));
      throw OutputRefused(dir.string() + " is in use by another caseflow (process " + (holder.empty() ? std::string("unknown") : holder) +
                          ", lock file " + file_.string() + "); wait for it to finish or choose another --out");
    }
    // The holder before us may have removed the file after we opened it: then our lock is on a
    // file nobody else will see; start again.
    struct stat opened {}, named {};
    if (::fstat(fd, &opened) == 0 && ::lstat(file_.c_str(), &named) == 0 && opened.st_dev == named.st_dev && opened.st_ino == named.st_ino) {
      const std::string pid = std::to_string(::getpid()) + "\n";
      if (::ftruncate(fd, 0) == 0) (void)!::pwrite(fd, pid.data(), pid.size(), 0);
      fd_ = fd;
      return;
    }
    ::close(fd);
    if (attempt > 100) throw OutputRefused("cannot lock " + file_.string() + ": it keeps changing");
  }
}

FolderLock::FolderLock(FolderLock&& other) noexcept : file_(std::move(other.file_)), fd_(other.fd_) { other.fd_ = -1; }

FolderLock::~FolderLock() {
  if (fd_ < 0) return;
  ::unlink(file_.c_str());  // while still holding it: a waiting process then retries on a new file
  ::close(fd_);
}

std::string unsafe_name_reason(const std::string& name) {
  if (name.empty()) return "an empty name";
  if (name.size() > 100) return std::to_string(name.size()) + " bytes (at most 100)";
  if (name.find_first_of("/\\") != std::string::npos) return "a '/' or '\\'";
  if (name.front() == '.') return name == "." || name == ".." ? "'" + name + "'" : "a leading '.'";
  for (const char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "a control character";
  }
  return "";
}

void swap_into_place(const fs::path& from, const fs::path& to) {
  fs::path aside;
  std::error_code ec;
  if (fs::exists(fs::symlink_status(to, ec))) {
    for (int attempt = 0;; ++attempt) {
      aside = hidden_sibling(to, ".old-" + std::to_string(::getpid()) + "-" + std::to_string(attempt));
      if (!fs::exists(fs::symlink_status(aside, ec))) break;
    }
    if (::rename(to.c_str(), aside.c_str()) != 0) throw std::runtime_error(os_error("cannot move " + to.string() + " aside", errno));
  }
  if (::rename(from.c_str(), to.c_str()) != 0) {
    const int error = errno;
    if (!aside.empty()) (void)::rename(aside.c_str(), to.c_str());
    throw std::runtime_error(os_error("cannot move the results into " + to.string(), error));
  }
  if (!aside.empty()) fs::remove_all(aside, ec);
}

}  // namespace caseflow::files
