"""Review and approval (決裁) before readers see a change, and editing together.

An app of its own (label `review`) built on the core:

- `models`: `Submission` (a change waiting for an approver: its full snapshot),
  `ReviewEvent` (the review thread: comments and what was done, who, when).
- `settings`: `GOVDX_REQUIRE_APPROVAL`, `GOVDX_ALLOW_SELF_APPROVAL`.
- `snapshots`: a talk and all its parts as JSON (Django's serialisation, the
  one django-reversion stores history with), and back into rows.
- `gate`: `submit_or_apply(talk, user, change, comment)`: the one door every
  editor's write goes through in the admin.
- `workflow`: submit, approve, send back, comment, apply (now or when due).
- `notify`: the emails.
- `presence`: who else has a talk's form open (polled JSON).
- `admin`: the review page, the talk list's states, the dashboard panel.
"""
