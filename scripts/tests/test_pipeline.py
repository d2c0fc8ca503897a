"""The checking logic of scripts/notebooks.py, on hand-made executed notebooks (no kernel), and the
agreement of environment.yml with scripts/requirements.txt."""

import re

import nbformat
import yaml
from nbformat.v4 import new_code_cell, new_notebook, new_output

import notebooks

ROOT = notebooks.ROOT


def executed_notebook(*cells):
    """cells: (source, tags, outputs) triples."""
    nb = new_notebook()
    for n, (source, tags, outputs) in enumerate(cells, start=1):
        cell = new_code_cell(source, metadata={"tags": tags} if tags else {})
        cell.execution_count = n
        cell.outputs = outputs
        nb.cells.append(cell)
    return nb


def stdout(text, name="stdout"):
    return new_output("stream", name=name, text=text)


def figure(*mimes):
    return new_output("display_data", data={m: "x" for m in mimes})


def test_counts_checks_and_fails_only_on_reference_failures():
    nb = executed_notebook(
        ("student", ["exercise"], [stdout("FAIL - ex1: value=1, expected=2\nExercise 2: not attempted yet\n")]),
        ("reference", ["solution"], [stdout("PASS - a: value=1, expected=1\nPASS - b\n")]),
    )
    result = notebooks.analyse(nb, "t", ROOT, student=False)
    assert result.checks == {"PASS": 2, "FAIL": 1, "not attempted": 1}
    assert result.problems() == []  # a student's FAIL is not a failure of the run

    nb.cells[1].outputs = [stdout("FAIL - a: value=0, expected=1\n")]
    result = notebooks.analyse(nb, "t", ROOT, student=False)
    assert result.reference_failures() == ["cell 2: FAIL - a: value=0, expected=1"]
    assert result.problems()


def test_untagged_notebook_fails_on_any_fail_line():
    nb = executed_notebook(("x", [], [stdout("FAIL - x: value=0, expected=1\n")]))
    assert notebooks.analyse(nb, "t", ROOT, student=False).problems()


def test_errors_and_panics_on_stderr_are_problems():
    panic = stdout("thread '<unnamed>' panicked at src/lib.rs:1:1:\nboom\n", name="stderr")
    error = new_output("error", ename="Error", evalue="mismatched types", traceback=[])
    nb = executed_notebook(("a", [], [panic]), ("b", [], [error]))
    result = notebooks.analyse(nb, "t", ROOT, student=True)
    assert result.panics() == ["cell 1: thread '<unnamed>' panicked at src/lib.rs:1:1:"]
    assert result.errors() == ["cell 2: Error: mismatched types"]
    assert len(result.problems()) == 2


def test_figures_without_png_are_reported():
    nb = executed_notebook(
        ("a", [], [figure("image/svg+xml", "image/png")]),
        ("b", [], [figure("image/svg+xml")]),
    )
    result = notebooks.analyse(nb, "t", ROOT, student=False)
    assert result.figures == 2
    assert result.cells[1].incomplete_figures == ["figure without image/png"]


def test_student_version_drops_solution_cells_only():
    nb = executed_notebook(
        ("// Your Solution", ["exercise"], [stdout("x\n")]),
        ("// Solution", ["solution"], []),
        ("scoreboard", [], []),
    )
    student = notebooks.student_version(nb)
    assert [c.source for c in student.cells] == ["// Your Solution", "scoreboard"]
    assert all(c.outputs == [] and c.execution_count is None for c in student.cells)


def test_normalise_is_stable_and_drops_timing():
    nb = executed_notebook(("a", [], [stdout("one\n"), stdout("two\n")]))
    nb.cells[0].metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00Z"}
    once = notebooks.normalise(nb)
    assert "execution" not in once.cells[0].metadata
    assert once.cells[0].outputs == [stdout("one\ntwo\n")]
    assert nbformat.writes(notebooks.normalise(once)) == nbformat.writes(once)


def requirement_pins():
    pins = {}
    for line in (ROOT / "scripts" / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[name.strip().lower()] = version.strip() or None
    return pins


def conda_pins():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            m = re.match(r"^([A-Za-z0-9_.\-]+)\s*(?:==?\s*([^\s,]+))?", dep)
            pins[m.group(1).lower()] = m.group(2)
    return env, pins


JUPYTER_PACKAGES = {"jupyterlab", "nbconvert", "nbclient", "nbformat", "ipykernel"}


def test_environment_yml_matches_requirements():
    env, conda = conda_pins()
    pip = requirement_pins()
    assert "conda-forge" in env.get("channels", [])
    for required in ("python", "evcxr", "rust", "rust-src"):
        assert required in conda, f"environment.yml lacks {required}"
    assert conda["python"].startswith("3.11")
    jupyter_pip = {p for p in pip if p in JUPYTER_PACKAGES or p.startswith("jupyter")}
    jupyter_conda = {p for p in conda if p in JUPYTER_PACKAGES or p.startswith("jupyter")}
    assert jupyter_pip == jupyter_conda, "the two files list different Jupyter packages"
    for name in jupyter_pip:
        if pip[name] and conda[name]:
            assert pip[name] == conda[name], f"{name}: requirements.txt {pip[name]}, environment.yml {conda[name]}"


def test_readme_figure_is_a_committed_notebook_figure():
    """The README shows a real output of the committed notebook (refreshed by `scripts/run --in-place`)."""
    readme = (ROOT / "README.md").read_text()
    assert f"]({notebooks.README_FIGURE_PNG.relative_to(ROOT)})" in readme
    nb = notebooks.read(notebooks.NOTEBOOKS / f"{notebooks.README_FIGURE[0]}.ipynb")
    assert notebooks.README_FIGURE_PNG.read_bytes() == notebooks.readme_figure(nb), (
        "stale README figure: run scripts/run --in-place"
    )
