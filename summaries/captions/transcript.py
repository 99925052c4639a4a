"""A caption file -> transcript segments: `parse_captions(data)`.

YouTube's auto captions roll: each cue shows the line before it and the line
being spoken, and a 10 ms cue between them repeats the finished line. A file
rolls when its lines carry word timings, or when at least ROLLING_SHARE of
its cues open with the lines the cue before ended with and add a line (a
file that merely repeats a whole cue does not roll); then the lines a cue
shares with the cue before are dropped, so each phrase is read once, at the
cue where it first appears. Ordinary captions are not deduplicated: a line
said twice stays twice.
"""

import math

from ..summary_format import Problem
from ..text import format_timecode
from . import messages as msg
from .chapters import looks_like_chapters
from .data import CaptionError, Captions, fail
from .decoding import decode
from .markup import clean
from .reading import in_time_order, read
from .segments import Phrase, Segments
from .vocabulary import join_all, speaker_label

ROLLING_SHARE = 0.3
ROLLING_LINES = 3
# The length of a line's last timed word, per character: a Japanese speaker
# says about five characters a second.
SECONDS_PER_CHARACTER = 0.2


def parse_captions(data, *, duration_seconds=None, encoding=None):
    """Captions (segments, warnings, counts) from a WebVTT or SRT file's bytes
    or pasted text; CaptionError (with the line) if it cannot be read.
    `duration_seconds`, the video's length, turns later cues into a warning."""
    text = decode(data, encoding)
    try:
        reading = read(text)
    except CaptionError as error:
        if error.problem.template == msg.NOT_CAPTIONS and looks_like_chapters(text):
            fail(error.problem.line, msg.LOOKS_LIKE_CHAPTERS)
        raise
    warnings = list(reading.warnings)
    cues = in_time_order(reading.cues, warnings)
    if duration_seconds is not None:
        warnings += past_the_end(cues, duration_seconds)
    lines = [[clean(text) for _, text in cue.texts] for cue in cues]
    lines = [[line for line in cue if line.text] for cue in lines]
    rolling = any(line.timed for cue in lines for line in cue) or rolls(lines)
    segments = Segments()
    for phrase in phrases(cues, lines, rolling):
        segments.add(phrase)
    segments.close()
    if not segments.done:
        fail(cues[0].line, msg.NO_TEXT, count=len(cues))
    return Captions(
        segments=tuple(segments.done),
        warnings=tuple(warnings),
        format=reading.format,
        cue_count=len(cues),
        auto_generated=rolling,
        language=reading.header.get("language", ""),
        end_seconds=math.floor(max(cue.end for cue in cues)),
    )


def past_the_end(cues, duration_seconds):
    late = [cue for cue in cues if cue.start > duration_seconds]
    if not late:
        return []
    params = {
        "count": len(late),
        "duration": format_timecode(duration_seconds),
        "time": late[0].start_text,
    }
    return [Problem(late[0].line, msg.AFTER_END, params)]


def _key(line):
    return "".join(line.text.split())


def rolls(lines):
    """True when enough cues repeat the end of the cue before (module docstring)."""
    keys = [[_key(line) for line in cue] for cue in lines if cue]
    repeats = sum(
        1
        for before, cue in zip(keys, keys[1:], strict=False)
        if 0 < shared(before, cue) < len(cue)
    )
    return repeats >= 2 and repeats >= ROLLING_SHARE * len(keys)


def shared(before, cue):
    """How many lines `cue` starts with that `before` ended with (rolling
    cues share one line; more than ROLLING_LINES is never looked for)."""
    for size in range(min(len(before), len(cue), ROLLING_LINES), 0, -1):
        if before[-size:] == cue[:size]:
            return size
    return 0


def phrases(cues, lines, rolling):
    """Phrase per cue and speaker, each line read once when captions roll."""
    speaker, before = None, []
    for cue, cue_lines in zip(cues, lines, strict=True):
        keys = [_key(line) for line in cue_lines]
        new = cue_lines[shared(before, keys) :] if rolling else cue_lines
        if keys:
            before = keys
        phrase, texts = None, []
        for line in new:
            text, label = line.text, None
            if line.voice is not None and line.voice != speaker:
                label = line.voice
            found = speaker_label(text)
            if found:
                label, text = found
            end = _end(cue, line, rolling)
            if label is not None or phrase is None:
                if phrase is not None:
                    phrase.text = join_all(texts)
                    yield phrase
                phrase, texts = Phrase(cue.start, end, "", cue.line, label), []
                speaker = label if label is not None else speaker
            texts.append(text)
            phrase.end = max(phrase.end, end)
        if phrase is not None:
            phrase.text = join_all(texts)
            yield phrase


def _end(cue, line, rolling):
    """When the speaking of `line` stops. Ordinary captions: the cue's end.
    Rolling ones leave no gap between cues, so: the start of the line's last
    word (a line without timings is one word) plus its estimated length."""
    if not rolling:
        return cue.end
    if line.timed and line.last_word_start is not None:
        start, word = line.last_word_start, line.last_word
    else:
        start, word = cue.start, line.text
    spoken = start + len(word) * SECONDS_PER_CHARACTER
    return max(cue.start, min(cue.end, spoken))
