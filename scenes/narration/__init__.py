"""Narration: a spoken guide per catalog object, hall and tour stop, in zh and en.

:mod:`.subjects` (what can be narrated and its default script), :mod:`.store`
(texts, clips, stale marking), :mod:`.engines` (the engine and voice per language
from the project's settings), :mod:`.narrate` (speaking many subjects, cached),
:mod:`.recordings` (a curator's own recording as a subject's narration).
"""
