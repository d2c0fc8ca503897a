"""Execute, check and export the notebooks in notebooks/.

Used by scripts/run (the main job), scripts/setup (pre-warming evcxr's cache) and the tests in
scripts/tests/. Run with the venv's Python:

    .venv/bin/python scripts/notebooks.py run [--in-place] [NAME ...]
    .venv/bin/python scripts/notebooks.py prewarm [--quiet]

Each notebook runs headless in a fresh kernel (the one its metadata names, `rust` for ours) with
the notebook's folder as working directory, so `:dep actmath = { path = "../crates/actmath" }`
resolves as it does in JupyterLab. Results go to build/notebooks/ (executed copies) and
build/html/ (HTML). A notebook with cells tagged `solution` also gets a student version: the same
notebook without those cells, derived with nbconvert's TagRemovePreprocessor and executed too.
"""

from __future__ import annotations

import argparse
import base64
import copy
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "build"
TOOLS = ROOT / ".tools"
VENV_JUPYTER = ROOT / ".venv" / "share" / "jupyter"

# Find the kernels registered in .venv first, before any the user registered globally.
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    p for p in (str(VENV_JUPYTER), os.environ.get("JUPYTER_PATH", "")) if p
)

# ---- What the notebooks print, and what counts as a problem (adjust here) --------------------

# A line of a cell's stream output is a check result when it matches one of these (first wins).
CHECK_PATTERNS = {
    "PASS": re.compile(r"^PASS - "),
    "FAIL": re.compile(r"^FAIL - "),
    "not attempted": re.compile(r"not attempted", re.IGNORECASE),
}
# evcxr catches a panic, prints it to stderr and still reports the cell as ok.
PANIC_PATTERN = re.compile(r"panicked at")
SOLUTION_TAG = "solution"  # reference-solution cells; removed from the student version
EXERCISE_TAG = "exercise"  # the student's cells
STUDENT_SUFFIX = "-student"
FIGURE_TYPES = ("image/svg+xml", "image/png")  # every figure must carry both (GUIDE §3)

CELL_TIMEOUT = 900  # seconds; a cold first cell compiles every dependency
STARTUP_TIMEOUT = 120


# ---- Results ---------------------------------------------------------------------------------


@dataclass
class CellResult:
    """What one executed code cell did."""

    number: int  # 1-based among the code cells
    index: int  # index in nb.cells
    seconds: float
    tags: list[str]
    checks: Counter = field(default_factory=Counter)
    check_lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    panics: list[str] = field(default_factory=list)
    figures: int = 0
    incomplete_figures: list[str] = field(default_factory=list)


@dataclass
class NotebookResult:
    """One execution of one notebook (the solution version, or the derived student version)."""

    name: str  # e.g. "exercises" or "exercises-student"
    source: Path  # the notebook in notebooks/ it came from
    student: bool
    nb: nbformat.NotebookNode | None = None  # the executed notebook, normalised
    wall: float = 0.0
    cells: list[CellResult] = field(default_factory=list)
    kernel_problems: list[str] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)

    @property
    def has_tags(self) -> bool:
        return any(SOLUTION_TAG in c.tags or EXERCISE_TAG in c.tags for c in self.cells)

    def reference_cells(self) -> list[CellResult]:
        """Cells whose checks must pass: `solution` cells, or every cell of an untagged notebook."""
        if self.student:
            return []
        if self.has_tags:
            return [c for c in self.cells if SOLUTION_TAG in c.tags]
        return self.cells

    @property
    def checks(self) -> Counter:
        total = Counter({k: 0 for k in CHECK_PATTERNS})
        for c in self.cells:
            total.update(c.checks)
        return total

    @property
    def figures(self) -> int:
        return sum(c.figures for c in self.cells)

    def errors(self) -> list[str]:
        return [f"cell {c.number}: {e}" for c in self.cells for e in c.errors]

    def panics(self) -> list[str]:
        return [f"cell {c.number}: {p}" for c in self.cells for p in c.panics]

    def reference_failures(self) -> list[str]:
        return [
            f"cell {c.number}: {line}"
            for c in self.reference_cells()
            for line in c.check_lines
            if CHECK_PATTERNS["FAIL"].search(line)
        ]

    def problems(self) -> list[str]:
        """Everything that makes the run fail."""
        return (
            self.kernel_problems
            + [f"{e}" for e in self.errors()]
            + [f"panic in {p}" for p in self.panics()]
            + [f"reference check failed in {f}" for f in self.reference_failures()]
        )


# ---- Notebook helpers --------------------------------------------------------------------------


