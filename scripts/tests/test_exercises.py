"""Tests of notebooks/exercises.ipynb: the shipped notebook, filled-in answers, and the student version.

Each test executes a copy of the notebook under the evcxr kernel `rust` with nbclient, in the notebooks folder
(so `:dep actmath = { path = "../crates/actmath" }` resolves), then reads the cells' outputs:

- the shipped notebook: every reference check PASS with the original's lines, every student check "not attempted",
  every figure carrying PNG and SVG, no error, no panic;
- every student cell filled with a correct answer: the scoreboard shows 10/10 PASS;
- wrong answers in exercises 2, 5 and 9 and a panicking cell in exercise 4: FAIL for exactly 2, 5 and 9, "no result"
  for 4, and the other exercises still graded;
- the student version (cells tagged `solution` removed by nbconvert's TagRemovePreprocessor): executes without
  errors, shows every exercise as not attempted, and neither it nor its HTML export contains solution code.

Run: `.venv/bin/python -m pytest scripts/tests/test_exercises.py` (about four notebook executions, a few minutes).
A missing `rust` kernel is a failure, not a skip.
"""

import copy
import os
import re
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOK = NOTEBOOK_DIR / "exercises.ipynb"
KERNEL = "rust"
CELL_TIMEOUT = 600  # seconds; the first cell compiles the crate and its dependencies

# The kernel registered inside the venv (scripts/setup) comes first, as in scripts/notebooks.py.
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    p for p in (str(ROOT / ".venv" / "share" / "jupyter"), os.environ.get("JUPYTER_PATH", "")) if p)

TITLES = [
    "Sigmoid derivative (*)",
    "Tanh derivative (*)",
    "ReLU family (*)",
    "Affine collapse (**)",
    "Stable softmax (**)",
    "Softmax Jacobian (**)",
    "GELU vs SiLU (**)",
    "GLU (***)",
    "He variance (***)",
    "Dead ReLU diagnostic (***)",
]

# The original notebook's output lines for each exercise (its executed copy), which the reference solution cells
# must print verbatim, in this order (the notebook may print added checks in between).
ORIGINAL_LINES = {
    1: ["PASS - center derivative: value=0.25, expected=0.25",
        "Takeaway: sigmoid saturates because its derivative approaches zero in both tails."],
    2: ["PASS - center derivative: value=1.0, expected=1.0",
        "Takeaway: tanh is zero-centered but still saturates."],
    3: ["PASS - relu: value=[0. 0. 3.], expected=[0. 0. 3.]",
        "PASS - leaky keeps negative signal",
        "Takeaway: Leaky ReLU reduces the dead-neuron zero-gradient region."],
    4: ["PASS - collapsed affine: value=[18.5 11.5], expected=[18.5 11.5]",
        "Takeaway: activations are required for nonlinear depth."],
    5: ["PASS - sums to one: value=0.9999999999999999, expected=1.0",
        "PASS - shift invariant: value=[0.66524096 0.24472847 0.09003057], "
        "expected=[0.66524096 0.24472847 0.09003057]",
        "Takeaway: subtracting the max protects softmax from overflow."],
    6: ["PASS - row sums zero: value=[0. 0. 0.], expected=[0. 0. 0.]",
        "PASS - PSD",
        "Takeaway: softmax derivatives are coupled across classes."],
    7: ["PASS - finite smooth activations",
        "GELU [-0.15880801  0.          0.84119199] SiLU [-0.26894142  0.          0.73105858]",
        "Takeaway: smooth activations keep small negative outputs instead of hard zeroing."],
    8: ["PASS - GLU output: value=[ 1.         -0.88079708], expected=[ 1.         -0.88079708]",
        "PASS - dy/da: value=[0.5        0.88079708], expected=[0.5        0.88079708]",
        "Takeaway: gated activations create separate content and gate gradient paths."],
    9: ["PASS - He greater than Xavier here",
        "xavier 0.010416666666666666 he 0.015625",
        "Takeaway: initialization depends on activation statistics."],
    10: ["PASS - first unit dead",
         "Takeaway: dead ReLUs are diagnosed by persistently inactive preactivations."],
}

