/// @file slots.cpp
/// Slot waiting lines: leaving a line (another route, or the slot closes) and admitting the
/// line's head when a place frees. A citizen routed to a full slot state joins the line in
/// citizen_moves.cpp's move and stays where it is meanwhile. Owns SlotRuntime's line and the
/// slot columns (CitizenColumns::waiting_slot, waiting_target, wait_since); places are taken
/// and freed by change_state.

#include "model/arm_run.hpp"

namespace caseflow::model {

void ArmRun::leave_slot_queue(std::uint32_t c) {
  if (!plan_.has_slots) return;
  const int s = cols_.waiting_slot[c];
  if (s == -1) return;
  touch_slot(s);
  --slots_[s].waiting;
  end_wait(slot_resource(s), now_ - cols_.wait_since[c]);
  cols_.waiting_slot[c] = -1;
}

void ArmRun::admit_from_slot_queue(int s) {
  SlotRuntime& slot = slots_[s];
  while (slot.occupied < capacity_of_slot(s) && !slot.queue.empty()) {
    const Waiter w = slot.queue.front();
    slot.queue.pop_front();
    if (w.version != cit_[w.citizen].version || cols_.waiting_slot[w.citizen] != s) continue;
    const StateId to = cols_.waiting_target[w.citizen];
    change_state(w.citizen, to);  // clears the queue entry and takes the place
  }
}

}  // namespace caseflow::model
