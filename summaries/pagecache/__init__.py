"""The whole-page cache: public pages served without rendering, never stale.

An app of its own (label `pagecache`) that depends only on talks:

- `models`: `ContentVersion`, the counter every public change raises.
- `state`: reading that counter (with the latest publication time) and raising it.
- `pages`: `cached_page`, the view wrapper; ETags and 304s; the CSRF placeholder.

It hears about content through the core's `talk_changed` (connected in
`PageCacheConfig.ready`); readers' votes raise their talk's versions directly.
"""
