"""The notebooks as people meet them, in headless Chromium driven by Playwright:

- the HTML in build/html/ with the network cut off: formulas typeset by the local MathJax, every
  figure drawn, nothing fetched from outside file://, no solution code in the student version and
  the solutions collapsed in the other;
- JupyterLab on a temporary copy of notebooks/: each notebook opened untrusted shows every figure as
  an image (the PNG of the bundle), then Kernel > Restart Kernel and Run All Cells runs with no error
  and the figures show again. Screenshots of both states go to build/screenshots/.

Chromium is Debian's (/usr/bin/chromium, installed by scripts/setup as root); Playwright never
downloads a browser. Without Chromium these tests are skipped, with the reason in the output.
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import NOTEBOOK_PATHS, WITH_SOLUTIONS

import notebooks

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

CHROMIUM = Path(os.environ.get("ACTMATH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = notebooks.BUILD / "screenshots"
NAMES = [p.stem for p in NOTEBOOK_PATHS]
HTML_NAMES = NAMES + [p.stem + notebooks.STUDENT_SUFFIX for p in WITH_SOLUTIONS]

PAGE_TIMEOUT = 60_000  # ms: loading and typesetting a page on a busy machine
RUN_ALL_TIMEOUT = 20 * 60_000  # ms: Run All, the first cell may compile the crate
LAB_START_TIMEOUT = 180  # s


def skip_reason() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not os.access(CHROMIUM, os.X_OK):
        return (
            f"BROWSER TESTS SKIPPED: {CHROMIUM} not found (scripts/setup installs Debian's chromium "
            "with apt-get when run as root; otherwise: sudo apt-get install chromium)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as e:
        return f"BROWSER TESTS SKIPPED: Playwright is not importable ({e}); rerun scripts/setup"
    return None


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory):
    """One headless Chromium with a fresh profile, for every browser test."""
    reason = skip_reason()
    if reason:
        print(f"\n{'!' * 72}\n{reason}\n{'!' * 72}", flush=True)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(PAGE_TIMEOUT)
        try:
            yield context
        finally:
            context.close()


def figure_count(nb) -> int:
    return notebooks.analyse(nb, "", notebooks.NOTEBOOKS, student=True).figures


# ---- The HTML export, offline ------------------------------------------------------------------


def open_offline(context, html: Path):
    """Open `html` with every request that is not file:// (or data:) blocked and recorded."""
    page = context.new_page()
    escaped, failed = [], []

    def route(r):
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            escaped.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else escaped.append(r.url))
    page.on("requestfailed", lambda r: failed.append(f"{r.url}: {r.failure}"))
    page.goto(html.as_uri(), wait_until="load")
    return page, escaped, failed


# MathJax 2 is ready once its startup has run; a callback queued then runs after the typesetting.
MATHJAX_READY = "() => !!(window.MathJax && MathJax.isReady)"
MATHJAX_DONE = """() => new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error("MathJax's queue did not finish in 60 s")), 60000);
    MathJax.Hub.Queue(() => resolve(true));
})"""

MATH_STATE = """() => ({
    scripts: document.querySelectorAll('script[type^="math/tex"]').length,
    rendered: document.querySelectorAll('.MathJax_CHTML').length,
    errors: Array.from(document.querySelectorAll('.mjx-merror, .MathJax_Error')).map(e => e.textContent),
    markdown: Array.from(document.querySelectorAll('.jp-RenderedMarkdown')).map(e => e.innerText).join('\\n'),
})"""

FIGURES = """() => Array.from(document.querySelectorAll(
        '.jp-OutputArea-output[data-mime-type="image/svg+xml"], .jp-OutputArea-output[data-mime-type="image/png"]'
    )).map(out => {
        const img = out.querySelector('img'), svg = out.querySelector('svg');
        const box = (img || svg || out).getBoundingClientRect();
        return {
            mime: out.dataset.mimeType,
            drawn: img ? (img.complete && img.naturalWidth > 0) : !!svg && svg.querySelectorAll('*').length > 10,
            width: box.width, height: box.height,
        };
    })"""

RAW_TEX = re.compile(r"\$\$?[^$\n]*\\[A-Za-z]+|\\\(|\\\[")


def math_in_markdown(nb) -> bool:
    return any(c.cell_type == "markdown" and "$" in c.source for c in nb.cells)


