"""What an event's program is made of, as stored with the event: the source, the
program picture's size and the texts of the slate.

They live in the event's ``sources`` and ``layout`` JSON columns::

    sources = ["testsrc"]                       # source specs (parse_source); the first is the program
    layout = {"program": {"width": 1280, "height": 720, "fps": 30},
              "slate": {"title": "", "lower_third": "", "qr_url": ""}}

so the editor, the preview and Go Live read one truth, and ``yunzhan live run``
options still override it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from streaming.events import Event
from streaming.pipeline import Program

DEFAULT_SOURCE = "testsrc"
_PROGRAM_KEYS = ("width", "height", "fps", "bitrate_kbps", "keyframe_s", "encoder", "preset")


@dataclass(frozen=True)
class EventSettings:
    source: str = DEFAULT_SOURCE
    program: Program = field(default_factory=Program)
    slate_title: str = ""        # the countdown slate's title ("" : the event's title)
    lower_third: str = ""        # the caption under the program at the start
    qr_url: str = ""             # an address shown as a QR code on the countdown slate

    def to_columns(self, layout: dict | None = None) -> tuple[list, dict]:
        """``(sources, layout)`` for the event's columns; other keys of ``layout`` are kept."""
        out = dict(layout or {})
        p, default = self.program, Program()
        out["program"] = {k: getattr(p, k) for k in _PROGRAM_KEYS
                          if k in ("width", "height", "fps") or getattr(p, k) != getattr(default, k)}
        slate = {k: v for k, v in (("title", self.slate_title), ("lower_third", self.lower_third),
                                   ("qr_url", self.qr_url)) if v}
        if slate:
            out["slate"] = slate
        else:
            out.pop("slate", None)
        return [self.source], out


def settings_of(event: Event) -> EventSettings:
    """The event's stored settings; what is missing is the default (test pattern, 1280×720)."""
    spec = event.layout.get("program", {})
    slate = event.layout.get("slate", {})
    sources = [s for s in event.sources if isinstance(s, str) and s.strip()]
    return EventSettings(source=sources[0] if sources else DEFAULT_SOURCE,
                         program=Program(**{k: spec[k] for k in _PROGRAM_KEYS if k in spec}),
                         slate_title=slate.get("title", ""), lower_third=slate.get("lower_third", ""),
                         qr_url=slate.get("qr_url", ""))
