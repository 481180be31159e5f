#include "cli/output_place.hpp"

namespace caseflow::cli {

OutputPlace prepare_output(const std::string& out, files::OutputKind kind) {
  std::filesystem::path dir = files::check_output_folder(out, kind);
  files::FolderLock lock(dir);
  // Checked again under the lock: a process that held it may have changed the folder.
  dir = files::check_output_folder(out, kind);
  return OutputPlace{std::move(dir), std::move(lock)};
}

}  // namespace caseflow::cli
