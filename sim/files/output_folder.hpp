#pragma once
/// @file output_folder.hpp
/// Where a command may write: checked before any work, locked for the command's life, and
/// replaced only when it is caseflow's own results of the same kind.
///
/// A results folder's manifest.json names its kind (`"output_kind": "run"`); folders written
/// before that field existed are recognised by their manifest's keys, an interrupted sweep by
/// its sweep.sqlite.

#include <filesystem>
#include <optional>
#include <string>

#include "files/atomic_file.hpp"

namespace caseflow::files {

enum class OutputKind { run, analytic, calibration, sweep };

/// "run", "analytic", "calibration", "sweep": the manifest's `output_kind` value.
const char* kind_name(OutputKind kind);

/// The kind of caseflow results `dir` holds, or nothing (not a folder, not caseflow's).
std::optional<OutputKind> results_kind(const std::filesystem::path& dir);

/// Checks `out` as a results folder of `kind` before any work, and returns it normalised
/// (trailing slashes removed). Refuses, with OutputRefused naming the folder and the reason:
/// `.`, `..` or `/`; a name too long for the temporary beside it; an existing non-directory;
/// a folder that is neither empty nor caseflow results of `kind` (naming what is in it).
/// Creates the missing parent folders (their failure is reported with the OS reason).
std::filesystem::path check_output_folder(const std::filesystem::path& out, OutputKind kind);

/// An exclusive lock on a folder for the life of a command: `PARENT/.NAME.lock`, locked with
/// flock and holding the holder's PID; removed when released. A second caseflow that wants the
/// same folder gets OutputRefused naming the holder's PID. The lock file lives beside the
/// folder, so it survives the folder being replaced.
class FolderLock {
 public:
  explicit FolderLock(const std::filesystem::path& folder);
  ~FolderLock();
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;
  FolderLock(FolderLock&& other) noexcept;
  FolderLock& operator=(FolderLock&&) = delete;

  [[nodiscard]] const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
  int fd_ = -1;
};

/// Why `name` cannot be one component of a path (a scenario's or experiment's name names its
/// default results folder), or "" when it can: not empty, at most 100 bytes, no `/` or `\`,
/// not `.` or `..` nor starting with `.`, no control characters.
std::string unsafe_name_reason(const std::string& name);

/// Moves `from` into place at `to`: an existing `to` is first renamed aside, then removed once
/// `from` is in place, so some complete folder is at `to` at every moment.
void swap_into_place(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace caseflow::files
