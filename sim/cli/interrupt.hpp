#pragma once
/// @file interrupt.hpp
/// Ctrl-C (SIGINT) and SIGTERM set a flag that long-running commands pass to the simulation as
/// SimulationOptions::cancel; the command then discards partial work and exits with 130
/// (143 after SIGTERM).
/// The flag is the program's one piece of global state: a signal handler can reach nothing else.

#include <atomic>

namespace caseflow::cli {

/// Installs the handlers (idempotent) and returns the flag they set.
const std::atomic<bool>& install_interrupt_handler();

/// Exit status a command returns after an interrupt: 128 + SIGINT. main() turns it into
/// interrupted_status(), so that SIGTERM ends with 143 as shells and schedulers expect.
inline constexpr int kInterruptedStatus = 130;

/// 128 + the signal that interrupted the program: 143 for SIGTERM, else 130.
int interrupted_status();

}  // namespace caseflow::cli
