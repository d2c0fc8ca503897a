"""Performance figures: notebook latency and kernel throughput, each beside its reference.

Run by scripts/bench with the venv's Python (see there for the options). Prints figures only;
nothing here passes or fails except the targets, which are shown with ✓/✗ beside the figures.

Notebook latency: each notebook in notebooks/ runs headless in a fresh kernel (the execution
helper of scripts/notebooks.py), first with an empty evcxr cache (cold), then again with the
cache that run filled (warm). In the same run three references: the kernel's floor, a generated
notebook with the same setup cell followed by trivial cells (`let _a1 = 1;`); evcxr alone, as many
trivial cells with no dependency at all; and the Python original
(../shared/seed/exercises-original-python.ipynb, kernel python3).

Kernel throughput: `cargo bench --bench throughput` (actmath's array functions on 1M f64) beside
the same computations written in numpy, as the Python original writes them.
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import notebooks as nbs  # noqa: E402  (the execution helper shared with scripts/run)

ROOT = nbs.ROOT
BENCH = ROOT / "build" / "bench"
PYTHON_ORIGINAL = ROOT.parent / "shared" / "seed" / "exercises-original-python.ipynb"

# Targets of the performance issue, per notebook (seconds unless a ratio).
TARGETS = {
    "exercises": {
        "warm_wall": 15.0,
        "median_vs_floor": 1.5,
        "median": 0.35,
        "first_warm": 3.0,
        "cold_wall": 60.0,
    },
    "theory": {"warm_wall": 30.0, "max_after_first": 2.0},
}
THROUGHPUT_TARGETS = {
    "sigmoid": 1.0,
    "tanh": 0.5,
    "gelu": 1.0,
    "gelu_tanh": 1.0,
    "silu": 1.0,
    "softmax_rows": 1.0,
}


# ---- Notebook latency ----------------------------------------------------------------------------


@dataclass
class Run:
    """One execution of one notebook in a fresh kernel."""

    wall: float
    cells: list[float]  # seconds per code cell, in order
    problems: list[str] = field(default_factory=list)
    setup: int = 1  # how many leading cells are the setup (up to the `:dep` cell)

    @property
    def first(self) -> float:
        return self.cells[0] if self.cells else float("nan")

    @property
    def rest(self) -> list[float]:
        """The cells after the setup: what a student waits for cell by cell."""
        return self.cells[self.setup :]

    @property
    def median(self) -> float:
        return statistics.median(self.rest) if self.rest else float("nan")

    @property
    def maximum(self) -> float:
        return max(self.rest) if self.rest else float("nan")

    @property
    def max_after_first(self) -> float:
        return max(self.cells[1:]) if len(self.cells) > 1 else float("nan")


def run_notebook(nb, cwd: Path, label: str, cache: Path | None, quiet: bool) -> Run:
    """Execute `nb` in a fresh kernel; evcxr's cache lives under `cache` (XDG_CACHE_HOME)."""
    saved = os.environ.get("XDG_CACHE_HOME")
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        os.environ["XDG_CACHE_HOME"] = str(cache)
    try:
        log = BENCH / "logs" / f"{label.replace(' ', '-')}.kernel.log"
        executed, seconds, wall, problems = nbs.execute(nb, cwd, label, quiet=quiet, log=log)
    finally:
        if saved is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = saved
    result = nbs.analyse(executed, label, cwd, student=True, seconds=seconds)
    problems = problems + result.errors() + [f"panic: {p}" for p in result.panics()]
    cells = [seconds.get(index, float("nan")) for index, _ in nbs.code_cells(executed)]
    setup = max(len(nbs.setup_cells(nb)), 1)
    return Run(wall=wall, cells=cells, problems=problems, setup=setup)


