"""Resolved references → triples → store → queries and analysis. Never imports spaCy."""