def find_notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The notebooks to run, in name order."""
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def has_solutions(nb) -> bool:
    return any(SOLUTION_TAG in tags(c) for c in nb.cells)


def text_of(value) -> str:
    return "".join(value) if isinstance(value, list) else (value or "")


def code_cells(nb) -> list[tuple[int, nbformat.NotebookNode]]:
    """(index, cell) of the code cells a kernel will run."""
    return [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.strip()]


def student_version(nb) -> nbformat.NotebookNode:
    """The notebook without its `solution` cells and without outputs, ready to execute."""
    student = copy.deepcopy(nb)
    student, _ = TagRemovePreprocessor(remove_cell_tags={SOLUTION_TAG}).preprocess(student, {})
    for cell in student.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return student


def coalesce_streams(outputs: list) -> list:
    """Merge consecutive stream outputs of the same stream, as Jupyter shows them."""
    merged: list = []
    for out in outputs:
        if (
            out.get("output_type") == "stream"
            and merged
            and merged[-1].get("output_type") == "stream"
            and merged[-1].get("name") == out.get("name")
        ):
            merged[-1]["text"] = text_of(merged[-1]["text"]) + text_of(out["text"])
        else:
            merged.append(out)
    return merged


def normalise(nb) -> nbformat.NotebookNode:
    """A copy whose JSON depends only on the notebook and its outputs, not on when or how long
    it ran: no execution timing metadata, streams merged, empty output metadata dropped."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        cell.outputs = coalesce_streams(cell.outputs)
        for out in cell.outputs:
            if out.get("output_type") == "stream":
                out["text"] = text_of(out["text"])
    return nb


def output_signature(nb) -> list[dict]:
    """What the freshness test compares: per code cell, its execution count and outputs."""
    nb = normalise(nb)
    signature = []
    for index, cell in code_cells(nb):
        outs = []
        for out in cell.outputs:
            kept = {"output_type": out["output_type"]}
            for key in ("name", "ename", "evalue"):
                if key in out:
                    kept[key] = out[key]
            if "text" in out:
                kept["text"] = text_of(out["text"])
            if "data" in out:
                kept["data"] = {k: text_of(v) for k, v in sorted(out["data"].items())}
            if "traceback" in out:
                kept["traceback"] = list(out["traceback"])
            outs.append(kept)
        signature.append(
            {"cell": index, "execution_count": cell.get("execution_count"), "outputs": outs}
        )
    return signature


def analyse_cell(number: int, index: int, cell, seconds: float = 0.0) -> CellResult:
    """Classify one executed cell's outputs: checks, errors, panics, figures."""
    result = CellResult(number=number, index=index, seconds=seconds, tags=tags(cell))
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "stream":
            text = text_of(out.get("text"))
            for line in text.splitlines():
                for label, pattern in CHECK_PATTERNS.items():
                    if pattern.search(line):
                        result.checks[label] += 1
                        result.check_lines.append(line)
                        break
                if out.get("name") == "stderr" and PANIC_PATTERN.search(line):
                    result.panics.append(line.strip())
        elif kind == "error":
            first = text_of(out.get("evalue", "")).strip().splitlines()
            result.errors.append(f"{out.get('ename', 'error')}: {first[0] if first else ''}")
        elif kind in ("display_data", "execute_result"):
            data = out.get("data", {})
            if any(t in data for t in FIGURE_TYPES):
                result.figures += 1
                missing = [t for t in FIGURE_TYPES if t not in data]
                if missing:
                    result.incomplete_figures.append(f"figure without {', '.join(missing)}")
    return result


def analyse(nb, name: str, source: Path, student: bool, seconds: dict | None = None):
    """A NotebookResult for an already executed notebook (no kernel involved)."""
    result = NotebookResult(name=name, source=source, student=student, nb=nb)
    for number, (index, cell) in enumerate(code_cells(nb), start=1):
        result.cells.append(analyse_cell(number, index, cell, (seconds or {}).get(index, 0.0)))
    return result


# ---- Execution ---------------------------------------------------------------------------------


def say(message: str = "", quiet: bool = False, end: str = "\n") -> None:
    if not quiet:
        print(message, end=end, flush=True)


