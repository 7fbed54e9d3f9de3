"""The exhibition model (halls, hotspots, tours, narration), its validation and the
web package exporter with its front end. Headless: never imports Qt."""
