"""Load test of the learner's pages at one or more data sizes, on SQLite or PostgreSQL.

Each size is seeded into a fresh database (bench/seed.py) and served by gunicorn (2 sync
workers pinned to core 0, a server per size, each on its port); one is loaded at a time
from core 1 with wrk (8 keep-alive connections): a bare hello-world, a hello-world that
loads the signed-in user, then catalogue, course, lesson, quiz page, answer save, quiz
submit and dashboard. Throughput is reported as a ratio to both hellos of the same run,
each page measured in several passes (a pass's ratios to the mean of the bare hellos
just before and after it; in a pass, a page at every size back to back) and its best
pass kept; p50/p99 come from wrk. The submit's p99 is also measured at a fixed rate
(half its maximum) with an open-loop generator, beside the signed-in hello at the same
rate, as many times as there are passes, and the median ratio of the two kept. Queries
and HTML bytes per page are counted in process. Then the capacity: the highest rate of
the journey's mix of pages that keeps p99 under 500 ms, as active learners (one page
every 30 s) one core serves. Prints a table per size (with the workers' CPU time per
request, read from /proc), the targets (ratios to the bare hello), the capacity, and
flatness from the smallest size to the largest. Asserts nothing.

Usage: python bench/load.py [--sizes small,medium,large] [--database sqlite|postgres]
                            [--seconds 5] [--passes 3] [--redis redis://127.0.0.1:6379/15]
Needs wrk (apt-get install wrk) and taskset.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import dataclasses
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import seed  # noqa: E402

PORT = 8766  # the first size's server; the next sizes' take the ports after it
SECRET = "bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
POSTGRES_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
BASE_URL = f"http://127.0.0.1:{PORT}"
# The in-process apps (cookies, query counts) are production apps reached as "localhost".
IN_PROCESS = {"ENV": "production", "SECRET_KEY": SECRET, "BASE_URL": BASE_URL}
IN_PROCESS["TRUSTED_HOSTS"] = ["localhost"]
SERVER_APP = """
import gc
from flask_login import current_user
from elearn import create_app
from elearn.auth.permissions import public, signed_in

app = create_app()

@app.route("/bench/hello")
@public
def hello():
    return "hello"

@app.route("/bench/hello-user")
@signed_in
def hello_user():
    return "hello " + current_user.full_name

