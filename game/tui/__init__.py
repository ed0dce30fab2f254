"""The Textual front end: screens, widgets and one stylesheet over the engine's `Game`."""
