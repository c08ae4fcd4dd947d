"""What gunicorn serves (``wsgi.py``)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_served_app_keeps_what_start_up_made_out_of_full_collections(tmp_path):
    """A full collection walks only what the process made since it started serving:
    one that walked the app, its modules and plugins took 80 to 100 ms of a worker's
    CPU, and every request queued behind it waited (bench/README.md)."""
    probe = "import gc, wsgi; print(gc.get_freeze_count(), len(gc.get_objects()))"
    environment = dict(
        os.environ,
        ELEARN_ENV="development",
        ELEARN_DATABASE_URL=f"sqlite:///{tmp_path / 'elearn.sqlite3'}",
        ELEARN_INSTANCE_PATH=str(tmp_path / "instance"),
    )
    output = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    frozen, walked = map(int, output.split())
    assert frozen > 10 * walked
