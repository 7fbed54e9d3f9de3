"""Fixtures for the live-streaming tests: a private stream-key file, real nginx-rtmp servers."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

RTMP_MODULE = Path("/usr/lib/nginx/modules/ngx_rtmp_module.so")
GOOD_KEY = "goodkey-7Hq2Zx9Lm4"


@pytest.fixture(autouse=True)
def keys_file(tmp_path, monkeypatch) -> Path:
    """Stream keys go to a file of the test's own, never the user's keyring."""
    path = tmp_path / "config" / "stream-keys.json"
    monkeypatch.setenv("YUNZHAN_KEYS_FILE", str(path))
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RtmpServer:
    """Debian's nginx with its rtmp module, in the foreground, on 127.0.0.1.

    Every publish is recorded by the server (``record all``) so the test can look for
    gaps in what arrived. With ``check_key`` only :data:`GOOD_KEY` may publish."""

    def __init__(self, root: Path, *, check_key: bool = False):
        self.root = root
        self.port = free_port()
        self.http_port = free_port()
        self.records = root / "records"
        (root / "logs").mkdir(parents=True, exist_ok=True)
        self.records.mkdir(exist_ok=True)
        auth = (f"on_publish http://127.0.0.1:{self.http_port}/auth; notify_method get;" if check_key else "")
        http = (f'http {{ access_log off; server {{ listen 127.0.0.1:{self.http_port}; '
                f'location /auth {{ if ($arg_name = "{GOOD_KEY}") {{ return 204; }} return 403; }} }} }}'
                if check_key else "")
        self.conf = root / "nginx.conf"
        self.conf.write_text(f"""
load_module {RTMP_MODULE};
daemon off;
master_process off;
error_log logs/error.log;
pid logs/nginx.pid;
events {{ worker_connections 64; }}
{http}
rtmp {{ server {{ listen 127.0.0.1:{self.port}; chunk_size 4096;
  application live {{ live on; record all; record_path {self.records}; record_unique on; {auth} }} }} }}
""")
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"rtmp://127.0.0.1:{self.port}/live"

    def start(self) -> "RtmpServer":
        self.process = subprocess.Popen(["nginx", "-c", str(self.conf), "-p", str(self.root) + "/"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.05)
        raise RuntimeError(f"nginx did not listen: {self.process.stderr.read().decode()}")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def recorded(self) -> list[Path]:
        return sorted(self.records.glob("*.flv"))


@pytest.fixture
def rtmp(tmp_path):
    """A factory of started RTMP servers; all stopped at the end of the test."""
    if not (shutil.which("nginx") and RTMP_MODULE.exists()):
        pytest.skip("needs Debian's nginx and libnginx-mod-rtmp")
    servers: list[RtmpServer] = []

    def start(name: str = "rtmp", **kw) -> RtmpServer:
        server = RtmpServer(tmp_path / f"nginx-{name}-{len(servers)}", **kw).start()
        servers.append(server)
        return server

    yield start
    for s in servers:
        s.kill()


def packet_times(path: Path | str, stream: str = "v", timeout: float = 60) -> list[float]:
    """Presentation times of one stream's packets (ffprobe), in seconds."""
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", stream, "-show_entries", "packet=pts_time",
                          "-of", "json", str(path)], capture_output=True, text=True, timeout=timeout).stdout
    return sorted(float(p["pts_time"]) for p in json.loads(out or "{}").get("packets", []) if "pts_time" in p)


def largest_gap(times: list[float]) -> float:
    return max((b - a for a, b in zip(times, times[1:])), default=float("inf"))
