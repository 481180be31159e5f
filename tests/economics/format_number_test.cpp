// The terminal's number style (issue 16.3): Danish by default, ASCII minus, no "-0".
#include <catch2/catch.hpp>

#include "economics/run_summary.hpp"

using caseflow::economics::format_number;

TEST_CASE("Terminal numbers are Danish by default and English with --lang en", "[economics][lang]") {
  CHECK(format_number(1234567.8, 0) == "1.234.568");
  CHECK(format_number(-1234.56, 1) == "-1.234,6");
  CHECK(format_number(7.1, 1) == "7,1");
  CHECK(format_number(999.6, 0) == "1.000");
  CHECK(format_number(-0.4, 0) == "0");
  CHECK(format_number(-1234.56, 1, true) == "-1,234.6");
  CHECK(format_number(0.0, 2, true) == "0.00");
}

TEST_CASE("The participants' lines follow the terminal language, words and numbers", "[economics][lang]") {
  using caseflow::economics::Cell;
  caseflow::economics::Table impact;
  impact.columns = {{"participants", 0}, {"followed_26w", 0}, {"self_supporting_26w_with", 0}, {"self_supporting_26w_without", 0},
                    {"deadweight_26w", 0}, {"savings", 0}, {"savings_earlier_exit", 0}, {"savings_lock_in", 0}};
  const std::vector<Cell> row{1234.0, 1234.0, 0.60, 0.50, 0.83, 2500000.0, 2000000.0, -500000.0};
  const std::string da = caseflow::economics::format_participants(impact, row);
  CHECK(da.find("Deltagere") != std::string::npos);
  CHECK(da.find(": 1.234\n") != std::string::npos);
  CHECK(da.find("10 procentpoint flere selvforsørgende; dødvægt 83 %") != std::string::npos);
  const std::string en = caseflow::economics::format_participants(impact, row, true);
  CHECK(en.find("Participants") != std::string::npos);
  CHECK(en.find(": 1,234\n") != std::string::npos);
  CHECK(en.find("10 percentage points more self-supporting; deadweight 83 %") != std::string::npos);
  CHECK(en.find("The savings on benefits, 2,500 (Total, 1,000 DKK)") != std::string::npos);
  for (const char* danish : {"Deltagere", "dødvægt", "indlåsning", "Besparelsen", "uger"}) {
    INFO(danish);
    CHECK(en.find(danish) == std::string::npos);
  }
}