def execute(
    nb, cwd: Path, label: str, quiet: bool = False, log: Path | None = None
) -> tuple[nbformat.NotebookNode, dict, float, list[str]]:
    """Run every code cell of `nb` in a fresh kernel started in `cwd`.

    Prints one progress line per cell. The kernel process's own stdout/stderr (cargo's
    "Compiling ..." lines, not the cells' outputs) go to `log`, or to the terminal without one.
    Returns the executed notebook, seconds per cell index, the wall time (kernel start included)
    and problems that stopped the run (timeout, dead kernel). Errors in cells do not stop the
    run: they stay in the outputs, where `analyse` finds them.
    """
    nb = copy.deepcopy(nb)
    kernel = nb.metadata.get("kernelspec", {}).get("name", "rust")
    total = len(code_cells(nb))
    numbers = {index: n for n, (index, _) in enumerate(code_cells(nb), start=1)}
    seconds: dict[int, float] = {}
    started: dict[int, float] = {}

    def first_line(cell) -> str:
        return next((line.strip() for line in cell.source.splitlines() if line.strip()), "")[:60]

    def on_execute(cell, cell_index, **_):
        # Name the cell before it runs (a cold first cell compiles for a minute), time it after.
        say(f"  {label} [{numbers.get(cell_index, '?')}/{total}] {first_line(cell)} ...", quiet, end="")
        started[cell_index] = time.monotonic()

    def on_executed(cell, cell_index, **_):
        took = time.monotonic() - started.get(cell_index, time.monotonic())
        seconds[cell_index] = took
        flag = ""
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            flag = "  ERROR"
        say(f" {took:.2f} s{flag}", quiet)

    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=CELL_TIMEOUT,
        startup_timeout=STARTUP_TIMEOUT,
        allow_errors=True,
        record_timing=False,
        coalesce_streams=True,
        resources={"metadata": {"path": str(cwd)}},
        on_cell_execute=on_execute,
        on_cell_executed=on_executed,
    )
    problems: list[str] = []
    start = time.monotonic()
    kernel_output = {}
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
        kernel_output = {"stdout": log.open("w"), "stderr": subprocess.STDOUT}
    try:
        client.execute(**kernel_output)
    except CellTimeoutError as e:
        say(" timed out", quiet)
        problems.append(f"a cell timed out after {CELL_TIMEOUT} s: {str(e).splitlines()[0]}")
    except DeadKernelError as e:
        say(" the kernel died", quiet)
        problems.append(f"the kernel died: {e}")
    except Exception as e:  # kernel missing, failed to start, ...
        problems.append(f"could not execute with kernel '{kernel}': {type(e).__name__}: {e}")
    finally:
        if log is not None:
            kernel_output["stdout"].close()
    wall = time.monotonic() - start
    return nb, seconds, wall, problems


# ---- HTML export, readable offline -------------------------------------------------------------

TEMPLATES = ROOT / "scripts" / "templates"  # `actmath`: lab look, solutions collapsed, no CDN scripts
# MathJax 2 (what nbconvert's templates configure), installed by scripts/setup with npm.
MATHJAX = TOOLS / "mathjax" / "node_modules" / "mathjax"
# The part of MathJax that the config TeX-AMS_CHTML-full,Safe loads (about 1.5 MB of 73 MB).
MATHJAX_PARTS = (
    "MathJax.js",
    "LICENSE",
    "package.json",
    "config/TeX-AMS_CHTML-full.js",
    "config/Safe.js",
    "extensions/*.js",
    "extensions/TeX",
    "jax/input/TeX",
    "jax/output/CommonHTML",
    "jax/element",
    "fonts/HTML-CSS/TeX/woff",
    "localization/en",
)
MATHJAX_URL = "mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"  # relative to the HTML file


def copy_mathjax(html_dir: Path) -> bool:
    """Copy the needed part of the local MathJax to html_dir/mathjax/ (once per MathJax version).
    False when scripts/setup could not install MathJax (then the HTML loads it from a CDN)."""
    if not (MATHJAX / "MathJax.js").exists():
        return False
    target = html_dir / "mathjax"
    stamp = target / ".copied"  # what was copied: MathJax's version and the parts list
    key = (MATHJAX / "package.json").read_text() + "\n".join(MATHJAX_PARTS)
    if stamp.exists() and stamp.read_text() == key:
        return True
    partial = html_dir / "mathjax.partial"
    shutil.rmtree(partial, ignore_errors=True)
    for pattern in MATHJAX_PARTS:
        for src in MATHJAX.glob(pattern):
            dst = partial / src.relative_to(MATHJAX)
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst)
            else:
                shutil.copy2(src, dst)
    (partial / ".copied").write_text(key)
    shutil.rmtree(target, ignore_errors=True)
    partial.rename(target)
    return True


def html_exporter(offline: bool = True) -> HTMLExporter:
    """The exporter for build/html/: the `actmath` template, and MathJax from the copy next to the
    HTML when `offline` (the folder can be zipped and mailed), else from nbconvert's CDN."""
    exporter = HTMLExporter(extra_template_basedirs=[str(TEMPLATES)], template_name="actmath")
    if offline:
        exporter.mathjax_url = MATHJAX_URL
    return exporter


