# Writes version.hpp (from version.hpp.in) with the commit checked out now: run at every build
# by the caseflow_version target (sim/cli/CMakeLists.txt), so a manifest names the commit the
# binary was built from, not the one CMake was configured at. configure_file leaves the file
# untouched when nothing changed, so an unchanged commit recompiles nothing.
#
#   cmake -DSOURCE_DIR=… -DINPUT=…/version.hpp.in -DOUTPUT=…/version.hpp -DPROJECT_VERSION=… -P version.cmake

execute_process(COMMAND git rev-parse --short=12 HEAD
  WORKING_DIRECTORY ${SOURCE_DIR} OUTPUT_VARIABLE CASEFLOW_GIT_COMMIT
  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE failed)
if(failed OR NOT CASEFLOW_GIT_COMMIT)
  set(CASEFLOW_GIT_COMMIT "unknown")  # a source tarball, or git not installed
endif()
configure_file(${INPUT} ${OUTPUT} @ONLY)