# Correct answers, written differently from the reference solutions where the crate allows it.
CORRECT = {
    1: """let x: Array1<f64> = array![-1.0, 0.0, 1.0];
let deriv: Option<Array1<f64>> = Some(x.mapv(|v| scalar::sigmoid(v) * scalar::sigmoid(-v)));
board.grade(SIGMOID_DERIVATIVE, &deriv);""",
    2: """let x: Array1<f64> = array![-1.0, 0.0, 1.0];
let deriv: Option<Array1<f64>> = Some(x.mapv(|v| 1.0 / v.cosh().powi(2)));
board.grade(TANH_DERIVATIVE, &deriv);""",
    3: """let x: Array1<f64> = array![-2.0, 0.0, 3.0];
let y: Option<(Array1<f64>, Array1<f64>)> = Some((relu(&x), leaky_relu(&x, 0.1)));
board.grade(RELU_FAMILY, &y);""",
    4: """let w1: Array2<f64> = array![[1.0, 2.0], [0.0, 1.0]];
let b1: Array1<f64> = array![1.0, -1.0];
let w2: Array2<f64> = array![[2.0, 0.0], [1.0, 1.0]];
let b2: Array1<f64> = array![0.5, 0.5];
let x: Array1<f64> = array![2.0, 3.0];
let (a, c) = compose_affine(&w1, &b1, &w2, &b2);
let out: Option<(Array1<f64>, Array2<f64>, Array1<f64>)> = Some((affine(&w2, &b2, &affine(&w1, &b1, &x)), a, c));
board.grade(AFFINE_COLLAPSE, &out);""",
    5: """let z: Array1<f64> = array![1000.0, 999.0, 998.0];
let e = z.mapv(|v| (v - 1000.0).exp());
let p: Option<Array1<f64>> = Some(&e / e.sum());
board.grade(STABLE_SOFTMAX, &p);""",
    6: """let s: Array1<f64> = array![0.2, 0.3, 0.5];
let j: Option<Array2<f64>> = Some(softmax_jacobian(&s));
board.grade(SOFTMAX_JACOBIAN, &j);""",
    7: """let x: Array1<f64> = array![-1.0, 0.0, 1.0];
let gel: Option<(Array1<f64>, Array1<f64>)> = Some((gelu_tanh(&x), silu(&x)));
board.grade(GELU_VS_SILU, &gel);""",
    8: """let a: Array1<f64> = array![2.0, -1.0];
let b: Array1<f64> = array![0.0, 2.0];
let out: Option<(Array1<f64>, Array1<f64>, Array1<f64>)> = Some((glu(&a, &b), glu_grad_a(&b), glu_grad_b(&a, &b)));
board.grade(GLU, &out);""",
    9: """let (n_in, n_out): (usize, usize) = (128, 64);
let var: Option<(f64, f64)> = Some((xavier_variance(n_in, n_out), he_variance(n_in)));
board.grade(HE_VARIANCE, &var);""",
    10: """let preacts: Array2<f64> = array![[-2.0, 1.0], [-1.0, 2.0], [-3.0, 3.0]];
let dead: Option<(Array1<f64>, Array1<bool>)> = Some((active_fraction(&preacts), dead_units(&preacts, 0.01)));
board.grade(DEAD_RELU, &dead);""",
}

# Wrong answers (2: forgot the square, right only at x = 0; 5: the naive softmax overflows to NaN; 9: LeCun's 1/n instead of 2/n, which
# still passes the original's only check "He greater than Xavier") and a cell that panics before grading (4).
WRONG = {
    2: """let x: Array1<f64> = array![-1.0, 0.0, 1.0];
let deriv: Option<Array1<f64>> = Some(1.0 - &tanh(&x));
board.grade(TANH_DERIVATIVE, &deriv);""",
    4: """let x: Array1<f64> = array![2.0, 3.0];
let out: Option<(Array1<f64>, Array2<f64>, Array1<f64>)> = Some((array![x[2]], Array2::zeros((2, 2)), x.clone()));
board.grade(AFFINE_COLLAPSE, &out);""",
    5: """let z: Array1<f64> = array![1000.0, 999.0, 998.0];
let e = z.mapv(f64::exp);
let p: Option<Array1<f64>> = Some(&e / e.sum());
board.grade(STABLE_SOFTMAX, &p);""",
    9: """let (n_in, n_out): (usize, usize) = (128, 64);
let var: Option<(f64, f64)> = Some((1.0 / (n_in + n_out) as f64, 1.0 / n_in as f64));
board.grade(HE_VARIANCE, &var);""",
}

# Code of the reference solutions that must not reach the student version's code cells (the intro's markdown may
# mention "// Solution"), and what would betray it in the student HTML (code there is split into highlighted tokens).
SOLUTION_MARKERS = ["// Solution", "board.check_reference", "let deriv = &s * &(1.0 - &s);", "takeaway(\""]
HTML_MARKERS = ["check_reference", "Takeaway:", "PASS - "]


