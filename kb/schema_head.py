"""The newest schema revision this itb writes, alone in a module: `itb --version` reads it
without loading the database layer (tests/test_database.py checks it against
kb/migrations/versions)."""

SCHEMA_HEAD = "0009"
