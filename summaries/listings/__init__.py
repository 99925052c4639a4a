"""Stored listings: what the public pages list, kept when talks change.

See `models.py` for the tables and docs/architecture.md ("Stored listings").
"""
