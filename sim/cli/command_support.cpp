#include <exception>
#include <iostream>

#include "cli/commands.hpp"
#include "files/atomic_file.hpp"
#include "io/diagnostics.hpp"

namespace caseflow::cli {

int guarded(const std::function<int()>& body) {
  try {
    return body();
  } catch (const io::InputError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << d.format() << '\n';
    return 2;
  } catch (const files::OutputRefused& e) {
    std::cerr << "caseflow: error: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "caseflow: error: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace caseflow::cli
