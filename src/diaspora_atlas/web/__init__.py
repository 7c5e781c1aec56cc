"""The public web directory and JSON API (Django): pages, JSON twins, name matching.

Views read through ``diaspora_atlas.store`` query functions only (plain dicts); nothing
here touches the ORM or SQL. See docs/web.md and docs/api.md.
"""
