#pragma once
/// @file atomic_file.hpp
/// The program's one way of writing a file: content goes to a fresh temporary created with
/// O_CREAT|O_EXCL|O_NOFOLLOW in the target's own folder, is fsynced, and is renamed over the
/// target. A reader never sees half a file, and a symlink planted at a predictable name is
/// never followed (the temporary's name is random and must not exist; rename replaces a link at
/// the target itself, never what it points to).

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace caseflow::files {

/// An output location that cannot be used (bad usage: the command exits 2 before any work).
class OutputRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Replaces (or creates) `path` with `content` atomically. Throws std::runtime_error naming the
/// file and the OS reason; an existing `path` that is not a regular file or a link (a folder, a
/// device, a pipe) is never replaced.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

/// Creates `path`, which must not exist yet (not even as a symlink), with `content`, fsynced.
/// For files inside a folder the program has just created itself.
void write_new_file(const std::filesystem::path& path, std::string_view content);

/// `what: strerror(errno)` for messages.
std::string os_error(const std::string& what, int error_number);

}  // namespace caseflow::files
