#pragma once
/// @file format.hpp
/// Numbers and text as a Danish (or English) reader expects them on the page.

#include <optional>
#include <string>
#include <string_view>

namespace caseflow::report {

/// The report's language; Danish is the default because the readers are Danish committees.
enum class Lang { da, en };

/// "da" or "en" -> Lang; anything else -> nullopt.
std::optional<Lang> parse_lang(std::string_view code);

/// `v` rounded to `decimals`, with the language's thousands separator ('.' da, ',' en) and
/// decimal mark, and an ASCII hyphen-minus (so copied tables paste into spreadsheets and Python). Never prints "−0".
std::string format_number(double v, int decimals, Lang lang);

/// DKK shown in thousands, whole numbers (the unit of municipal budget annexes).
std::string format_thousands_dkk(double dkk, Lang lang);

/// A share in [0,1] as a whole percentage: "25 %" (da) or "25%" (en).
std::string format_percent(double share, Lang lang);

/// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string html_escape(std::string_view s);

}  // namespace caseflow::report