def median_run(runs: list[Run]) -> Run:
    """The run with the median wall time (the lower one of the middle two), carrying the
    problems of every run."""
    chosen = copy.copy(sorted(runs, key=lambda r: r.wall)[(len(runs) - 1) // 2])
    chosen.problems = [f"run {i + 1}: {p}" for i, r in enumerate(runs) for p in r.problems]
    return chosen


def floor_notebook(setup: list[str], cells: int) -> nbformat.NotebookNode:
    """The kernel's floor: the same setup cells, then `cells` trivial ones."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "rust", "display_name": "Rust", "language": "rust"}
    sources = list(setup) + [f"let _a{i} = {i};" for i in range(1, cells + 1)]
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return nb


def with_setup(nb, setup_lines: str) -> nbformat.NotebookNode:
    """A copy of `nb` whose first code cell has its `:cache`/`:opt` lines replaced by
    `setup_lines` (used by --setup to compare setup cells)."""
    nb = copy.deepcopy(nb)
    for _, cell in nbs.code_cells(nb):
        kept = [
            line
            for line in cell.source.splitlines()
            if not re.match(r"^\s*:(cache|opt)\b", line)
        ]
        cell.source = "\n".join([*setup_lines.split(";"), *kept]) if setup_lines else "\n".join(kept)
        cell.source = "\n".join(line.strip() for line in cell.source.splitlines() if line.strip())
        break
    return nb


def fmt(seconds: float) -> str:
    return "—" if seconds != seconds else f"{seconds:.2f} s"


def mark(ok: bool | None) -> str:
    return "" if ok is None else ("✓" if ok else "✗")


def latency(names: list[str], repeats: int, setup: str | None, warm_only: bool, quiet: bool) -> list[str]:
    """Run the latency benchmark; returns the lines of its report."""
    paths = nbs.find_notebooks()
    if names:
        # A name picks a notebook in notebooks/; a path to an .ipynb file runs that file (with
        # its own folder as working directory, so its `:dep` path resolves as in JupyterLab).
        files = [Path(n).resolve() for n in names if n.endswith(".ipynb") and Path(n).is_file()]
        wanted = {n.removesuffix(".ipynb") for n in names if not Path(n).is_file()}
        paths = [p for p in paths if p.stem in wanted] + files
    if not paths:
        return ["latency: no notebooks to run"]
    rows = []  # (label, value, target text, ok)
    table: list[tuple[str, Run, Run | None, Run, float, Run]] = []
    python = None
    if PYTHON_ORIGINAL.exists() and not warm_only:
        nbs.say(f"==> Python original ({PYTHON_ORIGINAL.name}), {repeats} run(s)", quiet)
        py_nb = nbs.read(PYTHON_ORIGINAL)
        python = median_run(
            [run_notebook(py_nb, PYTHON_ORIGINAL.parent, f"python {i + 1}", None, quiet) for i in range(repeats)]
        )
    for path in paths:
        nb = nbs.read(path)
        if setup is not None:
            nb = with_setup(nb, setup)
        variant = "" if setup is None else "-" + (re.sub(r"[^a-z0-9]+", "-", setup.lower()).strip("-") or "none")
        cache = BENCH / "evcxr-cache" / (path.stem + variant)
        if warm_only and cache.is_dir() and any(cache.iterdir()):
            cold = Run(wall=float("nan"), cells=[])
        else:
            shutil.rmtree(cache, ignore_errors=True)  # cold: an empty evcxr cache
            nbs.say(f"==> {path}: cold run (empty evcxr cache in {cache})", quiet)
            cold = run_notebook(nb, path.parent, f"{path.stem} cold", cache, quiet)
        nbs.say(f"==> {path.name}: {repeats} warm run(s)", quiet)
        warm = median_run(
            [run_notebook(nb, path.parent, f"{path.stem} warm {i + 1}", cache, quiet) for i in range(repeats)]
        )
        setup_cells = nbs.setup_cells(nb) or [nbs.code_cells(nb)[0][1].source]
        n_trivial = max(len(warm.cells) - len(setup_cells), 1)
        nbs.say(f"==> kernel floor for {path.name}: setup cell + {n_trivial} trivial cells", quiet)
        floor = median_run(
            [
                run_notebook(floor_notebook(setup_cells, n_trivial), path.parent, f"floor {i + 1}", cache, quiet)
                for i in range(repeats)
            ]
        )
        floor_median = floor.median
        nbs.say(f"==> evcxr alone: {len(warm.cells)} trivial cells, no dependency", quiet)
        bare = median_run(
            [
                run_notebook(floor_notebook([":opt 0"], len(warm.cells) - 1), path.parent, f"bare {i + 1}", cache, quiet)
                for i in range(repeats)
            ]
        )
        table.append((path.stem, cold, warm, floor, floor_median, bare))

    lines = []
    head = (
        f"{'notebook':<14}{'cells':>6}{'cold wall':>11}{'warm wall':>11}{'setup cell':>11}"
        f"{'median':>9}{'max':>9}{'floor med':>11}{'med/floor':>10}{'vs python':>11}"
    )
    lines += ["Notebook latency (Run All in a fresh kernel, kernel start included; warm = median of "
              f"{repeats} run(s))", head, "-" * len(head)]
    for name, cold, warm, floor, floor_median, bare in table:
        ratio = warm.median / floor_median if floor_median else float("nan")
        vs_py = f"{warm.wall / python.wall:.1f}×" if python and python.wall else "—"
        lines.append(
            f"{name:<14}{len(warm.cells):>6}{fmt(cold.wall):>11}{fmt(warm.wall):>11}{fmt(warm.first):>11}"
            f"{fmt(warm.median):>9}{fmt(warm.maximum):>9}{fmt(floor_median):>11}{ratio:>9.2f}×{vs_py:>11}"
        )
        t = TARGETS.get(name)
        if t:
            checks = []
            if "warm_wall" in t:
                checks.append((f"warm Run All ≤ {t['warm_wall']:.0f} s", warm.wall, warm.wall <= t["warm_wall"]))
            if "median_vs_floor" in t:
                checks.append((f"median cell ≤ {t['median_vs_floor']}× floor", ratio, ratio <= t["median_vs_floor"]))
            if "median" in t:
                checks.append((f"median cell ≤ {t['median']} s", warm.median, warm.median <= t["median"]))
            if "first_warm" in t:
                checks.append((f"first cell warm ≤ {t['first_warm']:.0f} s", warm.first, warm.first <= t["first_warm"]))
            if "cold_wall" in t:
                checks.append((f"cold Run All ≤ {t['cold_wall']:.0f} s", cold.wall, cold.wall <= t["cold_wall"]))
            if "max_after_first" in t:
                m = warm.max_after_first
                checks.append((f"no cell after the first > {t['max_after_first']:.0f} s", m, m <= t["max_after_first"]))
            for text, value, ok in checks:
                if value != value:  # not measured (e.g. no cold run with --warm-only)
                    ok = None
                shown = f"{value:.2f}×" if "floor" in text else fmt(value)
                lines.append(f"    {mark(ok)} {text:<34} {shown}")
        lines.append(
            f"    floor, the setup cell and trivial cells: Run All {fmt(floor.wall)}, "
            f"setup cell {fmt(floor.first)}, median {fmt(floor.median)}"
        )
        lines.append(
            f"    evcxr alone, the same number of cells with no dependency: Run All {fmt(bare.wall)}, "
            f"first cell {fmt(bare.first)}, median {fmt(bare.median)}"
        )
        for label, run in (("cold", cold), ("warm", warm), ("floor", floor), ("evcxr alone", bare)):
            for p in run.problems:
                lines.append(f"    ! {label}: {p}")
    if python:
        lines.append(
            f"{'python orig.':<14}{len(python.cells):>6}{'':>11}{fmt(python.wall):>11}{fmt(python.first):>11}"
            f"{fmt(python.median):>9}{fmt(python.maximum):>9}"
        )
        for p in python.problems:
            lines.append(f"    ! python: {p}")
    elif warm_only:
        lines.append("(Python reference skipped with --warm-only)")
    else:
        lines.append(f"(Python original not found at {PYTHON_ORIGINAL}: no Python reference)")
    lines.append(
        "setup cell = the first cell (the `:dep` line; warm, every crate, actmath included, comes from evcxr's\n"
        "cache, and the time goes to evcxr's rust-analyzer reading the dependencies' sources and to linking);\n"
        "median and max = the cells after it; floor = the same setup cell followed by as many trivial cells\n"
        "(`let _a1 = 1;`) in a fresh kernel, same cache; evcxr alone = `:opt 0` and trivial cells, no `:dep`:\n"
        "what the kernel costs by itself. Times from sending a cell to its reply; Run All includes the\n"
        "kernel's start."
    )
    return lines


# ---- Kernel throughput ---------------------------------------------------------------------------

NUMPY_CODE = {
    # As the Python original writes them (sigmoid, silu, the tanh GELU), or the usual numpy idiom.
    "sigmoid": "1/(1+np.exp(-x))",
    "tanh": "np.tanh(x)",
    "gelu": "0.5*x*erfc(-x/np.sqrt(2))",
    "gelu_tanh": "0.5*x*(1+np.tanh(np.sqrt(2/np.pi)*(x+0.044715*x**3)))",
    "silu": "x*sigmoid(x)",
    "softmax_rows": "e=np.exp(x-x.max(axis=1,keepdims=True)); e/e.sum(axis=1,keepdims=True)",
}


def numpy_throughput(samples: int = 9, sample_seconds: float = 0.1) -> tuple[dict, str]:
    """ns/element (median, best) of the numpy versions, on-CPU time like the Rust side."""
    import math

    import numpy as np

    try:
        from scipy.special import erfc  # the field's vectorised erfc, when installed

        erfc_name = "scipy.special.erfc"
    except ImportError:  # numpy has no erf/erfc: the standard library's, element by element
        erfc_py = np.frompyfunc(math.erfc, 1, 1)

        def erfc(v):
            return erfc_py(v).astype(np.float64)

        erfc_name = "math.erfc via np.frompyfunc (numpy has no erfc; scipy not installed)"

    def sigmoid(x):
        return 1 / (1 + np.exp(-x))

    def softmax_rows(x):
        e = np.exp(x - x.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    functions = {
        "sigmoid": sigmoid,
        "tanh": np.tanh,
        "gelu": lambda x: 0.5 * x * erfc(-x / np.sqrt(2)),
        "gelu_tanh": lambda x: 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3))),
        "silu": lambda x: x * sigmoid(x),
        "softmax_rows": softmax_rows,
    }
    x = np.random.default_rng(7).standard_normal((1000, 1000)) * 3.0
    out = {}
    for name, f in functions.items():
        start = time.perf_counter()
        f(x)
        calls = max(1, math.ceil(sample_seconds / max(time.perf_counter() - start, 1e-6)))
        per_call = []
        for _ in range(samples):
            t0 = time.thread_time()
            for _ in range(calls):
                f(x)
            per_call.append((time.thread_time() - t0) / calls)
        per_call.sort()
        out[name] = (per_call[samples // 2] * 1e9 / x.size, per_call[0] * 1e9 / x.size)
    return out, erfc_name


def rust_throughput() -> tuple[dict, str]:
    """ns/element (median, best) from `cargo bench --bench throughput`, and the clock it used."""
    proc = subprocess.run(
        ["cargo", "bench", "--quiet", "-p", "actmath", "--bench", "throughput"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit("bench: cargo bench failed")
    out, clock = {}, "?"
    for line in proc.stdout.splitlines():
        parts = line.split()
        if len(parts) == 5 and parts[0] == "throughput":
            out[parts[1]] = (float(parts[2]), float(parts[3]))
            clock = parts[4]
    return out, clock


def throughput(quiet: bool) -> list[str]:
    import numpy as np

    nbs.say("==> Kernel throughput: building and running the Rust benchmark (release)", quiet)
    rust, clock = rust_throughput()
    nbs.say("==> Kernel throughput: numpy", quiet)
    numpy, erfc_name = numpy_throughput()
    head = f"{'function':<14}{'actmath':>10}{'numpy':>10}{'numpy/actmath':>15}{'target':>9}   numpy code"
    lines = [
        "Kernel throughput, 1000×1000 f64 ~ N(0, 3²), ns/element (median of 9 samples; best in brackets); "
        f"time on CPU ({clock} clock)",
        head,
        "-" * len(head),
    ]
    for name, target in THROUGHPUT_TARGETS.items():
        if name not in rust:
            continue
        r, n = rust[name], numpy[name]
        ratio = n[0] / r[0]
        lines.append(
            f"{name:<14}{r[0]:>10.2f}{n[0]:>10.2f}{ratio:>14.2f}×{'≥ ' + format(target, '.1f') + '×':>9} "
            f"{mark(ratio >= target)} {NUMPY_CODE[name]}"
        )
        lines.append(f"{'':<14}{f'({r[1]:.2f})':>10}{f'({n[1]:.2f})':>10}")
    lines.append(f"numpy {np.__version__}; gelu's erfc: {erfc_name}")
    return lines


# ---- Main ----------------------------------------------------------------------------------------


def machine() -> str:
    load = os.getloadavg() if hasattr(os, "getloadavg") else ("?",) * 3
    return f"{platform.machine()}, {os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--throughput", action="store_true", help="only the kernel throughput")
    parser.add_argument("--latency", action="store_true", help="only the notebook latency")
    parser.add_argument("--repeats", type=int, default=3, help="warm runs per notebook (default 3)")
    parser.add_argument(
        "--warm-only",
        action="store_true",
        help="skip the cold run when the notebook's cache in build/bench/ is already filled",
    )
    parser.add_argument(
        "--setup",
        metavar="LINES",
        help="replace the :cache/:opt lines of each notebook's first cell, e.g. ':cache 500;:opt 0' "
        "('' for none), to compare setup cells",
    )
    parser.add_argument(
        "names", nargs="*", help="only these notebooks: names in notebooks/ or paths to .ipynb files (default: all)"
    )
    args = parser.parse_args(argv)
    both = not (args.throughput or args.latency)
    quiet = False
    report = [f"Machine: {machine()} (at start)"]
    if args.throughput or both:
        report += [""] + throughput(quiet)
    if args.latency or both:
        report += [""] + latency(args.names, max(1, args.repeats), args.setup, args.warm_only, quiet)
    report.append(f"Machine: {machine()} (at end)")
    print()
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