gc.freeze()  # as wsgi.py does
"""
# Every goal is a ratio to the bare hello, the baseline that does not move when the
# platform gets faster (issue 17; ../shared/research/review-performance.md section 6).
TARGETS = [  # (page, at least this many times the bare hello's requests per second)
    ("signed-in hello", 0.5),
    ("lesson", 0.3),
    ("catalogue", 0.2),
    ("course", 0.2),
    ("dashboard", 0.2),
    ("quiz page", 0.2),
    ("answer save", 0.25),
]
SUBMIT_P99_GOAL = 5  # quiz submit p99 at a fixed rate, as a multiple of the signed-in hello's
FLATNESS_GOAL = 0.9  # every ratio at the largest size, as a fraction of the smallest's
# What an active learner does, one page every 30 s: the shares of the journey's pages.
JOURNEY = {
    "lesson": 35,
    "answer save": 20,
    "dashboard": 15,
    "quiz page": 15,
    "course": 10,
    "catalogue": 5,
}
THINK_SECONDS = 30
P99_LIMIT_MS = 500
# of the seed's open attempts, after the 600 whose answers are saved: those submitted at
# full speed (3 s at up to 500 a second); the rest are submitted at a fixed rate
FULL_SPEED_SUBMITS = 1_500


def fresh_database(kind: str, workdir: Path, name: str = "elearn_bench") -> str:
    """An empty database: a file in ``workdir``, or PostgreSQL's database ``name``."""
    if kind == "sqlite":
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    admin = sa.create_engine(f"{POSTGRES_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        connection.execute(sa.text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return f"{POSTGRES_SERVER}/{name}"


def environment(url: str, workdir: Path, redis: str | None = None, port: int = PORT) -> dict:
    """The server's settings. With ``redis``, background jobs (certificate PDFs, e-mail)
    are queued on it as in production, where a worker on another machine or core runs
    them; without, the embedded default runs them in the request that queued them."""
    extra = {"ELEARN_REDIS_URL": redis} if redis else {}
    return dict(
        os.environ,
        **extra,
        ELEARN_ENV="production",
        ELEARN_SECRET_KEY=SECRET,
        ELEARN_BASE_URL=f"http://127.0.0.1:{port}",
        ELEARN_DATABASE_URL=url,
        ELEARN_INSTANCE_PATH=str(workdir / "instance"),
        PYTHONPATH=f"{workdir}:{ROOT}",
    )


def start_server(url: str, workdir: Path, redis: str | None, port: int) -> subprocess.Popen:
    with socket.socket() as probe:  # a server left from another run would be measured
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"port {port} is taken: stop the server that holds it")
    (workdir / "bench_wsgi.py").write_text(SERVER_APP)
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{port}",
        "--chdir",
        str(workdir),
        "bench_wsgi:app",
    ]
    server = subprocess.Popen(
        ["taskset", "-c", "0", *command],
        env=environment(url, workdir, redis, port),
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        if server.poll() is not None:
            raise SystemExit("gunicorn exited")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/bench/hello")
            connection.getresponse().read()
            return server
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


class Sessions:
    """Signed session cookies and CSRF tokens for seeded users, minted with the app's
    own secret (signing in 6,600 users through Argon2 would measure nothing useful)."""

    def __init__(self, url: str) -> None:
        from elearn import create_app

        self.app = create_app({**IN_PROCESS, "DATABASE_URL": url})

    def cookie(self, session_token: str) -> tuple[str, str]:
        from flask import session
        from flask_wtf.csrf import generate_csrf
        from werkzeug.test import EnvironBuilder

        from elearn.extensions import login_manager

        # as a sign-in from wrk's address would leave it: wrk sends no User-Agent, and
        # a cookie whose "_id" does not match is marked not fresh and signed anew (a
        # Set-Cookie and a quarter of a signed-in hello's time) on every request
        environ = EnvironBuilder(environ_base={"REMOTE_ADDR": "127.0.0.1"}).get_environ()
        environ.pop("HTTP_USER_AGENT", None)
        with self.app.request_context(environ):
            session["_user_id"] = session_token
            session["_fresh"] = True
            session["_id"] = login_manager._session_identifier_generator()
            token = generate_csrf()
            value = self.app.session_interface.get_signing_serializer(self.app).dumps(dict(session))
        return f"session={value}", token


def lua_value(value) -> str:
    """Python data as a Lua literal (strings are ASCII here: paths, cookies, forms)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"[{json.dumps(k)}]={lua_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "{" + ", ".join(lua_value(v) for v in value) + "}"
    return json.dumps(value)


def lua(requests: list[dict]) -> str:
    """A wrk script cycling through prepared requests (method, path, headers, body)."""
    return (
        "local requests = " + lua_value(requests) + "\n"
        "local n = 0\n"
        "request = function()\n"
        "  n = n + 1\n"
        "  local r = requests[(n - 1) % #requests + 1]\n"
        "  return wrk.format(r.method, r.path, r.headers, r.body)\n"
        "end\n"
    )


def check(name: str, request: dict, port: int) -> None:
    """One request, before the load: wrk counts a redirect (to the sign-in page, say) as
    a success, so a page must first be seen to answer as it should."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(
        request["method"], request["path"], body=request["body"] or None, headers=request["headers"]
    )
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        raise SystemExit(f"{name}: {request['path']} answered {response.status}, not 200")
    if request["method"] == "GET" and response.getheader("Set-Cookie"):
        raise SystemExit(f"{name}: the session is signed anew on every view (a stale cookie)")


def run_wrk(requests: list[dict], seconds: float, workdir: Path, port: int) -> dict:
    script = workdir / "script.lua"
    script.write_text(lua(requests))
    output = subprocess.run(
        [
            "taskset",
            "-c",
            "1",
            "wrk",
            "-t1",
            "-c8",
            f"-d{max(1, round(seconds))}s",
            "--latency",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests": int(re.search(r"(\d+) requests in", output)[1]),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", output)[1]),
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", output)[1]),
        "errors": int(errors[1]) if errors else 0,
    }


