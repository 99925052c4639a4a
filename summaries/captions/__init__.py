"""Caption files and chapter lists -> plain data, with no database.

    captions = parse_captions(data, duration_seconds=674)   # bytes or pasted str
    captions.segments        # (TimedData(start_seconds, text, line), ...)
    captions.warnings        # (Problem, ...): cues past the end, out of order
    captions.cue_count, captions.segment_count, captions.first, captions.last
    captions.format          # "webvtt" or "srt", from the content
    captions.auto_generated  # YouTube's rolling auto captions
    chapters = parse_chapters(data)   # a WebVTT chapter file, or `0:00 はじめに`
    chapters.chapters        # (TimedData(start_seconds, title, line), ...)

Both raise CaptionError, whose `problem` (summary_format's Problem: a line
from 1 and a message template) names the line and what is wrong; messages are
Japanese templates the Django side translates (`importer.describe`).

Why our own reader rather than webvtt-py or srt (both tried, webvtt-py 0.6.0
and srt 3.5.3): every error here must name the file's line, and neither
library keeps line numbers, on cues or on errors ("Invalid format";
srt gives a character offset only when it refuses a file). Worse, they accept
bad input quietly: webvtt-py drops a cue whose time cannot be read and keeps
a cue that ends before it starts; srt reads `00:00:0x,000` as a cue that ends
at 0 s and folds stray text into the cue before. webvtt-py also leaves
entities (`&amp;`) in the text. What they would have saved is the easy part,
splitting blocks at blank lines; the rest (tags, entities, YouTube's rolling
lines, Japanese joining, speaker labels, segments) is ours either way. So
reading.py is a small reader that follows the WebVTT standard where it
matters (header, NOTE/STYLE/REGION blocks, whitespace-only lines inside cues)
and accepts what SRT files in the wild do.
"""

from .chapters import parse_chapters
from .data import CaptionError, Captions, Chapters
from .segments import MAX_CHARACTERS, MAX_SECONDS, SILENCE_SECONDS
from .transcript import parse_captions

__all__ = [
    "MAX_CHARACTERS",
    "MAX_SECONDS",
    "SILENCE_SECONDS",
    "CaptionError",
    "Captions",
    "Chapters",
    "parse_captions",
    "parse_chapters",
]
