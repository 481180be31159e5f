#!/usr/bin/python3
"""List the functions under sim/ longer than a limit (default 80 lines), for issue 18's rule
"no function over ~80 lines without a reason written beside it".

Brace counting, not a parser: comments, strings (raw ones too), character literals and digit
separators are blanked out, then every `{` that opens a body at namespace or class scope is a
function when the text before it (back to the last `;`, `{` or `}`) holds a parameter list and no
`=`, `namespace`, `class`, `struct`, `union` or `enum`. Lambdas and local classes count as part of
the function that holds them. A function's length runs from the line of its name to the line of
its closing brace, both included.

A function may stay long when a comment within the three lines above its name (or on the line
of its name) says why, beginning `long-function:`, e.g.
    // long-function: one flat switch over the event kinds; split, the dispatch is scattered

Usage: long_functions.py [--limit N] [--strict] [ROOT ...]   (ROOT defaults to sim/)
Prints one line per long function, `path:line: name (N lines)` and the reason where there is
one, then a count. Exit 0, or with --strict 1 when a long function has no reason.
"""
import argparse
import os
import re
import sys

REASON = "long-function:"
SOURCE_ENDINGS = (".cpp", ".hpp", ".h", ".cc", ".hh")


def blank_code(text):
    """The text with comments, string and character literals replaced by spaces (newlines kept),
    so braces and parentheses in them do not count."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        if c == "/" and nxt == "/":
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c == "/" and nxt == "*":
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "R" and nxt == '"' and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            open_paren = text.find("(", i + 2)
            delim = text[i + 2:open_paren]
            j = text.find(")" + delim + '"', open_paren)
            j = n if j < 0 else j + len(delim) + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == '"' or (c == "'" and not (i > 0 and text[i - 1].isalnum() and re.match(r"[0-9a-fA-F]", nxt or " "))):
            # a string or character literal ('...' after a digit is a digit separator: 1'000)
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j - 1]) + c if j - i >= 2 else text[i:j])
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def function_name(header):
    """The (qualified) name before the parameter list of a function header, or None."""
    depth, first_paren = 0, None
    for k, ch in enumerate(header):
        if ch == "(" and depth == 0 and first_paren is None:
            first_paren = k
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
    if first_paren is None:
        return None
    m = re.search(r"((?:[A-Za-z_~][\w]*\s*(?:<[^()]*>)?\s*::\s*)*(?:operator\s*[^\s(]+|operator\s*\(\s*\)|~?[A-Za-z_]\w*))\s*$",
                  header[:first_paren])
    return re.sub(r"\s+", "", m.group(1)) if m else None


def functions(path):
    """(name, first line, last line) of every function body at namespace or class scope."""
    with open(path, encoding="utf-8", errors="replace") as f:
        original = f.read()
    code = blank_code(original)
    found = []
    scopes = []          # 'fn' or 'scope' per open brace at non-function level
    header_start = 0     # where the text before the next brace at this level begins
    fn_depth = None      # brace depth inside the current function (0 at its own brace)
    fn = None
    i, n = 0, len(code)
    while i < n:
        c = code[i]
        if fn is not None:
            if c == "{":
                fn_depth += 1
            elif c == "}":
                fn_depth -= 1
                if fn_depth == 0:
                    found.append((fn[0], fn[1], code.count("\n", 0, i) + 1))
                    fn = None
                    header_start = i + 1
            i += 1
            continue
        if c in ";":
            header_start = i + 1
        elif c == "}":
            if scopes:
                scopes.pop()
            header_start = i + 1
        elif c == "{":
            header = code[header_start:i]
            flat = " ".join(header.split())
            # a constructor's member initialiser `x_{...}` is not the body: skip over it
            if re.search(r"\)\s*(const\s*)?(noexcept\s*)?:(?!:)", flat) and re.search(r"[\w>]\s*$", header) \
                    and not re.search(r"\b(const|noexcept|override|final|mutable)\s*$", header):
                depth, j = 0, i
                while j < n:
                    if code[j] == "{":
                        depth += 1
                    elif code[j] == "}":
                        depth -= 1
                        if depth == 0:
                            break
                    j += 1
                i = j + 1
                continue
            is_type = re.search(r"\b(namespace|class|struct|union|enum)\b", flat.split("(")[0])
            name = function_name(header) if "(" in flat and "=" not in flat.split("(")[0] else None
            if name and not is_type and not re.match(r"^(if|for|while|switch|return|catch)$", name.split("::")[-1]):
                # the name's line: the last line of the header holding the name
                name_at = header_start + header.rfind(name.split("::")[-1].split("<")[0])
                fn = (name, code.count("\n", 0, name_at) + 1)
                fn_depth = 1
            else:
                scopes.append("scope")
            header_start = i + 1
        i += 1
    return found, original.split("\n")


def reason_for(lines, first_line):
    for ln in range(max(0, first_line - 4), first_line):
        if REASON in lines[ln]:
            return lines[ln].split(REASON, 1)[1].strip()
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=80)
    ap.add_argument("--strict", action="store_true", help="exit 1 when a long function has no reason")
    ap.add_argument("roots", nargs="*")
    args = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    roots = args.roots or [os.path.join(here, "..", "sim")]
    base = os.path.normpath(os.path.join(here, ".."))
    rows = []
    paths = []
    for root in roots:
        if os.path.isfile(root):
            paths.append(root)
        for folder, _, names in os.walk(root):
            paths += [os.path.join(folder, name) for name in sorted(names) if name.endswith(SOURCE_ENDINGS)]
    for path in paths:
        found, lines = functions(path)
        for fname, first, last in found:
            length = last - first + 1
            if length > args.limit:
                rows.append((os.path.relpath(path, base), first, fname, length, reason_for(lines, first)))
    rows.sort()
    for path, first, fname, length, reason in rows:
        print(f"{path}:{first}: {fname} ({length} lines)" + (f"  -- {reason}" if reason else ""))
    unexplained = sum(1 for r in rows if not r[4])
    print(f"{len(rows)} function(s) over {args.limit} lines, {unexplained} without a reason")
    return 1 if args.strict and unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