def run_wrk_on(served: Served, requests: list[dict], seconds: float) -> dict:
    """``run_wrk`` on a size's server, and its workers' CPU time per request meanwhile
    (``cpu_ms``)."""
    spent = worker_cpu_seconds(served.server)
    result = run_wrk(requests, seconds, served.workdir, served.port)
    spent = worker_cpu_seconds(served.server) - spent
    return result | {"cpu_ms": 1000 * spent / max(result["requests"], 1)}


def worker_cpu_seconds(server: subprocess.Popen) -> float:
    """The CPU time (user and system) the server's workers have spent so far, from
    /proc: a page's CPU time per request moves less with a shared machine's slow spells
    than its requests per second do (time the machine gives elsewhere is not counted)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # a process that ended meanwhile
            continue
        if int(fields[1]) == server.pid:  # the parent: gunicorn's master
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def _ms(text: str) -> float:
    value, unit = float(re.match(r"[\d.]+", text)[0]), re.search(r"[a-z]+$", text)[0]
    return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def fixed_rate(
    requests: list[dict], rate: float, count: int, port: int, timeout: float = 30
) -> dict:
    """Open loop: request i is due at i/rate; latency counts from when it was due."""
    os.sched_setaffinity(0, {1})
    start = time.perf_counter() + 0.2

    def one(index: int) -> float:
        due = start + index / rate
        time.sleep(max(0.0, due - time.perf_counter()))
        r = requests[index % len(requests)]
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        try:
            connection.request(r["method"], r["path"], body=r["body"] or None, headers=r["headers"])
            connection.getresponse().read()
        except OSError:  # timed out or refused past overload: counted at its waiting time
            pass
        finally:
            connection.close()
        return (time.perf_counter() - due) * 1000

    with concurrent.futures.ThreadPoolExecutor(max_workers=256) as pool:
        latencies = list(pool.map(one, range(count)))
    cuts = statistics.quantiles(latencies, n=100)
    return {"rate": rate, "count": count, "p50": cuts[49], "p99": cuts[98]}


def journey(pages: dict[str, list[dict]]) -> list[dict]:
    """Requests in the journey's proportions, interleaved (100 per round)."""
    rounds = []
    for name, share in JOURNEY.items():
        rounds += [(i / share, name) for i in range(share)]
    cursor = dict.fromkeys(JOURNEY, 0)
    mixed = []
    for _order, name in sorted(rounds):
        requests = pages[name]
        mixed.append(requests[cursor[name] % len(requests)])
        cursor[name] += 1
    return mixed


def capacity(pages: dict[str, list[dict]], seconds: float, port: int) -> dict:
    """The highest rate of the journey's mix (in steps of 10 %) at which p99 stays under
    ``P99_LIMIT_MS``, served by the 2 workers on one core; as active learners, one page
    every ``THINK_SECONDS``."""
    mixed = journey(pages)
    rate, best, tried = 10.0, None, []
    while True:
        result = fixed_rate(mixed, rate, max(50, int(rate * seconds)), port, timeout=5)
        tried.append((rate, result["p99"]))
        if result["p99"] > P99_LIMIT_MS:
            time.sleep(3)  # the queue of the rate missed drains before the next try
            break
        best, rate = result, rate * 1.25
    if best is None:
        return {"rate": 0.0, "learners": 0, "p99": result["p99"], "tried": tried}
    low, high = best["rate"], rate
    for _ in range(3):  # narrow it down between the last rate met and the first missed
        middle = (low + high) / 2
        result = fixed_rate(mixed, middle, max(50, int(middle * seconds)), port, timeout=5)
        tried.append((middle, result["p99"]))
        if result["p99"] <= P99_LIMIT_MS:
            low, best = middle, result
        else:
            high = middle
            time.sleep(3)
    return {
        "rate": best["rate"],
        "learners": int(best["rate"] * THINK_SECONDS),
        "p99": best["p99"],
        "tried": tried,
    }


