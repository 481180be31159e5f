#pragma once
/// @file output_place.hpp
/// Where a command writes its results, checked and locked before any work is done
/// (files/output_folder.hpp): problems are bad usage (exit 2) and nothing is simulated.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "files/output_folder.hpp"

namespace caseflow::cli {

struct OutputPlace {
  std::filesystem::path dir;  ///< normalised (no trailing slash)
  files::FolderLock lock;     ///< held until the command ends
};

/// Checks `out` for results of `kind` and locks it. Throws files::OutputRefused.
OutputPlace prepare_output(const std::string& out, files::OutputKind kind);

/// The first entries of every manifest.json (key, JSON value): the kind of results (what
/// check_output_folder reads back) and the caseflow version and commit that wrote them.
std::vector<std::pair<std::string, std::string>> manifest_head(files::OutputKind kind);

}  // namespace caseflow::cli
