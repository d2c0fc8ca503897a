"""Shared fixtures: every notebook is executed once per test session (as scripts/run does, writing
build/), and the tests below read the results."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import notebooks  # noqa: E402

NOTEBOOK_PATHS = notebooks.find_notebooks()
WITH_SOLUTIONS = [p for p in NOTEBOOK_PATHS if notebooks.has_solutions(notebooks.read(p))]


@pytest.fixture(scope="session")
def executed():
    """{name: NotebookResult} for every notebook and every derived student version."""
    cache = {}

    def get(name: str) -> notebooks.NotebookResult:
        if name not in cache:
            stem = name.removesuffix(notebooks.STUDENT_SUFFIX)
            for result in notebooks.process(notebooks.NOTEBOOKS / f"{stem}.ipynb"):
                cache[result.name] = result
        return cache[name]

    return get
