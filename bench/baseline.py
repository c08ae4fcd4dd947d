"""Throughput and latency of the core pages against two hello-world routes of the same
app, served by gunicorn in the same run. Prints a table; asserts nothing.

Usage: python bench/baseline.py [--seconds 5] [--connections 8]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
SERVER_APP = """
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
"""


def start_server(workdir: Path) -> subprocess.Popen:
    (workdir / "bench_wsgi.py").write_text(SERVER_APP)
    env = dict(
        os.environ,
        ELEARN_INSTANCE_PATH=str(workdir / "instance"),
        ELEARN_LOGIN_LIMIT_ACCOUNT="100000 per hour",
        ELEARN_LOGIN_LIMIT_ADDRESS="100000 per hour",
        PYTHONPATH=f"{workdir}:{ROOT}",
    )
    subprocess.run(  # migrate and load demo data without serving
        [
            sys.executable,
            "-c",
            "from elearn import create_app, db, migrate\n"
            "from elearn.demo import load_demo_data\napp = create_app()\nmigrate.upgrade(app)\n"
            "with app.app_context(): load_demo_data(db.session())",
        ],
        env=env,
        check=True,
    )
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{PORT}",
        "--chdir",
        str(workdir),
        "bench_wsgi:app",
    ]
    if shutil.which("taskset"):
        command = ["taskset", "-c", "0", *command]
    server = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/login")
            return server
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def sign_in_cookie() -> str:
    connection = http.client.HTTPConnection("127.0.0.1", PORT)
    connection.request("GET", "/login")
    response = connection.getresponse()
    cookie = response.getheader("Set-Cookie").split(";")[0]
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.read().decode())[1]
    body = f"identifier=199003152015032001&password=belajar-sari-2026&csrf_token={token}"
    connection.request(
        "POST",
        "/login",
        body=body,
        headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
    )
    response = connection.getresponse()
    response.read()
    assert response.status == 302, response.status
    return response.getheader("Set-Cookie").split(";")[0]


def load(path: str, cookie: str, seconds: float, connections: int) -> tuple[float, list[float]]:
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", PORT)
        mine = []
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            connection.request("GET", path, headers={"Cookie": cookie})
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies) / seconds, latencies


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    if shutil.which("taskset"):
        os.sched_setaffinity(0, {1})
    with tempfile.TemporaryDirectory() as tmp:
        server = start_server(Path(tmp))
        try:
            cookie = sign_in_cookie()
            pages = {
                "hello (bare)": ("/bench/hello", ""),
                "hello (signed in)": ("/bench/hello-user", cookie),
                "sign-in page": ("/login", ""),
                "dashboard": ("/dashboard", cookie),
            }
            results = {
                name: load(path, c, args.seconds, args.connections)
                for name, (path, c) in pages.items()
            }
        finally:
            server.terminate()
            server.wait()
    bare, user = results["hello (bare)"][0], results["hello (signed in)"][0]
    print(f"{'page':20} {'req/s':>8} {'x bare':>7} {'x user':>7} {'p50 ms':>7} {'p99 ms':>7}")
    for name, (rate, latencies) in results.items():
        cuts = statistics.quantiles(latencies, n=100)
        print(
            f"{name:20} {rate:8.0f} {rate / bare:7.2f} {rate / user:7.2f} "
            f"{cuts[49] * 1000:7.1f} {cuts[98] * 1000:7.1f}"
        )


if __name__ == "__main__":
    main()