def write_html(nb, html: Path) -> None:
    """Export one executed notebook to `html`, with MathJax copied next to it."""
    offline = copy_mathjax(html.parent)
    if not offline:
        print(
            f"==> warning: no local MathJax in {MATHJAX.relative_to(ROOT)} (scripts/setup installs it with npm): "
            f"{html.name} loads MathJax from the internet",
            flush=True,
        )
    body, _ = html_exporter(offline).from_notebook_node(nb)
    html.write_text(body, encoding="utf-8")


def write_outputs(result: NotebookResult, build: Path) -> None:
    (build / "notebooks").mkdir(parents=True, exist_ok=True)
    (build / "html").mkdir(parents=True, exist_ok=True)
    ipynb = build / "notebooks" / f"{result.name}.ipynb"
    html = build / "html" / f"{result.name}.html"
    nbformat.write(result.nb, ipynb)
    write_html(result.nb, html)
    result.outputs = {"ipynb": ipynb, "html": html}


def run_version(nb, name: str, source: Path, student: bool, build: Path, quiet=False):
    kernel = nb.metadata.get("kernelspec", {}).get("name", "rust")
    say(f"==> {name}: executing in a fresh '{kernel}' kernel ({len(code_cells(nb))} code cells)", quiet)
    log = build / "logs" / f"{name}.kernel.log"
    executed, seconds, wall, problems = execute(nb, source.parent, name, quiet, log)
    result = analyse(normalise(executed), name, source, student, seconds)
    result.wall = wall
    result.kernel_problems = problems
    write_outputs(result, build)
    return result


def process(path: Path, build: Path = BUILD, quiet: bool = False) -> list[NotebookResult]:
    """Execute one notebook (and its student version, if it has solution cells); write build/."""
    nb = read(path)
    results = [run_version(nb, path.stem, path, False, build, quiet)]
    if has_solutions(nb):
        student = student_version(nb)
        results.append(run_version(student, path.stem + STUDENT_SUFFIX, path, True, build, quiet))
    return results


def summary(results: list[NotebookResult]) -> str:
    head = f"{'notebook':<26}{'wall':>8}{'cells':>7}{'PASS':>6}{'FAIL':>6}{'not att.':>10}{'figures':>9}  result"
    lines = [head, "-" * len(head)]
    for r in results:
        c = r.checks
        verdict = "ok" if not r.problems() else f"{len(r.problems())} problem(s)"
        lines.append(
            f"{r.name:<26}{r.wall:>6.1f} s{len(r.cells):>7}{c['PASS']:>6}{c['FAIL']:>6}"
            f"{c['not attempted']:>10}{r.figures:>9}  {verdict}"
        )
    return "\n".join(lines)


def cmd_run(args) -> int:
    paths = find_notebooks()
    if args.names:
        wanted = {n.removesuffix(".ipynb") for n in args.names}
        paths = [p for p in paths if p.stem in wanted]
        missing = wanted - {p.stem for p in paths}
        if missing:
            print(f"run: no such notebook in notebooks/: {', '.join(sorted(missing))}", file=sys.stderr)
            return 2
    if not paths:
        print("run: no notebooks in notebooks/", file=sys.stderr)
        return 1
    results: list[NotebookResult] = []
    for path in paths:
        versions = process(path)
        results.extend(versions)
        if args.in_place:
            nbformat.write(versions[0].nb, path)
            say(f"==> refreshed the outputs in {path.relative_to(ROOT)}")
            if path.stem == README_FIGURE[0]:
                README_FIGURE_PNG.write_bytes(readme_figure(versions[0].nb))
                say(f"==> refreshed {README_FIGURE_PNG.relative_to(ROOT)}")
    say()
    say(summary(results))
    problems = [(r.name, p) for r in results for p in r.problems()]
    say()
    for name, problem in problems:
        print(f"FAILED {name}: {problem}", flush=True)
    say(f"Executed notebooks in {(BUILD / 'notebooks').relative_to(ROOT)}/, HTML in {(BUILD / 'html').relative_to(ROOT)}/")
    return 1 if problems else 0


# ---- Pre-warming evcxr's dependency cache ------------------------------------------------------


def setup_cells(nb) -> list[str]:
    """The leading code cells up to the first `:dep` cell: what compiles the dependencies."""
    cells = []
    for _, cell in code_cells(nb):
        cells.append(cell.source)
        if re.search(r"^\s*:dep\b", cell.source, re.MULTILINE):
            return cells
    return []  # no :dep: nothing to pre-warm


