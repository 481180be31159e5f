// Compiled with the model's include paths, in every build: model may use engine.
#include "engine/calendar.hpp"
#include "model/spec.hpp"
