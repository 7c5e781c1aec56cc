"""Extraction: turn text (names, URLs, table cells) into typed values with evidence."""
