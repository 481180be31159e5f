#include "sweep/point_result.hpp"

#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace caseflow::sweep {
namespace {

template <class T>
void put(std::string& out, const T& value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

template <class T>
T take(const std::string& in, std::size_t& at) {
  if (at + sizeof(T) > in.size()) throw std::runtime_error("sweep: truncated result message from another rank");
  T value;
  std::memcpy(&value, in.data() + at, sizeof(T));
  at += sizeof(T);
  return value;
}

}  // namespace

void serialize(const PointResult& result, std::string& out) {
  put<std::int32_t>(out, result.point);
  put<double>(out, result.seconds);
  put<std::uint32_t>(out, static_cast<std::uint32_t>(result.rows.size()));
  for (const auto& r : result.rows) {
    put<std::int32_t>(out, r.arm);
    put<std::int32_t>(out, r.year);
    for (const double x : {r.savings, r.savings_lo, r.savings_hi, r.net, r.net_lo, r.net_hi, r.p_net_saving}) put(out, x);
  }
}

std::vector<PointResult> deserialize(const std::string& buffer) {
  std::vector<PointResult> results;
  std::size_t at = 0;
  while (at < buffer.size()) {
    PointResult p;
    p.point = take<std::int32_t>(buffer, at);
    p.seconds = take<double>(buffer, at);
    const auto n = take<std::uint32_t>(buffer, at);
    if (n > buffer.size()) throw std::runtime_error("sweep: malformed result message from another rank");
    p.rows.resize(n);
    for (auto& r : p.rows) {
      r.arm = take<std::int32_t>(buffer, at);
      r.year = take<std::int32_t>(buffer, at);
      for (double* x : {&r.savings, &r.savings_lo, &r.savings_hi, &r.net, &r.net_lo, &r.net_hi, &r.p_net_saving}) {
        *x = take<double>(buffer, at);
      }
    }
    results.push_back(std::move(p));
  }
  return results;
}

}  // namespace caseflow::sweep
