#!/usr/bin/python3
"""The budget notebook's table on a results folder whose intervention is partly paid by a grant:
each budget year is a column once (not once per arm), and a Finansiering row shows the grant
as income, so that the rows add up to Total. The numbers are written here by hand: the report
fixture's budget.csv with a `financing` column of 832,000 DKK a year for jobformidlere (80 % of
its 1,040,000 staff cost) and its net lowered by as much.

Usage: notebook_budget_check.py SOURCE_DIR
"""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path


def with_grant(fixture: Path, folder: Path) -> None:
    shutil.copytree(fixture, folder)
    with open(fixture / "budget.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    header = list(rows[0].keys()) + ["financing"]
    for row in rows:
        grant = 0.0
        if row["arm"] == "jobformidlere":
            grant = 2 * 832000.0 if row["year"] == "total" else 832000.0
        for column in ("net", "net_lo", "net_hi"):
            row[column] = repr(float(row[column]) - grant)
        row["financing"] = repr(grant)
    with open(folder / "budget.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


class TableReader(HTMLParser):
    """The cells of the first HTML table, row by row (pandas writes the header and the row labels
    as <th>, the values as <td>)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None and self.rows:
            self.rows[-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def budget_table(executed: Path) -> list[list[str]]:
    notebook = json.loads(executed.read_text())
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            html = "".join(output.get("data", {}).get("text/html", ""))
            if "Investering" in html:
                reader = TableReader()
                reader.feed(html)
                return reader.rows
    sys.exit("notebook_budget_check: no budget table in the executed notebook")


def main(source: Path) -> None:
    with tempfile.TemporaryDirectory() as work:
        results = Path(work) / "results"
        with_grant(source / "tests/data/report/results-small", results)
        env = dict(os.environ, CASEFLOW_RESULTS=str(results), MPLBACKEND="Agg")
        subprocess.run(["/usr/bin/python3", "-m", "nbconvert", "--to", "notebook", "--execute", "--output-dir", work,
                        str(source / "notebooks/budget.ipynb")], env=env, check=True, capture_output=True)
        rows = budget_table(Path(work) / "budget.ipynb")
        # The fixture's years 2025 and 2026, and the whole period, each once.
        if rows[0][1:] != ["2025", "2026", "I alt"]:
            sys.exit(f"notebook_budget_check: columns {rows[0][1:]}, expected 2025, 2026, I alt once each")
        shown = {row[0]: row[1:] for row in rows[1:] if row}
        expected = {"Investering": ["1.040", "1.040", "2.080"], "Finansiering": ["-832", "-832", "-1.664"],
                    "Total": ["-707", "-1.304", "-2.010"]}
        for name, values in expected.items():
            if shown.get(name) != values:
                sys.exit(f"notebook_budget_check: row {name} shows {shown.get(name)}, expected {values}")
    print("ok: the budget notebook's table has each year once and the grant's row")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
