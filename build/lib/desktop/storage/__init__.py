"""SQLAlchemy models and repositories over SQLCipher, key vault, audit log, migrations."""
