"""Live events: ffmpeg pipeline builders, the runner and its supervisor, recording,
and the scheduler. Headless: never imports Qt."""
