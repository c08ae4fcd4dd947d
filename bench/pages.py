"""The learner's pages timed in process, page after page in turn, at one data size.

``bench/load.py`` measures through gunicorn and wrk, and on a shared virtual machine its
figures move with the machine (the bare hello-world alone gave 671 to 2,456 requests per
second on one day). This script calls the same app (production settings, the same hello
routes and minted cookies) as a WSGI callable, one request of each page in turn, so that
a slow spell of the machine slows every page alike, and prints each page's median time
and its ratio to the bare hello's (the goals of ``load.py`` are ratios of throughput, the
inverse). No server or socket is measured: these ratios are higher than ``load.py``'s,
whose every request also pays gunicorn's and the kernel's share. Asserts nothing.

Usage: python bench/pages.py [--size small|medium|large] [--database sqlite|postgres]
                             [--rounds 2000]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import load  # noqa: E402
import seed  # noqa: E402

PAGES = [
    "bare hello",
    "signed-in hello",
    "catalogue",
    "course",
    "lesson",
    "quiz page",
    "dashboard",
    "answer save",
]


def serve(url: str, workdir: Path):
    """The app ``load.py`` serves, built in this process."""
    os.environ.update(load.environment(url, workdir))
    namespace: dict = {}
    exec(load.SERVER_APP, namespace)  # noqa: S102 - the bench's own app module
    return namespace["app"]


def wsgi_environ(request: dict) -> dict:
    from werkzeug.test import EnvironBuilder

    builder = EnvironBuilder(
        path=request["path"],
        method=request["method"],
        headers=request["headers"],
        data=request["body"] or None,
        base_url=load.BASE_URL,
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
    )
    environ = builder.get_environ()
    environ.pop("HTTP_USER_AGENT", None)  # as wrk sends them: see load.Sessions.cookie
    environ["elearn.body"] = environ["wsgi.input"].read()  # each call reads it afresh
    return environ


def call(app, environ: dict) -> None:
    statuses = []
    fresh = dict(environ, **{"wsgi.input": io.BytesIO(environ["elearn.body"])})
    body = app(fresh, lambda status, _headers, *_: statuses.append(status))
    b"".join(body)
    getattr(body, "close", lambda: None)()
    if not statuses[0].startswith("200"):
        raise SystemExit(f"{environ['PATH_INFO']} answered {statuses[0]}")


def measure(size: str, kind: str, rounds: int) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        url = load.fresh_database(kind, workdir)
        seed.seed(url, size)
        pages, _submits, _hello = load.scenarios(url)
        app = serve(url, workdir)
        prepared = {name: [wsgi_environ(r) for r in pages[name][:50]] for name in PAGES}
        for name in PAGES:  # warm: published versions are read once a process
            for environ in prepared[name][:5] * 10:
                call(app, environ)
        times: dict[str, list[float]] = {name: [] for name in PAGES}
        for n in range(rounds):
            for name in PAGES:
                environ = prepared[name][n % len(prepared[name])]
                start = time.perf_counter()
                call(app, environ)
                times[name].append((time.perf_counter() - start) * 1000)
        return times


def report(size: str, kind: str, times: dict[str, list[float]]) -> None:
    bare = statistics.median(times["bare hello"])
    user = statistics.median(times["signed-in hello"])
    goals = dict(load.TARGETS)
    print(f"\n== {size} on {kind}, in process ({len(times['bare hello'])} requests a page)")
    print(f"{'page':16} {'p50 ms':>7} {'p90 ms':>7} {'x bare':>7} {'x user':>7}  goal (load.py)")
    for name, values in times.items():
        p50 = statistics.median(values)
        p90 = statistics.quantiles(values, n=10)[8]
        goal = f">= {goals[name]}" if name in goals else ""
        print(f"{name:16} {p50:7.3f} {p90:7.3f} {bare / p50:7.2f} {user / p50:7.2f}  {goal}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="small", choices=sorted(seed.SIZES))
    parser.add_argument("--database", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--rounds", type=int, default=2000)
    args = parser.parse_args()
    report(args.size, args.database, measure(args.size, args.database, args.rounds))


if __name__ == "__main__":
    main()
