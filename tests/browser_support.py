"""What the browser test starts and stops: `dagster dev` on a free loopback port with a temporary
DAGSTER_HOME and data folder, and Debian's Chromium headless under its own chromedriver.

Every process started here is stopped by its owner, and whatever it left behind (a run worker, a code
server, Chromium's helpers) is found by a mark only our processes carry (the temporary DAGSTER_HOME in
the environment, the temporary profile folder on the command line) and killed by process id."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# Without the networking flags Chromium tries to reach update and sync services; a closed network
# refuses those connections. A fresh empty profile folder keeps every run independent.
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1920,1200",
)
SERVER_START_SECONDS = 120
STOP_SECONDS = 20


def missing_browser() -> str | None:
    """Why the browser test cannot run here, or None when it can."""
    absent = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not os.access(path, os.X_OK)]
    if absent:
        return (f"{' and '.join(absent)} not installed: the browser test drives Debian's Chromium "
                "(apt-get install -y chromium chromium-driver)")
    return None


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def processes_marked(mark: str) -> list[int]:
    """Ids of live processes whose command line or environment holds `mark` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:  # ended meanwhile, or not ours to read
            continue
        if state != "Z" and (mark.encode() in cmdline or mark.encode() in environ):
            found.append(int(entry.name))
    return found


def kill_marked(mark: str) -> list[int]:
    """SIGKILL every live process carrying `mark`; the ids it found."""
    left = processes_marked(mark)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 5
    while processes_marked(mark) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def dagster_dev(project: Path, work: Path, settings: Path | None = None,
                extra_env: dict[str, str] | None = None) -> Iterator[tuple[str, Path, Path]]:
    """`dagster dev -w workspace.yaml` (webserver and daemon) over a copy of the project's data/raw, on
    an instance with the project's settings (or `settings`, another dagster.yaml, and `extra_env`).

    Yields the server's base URL, the data folder and the server's log file. On exit: SIGINT to
    `dagster dev` (its own shutdown of webserver, daemon and code servers), SIGKILL to its process
    group after STOP_SECONDS, then any process still carrying this DAGSTER_HOME."""
    home = work / "dagster_home"
    data = work / "data"
    home.mkdir(parents=True)
    shutil.copy(settings or project / ".dagster" / "dagster.yaml", home / "dagster.yaml")
    shutil.copytree(project / "data" / "raw", data / "raw")
    (data / "processed").mkdir()
    port = free_loopback_port()
    env = {**os.environ, **(extra_env or {}), "DAGSTER_HOME": str(home), "DATELINE_DATA": str(data)}
    log_path = work / "dagster-dev.log"
    dagster = Path(sys.executable).with_name("dagster")
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            [str(dagster), "dev", "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)],
            cwd=project, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, killed as one
        )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + SERVER_START_SECONDS
        while not _answers(f"{url}/server_info"):
            if server.poll() is not None:
                raise RuntimeError(f"dagster dev exited with {server.returncode}:\n{log_path.read_text()[-3000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"dagster dev did not answer in {SERVER_START_SECONDS} s:\n"
                                   f"{log_path.read_text()[-3000:]}")
            time.sleep(0.5)
        yield url, data, log_path
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(server.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        server.wait()
        kill_marked(str(home))


@contextmanager
def chromium(work: Path) -> Iterator[object]:
    """A headless Chromium driven through the system chromedriver; never Selenium Manager."""
    os.environ["SE_OFFLINE"] = "true"  # belt and braces: Selenium Manager may never download
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = work / "chromium-profile"
    profile.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    # A driver path given to the Service makes Selenium skip Selenium Manager altogether.
    service = Service(executable_path=str(CHROMEDRIVER), log_output=str(work / "chromedriver.log"))
    driver = webdriver.Chrome(service=service, options=options)
    try:
        yield driver
    finally:
        try:
            driver.quit()
        finally:
            if service.process is not None and service.process.poll() is None:
                service.process.kill()
                service.process.wait()
            kill_marked(str(profile))
