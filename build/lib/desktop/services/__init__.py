"""Use cases: each one a transaction; the UI and the CLI call these, nothing else writes."""
