"""The package format: signed, then encrypted; export and import."""