def scenarios(url: str) -> tuple[dict[str, list[dict]], list[dict], list[dict]]:
    """GET pages as the bench learner; answer saves and submits over the open pool."""
    from elearn import db
    from elearn.models import Attempt, User

    sessions = Sessions(url)
    with sessions.app.app_context():
        session = db.session()
        learner = session.scalar(sa.select(User).where(User.nip == seed.BENCH_NIP))
        mine = session.scalar(
            sa.select(Attempt.id).where(Attempt.user_id == learner.id, Attempt.state == "open")
        )
        pool = session.execute(
            sa.select(Attempt.id, User.session_token)
            .join(User, User.id == Attempt.user_id)
            .where(Attempt.state == "open")
            .order_by(Attempt.id)
        ).all()
    cookie, _token = sessions.cookie(learner.session_token)
    get = {"method": "GET", "headers": {"Cookie": cookie}, "body": ""}
    pages = {
        "bare hello": [{**get, "path": "/bench/hello", "headers": {}}],
        "signed-in hello": [{**get, "path": "/bench/hello-user"}],
        "catalogue": [{**get, "path": "/courses"}],
        "course": [{**get, "path": "/courses/bench-001"}],
        "lesson": [{**get, "path": "/courses/bench-001/items/pelajaran-3"}],
        "quiz page": [{**get, "path": f"/attempts/{mine}"}],
        "dashboard": [{**get, "path": "/dashboard"}],
    }
    form = "application/x-www-form-urlencoded"
    minted = {token: sessions.cookie(token) for _, token in pool[:600]}
    saves, submits = [], []
    for attempt_id, token in pool[:600]:
        cookie, csrf = minted[token]
        saves.append(
            {
                "method": "POST",
                "path": f"/attempts/{attempt_id}/answers",
                "headers": {"Cookie": cookie, "X-CSRFToken": csrf, "Content-Type": form},
                "body": "shown=soal-2&q-soal-2=75",
            }
        )
    for attempt_id, token in pool[600:]:
        cookie, csrf = minted.get(token) or sessions.cookie(token)
        minted[token] = (cookie, csrf)
        submits.append(
            {
                "method": "POST",
                "path": f"/attempts/{attempt_id}",
                "headers": {"Cookie": cookie, "Content-Type": form},
                "body": f"csrf_token={csrf}&action=submit&q-soal-2=75",
            }
        )
    pages["answer save"] = saves
    db.get_db(sessions.app).engine.dispose()
    return pages, submits, [{**get, "path": "/bench/hello-user"}]


def counts(url: str, pages: dict[str, list[dict]]) -> dict[str, tuple[int, int]]:
    """Queries and HTML bytes of one GET of each page (the second: as a warm process
    serves it), in process."""
    from elearn import create_app, db

    app = create_app({**IN_PROCESS, "DATABASE_URL": url})
    engine = db.get_db(app).engine
    found = {}
    for name, requests in pages.items():
        if requests[0]["method"] != "GET" or "hello" in name:
            continue
        client = app.test_client()
        cookie = requests[0]["headers"]["Cookie"].split("=", 1)[1]
        client.set_cookie("session", cookie)
        client.get(requests[0]["path"])  # warm: published versions are read once a process
        statements = []

        def record(*_args, statements=statements):
            statements.append(1)

        sa.event.listen(engine, "before_cursor_execute", record)
        response = client.get(requests[0]["path"])
        sa.event.remove(engine, "before_cursor_execute", record)
        found[name] = (len(statements), len(response.data))
    db.get_db(app).engine.dispose()
    return found


@dataclasses.dataclass
class Served:
    """One size: its seeded database, the requests made for it and its server."""

    size: str
    port: int
    workdir: Path
    url: str
    pages: dict[str, list[dict]]
    submits: list[dict]
    hello: list[dict]
    counts: dict[str, tuple[int, int]]
    server: subprocess.Popen | None = None


def prepare(size: str, kind: str, port: int, workdir: Path) -> Served:
    url = fresh_database(kind, workdir, f"elearn_bench_{size}")
    seed.seed(url, size)
    pages, submits, hello = scenarios(url)
    return Served(size, port, workdir, url, pages, submits, hello, counts(url, pages))


