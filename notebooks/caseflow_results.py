"""Locating and reading caseflow results folders for the notebooks.

Reading only: every number comes from the files `caseflow run`, `caseflow sweep` and
`caseflow analytic` write; nothing here simulates or costs anything.

Environment:
    CASEFLOW_RESULTS  results folder (default: the newest folder under results/ with a budget.csv)
    CASEFLOW_SWEEP    sweep folder (tornado.csv / psa.csv / sweep.csv); no default
    CASEFLOW_LANG     da (default) or en: the language of chart labels
    CASEFLOW_FIGURES  if set, notebooks also save each chart there as PNG
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
BASELINE = "baseline"
BASELINE_COLOUR = "#6b6b6b"
# Okabe-Ito, readable for colour-blind readers; the same order as the HTML report.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C564B", "#000000"]
LANG = os.environ.get("CASEFLOW_LANG", "da")


def t(da: str, en: str) -> str:
    """The label in the chosen language."""
    return en if LANG == "en" else da


def results_dir() -> Path:
    """The results folder: $CASEFLOW_RESULTS, else the newest folder under results/ with a budget.csv."""
    env = os.environ.get("CASEFLOW_RESULTS")
    if env:
        p = Path(env).expanduser()
        if not (p / "budget.csv").is_file():
            raise FileNotFoundError(f"{p}: error: not a results folder (expected budget.csv from 'caseflow run')")
        return p
    root = REPO / "results"
    candidates = [d for d in root.glob("*/") if (d / "budget.csv").is_file()] if root.is_dir() else []
    if not candidates:
        raise FileNotFoundError(f"{root}: error: no results folder found; run 'caseflow run' or set CASEFLOW_RESULTS")
    return max(candidates, key=lambda d: (d / "budget.csv").stat().st_mtime)


def sweep_dir() -> Path | None:
    """The sweep folder named by $CASEFLOW_SWEEP, or None if unset or absent."""
    env = os.environ.get("CASEFLOW_SWEEP")
    if not env:
        return None
    p = Path(env).expanduser()
    return p if p.is_dir() else None


def read(folder: Path, name: str, required: bool = True) -> pd.DataFrame | None:
    """One CSV of a results folder; None for a missing optional file."""
    path = Path(folder) / name
    if not path.is_file():
        if required:
            raise FileNotFoundError(f"{path}: error: missing file")
        return None
    head = path.read_bytes()[:4096]
    if head.startswith(b"\xef\xbb\xbf") and b";" in head.split(b"\n")[0]:  # --csv-dialect excel-da
        return pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig", keep_default_na=False, na_values=[""])
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


_LABELS: dict[tuple[str, str], str] | None = None


def labels() -> dict[tuple[str, str], str]:
    """(kind, name) -> display name from the results folder's labels.csv ({} if absent)."""
    global _LABELS
    if _LABELS is None:
        _LABELS = {}
        try:
            table = read(results_dir(), "labels.csv", required=False)
        except FileNotFoundError:
            table = None
        if table is not None:
            _LABELS = {(k, n): str(v) for k, n, v in zip(table["kind"], table["name"], table["label"])}
    return _LABELS


def name_of(kind: str, name: str) -> str:
    """The display name of a state, group, benefit, pool or slot (its label, else its name)."""
    return labels().get((kind, name), name)


def manifest(folder: Path) -> dict:
    """manifest.json as a dict ({} if absent)."""
    path = Path(folder) / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def arms(budget: pd.DataFrame) -> list[str]:
    """Arm names, baseline first, then in file order."""
    names = list(dict.fromkeys(budget["arm"]))
    return [BASELINE] * (BASELINE in names) + [a for a in names if a != BASELINE]


def colours(arm_names: list[str]) -> dict[str, str]:
    """A fixed colour per arm: grey baseline, then the palette in order."""
    out, k = {}, 0
    for a in arm_names:
        if a == BASELINE:
            out[a] = BASELINE_COLOUR
        else:
            out[a] = PALETTE[k % len(PALETTE)]
            k += 1
    return out


def label(arm: str) -> str:
    """Display name of an arm."""
    if arm == BASELINE:
        return t("Uden indsats", "Without intervention")
    return labels().get(("arm", arm), arm)


def number(x: float, decimals: int = 0) -> str:
    """x with the language's thousands separator and decimal mark and an ASCII minus (copyable)."""
    s = f"{abs(x):,.{decimals}f}"
    if LANG != "en":
        s = s.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return ("-" if round(x, decimals) < 0 else "") + s


def axis_number_formatter(decimals: int | None = None):
    """A matplotlib tick formatter using number(); by default with as many decimals as the tick needs
    (so 102.5 is not shown as "102")."""
    from matplotlib.ticker import FuncFormatter

    def needed(v: float) -> int:
        for d in range(0, 3):
            if abs(v * 10**d - round(v * 10**d)) < 1e-6:
                return d
        return 3

    return FuncFormatter(lambda v, _pos: number(v, needed(v) if decimals is None else decimals))


def budget_years(budget: pd.DataFrame) -> list[int]:
    """The numeric budget years, ascending, each once (every arm has a row per year; the `total`
    row left out)."""
    return sorted({int(y) for y in budget["year"].astype(str) if y != "total"})


def save(fig, name: str) -> None:
    """Saves the figure as $CASEFLOW_FIGURES/name.png when that variable is set."""
    out = os.environ.get("CASEFLOW_FIGURES")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        fig.savefig(Path(out) / f"{name}.png", dpi=110, bbox_inches="tight")
