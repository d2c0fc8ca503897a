"""The notebooks execute cleanly, their checks pass, their figures show everywhere, and the outputs
committed in notebooks/ are the ones a fresh run produces."""

import difflib
import json

import pytest
from conftest import NOTEBOOK_PATHS, WITH_SOLUTIONS

import notebooks

NAMES = [p.stem for p in NOTEBOOK_PATHS]
STUDENT_NAMES = [p.stem + notebooks.STUDENT_SUFFIX for p in WITH_SOLUTIONS]


def test_there_are_notebooks():
    assert NAMES, "notebooks/ has no .ipynb files"


def assert_clean_run(result, name):
    """The kernel stayed up, and no cell has an error output or a panic on stderr."""
    assert not result.kernel_problems, result.kernel_problems
    assert not result.errors(), f"error outputs in {name}: {result.errors()}"
    assert not result.panics(), f"panics on stderr in {name}: {result.panics()}"


@pytest.mark.parametrize("name", NAMES)
def test_uses_the_rust_kernel(name):
    nb = notebooks.read(notebooks.NOTEBOOKS / f"{name}.ipynb")
    assert nb.metadata.get("kernelspec", {}).get("name") == "rust"


@pytest.mark.parametrize("name", NAMES)
def test_executes_without_errors_or_panics(executed, name):
    assert_clean_run(executed(name), name)


@pytest.mark.parametrize("name", NAMES)
def test_reference_checks_pass(executed, name):
    result = executed(name)
    failures = result.reference_failures()
    assert not failures, f"reference checks failed in {name}:\n" + "\n".join(failures)


@pytest.mark.parametrize("name", NAMES)
def test_figures_carry_svg_and_png(executed, name):
    result = executed(name)
    incomplete = [f"cell {c.number}: {m}" for c in result.cells for m in c.incomplete_figures]
    assert not incomplete, f"figures in {name} need both image/svg+xml and image/png: {incomplete}"


@pytest.mark.parametrize("name", NAMES)
def test_committed_outputs_are_fresh(executed, name):
    """A fresh run reproduces the committed outputs exactly (run `scripts/run --in-place` to refresh)."""
    committed = notebooks.output_signature(notebooks.read(notebooks.NOTEBOOKS / f"{name}.ipynb"))
    fresh = notebooks.output_signature(executed(name).nb)
    if committed != fresh:
        a = json.dumps(committed, indent=1, sort_keys=True).splitlines()
        b = json.dumps(fresh, indent=1, sort_keys=True).splitlines()
        diff = "\n".join(list(difflib.unified_diff(a, b, "committed", "fresh run", lineterm=""))[:60])
        pytest.fail(
            f"notebooks/{name}.ipynb's outputs differ from a fresh run; "
            f"run `scripts/run --in-place {name}` and commit:\n{diff}"
        )


if STUDENT_NAMES:  # only notebooks with `solution` cells have a student version

    @pytest.mark.parametrize("name", STUDENT_NAMES)
    def test_student_version_executes(executed, name):
        result = executed(name)
        assert_clean_run(result, name)
        assert not any(notebooks.SOLUTION_TAG in c.tags for c in result.cells)
