"""Resolution: places to coordinates (offline gazetteer), names to known entities."""
