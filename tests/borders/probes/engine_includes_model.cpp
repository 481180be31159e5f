// Compiled with the engine's include paths only by the test that expects it to fail: the engine
// knows nothing of caseloads, so the model's headers are not on its include path.
#include "model/spec.hpp"
