"""Spoken phrases -> readable transcript segments.

A segment ends at 。！？ (vocabulary.sentences), before a silence of
SILENCE_SECONDS or more, before it would pass MAX_CHARACTERS or MAX_SECONDS,
and before a speaker label. Japanese auto captions have almost no
punctuation: there the silence and the length bound do the cutting. A cue's
line is never cut except at a sentence end, so a segment may pass the length
bound when one cue alone does.

A textual label (宮坂：, （浅沼）, >> 宮坂:) always starts a segment: the writer
put it there. `<v 宮坂>` marks every cue of a voice, so it starts a segment
only when the voice changes. The label opens the segment's text as `宮坂：`;
a bare >> starts a segment with no label.
"""

import math
from dataclasses import dataclass

from ..summary_format import TimedData
from .vocabulary import join, labelled, sentences

SILENCE_SECONDS = 1.5
MAX_CHARACTERS = 80
MAX_SECONDS = 20


@dataclass
class Phrase:
    """What one cue adds to the transcript (from one speaker)."""

    start: float
    end: float  # when the speaking stops, as far as the captions tell
    text: str
    line: int  # the cue's time line in the file
    label: str | None = None  # a speaker's name, "" for a bare >>, None if none


class Segments:
    """Collects phrases into TimedData segments; `done` holds the result."""

    def __init__(self):
        self.done = []
        self.text, self.start, self.end, self.line = "", 0.0, 0.0, 0
        self.has_words = False

    def add(self, phrase):
        if phrase.label is not None:
            self.close()
        elif self.has_words and (
            phrase.start - self.end >= SILENCE_SECONDS
            or phrase.start - self.start >= MAX_SECONDS
            or len(self.text) + len(phrase.text) > MAX_CHARACTERS
        ):
            self.close()
        if phrase.label:
            self.begin(phrase)
            self.text = labelled(phrase.label, "")
        for piece, ends in sentences(phrase.text):
            if not self.text:
                self.begin(phrase)
            self.text = join(self.text, piece)
            self.has_words = True
            if ends:
                self.close()
        self.end = max(self.end, phrase.end)

    def begin(self, phrase):
        self.start, self.end, self.line = phrase.start, phrase.end, phrase.line

    def close(self):
        if self.has_words:
            self.done.append(TimedData(math.floor(self.start), self.text, self.line))
        self.text, self.has_words = "", False
