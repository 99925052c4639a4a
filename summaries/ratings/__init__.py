"""Readers' ratings: a 1-5 vote per reader and talk, and "was this useful?".

An app of its own (label `ratings`) that depends only on talks:

- `models`: `Rating` (one row per reader and talk) and `Feedback`.
- `voting`: the reader's cookie, recording a vote, the figures shown
  (`RatingSummary`, `with_ratings`), the dashboard's numbers.
- `feedback`: the "was this useful?" form and its figures.
- `ratelimit`: the per-address limit on what readers post.
- `views`, `admin`, `templatetags/ratings.py`: where readers and editors meet it.
"""
