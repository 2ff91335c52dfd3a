"""Embedding, vector and lexical indexes and their fusion. Knows texts and ids, not the
database schema."""
