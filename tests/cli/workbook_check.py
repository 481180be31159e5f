#!/usr/bin/python3
"""budget.xlsx opens and reads back the values of budget.csv (issue 16.5),
--csv-dialect excel-da writes `;`, decimal commas and a UTF-8 BOM (run and sweep), and the terminal is Danish
by default with labels (16.3).

Usage: workbook_check.py CASEFLOW_BIN SCENARIO. Needs python3-openpyxl (scripts/install-deps.sh)."""
import csv
import os
import io
import subprocess
import sys
import tempfile

import openpyxl

caseflow, scenario = sys.argv[1], sys.argv[2]
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)


with tempfile.TemporaryDirectory() as tmp:
    std_dir, da_dir = tmp + "/std", tmp + "/da"
    for out, dialect in ((std_dir, "standard"), (da_dir, "excel-da")):
        subprocess.run([caseflow, "run", scenario, "--replications", "3", "--threads", "1", "--quiet", "--out", out,
                        "--csv-dialect", dialect], check=True)

    with open(std_dir + "/budget.csv", newline="", encoding="utf-8") as f:
        budget = list(csv.DictReader(f))
    raw = open(da_dir + "/budget.csv", "rb").read()
    check(raw.startswith(b"\xef\xbb\xbf"), "excel-da budget.csv starts with a UTF-8 BOM")
    da = list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8")), delimiter=";"))
    check(len(da) == len(budget), "excel-da budget.csv has the rows of the standard one")
    for a, b in zip(budget, da):
        for key in ("net", "savings", "p_net_saving", "fte_on_benefit"):
            check(b[key] == a[key].replace(".", ","), f"excel-da {key} {b[key]!r} is {a[key]!r} with a decimal comma")
    check(b"," not in raw.split(b"\n")[0], "excel-da header has no comma")

    book = openpyxl.load_workbook(std_dir + "/budget.xlsx")
    labels = {r["name"]: r["label"] for r in csv.DictReader(open(std_dir + "/labels.csv", encoding="utf-8")) if r["kind"] == "arm"}
    arms = []
    for r in budget:
        if r["arm"] not in arms:
            arms.append(r["arm"])
    for sheet in ("Uden indsats", "Belægning", "Strømme", "Køer"):
        check(sheet in book.sheetnames, f"sheet {sheet} in {book.sheetnames}")
    for arm in arms[1:]:
        name = labels[arm][:31]
        check(name in book.sheetnames, f"a sheet for {arm} ({name})")
        if name not in book.sheetnames:
            continue
        ws = book[name]
        rows = {ws.cell(row=r, column=1).value: r for r in range(1, ws.max_row + 1)}
        years = [r["year"] for r in budget if r["arm"] == arm]
        for title, column, sign, scale in (("Investering", "intervention_cost", 1, 1000), ("Besparelse på forsørgelse", "savings", -1, 1000),
                                           ("Total (netto)", "net", 1, 1000), ("P(betaler sig)", "p_net_saving", 1, 1)):
            check(title in rows, f"{arm}: row {title}")
            if title not in rows:
                continue
            for i, year in enumerate(years):
                cell = ws.cell(row=rows[title], column=2 + i)
                expected = sign * float(next(r[column] for r in budget if r["arm"] == arm and r["year"] == year)) / scale
                check(isinstance(cell.value, (int, float)), f"{arm} {title} {year} is stored as a number ({cell.value!r})")
                if isinstance(cell.value, (int, float)):
                    check(abs(cell.value - expected) <= 1e-6 * max(1.0, abs(expected)), f"{arm} {title} {year}: {cell.value} == {expected}")
            fmt = ws.cell(row=rows[title], column=2).number_format
            check(fmt in ("#,##0;-#,##0", "0%"), f"{arm} {title}: display format {fmt}")
        check("Finansiering" in rows, f"{arm}: row Finansiering")
    occupancy = book["Belægning"]
    check(occupancy.cell(row=1, column=1).value == "arm", "occupancy sheet header")
    check(isinstance(occupancy.cell(row=2, column=5).value, (int, float)), "occupancy mean is a number")

# The terminal: Danish by default with labels, English with --lang en (issue 16.3).
with tempfile.TemporaryDirectory() as tmp:
    common = [caseflow, "run", scenario, "--replications", "2", "--threads", "1", "--set", "interventions.flere-konsulenter.label=Flere konsulenter på øen"]
    da = subprocess.run(common + ["--out", tmp + "/da"], check=True, capture_output=True, text=True).stdout
    en = subprocess.run(common + ["--out", tmp + "/en", "--lang", "en"], check=True, capture_output=True, text=True).stdout
    for text in ("Uden indsats", "Flere konsulenter på øen", "Besparelse på forsørgelse", "Resultater skrevet til", "I alt",
                 "Negative beløb"):
        check(text in da, f"Danish terminal output has {text!r}")
    for text in ("Without intervention", "Flere konsulenter på øen", "Savings on benefits", "Results written to", "Negative amounts"):
        check(text in en, f"English terminal output has {text!r}")
    check("\u2212" not in da and "\u2212" not in en, "no U+2212 minus in the terminal")
    labels_csv = open(tmp + "/da/labels.csv", encoding="utf-8").read()
    check("arm,flere-konsulenter,Flere konsulenter på øen" in labels_csv, "labels.csv has the arm's label")

# sweep --csv-dialect excel-da (the grid fixture of the sweep tests).
grid = os.path.join(os.path.dirname(os.path.abspath(scenario)), "..", "sweep", "grid.yaml")
with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([caseflow, "sweep", grid, "--out", tmp + "/s", "--csv-dialect", "excel-da", "--quiet", "--threads", "1"], check=True)
    raw = open(tmp + "/s/sweep.csv", "rb").read()
    check(raw.startswith(b"\xef\xbb\xbf"), "sweep --csv-dialect excel-da: sweep.csv starts with a BOM")
    header = raw[3:].split(b"\r\n")[0]
    check(b";" in header and b"," not in header, f"sweep.csv header is ;-separated: {header!r}")
    first = raw[3:].split(b"\r\n")[1].decode("utf-8").split(";")
    check(any("," in cell for cell in first) and not any("." in cell for cell in first[-4:]), f"sweep.csv numbers use decimal commas: {first}")

if failures:
    sys.exit(f"{len(failures)} check(s) failed")
print("budget.xlsx and excel-da CSV: all checks passed")