@pytest.mark.parametrize("name", HTML_NAMES)
def test_html_reads_offline(executed, browser_context, name):
    """Typeset formulas, drawn figures and no request outside file://, with the network blocked."""
    result = executed(name)
    html = result.outputs["html"]
    if not (html.parent / "mathjax" / "MathJax.js").exists():
        pytest.skip(f"OFFLINE HTML TEST SKIPPED: no local MathJax next to {html.name} (scripts/setup installs it with npm)")
    page, escaped, failed = open_offline(browser_context, html)
    try:
        page.wait_for_function(MATHJAX_READY)  # fails after PAGE_TIMEOUT: MathJax did not load
        assert page.evaluate(MATHJAX_DONE)
        math = page.evaluate(MATH_STATE)
        if math_in_markdown(result.nb):
            assert math["scripts"] > 0, "the markdown has $...$ but MathJax found no formulas"
            assert math["rendered"] == math["scripts"], f"{math['scripts']} formulas, {math['rendered']} typeset"
        assert not math["errors"], f"MathJax errors: {math['errors'][:5]}"
        raw = RAW_TEX.findall(math["markdown"])
        assert not raw, f"raw TeX left in the rendered markdown: {raw[:5]}"

        figures = page.evaluate(FIGURES)
        assert len(figures) == result.figures, f"{len(figures)} figures in the HTML, {result.figures} in the notebook"
        bad = [f for f in figures if not f["drawn"] or f["width"] < 50 or f["height"] < 50]
        assert not bad, f"figures not drawn: {bad[:5]}"

        assert not escaped, f"requests outside file://: {escaped[:5]}"
        assert not failed, f"failed requests (missing MathJax files?): {failed[:5]}"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-html.png"), full_page=True)
    finally:
        page.close()


def solution_lines(nb) -> list[str]:
    """Lines of the solution cells that appear in no other cell (the solution code itself)."""
    others = {
        line.strip()
        for c in nb.cells
        if notebooks.SOLUTION_TAG not in notebooks.tags(c)
        for line in c.source.splitlines()
    }
    return sorted(
        {
            line.strip()
            for c in nb.cells
            if notebooks.SOLUTION_TAG in notebooks.tags(c)
            for line in c.source.splitlines()
            if len(line.strip()) >= 12 and line.strip() not in others
        }
    )


CODE_TEXT = """() => Array.from(document.querySelectorAll('.jp-InputArea-editor')).map(e => e.textContent).join('\\n')"""
SOLUTION_STATE = """() => Array.from(document.querySelectorAll('details.actmath-solution')).map(d => ({
    open: d.open,
    summary: d.querySelector('summary').innerText,
    codeVisible: Array.from(d.querySelectorAll('.jp-InputArea-editor')).some(e => e.checkVisibility()),
}))"""


@pytest.mark.parametrize("stem", [p.stem for p in WITH_SOLUTIONS])
def test_html_solutions_collapsed_and_absent_for_students(executed, browser_context, stem):
    source = notebooks.read(notebooks.NOTEBOOKS / f"{stem}.ipynb")
    lines = solution_lines(source)
    n_solutions = sum(notebooks.SOLUTION_TAG in notebooks.tags(c) for c in source.cells)
    assert lines, "the solution cells have no code of their own?"

    solution_html = executed(stem).outputs["html"]
    page, _, _ = open_offline(browser_context, solution_html)
    try:
        state = page.evaluate(SOLUTION_STATE)
        assert len(state) == n_solutions, f"{len(state)} collapsed solutions, {n_solutions} solution cells"
        assert all(not s["open"] and not s["codeVisible"] and "Solution" in s["summary"] for s in state), state
        code = page.evaluate(CODE_TEXT)
        missing = [line for line in lines if line not in code]
        assert not missing, f"solution code missing from {solution_html.name}: {missing[:5]}"
    finally:
        page.close()

    student_html = executed(stem + notebooks.STUDENT_SUFFIX).outputs["html"]
    page, _, _ = open_offline(browser_context, student_html)
    try:
        assert page.evaluate(SOLUTION_STATE) == []
        code = page.evaluate(CODE_TEXT)
        assert code.strip(), "no code in the student HTML?"
        leaked = [line for line in lines if line in code]
        assert not leaked, f"solution code in {student_html.name}: {leaked[:5]}"
        assert not page.locator(".celltag_solution").count()
    finally:
        page.close()


# ---- JupyterLab --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_settings(settings: Path) -> None:
    """JupyterLab user settings for the test: every cell drawn (no windowing), no autosave, no news."""
    files = {
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
    }
    for rel, value in files.items():
        path = settings / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))


