"""Finding ffmpeg and ffprobe and asking them facts: moved to :mod:`assets.media_tools`
(narration audio in ``assets`` needs them too; ``assets`` cannot import ``streaming``)."""

from assets.media_tools import (PROBE_SETTING, SETTING, duration_s, encoders, ffmpeg_version,  # noqa: F401
                                find_ffmpeg, find_ffprobe, probe, tools_for, version_argv)
