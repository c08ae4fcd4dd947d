"""The README's promise: `elearn run` on an empty instance serves a page where the
demo learner can sign in."""

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def running_platform(tmp_path):
    port = free_port()
    env = dict(os.environ, ELEARN_INSTANCE_PATH=str(tmp_path / "instance"))
    env.pop("ELEARN_DATABASE_URL", None)
    elearn = shutil.which("elearn", path=str(Path(sys.executable).parent)) or "elearn"
    process = subprocess.Popen(
        [elearn, "run", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = []
    for line in process.stdout:  # the URL is printed once the data is ready
        output.append(line)
        if "elearn is running" in line:
            break
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with urllib.request.urlopen(url + "/login", timeout=1):
                break
        except OSError:
            time.sleep(0.05)
    yield url, "".join(output)
    process.terminate()
    process.wait(timeout=10)
    process.stdout.close()


def test_elearn_run_serves_a_page_where_the_demo_learner_signs_in(running_platform):
    url, output = running_platform
    assert f"open {url}/" in output
    nip, password = re.search(r"learner\s+(\d{18})\s+password: (\S+)", output).groups()
    browser = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    with browser.open(url + "/login") as response:
        page = response.read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode(
        {"identifier": nip, "password": password, "csrf_token": token}
    ).encode()
    with browser.open(url + "/login", data=form) as response:
        dashboard = response.read().decode()
    assert "Selamat datang, Sari Wulandari" in dashboard
