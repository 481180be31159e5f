#pragma once
/// @file interrupt.hpp
/// Ctrl-C (SIGINT) and SIGTERM set a flag that long-running commands pass to the simulation as
/// SimulationOptions::cancel; the command then discards partial work and exits with 130.
/// The flag is the program's one piece of global state: a signal handler can reach nothing else.

#include <atomic>

namespace caseflow::cli {

/// Installs the handlers (idempotent) and returns the flag they set.
const std::atomic<bool>& install_interrupt_handler();

/// Exit status after an interrupt: 128 + SIGINT.
inline constexpr int kInterruptedStatus = 130;

}  // namespace caseflow::cli
