"""Stream keys: outside the project, private, masked."""

from __future__ import annotations

import stat

import pytest

from streaming.errors import LiveError
from streaming.keys import KeyStore, mask

KEY = "live_118_Zq8XwP3kR7-secret"


def test_keys_live_in_a_private_file_outside_the_project(project, keys_file):
    keys = KeyStore(project)
    keys.set("bilibili", KEY + "\n")
    assert keys.get("bilibili") == KEY
    assert keys.where == str(keys_file)
    assert stat.S_IMODE(keys_file.stat().st_mode) == 0o600
    assert keys_file.parent != project.path.parent
    project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for f in project.path.parent.glob(project.path.name + "*"):
        assert KEY.encode() not in f.read_bytes(), f
    keys.delete("bilibili")
    assert keys.get("bilibili") is None


def test_two_projects_never_share_a_key(project, tmp_path):
    from assets.project import Project

    KeyStore(project).set("weibo", KEY)
    with Project.create(tmp_path / "other.yunzhan") as other:
        assert KeyStore(other).get("weibo") is None


def test_mask_and_refusals(project):
    assert mask(KEY) == "••••••cret"
    assert mask("short") == "••••••"
    assert mask(None) == "(none)"
    with pytest.raises(LiveError, match=r"^destination 'douyin': the stream key is empty$"):
        KeyStore(project).set("douyin", "  \n")
    with pytest.raises(LiveError, match=r"^destination 'douyin': a stream key cannot contain spaces"):
        KeyStore(project).set("douyin", "two words")


def test_a_working_os_keyring_is_used_instead_of_the_file(project, keys_file, monkeypatch):
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1

        def __init__(self):
            super().__init__()
            self.items = {}

        def get_password(self, service, username):
            return self.items.get((service, username))

        def set_password(self, service, username, password):
            self.items[(service, username)] = password

        def delete_password(self, service, username):
            self.items.pop((service, username))

    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    monkeypatch.delenv("YUNZHAN_KEYS_FILE")
    try:
        keys = KeyStore(project)
        keys.set("youtube", KEY)
        assert keys.get("youtube") == KEY and keys.where == "keyring (MemoryKeyring)"
        ((service, account),) = backend.items
        assert service == "yunzhan-stream-keys" and account.endswith("/youtube")
        assert not keys_file.exists()
        keys.delete("youtube")
        assert backend.items == {}
    finally:
        keyring.set_keyring(previous)
