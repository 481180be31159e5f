#include "model/spec.hpp"

namespace caseflow::model {
// Spec structs are plain data; helpers that look names up live beside their users.
}  // namespace caseflow::model