# ----------------------------------------------------------------------------------------------------- helpers

def tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def tagged(nb, tag):
    return [c for c in nb.cells if tag in tags(c)]


def stream(cell, name="stdout"):
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == name)


def errors(nb):
    """(cell index, ename, evalue) of every error output."""
    return [(i, o.get("ename"), o.get("evalue")) for i, c in enumerate(nb.cells)
            for o in c.get("outputs", []) if o.get("output_type") == "error"]


def panics(nb):
    return [i for i, c in enumerate(nb.cells) if "panicked" in stream(c, "stderr")]


def execute(nb):
    """Executes a copy of `nb` in the notebooks folder under the `rust` kernel and returns it."""
    try:
        KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        pytest.fail(f"Jupyter kernel '{KERNEL}' is not installed (scripts/setup installs it)")
    nb = copy.deepcopy(nb)
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=CELL_TIMEOUT, allow_errors=True,
                            resources={"metadata": {"path": str(NOTEBOOK_DIR)}})
    client.execute()
    return nb


def scoreboard(nb):
    """{exercise number: (student status, reference status)} parsed from the last cell's table."""
    text = stream(nb.cells[-1])
    rows = {}
    for line in text.splitlines():
        m = re.match(r"^\s?(\d+)\. (.+)$", line)
        if m:
            rows[int(m.group(1))] = (line[:34].split(". ", 1)[1].strip(), line[34:53].strip(), line[53:].strip())
    assert sorted(rows) == list(range(1, 11)), text
    assert [rows[n][0] for n in range(1, 11)] == TITLES
    return {n: (student, reference) for n, (_, student, reference) in rows.items()}


def with_answers(nb, answers):
    """A copy of `nb` whose student cells for the given exercises hold the given sources."""
    nb = copy.deepcopy(nb)
    cells = tagged(nb, "exercise")
    for n, src in answers.items():
        cells[n - 1].source = "// Your Solution\n" + src
    return nb


def without_figures(nb):
    """A copy keeping the setup, exercise, solution and scoreboard cells (figures are tested on the shipped one)."""
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if c.cell_type == "markdown" or tags(c) or c is nb.cells[-1]
                or ":dep actmath" in c.source]
    return nb


def student_version(nb):
    nb = copy.deepcopy(nb)
    pre = TagRemovePreprocessor(remove_cell_tags={"solution"}, enabled=True)
    nb, _ = pre.preprocess(nb, {})
    return nb


# ----------------------------------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def shipped():
    return nbformat.read(NOTEBOOK, as_version=4)


# ----------------------------------------------------------------------------------------------------- tests

def test_structure(shipped):
    assert shipped.metadata.kernelspec == {"name": "rust", "display_name": "Rust", "language": "rust"}
    exercises, solutions = tagged(shipped, "exercise"), tagged(shipped, "solution")
    assert len(exercises) == len(solutions) == 10
    headings = [c.source.splitlines()[0] for c in shipped.cells
                if c.cell_type == "markdown" and c.source.startswith("## Exercise")]
    assert headings == [f"## Exercise {n}: {t}" for n, t in enumerate(TITLES, 1)]
    for c in exercises:
        assert c.source.startswith("// Your Solution\n") and "= None;" in c.source and "board.grade(" in c.source
    for c in solutions:
        assert c.source.startswith("// Solution\n") and "board.check_reference(" in c.source
        assert c.metadata["jupyter"] == {"source_hidden": True}
    assert shipped.cells[-1].source.strip() == "board.summary();"


def check_shipped_outputs(nb):
    assert errors(nb) == []
    assert panics(nb) == []
    for n, c in enumerate(tagged(nb, "exercise"), 1):
        assert stream(c).startswith(f"Exercise {n}: not attempted yet"), stream(c)
    for n, c in enumerate(tagged(nb, "solution"), 1):
        out = stream(c)
        assert out.startswith(f"\n{'=' * 72}\nExercise {n}: {TITLES[n - 1].rsplit(' (', 1)[0]}\n{'=' * 72}\n")
        assert "FAIL" not in out and "PASS" in out, out
        lines = out.splitlines()
        positions = [lines.index(line) for line in ORIGINAL_LINES[n]]  # ValueError names a missing line
        assert positions == sorted(positions), f"exercise {n}: original lines out of order"
    board = scoreboard(nb)
    assert all(student == "unanswered" for student, _ in board.values()), board
    assert all(reference.startswith("PASS (") for _, reference in board.values()), board
    text = stream(nb.cells[-1])
    assert "Your answers:       0/10 PASS, 10 unanswered" in text
    # "not attempted" appears once per unanswered exercise (scripts count it), not in the table.
    assert sum(stream(c).count("not attempted") for c in nb.cells if c.cell_type == "code") == 10
    assert "Reference solution: 10/10 PASS" in text
    figures = [c for c in nb.cells if c.cell_type == "code" and any(
        o.get("output_type") in ("execute_result", "display_data") and "image/png" in o.get("data", {})
        for o in c.get("outputs", []))]
    assert len(figures) >= 8
    for c in figures:
        (result,) = [o for o in c.outputs if o.get("output_type") in ("execute_result", "display_data")]
        assert {"image/png", "image/svg+xml"} <= set(result["data"]), "one figure per cell, PNG and SVG"
        assert not tags(c), "figure cells must run in the student version too"


