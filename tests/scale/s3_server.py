"""A throwaway S3-compatible server for the tests: moto in server mode (PyPI `moto[server]`, in the
test extras), a real process answering S3's HTTP API on a free loopback port, with one bucket made
for the test. dateline reaches it through pyarrow's S3FileSystem, as it would a cloud bucket, by a
URI naming the endpoint (`?endpoint_override=127.0.0.1:PORT&scheme=http`) and the credentials in the
usual AWS variables. Without moto the tests skip, or fail when DATELINE_REQUIRE_S3=1 (CI sets it)."""
from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pyarrow.fs as pafs

from tests.scale.postgres_server import free_loopback_port

REQUIRE_VAR = "DATELINE_REQUIRE_S3"
START_SECONDS = 30
# moto accepts any key; the server checks none, but the client signs every request with them.
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "dateline-test", "AWS_SECRET_ACCESS_KEY": "dateline-test-secret",
               "AWS_DEFAULT_REGION": "us-east-1"}


def missing_moto() -> str | None:
    """Why no server can be started here, or None."""
    if importlib.util.find_spec("moto") is None or importlib.util.find_spec("flask") is None:
        return "moto's server is not installed (pip install 'moto[server]', in the test extras)"
    return None


@dataclass
class S3Server:
    port: int

    @property
    def endpoint(self) -> str:
        return f"127.0.0.1:{self.port}"

    def uri(self, bucket: str, prefix: str) -> str:
        """The data folder's URI as a user would write it for an S3-compatible endpoint."""
        return f"s3://{bucket}/{prefix}?endpoint_override={self.endpoint}&scheme=http"

    def filesystem(self) -> pafs.S3FileSystem:
        return pafs.S3FileSystem(access_key=CREDENTIALS["AWS_ACCESS_KEY_ID"],
                                 secret_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"], region="us-east-1",
                                 endpoint_override=self.endpoint, scheme="http", allow_bucket_creation=True)

    def create_bucket(self, name: str) -> None:
        self.filesystem().create_dir(name)


def _answers(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def s3_server() -> Iterator[S3Server]:
    """moto's server in a process of its own on a free loopback port, stopped (and waited for) after."""
    port = free_loopback_port()
    process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + START_SECONDS
        while not _answers(port):
            if process.poll() is not None:
                raise RuntimeError(f"moto's server exited: {process.stderr.read().decode(errors='replace')[-2000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"moto's server did not answer on port {port} within {START_SECONDS} s")
            time.sleep(0.1)
        yield S3Server(port)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()

