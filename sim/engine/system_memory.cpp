#include "engine/system_memory.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace caseflow::engine {
namespace {

/// A file's first token as a number of bytes; nullopt for "max", a missing file or garbage.
std::optional<double> read_bytes_value(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string token;
  if (!(in >> token) || token == "max") return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(token.c_str(), &end);
  if (end == token.c_str() || !std::isfinite(value) || value < 0.0) return std::nullopt;
  return value;
}

/// cgroup v1 reports "no limit" as a huge number (PAGE_COUNTER_MAX × page size).
constexpr double kNoLimitV1 = 1e18;

void consider(std::optional<AvailableMemory>& best, double bytes, const std::string& source) {
  bytes = std::max(0.0, bytes);
  if (!best || bytes < best->bytes) best = AvailableMemory{bytes, source};
}

std::string strip_slash(std::string path) {
  while (!path.empty() && path.front() == '/') path.erase(path.begin());
  return path;
}

}  // namespace

void keep_freed_memory() {
#ifdef __GLIBC__
  // Blocks up to 32 MB (glibc's largest setting) come from the heap rather than from mappings of
  // their own, and a free heap top is given back only above 512 MB. Setting either also stops
  // glibc's adaptive thresholds, which trim the heap after each run's arrays are freed.
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
#endif
}

MemorySources memory_sources_from_environment() {
  MemorySources s;
  if (const char* root = std::getenv("CASEFLOW_CGROUP_ROOT"); root != nullptr && *root != '\0') s.cgroup_root = root;
  if (const char* self = std::getenv("CASEFLOW_PROC_SELF_CGROUP"); self != nullptr && *self != '\0') s.self_cgroup = self;
  return s;
}

std::optional<AvailableMemory> available_memory(const MemorySources& sources) {
  if (const char* forced = std::getenv("CASEFLOW_MEMORY_AVAILABLE")) {
    char* end = nullptr;
    const double bytes = std::strtod(forced, &end);
    if (end != forced && bytes > 0.0) return AvailableMemory{bytes, "CASEFLOW_MEMORY_AVAILABLE"};
  }
  std::optional<AvailableMemory> best;
  {
    std::ifstream meminfo(sources.meminfo);
    std::string line;
    while (std::getline(meminfo, line)) {
      if (line.rfind("MemAvailable:", 0) != 0) continue;
      std::istringstream in(line.substr(13));
      double kib = 0.0;
      if (in >> kib) consider(best, kib * 1024.0, "MemAvailable");
    }
  }
  // /proc/self/cgroup: "0::/PATH" (v2) or "N:CONTROLLERS:/PATH" with "memory" among the
  // controllers (v1).
  std::ifstream self(sources.self_cgroup);
  std::string line;
  while (std::getline(self, line)) {
    const auto first = line.find(':');
    const auto second = first == std::string::npos ? std::string::npos : line.find(':', first + 1);
    if (second == std::string::npos) continue;
    const std::string controllers = line.substr(first + 1, second - first - 1);
    const std::string path = strip_slash(line.substr(second + 1));
    if (controllers.empty()) {
      // v2: every level from the process's group up to the root may carry a limit.
      std::filesystem::path group = sources.cgroup_root / path;
      for (;;) {
        if (const auto max = read_bytes_value(group / "memory.max")) {
          const double current = read_bytes_value(group / "memory.current").value_or(0.0);
          consider(best, *max - current, "cgroup v2 memory.max of " + group.string());
        }
        if (group == sources.cgroup_root || !group.has_parent_path() || group.parent_path() == group) break;
        group = group.parent_path();
        if (group.string().size() < sources.cgroup_root.string().size()) break;
      }
      continue;
    }
    std::stringstream list(controllers);
    std::string controller;
    bool memory = false;
    while (std::getline(list, controller, ',')) memory = memory || controller == "memory";
    if (!memory) continue;
    // v1: the memory hierarchy's mount; inside a container the group's own path is often not
    // mounted, and the container's limit is at the mount's top.
    for (const std::filesystem::path& group : {sources.cgroup_root / "memory" / path, sources.cgroup_root / "memory"}) {
      const auto limit = read_bytes_value(group / "memory.limit_in_bytes");
      if (!limit || *limit >= kNoLimitV1) continue;
      const double usage = read_bytes_value(group / "memory.usage_in_bytes").value_or(0.0);
      consider(best, *limit - usage, "cgroup v1 memory.limit_in_bytes of " + group.string());
      break;
    }
  }
  return best;
}

std::string format_bytes(double bytes) {
  char text[64];
  if (bytes >= 1e15) std::snprintf(text, sizeof text, "%.3g TB", bytes / 1e12);
  else if (bytes >= 10e12) std::snprintf(text, sizeof text, "%.0f TB", bytes / 1e12);
  else if (bytes >= 1e12) std::snprintf(text, sizeof text, "%.1f TB", bytes / 1e12);
  else if (bytes >= 10e9) std::snprintf(text, sizeof text, "%.0f GB", bytes / 1e9);
  else if (bytes >= 1e9) std::snprintf(text, sizeof text, "%.1f GB", bytes / 1e9);
  else std::snprintf(text, sizeof text, "%.0f MB", std::max(1.0, bytes / 1e6));
  return text;
}

}  // namespace caseflow::engine