def measure(
    sizes: list[str], kind: str, seconds: float, redis: str | None = None, passes: int = 3
) -> list[dict]:
    """Every size seeded and served at once, each on its port; one size loaded at a time.

    Several passes over the pages, each page measured at every size in turn, and each
    page's best pass kept: a shared machine's slow spell (seen to cut one phase's
    requests per second and raise its CPU time per request by 40 %, or the same
    signed-in hello's CPU time from 0.73 to 1.45 ms a request minutes apart) falls in
    some passes, and only lowers a page's figures; a ratio measured in it says more of
    the machine than of the page. A pass's ratios are to the mean of the bare hellos
    before and after it (the machine's speed drifts: the same code's bare hello moved by
    a fifth within a run). A page's sizes are measured back to back, so that its
    flatness (large against small) compares two cities, not two spells of the machine
    minutes apart (sizes measured one after the other gave the signed-in hello 0.63 at
    the small size and 0.87 at the large, the same code).
    """
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as servers:
        served = []
        for index, size in enumerate(sizes):
            (Path(tmp) / size).mkdir()
            served.append(prepare(size, kind, PORT + index, Path(tmp) / size))
        if redis:  # the queue starts empty; nothing consumes it during the run
            import redis as redis_client

            redis_client.Redis.from_url(redis).flushdb()
        for one in served:
            one.server = start_server(one.url, one.workdir, redis, one.port)
            servers.callback(stop, one.server)
        measured: dict[str, list[dict]] = {one.size: [{} for _ in range(passes)] for one in served}
        for number in range(passes):
            for name in served[0].pages:
                for one in served:
                    requests = one.pages[name]
                    if number == 0:
                        check(name, requests[0], one.port)
                        run_wrk(requests, 1, one.workdir, one.port)  # warm up
                    measured[one.size][number][name] = run_wrk_on(one, requests, seconds)
        last = {one.size: run_wrk_on(one, one.pages["bare hello"], seconds) for one in served}
        jobs = "queued on Redis" if redis else "run in the request"
        return [
            {"size": one.size, "database": kind, "jobs": jobs, "counts": one.counts}
            | finish(one, measured[one.size], last[one.size], seconds)
            for one in served
        ]


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait()


