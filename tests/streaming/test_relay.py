"""Live through a relay: the nginx-rtmp configuration, the stat page, and three real
nginx-rtmp servers on 127.0.0.1 (the relay and two "platforms")."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest

from streaming.destinations import make_destination
from streaming.errors import LiveError
from streaming.events import EventStore, now_utc
from streaming.keys import KeyStore
from streaming.monitor import CONNECTING, LIVE, RETRYING
from streaming.pipeline import Program
from streaming.relay import LocalRelay, RelayWatch, nginx_rtmp_config, relay_states
from streaming.session import RunOptions, plan_outputs, run_event
from .conftest import free_port, largest_gap, packet_times

DATA = Path(__file__).parent / "data"
SMALL = Program(640, 360, 30, 800)
KEY_A, KEY_B = "live_4412?streamname=live_4412&key=9f3e", "weibo-KEY-7788aa"


def _event(project, dests: dict[str, str], keys: dict[str, str]) -> int:
    store = EventStore(project)
    start = now_utc()
    eid = store.add(title_zh="青铜器导览", start=start, end=start + timedelta(minutes=30), tz="Asia/Shanghai",
                    preroll_s=0, destinations=[make_destination(n, u) for n, u in dests.items()])
    for name, key in keys.items():
        KeyStore(project).set(name, key)
    return eid


def test_the_config_has_one_application_with_a_push_per_platform(project):
    eid = _event(project, {"relay": "rtmp://192.168.1.20:1935/yunzhan",
                           "bilibili": "rtmp://live-push.bilivideo.com/live-bvc",
                           "weibo": "rtmp://ps.live.weibo.com/alive"}, {"bilibili": KEY_A, "weibo": KEY_B})
    event = EventStore(project).get(eid)
    text = nginx_rtmp_config(event, KeyStore(project), stat_port=8089)
    body = [line.strip() for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert body.count("application yunzhan {") == 1 and "listen 0.0.0.0:1935;" in body
    assert [line for line in body if line.startswith("push ")] == [
        f'push "rtmp://live-push.bilivideo.com/live-bvc/{KEY_A}";', f'push "rtmp://ps.live.weibo.com/alive/{KEY_B}";']
    assert "listen 127.0.0.1:8089;" in body and "location /stat { rtmp_stat all; }" in body
    # The keys are in the text shown once, never in the project file.
    assert KEY_A.encode() not in project.path.read_bytes() and KEY_B.encode() not in project.path.read_bytes()
    # The laptop sends one stream, to the relay, with no key.
    outputs, secrets = plan_outputs(event, KeyStore(project))
    assert [(o.name, o.url) for o in outputs] == [("relay", f"rtmp://192.168.1.20:1935/yunzhan/event{eid}")]
    assert secrets == []


@pytest.mark.parametrize("dests,keys,message", [
    ({"bilibili": "rtmp://live-push.bilivideo.com/live-bvc"}, {"bilibili": KEY_A},
     "event {eid} '青铜器导览': has no relay destination"),
    ({"relay": "rtmp://10.0.0.2/yunzhan"}, {}, "event {eid} '青铜器导览': the relay has no platform to push to"),
    ({"relay": "rtmp://10.0.0.2/yunzhan", "youtube": "rtmps://a.rtmp.youtube.com/live2"}, {"youtube": "k-123456789"},
     "destination 'youtube': nginx-rtmp pushes only to rtmp:// addresses, not rtmps://"),
    ({"relay": "rtmp://10.0.0.2/yunzhan", "weibo": "rtmp://ps.live.weibo.com/alive"}, {},
     "destination 'weibo': no stream key set"),
    ({"relay": "rtmp://10.0.0.2/", "weibo": "rtmp://ps.live.weibo.com/alive"}, {"weibo": KEY_B},
     "destination 'relay': the relay address needs one application name, like rtmp://HOST:1935/yunzhan"),
])
def test_a_relay_config_that_cannot_work_is_refused(project, dests, keys, message):
    eid = _event(project, dests, keys)
    with pytest.raises(LiveError) as e:
        nginx_rtmp_config(EventStore(project).get(eid), KeyStore(project))
    assert str(e.value) == message.format(eid=eid)


def test_states_from_a_captured_stat_page(project):
    # Captured from nginx-rtmp 1.1.4: the laptop publishing event1, the push to
    # 127.0.0.1:21935/live up, the push to 127.0.0.1:21999/live not (its server was down).
    eid = _event(project, {"relay": "rtmp://127.0.0.1:21936/yunzhan", "a": "rtmp://127.0.0.1:21935/live",
                           "b": "rtmp://127.0.0.1:21999/live"}, {})
    assert eid == 1
    event = EventStore(project).get(eid)
    stat = (DATA / "relay-stat.xml").read_text(encoding="utf-8")
    assert relay_states(stat, event) == {"relay": LIVE, "a": LIVE, "b": RETRYING}
    assert relay_states("<rtmp><server/></rtmp>", event) == {"relay": CONNECTING, "a": CONNECTING, "b": CONNECTING}
    assert relay_states("not xml", event)["a"] == CONNECTING


def test_relay_config_on_the_command_line(run_cli, project, tmp_path):
    eid = _event(project, {"relay": "rtmp://192.168.1.20:1935/yunzhan", "weibo": "rtmp://ps.live.weibo.com/alive"},
                 {"weibo": KEY_B})
    project.close()
    r = run_cli("live", "relay-config", project.path, eid, "--format", "nginx-rtmp")
    assert r.returncode == 0, r.stderr
    assert f'      push "rtmp://ps.live.weibo.com/alive/{KEY_B}";' in r.stdout.splitlines()
    out = tmp_path / "relay.conf"
    r = run_cli("live", "relay-config", project.path, eid, "--out", out)
    assert r.returncode == 0 and r.stdout.startswith(f"wrote {out} (it holds stream keys: keep it private)")
    assert out.stat().st_mode & 0o777 == 0o600 and KEY_B in out.read_text()
    r = run_cli("live", "relay-config", project.path, eid, "--out", out)
    assert (r.returncode, r.stderr) == (1, f"yunzhan: {out}: already exists (choose a new file name)\n")


@pytest.mark.rtmp
@pytest.mark.slow
def test_one_stream_to_the_relay_reaches_both_platforms(project, rtmp, tmp_path):
    a, b = rtmp("a"), rtmp("b")
    relay_port = free_port()
    eid = _event(project, {"relay": f"rtmp://127.0.0.1:{relay_port}/yunzhan", "a": a.url, "b": b.url},
                 {"a": "keyAAAA-1111", "b": "keyBBBB-2222"})
    event = EventStore(project).get(eid)
    seen: list[dict[str, str]] = []
    changes = []
    with LocalRelay(event, KeyStore(project), host="127.0.0.1", stat_port=free_port()) as relay:
        watch = RelayWatch(relay.address.stat_url, event, changes.append, interval=0.25).start()
        result = {}
        worker = threading.Thread(target=lambda: result.setdefault("r", run_event(
            project, eid, RunOptions(now=True, for_s=16, record_dir=tmp_path / "rec", program=SMALL,
                                     preroll_s=0))))
        worker.start()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and relay.states() != {"relay": LIVE, "a": LIVE, "b": LIVE}:
            time.sleep(0.2)
        seen.append(relay.states())
        time.sleep(2)
        a.kill()  # one platform's server goes away
        time.sleep(3)
        seen.append(relay.states())
        worker.join(timeout=60)
        watch.stop()
    assert seen[0] == {"relay": LIVE, "a": LIVE, "b": LIVE}
    assert seen[1] == {"relay": LIVE, "a": RETRYING, "b": LIVE}
    # What the live monitor shows: each platform as the relay reports it.
    a_changes = [(c.old, c.new) for c in changes if c.destination == "a"]
    assert a_changes[:2] == [(CONNECTING, LIVE), (LIVE, RETRYING)]
    assert [(c.old, c.new) for c in changes if c.destination == "b"][0] == (CONNECTING, LIVE)
    assert all(c.detail == "as seen by the relay" for c in changes)
    assert result["r"].outcome.reason == "ended"
    assert list(result["r"].states) == ["relay"]  # the laptop sent one stream
    got_b = [t for path in b.recorded() for t in packet_times(path)]
    assert got_b and got_b[-1] - got_b[0] > 10 and largest_gap(sorted(got_b)) < 1.0  # b never noticed
    assert a.recorded() and packet_times(a.recorded()[0])  # a got the stream until it was killed


@pytest.mark.rtmp
def test_relay_run_on_the_command_line(run_cli, project, rtmp):
    a = rtmp("a")
    relay_port, stat_port = free_port(), free_port()
    eid = _event(project, {"relay": f"rtmp://127.0.0.1:{relay_port}/yunzhan", "a": a.url}, {"a": "keyAAAA-1111"})
    project.close()
    r = run_cli("live", "relay", "run", project.path, eid, "--listen", "127.0.0.1", "--stat-port", stat_port,
                "--for", "2")
    assert r.returncode == 0, r.stderr
    assert r.stderr.splitlines()[:2] == [
        f"yunzhan: relay listening; the laptop sends to rtmp://127.0.0.1:{relay_port}/yunzhan/event{eid} "
        f"(this computer: rtmp://127.0.0.1:{relay_port}/yunzhan)",
        f"yunzhan: stat page: http://127.0.0.1:{stat_port}/stat"]
    assert r.stdout == "relay: connecting\na: connecting\n"  # nothing was sent to it
    assert "keyAAAA-1111" not in r.stdout + r.stderr