def evcxr_cache_dir() -> Path:
    """Where evcxr keeps compiled dependencies (`dirs::cache_dir()/evcxr`)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "evcxr"


def prewarm_key(groups: list[list[str]]) -> str:
    """Everything that decides which builds the notebooks' setup cells ask for: the toolchain,
    evcxr, the manifests, the kernel's cargo settings and actmath's own sources (evcxr's cache
    keeps actmath too, see scripts/setup)."""
    h = hashlib.sha256()
    h.update(subprocess.run(["rustc", "-vV"], capture_output=True, text=True).stdout.encode())
    h.update((TOOLS / "evcxr_jupyter.version").read_bytes() if (TOOLS / "evcxr_jupyter.version").exists() else b"")
    h.update(str(evcxr_cache_dir()).encode())
    manifests = [ROOT / "Cargo.toml", ROOT / "Cargo.lock", *sorted(ROOT.glob("crates/*/Cargo.toml"))]
    sources = [
        p
        for crate in sorted(ROOT.glob("crates/*"))
        for p in sorted([crate / "build.rs", *crate.glob("src/**/*"), *crate.glob("assets/**/*")])
        if p.is_file()
    ]
    for m in [*manifests, TOOLS / "kernel-tmp" / ".cargo" / "config.toml", *sources]:
        h.update(str(m.relative_to(ROOT)).encode())
        h.update(m.read_bytes() if m.exists() else b"")
    for group in groups:
        h.update("\0".join(group).encode())
    return h.hexdigest()


def cmd_prewarm(args) -> int:
    groups: list[list[str]] = []
    for path in find_notebooks():
        cells = setup_cells(read(path))
        if not cells:
            continue
        if not any(re.search(r"^\s*:cache\s+[1-9]", s, re.MULTILINE) for s in cells):
            print(
                f"==> note: {path.name} does not turn on evcxr's cache (`:cache 500` before `:dep`): "
                "its first cell compiles every dependency at each kernel start",
                flush=True,
            )
            continue
        if cells not in groups:
            groups.append(cells)
    if not groups:
        say("==> No notebook uses evcxr's dependency cache: nothing to pre-warm", args.quiet)
        return 0
    stamp = TOOLS / "prewarm.stamp"
    key = prewarm_key(groups)
    cache = evcxr_cache_dir()
    if stamp.exists() and stamp.read_text().strip() == key and cache.is_dir() and any(cache.iterdir()):
        say(f"==> evcxr's dependency cache is warm ({cache})", args.quiet)
        return 0
    print(f"==> Pre-warming evcxr's dependency cache in {cache}", flush=True)
    print("    (compiling actmath and its dependencies once, so a notebook's first cell is quick; about a minute)", flush=True)
    stamp.unlink(missing_ok=True)
    ok = True
    for n, cells in enumerate(groups, start=1):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "rust", "display_name": "Rust", "language": "rust"}
        nb.cells = [nbformat.v4.new_code_cell(s) for s in cells]
        executed, _, wall, problems = execute(nb, NOTEBOOKS, f"prewarm {n}/{len(groups)}")
        result = analyse(executed, "prewarm", NOTEBOOKS, student=True)
        trouble = problems + result.errors() + result.panics()
        if trouble:
            ok = False
            print("==> warning: pre-warming failed (scripts/run will show the same error):", flush=True)
            for t in trouble:
                print(f"    {t}", flush=True)
        else:
            print(f"    done in {wall:.1f} s", flush=True)
    if ok:
        TOOLS.mkdir(exist_ok=True)
        stamp.write_text(key + "\n")
    return 0  # a notebook bug is reported by scripts/run and the tests, not by setup


# ---- The README's figure: one of the notebooks' own figures, copied by `run --in-place` -------------

README_FIGURE = ("theory", "Activation functions (solid) and their derivatives (dashed)")
README_FIGURE_PNG = NOTEBOOKS / "images" / "activations.png"


def readme_figure(nb) -> bytes:
    """The PNG of the figure of `nb` whose SVG carries README_FIGURE's title."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if README_FIGURE[1] in data.get("image/svg+xml", "") and "image/png" in data:
                return base64.b64decode(data["image/png"])
    raise LookupError(f"no figure titled {README_FIGURE[1]!r} in {README_FIGURE[0]}.ipynb")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="execute the notebooks, write build/, print a summary")
    run.add_argument("--in-place", action="store_true", help="also write the outputs back to notebooks/")
    run.add_argument("names", nargs="*", help="only these notebooks (default: all)")
    warm = sub.add_parser("prewarm", help="compile the notebooks' dependencies into evcxr's cache")
    warm.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    return {"run": cmd_run, "prewarm": cmd_prewarm}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