def test_committed_outputs(shipped):
    """The notebook is committed with the outputs of a clean run."""
    check_shipped_outputs(shipped)


def test_shipped_notebook_runs(executed):
    """The run that scripts/run makes (shared with the other notebook tests: one execution per session)."""
    check_shipped_outputs(executed("exercises").nb)


def test_correct_answers_score_ten_of_ten(shipped):
    nb = execute(without_figures(with_answers(shipped, CORRECT)))
    assert errors(nb) == [] and panics(nb) == []
    for n, c in enumerate(tagged(nb, "exercise"), 1):
        out = stream(c)
        assert "FAIL" not in out, out
        assert out.rstrip().splitlines()[-1].startswith(f"Exercise {n}: PASS"), out
    board = scoreboard(nb)
    assert all(student.startswith("PASS") for student, _ in board.values()), board
    assert "Your answers:       10/10 PASS\n" in stream(nb.cells[-1])
    assert "Reference solution: 10/10 PASS" in stream(nb.cells[-1])


def test_wrong_answers_fail_exactly_those(shipped):
    nb = execute(without_figures(with_answers(shipped, WRONG)))
    assert errors(nb) == []
    exercise_cells = tagged(nb, "exercise")
    # The panic in exercise 4 is reported below its cell and nowhere else.
    assert [nb.cells.index(exercise_cells[3])] == panics(nb)
    board = scoreboard(nb)
    student = {n: s for n, (s, _) in board.items()}
    assert {n for n, s in student.items() if s.startswith("FAIL")} == {2, 5, 9}, board
    assert student[4] == "no result"
    assert {n for n, s in student.items() if s == "unanswered"} == {1, 3, 6, 7, 8, 10}
    assert all(reference.startswith("PASS") for _, reference in board.values()), board
    # Wrong answers print FAIL lines with value and expected, never a panic.
    # 1 − tanh(x) is right at the centre: the original's check passes, the finite-difference check catches it.
    assert "PASS - center derivative: value=1.0, expected=1.0" in stream(exercise_cells[1])
    assert "FAIL - derivative at every x (finite difference of tanh)" in stream(exercise_cells[1])
    assert "FAIL - sums to one: value is NaN where expected is 1.0" in stream(exercise_cells[4])
    assert "PASS - He greater than Xavier here" in stream(exercise_cells[8])
    assert "FAIL - He variance 2/n_in: value=0.0078125, expected=0.015625" in stream(exercise_cells[8])
    for n in (2, 5, 9):
        assert stream(exercise_cells[n - 1]).rstrip().splitlines()[-1].startswith(f"Exercise {n}: FAIL")
    assert "Your answers:       0/10 PASS, 3 FAIL, 6 unanswered, 1 no result" in stream(nb.cells[-1])


def test_student_version(shipped, executed):
    student = student_version(shipped)
    assert tagged(student, "solution") == []
    assert len(tagged(student, "exercise")) == 10
    for marker in SOLUTION_MARKERS:
        assert all(marker not in c.source for c in student.cells if c.cell_type == "code"), marker
    nb = executed("exercises-student").nb  # derived by scripts/run the same way, executed once per session
    assert [c.source for c in nb.cells] == [c.source for c in student.cells]
    assert errors(nb) == [] and panics(nb) == []
    for n, c in enumerate(tagged(nb, "exercise"), 1):
        assert stream(c).startswith(f"Exercise {n}: not attempted yet")
    board = scoreboard(nb)
    assert all(s == "unanswered" and r == "no result" for s, r in board.values()), board
    html, _ = HTMLExporter().from_notebook_node(nb)
    for marker in HTML_MARKERS:
        assert marker not in html, marker
    assert len(re.findall(r'<img[^>]*src="data:image/(?:svg\+xml|png)', html)) == 8  # the figures