def finish(served: Served, passes: list[dict], last: dict, seconds: float) -> dict:
    """A size's figures: each page's best pass, the submit (at full speed and at a
    fixed rate beside the signed-in hello), the capacity."""
    bares = [measured["bare hello"] for measured in passes] + [last]
    for measured, before, after in zip(passes, bares, bares[1:], strict=False):
        for row in measured.values():
            _to_bare(row, before, after)
    results = {name: max((p[name] for p in passes), key=_x_bare) for name in served.pages}
    at_full_speed, at_fixed_rate = (
        served.submits[:FULL_SPEED_SUBMITS],
        served.submits[FULL_SPEED_SUBMITS:],
    )
    results["quiz submit"] = _to_bare(
        run_wrk_on(served, at_full_speed, min(seconds, 3)), last, last
    )
    rate = max(5.0, results["quiz submit"]["rps"] / 2)
    count = min(len(at_fixed_rate) // len(passes), int(rate * seconds))
    fixed = [
        {
            "quiz submit": fixed_rate(at_fixed_rate[n * count :], rate, count, served.port),
            "signed-in hello": fixed_rate(served.hello, rate, count, served.port),
        }
        for n in range(len(passes))
    ]
    load = capacity(served.pages, seconds, served.port)
    return {"pages": results, "passes": passes, "fixed": fixed, "capacity": load}


def submit_tail(result: dict) -> tuple[float, dict, list[float]]:
    """The submit's p99 over the signed-in hello's at the same fixed rate: the median
    pass's ratio, that pass, and every pass's ratio. A p99 of a few seconds' requests is
    lifted by one stall of the machine (40 ms at 214 requests a second delays the nine
    requests that make it), which falls on the submit's measure or the hello's; the
    median pass is neither."""
    ratios = [one["quiz submit"]["p99"] / one["signed-in hello"]["p99"] for one in result["fixed"]]
    median = statistics.median_low(ratios)
    return median, result["fixed"][ratios.index(median)], ratios


def _to_bare(row: dict, before: dict, after: dict) -> dict:
    """``row`` with its ratios to the bare hello measured ``before`` and ``after`` it
    (their mean): of requests per second, and of CPU time per request (inverted)."""
    row["x_bare"] = 2 * row["rps"] / (before["rps"] + after["rps"])
    row["cpu_x_bare"] = (before["cpu_ms"] + after["cpu_ms"]) / 2 / row["cpu_ms"]
    return row


def _x_bare(row: dict) -> float:
    return row["x_bare"]


def report(result: dict) -> None:
    pages = result["pages"]
    user = pages["signed-in hello"]["rps"]
    print(f"\n== {result['size']} on {result['database']} (jobs {result['jobs']})")
    print(
        f"(each page's best of {len(result['passes'])} passes; x bare: to the bare hellos"
        " around that pass)"
    )
    print(
        f"{'page':16} {'req/s':>7} {'x bare':>7} {'x user':>7} {'p50 ms':>7} {'p99 ms':>7}"
        f" {'errors':>6} {'queries':>7} {'bytes':>7} {'cpu ms':>7} {'cpu x bare':>10}"
    )
    for name, row in pages.items():
        queries, size = result["counts"].get(name, ("", ""))
        print(
            f"{name:16} {row['rps']:7.0f} {row['x_bare']:7.2f} {row['rps'] / user:7.2f} "
            f"{row['p50']:7.1f} {row['p99']:7.1f} {row['errors']:6d} {queries!s:>7} {size!s:>7}"
            f" {row['cpu_ms']:7.2f} {row['cpu_x_bare']:10.2f}"
        )
    ratio, median, ratios = submit_tail(result)
    submit, hello = median["quiz submit"], median["signed-in hello"]
    print(
        f"fixed rate {submit['rate']:.0f}/s x {submit['count']}, the median of "
        f"{len(ratios)} passes: submit p50 {submit['p50']:.1f} p99 {submit['p99']:.1f} ms; "
        f"signed-in hello p50 {hello['p50']:.1f} p99 {hello['p99']:.1f} ms (p99 ratios "
        + ", ".join(f"{r:.1f}" for r in ratios)
        + ")"
    )
    print("targets (x the bare hello; beside it, the same by the workers' CPU time per request):")
    for page, goal in TARGETS:
        found, by_cpu = pages[page]["x_bare"], pages[page]["cpu_x_bare"]
        verdict = "met" if found >= goal else "NOT met"
        print(f"  {page:16} {found:5.2f} (goal >= {goal}) {verdict:7}  by CPU {by_cpu:5.2f}")
    verdict = "met" if ratio <= SUBMIT_P99_GOAL else "NOT met"
    print(f"  submit p99 / signed-in hello p99 at a fixed rate: {ratio:.1f} (goal <= 5) {verdict}")
    load = result["capacity"]
    print(
        f"capacity: {load['learners']} active learners on one core (one page each "
        f"{THINK_SECONDS} s in the journey's mix: {load['rate']:.0f} req/s, "
        f"p99 {load['p99']:.0f} ms <= {P99_LIMIT_MS} ms); rates tried: "
        + ", ".join(f"{r:.0f}/s p99 {p:.0f}" for r, p in load["tried"])
    )


def flatness(first: dict, last: dict) -> None:
    """Each page's ratio at the last size against the first, within a pass (the two
    sizes measured back to back), and the best pass's kept."""
    print(f"\n== flatness, {last['size']} against {first['size']} (goal >= {FLATNESS_GOAL})")
    print("(in each pass, the page's ratio at the larger size over the smaller's; the best kept)")
    for page, _goal in TARGETS:
        in_passes = [
            large[page]["x_bare"] / small[page]["x_bare"]
            for small, large in zip(first["passes"], last["passes"], strict=True)
        ]
        found = max(in_passes)
        verdict = "met" if found >= FLATNESS_GOAL else "NOT met"
        passes = ", ".join(f"{ratio:.2f}" for ratio in in_passes)
        print(f"  {page:16} {found:.2f} (passes {passes}) {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium,large")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seconds", type=float, default=5, help="each page's measure")
    parser.add_argument("--passes", type=int, default=3, help="over the pages; the best kept")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument(
        "--redis",
        help="queue background jobs on this Redis database (flushed first), as in production",
    )
    args = parser.parse_args()
    if not shutil.which("wrk") or not shutil.which("taskset"):
        sys.exit("needs wrk and taskset: apt-get install wrk")
    sizes = args.sizes.split(",")
    results = measure(sizes, args.database, args.seconds, args.redis, args.passes)
    for result in results:
        report(result)
    if len(results) > 1:
        flatness(results[0], results[-1])
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
