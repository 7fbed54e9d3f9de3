"""Destination presets and address checks."""

from __future__ import annotations

import pytest

from streaming.destinations import PRESETS, make_destination, publish_url
from streaming.errors import LiveError


def test_short_video_platforms_are_portrait_and_others_landscape():
    portrait = {p.id for p in PRESETS.values() if p.orientation == "portrait"}
    assert portrait == {"douyin", "kuaishou", "wechat-channels"}
    assert PRESETS["douyin"].width * 16 == PRESETS["douyin"].height * 9
    for p in PRESETS.values():
        assert p.fps > 0 and p.bitrate_kbps > 0 and p.keyframe_s > 0 and p.help


def test_preset_follows_the_name_or_the_scheme():
    assert make_destination("bilibili", "rtmp://live-push.bilivideo.com/live-bvc/").preset == "bilibili"
    d = make_destination("mine", "srt://10.0.0.2:9000")
    assert (d.preset, d.orientation, d.width, d.height) == ("custom-srt", "landscape", 1280, 720)
    assert make_destination("x", "rtmps://a.example/app", preset="youtube").preset == "youtube"


@pytest.mark.parametrize("name,url,message", [
    ("a", "http://example.com/live", "destination 'a': 'http://' is not a streaming address; use rtmp://, rtmps:// or srt://"),
    ("a", "example.com/live", "destination 'a': no scheme is not a streaming address; use rtmp://, rtmps:// or srt://"),
    ("a", "rtmp:///live", "destination 'a': rtmp:// address has no server name"),
    ("douyin", "srt://1.2.3.4:9000", "destination 'douyin': Douyin 抖音 takes rtmp://, rtmps:// addresses, not srt://"),
    ("a b", "rtmp://x/live", "destination 'a b': names may hold only letters, digits, '-', '_' and '.'"),
])
def test_bad_addresses_are_refused_with_the_destination_named(name, url, message):
    with pytest.raises(LiveError) as e:
        make_destination(name, url)
    assert str(e.value) == message


def test_the_key_joins_the_address_only_in_memory():
    rtmp = make_destination("a", "rtmp://h/live/")
    assert rtmp.url == "rtmp://h/live/"
    assert publish_url(rtmp, "K3y") == "rtmp://h/live/K3y"
    srt = make_destination("b", "srt://h:9000?latency=200")
    assert publish_url(srt, "K3y") == "srt://h:9000?latency=200&streamid=K3y"
    assert publish_url(rtmp, None) == "rtmp://h/live/"
