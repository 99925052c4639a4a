"""A channel's videos as draft talks, from the files yt-dlp writes.

reading.py (pure): one video's info.json, caption file and summary text ->
`Video`. files.py: the files, from folders or a zip. importing.py: a Video ->
a talk, all or nothing, recorded in history, refreshing only what the last
import wrote (models.VideoImport keeps it). The command `import_videos` and
the admin's zip upload (admin.py) both go through `importing.apply()`.
"""