@pytest.fixture(scope="module")
def lab(browser_context):
    """JupyterLab from .venv on a temporary copy of notebooks/, shut down at the end."""
    tmp = Path(tempfile.mkdtemp(prefix="actmath-lab-"))
    root = tmp / "notebooks"
    shutil.copytree(notebooks.NOTEBOOKS, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (tmp / "crates").symlink_to(notebooks.ROOT / "crates")  # ../crates/actmath resolves as in the repo
    write_settings(tmp / "settings")
    port, token = free_port(), secrets.token_hex(24)
    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(tmp / "config"),  # no user configuration
        JUPYTER_DATA_DIR=str(tmp / "data"),  # no trust database: the notebooks open untrusted
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
    )
    args = [
        str(notebooks.ROOT / ".venv" / "bin" / "jupyter"),
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.user_settings_dir={tmp / 'settings'}",
        f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
        "--LabApp.news_url=",
        "--LabApp.expose_app_in_browser=True",  # lets the test read the notebook model
    ]
    if os.geteuid() == 0:
        args.append("--allow-root")
    log = (notebooks.BUILD / "logs" / "jupyterlab-test.log")
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        server = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + LAB_START_TIMEOUT
        while True:
            if server.poll() is not None:
                pytest.fail(f"JupyterLab exited with {server.returncode}; see {log}")
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer within {LAB_START_TIMEOUT} s; see {log}")
            time.sleep(0.5)
        yield {"base": base, "token": token, "root": root, "log": log}
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(server.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            server.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def shut_down_kernels(lab) -> None:
    """Stop the kernels the test started (closing a browser tab leaves them running)."""
    headers = {"Authorization": f"token {lab['token']}"}
    with urllib.request.urlopen(urllib.request.Request(f"{lab['base']}/api/sessions", headers=headers)) as r:
        sessions = json.load(r)
    for s in sessions:
        req = urllib.request.Request(f"{lab['base']}/api/sessions/{s['id']}", headers=headers, method="DELETE")
        urllib.request.urlopen(req).close()


LAB_FIGURES = """() => {
    const outs = Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output'))
        .filter(o => (o.dataset.mimeType || '').startsWith('image/') || o.querySelector('img'));
    return outs.map(o => {
        const img = o.querySelector('img');
        return {mime: o.dataset.mimeType || '', img: !!img, drawn: !!img && img.complete && img.naturalWidth > 0,
                width: img ? img.getBoundingClientRect().width : 0};
    });
}"""

# What the page shows and what the notebook model says, read through window.jupyterapp (the server
# runs with expose_app_in_browser). The test acts only through the UI; this is for observing.
LAB_STATE = """() => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    if (!panel || !panel.content || !panel.content.model || !panel.sessionContext) return null;
    const cells = [];
    for (let i = 0; i < panel.content.model.cells.length; i++) {
        const c = panel.content.model.cells.get(i);
        if (c.type !== 'code') continue;
        cells.push({count: c.executionCount, running: c.executionState === 'running', trusted: c.trusted,
                    code: c.sharedModel.getSource().trim().length > 0, outputs: c.outputs.length});
    }
    const node = panel.node;
    return {
        kernel: panel.sessionContext.session && panel.sessionContext.session.kernel
            ? panel.sessionContext.session.kernel.status : null,
        cells,
        errors: Array.from(node.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]'))
            .map(e => e.innerText.slice(0, 300)),
        stderr: Array.from(node.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
            .map(e => e.innerText),
    };
}"""

def wait_for_figures(page, expected: int, when: str) -> None:
    page.wait_for_function(
        f"() => {{ const f = ({LAB_FIGURES})(); return f.length >= {expected} && f.every(x => x.drawn); }}",
        timeout=PAGE_TIMEOUT if when == "opened" else RUN_ALL_TIMEOUT,
    )
    figures = page.evaluate(LAB_FIGURES)
    assert len(figures) == expected, f"{when}: {len(figures)} figure outputs shown, the notebook has {expected}"
    not_images = [f for f in figures if not f["img"] or not f["drawn"] or f["width"] < 50]
    assert not not_images, f"{when}: figure outputs not shown as images: {not_images[:5]}"


def screenshot_whole_notebook(page, path: Path) -> None:
    """A screenshot of the whole notebook: the window made as tall as the notebook's content."""
    height = page.evaluate(
        """() => {
        const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
        const scroller = nb.querySelector('.jp-WindowedPanel-outer') || nb;  // what scrolls in JupyterLab 4
        return scroller.scrollHeight + scroller.getBoundingClientRect().top + 60;
    }"""
    )
    page.set_viewport_size({"width": 1280, "height": int(min(max(height, 900), 30_000))})
    # From the top (Run All leaves the notebook scrolled to its last cell).
    page.evaluate(
        """() => new Promise(r => {
        const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
        (nb.querySelector('.jp-WindowedPanel-outer') || nb).scrollTop = 0;
        requestAnimationFrame(() => requestAnimationFrame(r));
    })"""
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("name", NAMES)
def test_jupyterlab_untrusted_then_run_all(lab, browser_context, name):
    """Open as a reader does (untrusted): every figure shows as an image. Then Restart Kernel and Run
    All Cells from the menu: no error, no panic, and the figures show again."""
    expected = figure_count(notebooks.read(lab["root"] / f"{name}.ipynb"))
    page = browser_context.new_page()
    page.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith((lab["base"], "data:", "blob:")) else r.abort(),
    )
    state = lambda: page.evaluate(LAB_STATE)  # noqa: E731
    try:
        # A workspace of its own, reset: only this notebook open (no tabs restored from the last test).
        page.goto(f"{lab['base']}/lab/workspaces/{name}/tree/{name}.ipynb?reset&token={lab['token']}")
        # The notebook is open and the kernel it names has started.
        page.wait_for_function(
            f"() => {{ const s = ({LAB_STATE})(); return s && s.cells.length > 0 && s.kernel === 'idle'; }}",
            timeout=LAB_START_TIMEOUT * 1000,
        )
        opened = state()
        trusted = [i for i, c in enumerate(opened["cells"], start=1) if c["outputs"] and c["trusted"]]
        assert not trusted, f"code cells trusted on first open (the test wants a reader's view): {trusted}"
        wait_for_figures(page, expected, "opened")
        screenshot_whole_notebook(page, SCREENSHOTS / f"{name}-opened.png")

        # Note every cell that starts running, then Kernel > Restart Kernel and Run All Cells...
        page.evaluate(
            """() => {
            window.__actmathRan = 0;
            window.__actmathKernelDied = false;
            const panel = window.jupyterapp.shell.currentWidget;
            panel.sessionContext.statusChanged.connect((_, status) => {
                if (window.__actmathRan > 0 && (status === 'autorestarting' || status === 'dead'))
                    window.__actmathKernelDied = true;
            });
            const cells = panel.content.model.cells;
            for (let i = 0; i < cells.length; i++) {
                cells.get(i).stateChanged.connect((_, change) => {
                    if (change.name === 'executionState' && change.newValue === 'running') window.__actmathRan++;
                });
            }
        }"""
        )
        page.get_by_role("menuitem", name="Kernel", exact=True).click()
        page.get_by_role("menuitem", name=re.compile(r"^Restart Kernel and Run All Cells")).click()
        dialog = page.locator(".jp-Dialog")
        dialog.wait_for()
        dialog.locator("button.jp-mod-accept").click()  # "Restart" (Confirm Kernel Restart)
        dialog.wait_for(state="detached")
        page.wait_for_function(
            f"""() => {{
            if (window.__actmathKernelDied) return true;
            const s = ({LAB_STATE})();
            return window.__actmathRan > 0 && s.kernel === 'idle' && !s.cells.some(c => c.running);
        }}""",
            timeout=RUN_ALL_TIMEOUT,
        )
        assert not page.evaluate("() => window.__actmathKernelDied"), (
            f"the kernel died during Run All (JupyterLab restarted it); see {lab['log']}"
        )
        after = state()
        assert not after["errors"], f"error outputs after Run All: {after['errors'][:3]}"
        panics = [t for t in after["stderr"] if "panicked at" in t]
        assert not panics, f"panics after Run All: {panics[:3]}"
        not_run = [i for i, c in enumerate(after["cells"], start=1) if c["code"] and c["count"] is None]
        assert not not_run, f"code cells that did not run: {not_run}"
        counts = [c["count"] for c in after["cells"] if c["code"]]
        assert all(a < b for a, b in zip(counts, counts[1:])), f"not one run from the top: {counts}"
        wait_for_figures(page, expected, "after Run All")
        screenshot_whole_notebook(page, SCREENSHOTS / f"{name}-run-all.png")
    except BaseException:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-failure.png"))
        raise
    finally:
        page.close()  # without saving; autosave is off
        shut_down_kernels(lab)
