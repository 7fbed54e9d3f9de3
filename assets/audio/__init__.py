"""Speech, captions and narration audio.

:mod:`.engine` (the engine interface), :mod:`.espeak` and :mod:`.piper_engine` (the
engines), :mod:`.voices` (Piper voices stored in a project), :mod:`.text_norm` (text
as it is spoken), :mod:`.cues` and :mod:`.captions` (caption cues, WebVTT, SRT),
:mod:`.speak` (a text spoken cue by cue), :mod:`.loudness` and :mod:`.ffmpeg_audio`
(the loudness step), :mod:`.recording` (recorded narration made ready for the web).
"""
