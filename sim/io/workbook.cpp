#include "io/workbook.hpp"

#include <algorithm>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>
#include <xlsxwriter.h>

namespace caseflow::io {
namespace {

using economics::Cell;
using economics::cell_number;
using economics::cell_text;
using economics::Table;

/// Per-character UTF-8 truncation.
std::string utf8_prefix(const std::string& s, std::size_t chars) {
  std::size_t n = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xc0) != 0x80) {
      if (n == chars) break;
      ++n;
    }
  }
  return s.substr(0, i);
}

/// The scenario's first day at midnight UTC, as a time_t.
std::time_t created_time(const model::Scenario& scenario) {
  const std::string iso = scenario.calendar().date_of_week(0.0).iso();
  std::tm tm{};
  tm.tm_year = std::stoi(iso.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(iso.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(iso.substr(8, 2));
  return timegm(&tm);
}

struct Formats {
  lxw_format* title;
  lxw_format* header;
  lxw_format* money;       ///< 1.000 kr., no decimals
  lxw_format* money_bold;
  lxw_format* count;       ///< one decimal
  lxw_format* share;       ///< percent
  lxw_format* note;
};

class Workbook {
 public:
  Workbook(const std::filesystem::path& path, const model::Scenario& scenario, const std::vector<std::size_t>& arms)
      : scenario_(scenario), arms_(arms) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.tmpdir = nullptr;
    book_ = workbook_new_opt(path.string().c_str(), &options);
    if (book_ == nullptr) throw std::runtime_error("budget.xlsx: cannot create " + path.string());
    // A fixed creation time (the scenario's first day), so the same results give the same bytes
    // (libxlsxwriter would stamp the current time).
    lxw_doc_properties properties{};
    std::string title = scenario.name;
    properties.title = title.data();
    properties.created = created_time(scenario);
    workbook_set_properties(book_, &properties);
    f_.title = workbook_add_format(book_);
    format_set_bold(f_.title);
    format_set_font_size(f_.title, 14);
    f_.header = workbook_add_format(book_);
    format_set_bold(f_.header);
    format_set_bottom(f_.header, LXW_BORDER_THIN);
    format_set_align(f_.header, LXW_ALIGN_RIGHT);
    f_.money = workbook_add_format(book_);
    format_set_num_format(f_.money, "#,##0;-#,##0");
    f_.money_bold = workbook_add_format(book_);
    format_set_num_format(f_.money_bold, "#,##0;-#,##0");
    format_set_bold(f_.money_bold);
    format_set_top(f_.money_bold, LXW_BORDER_THIN);
    f_.count = workbook_add_format(book_);
    format_set_num_format(f_.count, "#,##0.0");
    f_.share = workbook_add_format(book_);
    format_set_num_format(f_.share, "0%");
    f_.note = workbook_add_format(book_);
    format_set_italic(f_.note);
    for (const auto& s : scenario.arms) labels_[s.name] = s.label.empty() ? s.name : s.label;
    labels_["baseline"] = "Uden indsats";
    for (std::size_t a : arms) {
      const model::Model& m = scenario.arms[a].model;
      for (const auto& x : m.states) names_.emplace(x.name, x.label.empty() ? x.name : x.label);
      for (const auto& x : m.pools) names_.emplace(x.name, x.label.empty() ? x.name : x.label);
      for (const auto& x : m.slots) names_.emplace(x.name, x.label.empty() ? x.name : x.label);
    }
  }
  ~Workbook() {
    if (book_ != nullptr) workbook_close(book_);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  void close() {
    const lxw_error error = workbook_close(book_);
    book_ = nullptr;
    if (error != LXW_NO_ERROR) throw std::runtime_error(std::string("budget.xlsx: ") + lxw_strerror(error));
  }

  void budget_sheets(const economics::RunTables& tables) {
    const engine::Calendar calendar = scenario_.calendar();
    const auto years = calendar.budget_years();
    for (std::size_t a : arms_) {
      const model::Arm& arm = scenario_.arms[a];
      lxw_worksheet* ws = sheet(labels_[arm.name]);
      worksheet_set_column(ws, 0, 0, 38, nullptr);
      worksheet_set_column(ws, 1, static_cast<lxw_col_t>(years.size() + 1), 12, nullptr);
      worksheet_write_string(ws, 0, 0, labels_[arm.name].c_str(), f_.title);
      worksheet_write_string(ws, 1, 0, fmt::format("{} — 1.000 kr.; interval: 2,5–97,5 % over {} replikationer", scenario_.name, scenario_.replications).c_str(), f_.note);
      if (a != 0 && !arm.description.empty()) worksheet_write_string(ws, 2, 0, arm.description.c_str(), f_.note);
      worksheet_write_string(ws, 4, 0, "", f_.header);
      for (std::size_t y = 0; y < years.size(); ++y) worksheet_write_number(ws, 4, static_cast<lxw_col_t>(y + 1), years[y].year, f_.header);
      worksheet_write_string(ws, 4, static_cast<lxw_col_t>(years.size() + 1), "I alt", f_.header);
      worksheet_freeze_panes(ws, 5, 1);
      const auto rows = budget_rows(tables.budget, arm.name);
      lxw_row_t r = 5;
      auto line = [&](const char* title, const char* col, double sign, lxw_format* format, double scale = 1000.0) {
        worksheet_write_string(ws, r, 0, title, nullptr);
        const auto c = tables.budget.column(col);
        for (std::size_t y = 0; y < rows.size(); ++y) {
          const double v = c ? sign * cell_number((*rows[y])[*c]) / scale : 0.0;
          worksheet_write_number(ws, r, static_cast<lxw_col_t>(y + 1), v == 0.0 ? 0.0 : v, format);
        }
        ++r;
      };
      if (a == 0) {
        line("Forsørgelse, brutto", "benefit_gross", 1.0, f_.money);
        line("Forsørgelse, kommunal andel", "benefit_municipal", 1.0, f_.money);
        worksheet_write_string(ws, r, 0, "Helårspersoner på ydelse (I alt: gennemsnit)", nullptr);
        const auto c = tables.budget.column("fte_on_benefit");
        for (std::size_t y = 0; y < rows.size() && c; ++y) {
          double v = cell_number((*rows[y])[*c]);
          if (y == years.size()) {  // average over the years, not the sum
            v = 0.0;
            for (std::size_t k = 0; k < years.size(); ++k) v += cell_number((*rows[k])[*c]);
            v /= static_cast<double>(years.size());
          }
          worksheet_write_number(ws, r, static_cast<lxw_col_t>(y + 1), v, f_.count);
        }
        continue;
      }
      line("Investering", "intervention_cost", 1.0, f_.money);
      line("Finansiering", "financing", -1.0, f_.money);
      line("Besparelse på forsørgelse", "savings", -1.0, f_.money);
      line("Total (netto)", "net", 1.0, f_.money_bold);
      line("  Total, 2,5 %-fraktil", "net_lo", 1.0, f_.money);
      line("  Total, 97,5 %-fraktil", "net_hi", 1.0, f_.money);
      line("  Besparelse, 2,5 %-fraktil", "savings_lo", -1.0, f_.money);
      line("  Besparelse, 97,5 %-fraktil", "savings_hi", -1.0, f_.money);
      line("P(betaler sig)", "p_net_saving", 1.0, f_.share, 1.0);
      line("Akkumuleret netto", "cumulative_net", 1.0, f_.money);
      line("P(tjent hjem ved årets udgang)", "p_paid_back", 1.0, f_.share, 1.0);
      ++r;
      worksheet_write_string(ws, r, 0, "Negative beløb: indsatsen sparer mere, end den koster. \"I alt\" er tilbagediskonteret til første år.", f_.note);
    }
  }

  /// A results table as a data sheet: a header row, then the rows; names shown by their labels.
  void data_sheet(const char* title, const Table& t) {
    lxw_worksheet* ws = sheet(title);
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.columns[c].name.c_str(), f_.header);
    }
    worksheet_freeze_panes(ws, 1, 0);
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
        const Cell& cell = t.rows[r][c];
        const auto row = static_cast<lxw_row_t>(r + 1);
        const auto col = static_cast<lxw_col_t>(c);
        if (std::holds_alternative<std::string>(cell)) {
          worksheet_write_string(ws, row, col, display(t.columns[c].name, std::get<std::string>(cell)).c_str(), nullptr);
        } else {
          worksheet_write_number(ws, row, col, cell_number(cell), t.columns[c].decimals == 0 ? nullptr : f_.count);
        }
      }
    }
  }

 private:
  lxw_worksheet* sheet(const std::string& name) {
    const std::string n = sheet_name(name, taken_);
    taken_.push_back(n);
    lxw_worksheet* ws = workbook_add_worksheet(book_, n.c_str());
    if (ws == nullptr) throw std::runtime_error("budget.xlsx: cannot add the sheet " + n);
    return ws;
  }

  std::vector<const std::vector<Cell>*> budget_rows(const Table& budget, const std::string& arm) const {
    std::vector<const std::vector<Cell>*> rows;
    for (const auto& row : budget.rows) {
      if (cell_text(row[0]) == arm) rows.push_back(&row);
    }
    return rows;
  }

  std::string display(const std::string& column, const std::string& value) const {
    if (column == "arm") {
      const auto it = labels_.find(value);
      return it == labels_.end() ? value : it->second;
    }
    if (column == "state" || column == "from" || column == "to" || column == "resource") {
      const auto it = names_.find(value);
      return it == names_.end() ? value : it->second;
    }
    return value;
  }

  const model::Scenario& scenario_;
  const std::vector<std::size_t>& arms_;
  lxw_workbook* book_ = nullptr;
  Formats f_{};
  std::vector<std::string> taken_;
  std::map<std::string, std::string> labels_;
  std::map<std::string, std::string> names_;
};

}  // namespace

std::string sheet_name(const std::string& name, const std::vector<std::string>& taken) {
  std::string clean;
  for (char c : name) clean += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '-';
  if (clean.empty()) clean = "Ark";
  std::string out = utf8_prefix(clean, 31);
  for (int k = 2; std::find(taken.begin(), taken.end(), out) != taken.end(); ++k) {
    const std::string suffix = fmt::format(" ({})", k);
    out = utf8_prefix(clean, 31 - suffix.size()) + suffix;
  }
  return out;
}

void write_budget_workbook(const std::filesystem::path& path, const model::Scenario& scenario, const std::vector<std::size_t>& arms,
                           const economics::RunTables& tables) {
  Workbook book(path, scenario, arms);
  book.budget_sheets(tables);
  book.data_sheet("Belægning", tables.occupancy);
  book.data_sheet("Strømme", tables.flows);
  book.data_sheet("Køer", tables.queues);
  book.close();
}

}  // namespace caseflow::io
