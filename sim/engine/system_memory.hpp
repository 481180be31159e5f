#pragma once
/// @file system_memory.hpp
/// How much memory this process may still use: the least of the kernel's MemAvailable and the
/// room left under this process's control-group limit, cgroup v2 (`memory.max` −
/// `memory.current`, at every level up the hierarchy) or v1 (`memory.limit_in_bytes` −
/// `memory.usage_in_bytes`). A container or a batch job (Slurm, systemd) is usually limited by
/// its cgroup far below the machine's free memory, and exceeding it gets the process killed.

#include <filesystem>
#include <optional>
#include <string>

namespace caseflow::engine {

struct AvailableMemory {
  double bytes = 0.0;
  /// What limits it, for messages: "MemAvailable", "cgroup v2 memory.max of /user.slice/…",
  /// "cgroup v1 memory.limit_in_bytes", "CASEFLOW_MEMORY_AVAILABLE".
  std::string source;
};

/// Where to look (tests point these at fake trees).
struct MemorySources {
  std::filesystem::path meminfo = "/proc/meminfo";
  std::filesystem::path self_cgroup = "/proc/self/cgroup";
  std::filesystem::path cgroup_root = "/sys/fs/cgroup";
};

/// The sources named by the environment: `CASEFLOW_CGROUP_ROOT` and `CASEFLOW_PROC_SELF_CGROUP`
/// replace the cgroup paths (for tests); otherwise the system's.
MemorySources memory_sources_from_environment();

/// The memory available to this process, or nullopt where nothing can be read (not Linux).
/// `CASEFLOW_MEMORY_AVAILABLE` (bytes) overrides everything, so that tests can pretend to be a
/// small machine.
std::optional<AvailableMemory> available_memory(const MemorySources& sources = memory_sources_from_environment());

/// Keeps memory this process frees for its own reuse instead of returning it to the kernel at
/// once (glibc's heap trimming; a no-op elsewhere). A sweep or a run of many replications frees
/// and allocates the same large per-run arrays again and again, and by default each new run
/// takes its arrays afresh from the kernel, page by zeroed page (measured on effect-psa: a
/// sixth of its time). The peak use is unchanged; only its return waits for the exit.
void keep_freed_memory();

/// "38 GB", "512 MB": decimal units, as users read them in system monitors.
std::string format_bytes(double bytes);

}  // namespace caseflow::engine
