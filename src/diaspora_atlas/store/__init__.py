"""The store: the only package that knows the ORM and SQL. Import ``diaspora_atlas.store.api``
after ``open_store()``; importing this package itself does not touch Django."""
