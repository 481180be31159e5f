// The one CSV reader (sim/files/csv_reader.hpp): fields, their lines and columns, in both
// styles. Expected values are worked out by hand from the texts below.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "files/csv_reader.hpp"

using caseflow::files::CsvReader;
using caseflow::files::CsvRecord;
using caseflow::files::CsvStyle;

namespace {

/// Every record as "LINE:COL=text|COL=text…", or "LINE:!ERRLINE:ERRCOL" for an unclosed quote.
std::vector<std::string> records(std::string_view text, CsvStyle style, char separator = ',') {
  std::vector<std::string> out;
  CsvReader reader(text, style, separator);
  CsvRecord r;
  while (reader.next(r)) {
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on `"…" + std::string&&`.
    std::string s = std::to_string(r.line);
    s += ':';
    if (r.error_column > 0) {
      s += '!';
      s += std::to_string(r.error_line);
      s += ':';
      s += std::to_string(r.error_column);
    } else {
      for (std::size_t i = 0; i < r.fields.size(); ++i) {
        if (i > 0) s += '|';
        s += std::to_string(r.fields[i].column);
        s += '=';
        s += r.fields[i].text;
      }
    }
    out.push_back(s);
  }
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("A program's CSV: quoted fields keep separators, doubled quotes and line breaks, blank lines are skipped",
          "[files]") {
  // Line 2's record runs to line 3 (the quoted line break); line 4 is empty; \r\n ends a line.
  const std::string text = "a,b\r\nx,\"two, \"\"q\"\"\nlines\"\r\n\ny, z \n";
  CHECK(records(text, CsvStyle::program) == V{"1:1=a|3=b", "2:1=x|3=two, \"q\"\nlines", "5:1=y|3= z "});
}

TEST_CASE("A program's CSV: text after a closing quote joins the field, a quote inside a field is a character",
          "[files]") {
  CHECK(records("\"ab\"cd,e\"f\n", CsvStyle::program) == V{"1:1=abcd|8=e\"f"});
}

TEST_CASE("A program's CSV: an unclosed quote is reported at its line and column and ends the text", "[files]") {
  // The quote opens on line 2, column 3 (after "x,"); nothing after it is a record.
  CHECK(records("a,b\nx,\"open\nmore\n", CsvStyle::program) == V{"1:1=a|3=b", "2:!2:3"});
}

TEST_CASE("A byte-order mark is skipped and not counted in columns, and a semicolon may separate fields", "[files]") {
  const std::string text = "\xEF\xBB\xBF" "arm;net\nbase;1,5\n";
  CHECK(caseflow::files::starts_with_bom(text));
  CHECK_FALSE(caseflow::files::starts_with_bom("arm"));
  CHECK(records(text, CsvStyle::program, ';') == V{"1:1=arm|5=net", "2:1=base|6=1,5"});
}

TEST_CASE("A person's CSV: comments and blank lines are skipped but counted, blanks around fields are dropped",
          "[files]") {
  // Columns count characters: "æ" is two bytes and one column, so "b" starts at column 3, not 4.
  const std::string text = "# observed\n  \nkind , to\r\næ,b\n  \"q, r\"  , s\n";
  CHECK(records(text, CsvStyle::hand) == V{"3:1=kind|7=to", "4:1=æ|3=b", "5:1=q, r|12=s"});
}

TEST_CASE("A person's CSV: an unclosed quote is that line's error and the next line is read afresh", "[files]") {
  // The quote stands at column 5 (after "a, " and a space); line 2 is read as usual.
  CHECK(records("a,  \"open\nb,c", CsvStyle::hand) == V{"1:!1:5", "2:1=b|3=c"});
}

TEST_CASE("A person's CSV: text after a closing quote is dropped and an empty last field is kept", "[files]") {
  CHECK(records("\"x\"junk,y,\n", CsvStyle::hand) == V{"1:1=x|9=y|11="});
}
