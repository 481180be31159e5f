#include "files/atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <random>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace caseflow::files {
namespace fs = std::filesystem;

namespace {

/// Writes all of `content` to `fd` and fsyncs it; returns 0 or the errno of the failure.
int write_all(int fd, std::string_view content) {
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 && errno != EINVAL) return errno;  // EINVAL: a file system without fsync
  return 0;
}

std::string random_suffix() {
  static thread_local std::mt19937_64 generator{std::random_device{}() ^ (static_cast<std::uint64_t>(::getpid()) << 32)};
  static const char* hex = "0123456789abcdef";
  std::string s;
  std::uint64_t r = generator();
  for (int i = 0; i < 12; ++i, r >>= 4) s += hex[r & 15];
  return s;
}

void sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);  // best effort: the rename itself is already atomic
  ::close(fd);
}

}  // namespace

std::string os_error(const std::string& what, int error_number) { return what + ": " + std::strerror(error_number); }

void write_new_file(const fs::path& path, std::string_view content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0) throw std::runtime_error(os_error("cannot create " + path.string(), errno));
  const int error = write_all(fd, content);
  if (::close(fd) != 0 && error == 0) throw std::runtime_error(os_error("cannot write " + path.string(), errno));
  if (error != 0) throw std::runtime_error(os_error("cannot write " + path.string(), error));
}

void write_file_atomically(const fs::path& path, std::string_view content) {
  const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const std::string name = path.filename().string();
  if (name.empty() || name == "." || name == "..") throw std::runtime_error("cannot write " + path.string() + ": not a file name");
  // Only a regular file (or a link, which is replaced, not followed) is replaced: never a
  // folder, a device such as /dev/null, a pipe or a socket.
  struct stat existing {};
  if (::lstat(path.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode) && !S_ISLNK(existing.st_mode)) {
    throw std::runtime_error("cannot write " + path.string() + ": it exists and is not a regular file");
  }
  fs::path temporary;
  int fd = -1;
  for (int attempt = 0; fd < 0; ++attempt) {
    // Short enough for any name the target itself may have (NAME_MAX 255).
    std::string temporary_name(".");
    temporary_name.append(name, 0, 200);
    temporary_name += ".tmp-";
    temporary_name += random_suffix();
    temporary = folder / temporary_name;
    fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0 && (errno != EEXIST || attempt > 100)) throw std::runtime_error(os_error("cannot write " + path.string(), errno));
  }
  int error = write_all(fd, content);
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && ::rename(temporary.c_str(), path.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(temporary.c_str());
    throw std::runtime_error(os_error("cannot write " + path.string(), error));
  }
  sync_folder(folder);
}

}  // namespace caseflow::files
