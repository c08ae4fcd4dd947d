"""``elearn plugin new`` writes a plugin package whose own tests pass as generated, and
which a running platform finds and activates once it is installed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from elearn.scaffold import create, names


def install_like_pip(package: Path, site: Path) -> dict[str, str]:
    """What ``pip install -e`` gives the interpreter: the package on the path and its
    entry point in a dist-info folder. Returns the environment for a subprocess."""
    values = names(package.name.removeprefix("elearn-").replace("-", "_"))
    info = site / f"{values['package']}-0.1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {values['dist']}\nVersion: 0.1.0\n"
    )
    (info / "entry_points.txt").write_text(
        f"[elearn.plugins]\n{values['name']} = {values['package']}\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(package), str(site)]))
    env.pop("ELEARN_TEST_DATABASE_URL", None)  # its own tests run on their own SQLite
    env.pop("ELEARN_DATABASE_URL", None)
    return env


@pytest.mark.slow
def test_a_generated_plugin_passes_its_own_tests_and_runs(tmp_path):
    root = create("studi_kasus", tmp_path)
    env = install_like_pip(root, tmp_path / "site")
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(root / "tests")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "3 passed" in tests.stdout
    listing = subprocess.run(
        [sys.executable, "-m", "elearn.cli", "plugins", "list"],
        env={**env, "ELEARN_INSTANCE_PATH": str(tmp_path / "instance")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    line = next(line for line in listing.stdout.splitlines() if line.startswith("studi_kasus"))
    assert line.split()[-1] == "active", listing.stdout + listing.stderr


@pytest.mark.parametrize("name", ["Studi", "1abc", "a", "studi-kasus", "x" * 40])
def test_a_bad_plugin_name_is_refused(tmp_path, name):
    with pytest.raises(ValueError, match="lower-case letters"):
        create(name, tmp_path)


def test_an_existing_folder_is_not_overwritten(tmp_path):
    create("studi_kasus", tmp_path)
    with pytest.raises(FileExistsError):
        create("studi_kasus", tmp_path)
