"""The verify stage (issue 12): check every website of the inventory against the live web,
classify what happened with evidence, read the live pages for facts, keep the history.

May import ``model``, ``refdata``, ``errors``, ``settings``, ``protocol``, ``http``,
``context`` and ``progress`` only (tests/test_import_rules.py)."""
