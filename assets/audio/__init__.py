"""Speech, captions and narration audio (see assets.audio.narrate)."""
