#include "cli/output_place.hpp"

#include "cli/version.hpp"
#include "io/results_writer.hpp"

namespace caseflow::cli {

OutputPlace prepare_output(const std::string& out, files::OutputKind kind) {
  std::filesystem::path dir = files::check_output_folder(out, kind);
  files::FolderLock lock(dir);
  // Checked again under the lock: a process that held it may have changed the folder.
  dir = files::check_output_folder(out, kind);
  return OutputPlace{std::move(dir), std::move(lock)};
}

std::vector<std::pair<std::string, std::string>> manifest_head(files::OutputKind kind) {
  return {{"output_kind", io::json_string(files::kind_name(kind))},
          {"caseflow_version", io::json_string(kVersion)},
          {"git_commit", io::json_string(kGitCommit)}};
}

}  // namespace caseflow::cli
