"""Where a live event goes: platform presets and checked destination addresses.

Each preset carries the platform's recommended picture (resolution, frame rate,
bitrate, keyframe interval, orientation: 9:16 for the short-video platforms) and a
line saying where in the platform's creator centre the server address and the
stream key are found. The address stored in the project never contains the key:
:func:`publish_url` joins them only in memory, when the stream starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from streaming.errors import LiveError

SCHEMES = ("rtmp", "rtmps", "srt")


@dataclass(frozen=True)
class Preset:
    id: str
    label: str
    schemes: tuple[str, ...]
    width: int
    height: int
    fps: int
    bitrate_kbps: int
    keyframe_s: float
    help: str
    rotates_key: bool = False

    @property
    def orientation(self) -> str:
        return "portrait" if self.height > self.width else "landscape"


_RTMP = ("rtmp", "rtmps")

PRESETS: dict[str, Preset] = {p.id: p for p in (
    Preset("bilibili", "Bilibili 哔哩哔哩直播", _RTMP, 1920, 1080, 30, 6000, 2,
           "link.bilibili.com → 我的直播间 → 开播设置: copy 服务器地址 as the URL and 串流密钥 as the key"),
    Preset("douyin", "Douyin 抖音", _RTMP, 1080, 1920, 30, 4000, 2,
           "抖音直播伴侣 or 抖音创作者服务中心 → 直播 → 推流设置: 推流地址 is the URL, 推流密钥 the key "
           "(third-party pushing needs the account's permission; the key changes every session)", True),
    Preset("kuaishou", "Kuaishou 快手", _RTMP, 720, 1280, 30, 2500, 2,
           "快手创作者服务平台 (cp.kuaishou.com) → 直播 → 推流直播: 推流地址 is the URL, 推流密钥 the key "
           "(the key changes every session)", True),
    Preset("weibo", "Weibo 微博直播", _RTMP, 1280, 720, 30, 2500, 2,
           "weibo.com 创作者中心 → 直播 → 推流直播: 推流地址 is the URL, 推流码 the key"),
    Preset("wechat-channels", "WeChat Channels 视频号", _RTMP, 1080, 1920, 30, 3000, 2,
           "视频号助手 (channels.weixin.qq.com) → 直播 → 直播管理 → 创建直播 → 推流: 推流地址 is the URL, "
           "推流密钥 the key (a new key for every live)", True),
    Preset("youtube", "YouTube Live", _RTMP, 1920, 1080, 30, 6000, 2,
           "YouTube Studio → Create → Go live → Stream: 'Stream URL' is the URL, 'Stream key' the key "
           "(rtmps://a.rtmp.youtube.com/live2 is the encrypted address)"),
    Preset("custom-rtmp", "Custom RTMP", ("rtmp",), 1280, 720, 30, 2500, 2,
           "any RTMP server: the application URL (rtmp://host/app) and the stream name as the key"),
    Preset("custom-rtmps", "Custom RTMPS", ("rtmps",), 1280, 720, 30, 2500, 2,
           "any RTMPS server: the application URL (rtmps://host/app) and the stream name as the key"),
    Preset("custom-srt", "Custom SRT", ("srt",), 1280, 720, 30, 2500, 2,
           "any SRT listener: srt://host:port; the key, if any, is sent as the SRT streamid"),
    Preset("relay", "Relay server (nginx-rtmp)", ("rtmp",), 1280, 720, 30, 2500, 2,
           "a relay that pushes to the other destinations ('yunzhan live relay run', or nginx-rtmp "
           "configured by 'yunzhan live relay-config'): rtmp://HOST:1935/yunzhan, no key"),
)}


@dataclass(frozen=True)
class Destination:
    """One output of an event. ``url`` is the server address without the key."""

    name: str
    preset: str
    url: str
    orientation: str
    width: int
    height: int
    fps: int
    bitrate_kbps: int
    keyframe_s: float

    @property
    def scheme(self) -> str:
        return urlsplit(self.url).scheme.lower()


def check_url(url: str, *, where: str, preset: Preset | None = None) -> str:
    """Return ``url`` stripped, or raise :class:`LiveError` naming ``where`` when it is not
    an RTMP, RTMPS or SRT address with a host (or not one the preset accepts)."""
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        shown = f"'{scheme}://'" if scheme else "no scheme"
        raise LiveError(f"{where}: {shown} is not a streaming address; use rtmp://, rtmps:// or srt://")
    if not parts.hostname:
        raise LiveError(f"{where}: {scheme}:// address has no server name")
    try:
        port = parts.port
    except ValueError:  # not a number, or beyond 65535
        raise LiveError(f"{where}: the port in '{parts.netloc[:80]}' is not a number from 1 to 65535") from None
    if port == 0:
        raise LiveError(f"{where}: port 0 is not a server port (1 to 65535)")
    if any(c.isspace() for c in url):
        raise LiveError(f"{where}: the address contains spaces")
    if preset is not None and scheme not in preset.schemes:
        allowed = ", ".join(f"{s}://" for s in preset.schemes)
        raise LiveError(f"{where}: {preset.label} takes {allowed} addresses, not {scheme}://",
                        hint="use a custom-rtmp, custom-rtmps or custom-srt destination for other servers")
    return url


def guess_preset(name: str, url: str) -> str:
    """The preset a destination named ``name`` at ``url`` most likely uses: a preset of
    that name, else the custom preset of the URL's scheme."""
    if name.lower() in PRESETS:
        return name.lower()
    scheme = urlsplit(url.strip()).scheme.lower()
    return f"custom-{scheme}" if scheme in SCHEMES else "custom-rtmp"


def make_destination(name: str, url: str, *, preset: str | None = None) -> Destination:
    """A checked destination with its preset's recommended picture."""
    name = name.strip()
    if not name or not all(c.isalnum() or c in "-_." for c in name):
        raise LiveError(f"destination '{name}': names may hold only letters, digits, '-', '_' and '.'")
    preset_id = preset or guess_preset(name, url)
    if preset_id not in PRESETS:
        raise LiveError(f"destination '{name}': unknown preset '{preset_id}'",
                        hint="one of " + ", ".join(PRESETS))
    p = PRESETS[preset_id]
    url = check_url(url, where=f"destination '{name}'", preset=p)
    return Destination(name, p.id, url, p.orientation, p.width, p.height, p.fps, p.bitrate_kbps, p.keyframe_s)


def publish_url(dest: Destination, key: str | None) -> str:
    """The address ffmpeg publishes to: the server URL joined with the stream key.

    RTMP takes the key as the last path element; SRT as ``streamid``. Built only in
    memory; never stored or logged (the runner masks it)."""
    if not key:
        return dest.url
    if dest.scheme == "srt":
        sep = "&" if "?" in dest.url else "?"
        return f"{dest.url}{sep}streamid={key}"
    return dest.url.rstrip("/") + "/" + key
