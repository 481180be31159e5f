// Compiled with the model's include paths only by the test that expects it to fail: the model
// may not use io, so io's headers are not on its include path.
#include "io/scenario_loader.hpp"
