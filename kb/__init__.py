"""The knowledge base: schema, storage, normalization, deduplication and tagging."""
