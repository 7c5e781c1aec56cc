"""Reports: results, audit, tables, maps and exports, read from the store."""
