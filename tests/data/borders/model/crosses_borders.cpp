// Not compiled: input for the include check (tests/borders/), which must refuse each of these
// as an include in model/.
#include "engine/calendar.hpp"  // allowed: model may use engine
#include "io/overrides.hpp"     // refused: io is not under model
#include <yaml-cpp/yaml.h>      // refused: only io may include yaml-cpp
#include "../io/key_path.hpp"   // refused: around the include path
