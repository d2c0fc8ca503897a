"""The kernel compiles actmath once and then takes it from evcxr's cache, never a stale build.

scripts/setup registers the kernel with TMPDIR=.tools/kernel-tmp, whose .cargo/config.toml turns
off incremental compilation for actmath, so evcxr's cache (keyed by the compiler's command line)
stores it, and optimises the dependencies; crates/actmath/build.rs puts a hash of the sources on
that command line."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import notebooks

ROOT = notebooks.ROOT
CRATE = ROOT / "crates" / "actmath"
KERNEL_JSON = ROOT / ".venv" / "share" / "jupyter" / "kernels" / "rust" / "kernel.json"


@pytest.fixture(scope="module")
def build_script(tmp_path_factory):
    """crates/actmath/build.rs compiled on its own, and a function running it on a crate folder."""
    exe = tmp_path_factory.mktemp("build-script") / "build-script"
    subprocess.run(["rustc", "--edition=2024", "-o", str(exe), str(CRATE / "build.rs")], check=True)

    def fingerprint(crate: Path) -> str:
        env = dict(os.environ, CARGO_MANIFEST_DIR=str(crate))
        out = subprocess.run([str(exe)], env=env, capture_output=True, text=True, check=True).stdout
        found = re.findall(r'^cargo::rustc-cfg=actmath_sources="([0-9a-f]{16})"$', out, re.M)
        assert len(found) == 1, out
        return found[0]

    return fingerprint


def copy_crate(to: Path) -> Path:
    shutil.copytree(CRATE / "src", to / "src")
    shutil.copytree(CRATE / "assets", to / "assets")
    shutil.copy(CRATE / "Cargo.toml", to / "Cargo.toml")
    return to


def test_fingerprint_follows_the_sources(build_script, tmp_path):
    crate = copy_crate(tmp_path / "actmath")
    first = build_script(crate)
    assert build_script(crate) == first, "the same sources must give the same fingerprint"
    assert build_script(CRATE) == first, "the fingerprint must not depend on where the crate is"

    (crate / "src" / "scalar" / "logistic.rs").write_text(
        (crate / "src" / "scalar" / "logistic.rs").read_text() + "\n// edited\n"
    )
    edited = build_script(crate)
    assert edited != first, "an edited source file must change the fingerprint"

    with open(crate / "assets" / "DejaVuSans.ttf", "ab") as font:
        font.write(b"\0")
    assert build_script(crate) not in (first, edited), "a changed asset must change the fingerprint"


def test_kernel_builds_actmath_once_and_optimised():
    spec = json.loads(KERNEL_JSON.read_text())
    tmp = Path(spec["env"]["TMPDIR"])
    assert tmp == ROOT / ".tools" / "kernel-tmp"
    config = (tmp / ".cargo" / "config.toml").read_text()
    assert re.search(r"^\[profile\.dev\.package\.actmath\]\nincremental = false$", config, re.M), config
    assert re.search(r'^\[profile\.dev\.package\."\*"\]\nopt-level = 1$', config, re.M), config


def test_notebooks_take_actmath_from_the_cache(executed, build_script):
    """After the notebooks have run (each in a fresh kernel), evcxr's cache holds actmath built from
    the current sources, and it has been served from there at least once."""
    executed("exercises")
    executed("theory")
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "evcxr"
    wanted = f'actmath_sources="{build_script(CRATE)}"'
    entries = [m.parent for m in cache.glob("*/meta") if wanted in m.read_text()]
    assert entries, f"no build of the current actmath in {cache}"
    hits = sum(int((e / "hits").read_text()) for e in entries)
    assert hits >= 1, f"actmath was compiled but never taken from {cache}"
