"""Search that understands Japanese written without spaces.

- `tokens`: folding and the terms of a query; the index's bigram tokens.
- `models`: `SearchEntry` (one row per talk: its folded and original text) and
  `SearchLog` (what readers searched for, nothing personal).
- `backends`: the full-text index itself: FTS5 on SQLite, a GIN-indexed
  `tsvector` column on PostgreSQL. Both answer the same question the same way.
- `indexing`: keeps the index in step with `summaries.signals.talk_changed`.
- `query`: a reader's query -> matching talks, ranked.
- `snippets`: the matched words marked in the original text.

docs/search.md explains the design and its limits.
"""
