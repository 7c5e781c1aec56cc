"""Search: importing what searches return (and, later, running them).

Pure code over files and typed records; the store-facing stage calls
``importers.check_file`` then ``importers.import_file`` and writes what it yields.
"""
