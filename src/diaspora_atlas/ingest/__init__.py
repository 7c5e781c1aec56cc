"""Import stage: bundled source datasets -> statements (pure; the CLI hands them to the store)."""
