"""Reading the lines under each heading into TalkData items."""

import unicodedata
from decimal import Decimal

from ..text import format_timecode, parse_timecode
from . import messages as msg
from .data import KeywordData, QuestionData, TakeawayData, TimedData, fail
from .layout import ANSWER_MARKS, BULLETS, RATING_LINE, TIMECODE, TLDR_LINE, Line
from .tags import split_tag_line, unique_tags


class SectionReaders:
    """Each method reads one section's lines (heading, heading line, [lines]);
    the parser supplies `warn`, `not_a_heading`, `duration`, `known`, `lines`."""

    def mindmap(self, heading, line, items):
        if items:
            self.warn(line.no, msg.MINDMAP_IGNORED, count=len(items))

    def tldr(self, heading, line, items):
        if not items:
            fail(line.no + 1, msg.MISSING_TLDR)
        match = TLDR_LINE.fullmatch(items[0].text)
        if not match:
            self.not_a_heading(items[0])
            fail(items[0].no, msg.EXPECTED_TLDR, found=items[0].text)
        if not match[1].strip():
            fail(items[0].no, msg.EMPTY_TLDR)
        if len(items) > 1:
            self.not_a_heading(items[1])
            fail(items[1].no, msg.EXTRA_TLDR, found=items[1].text)
        return match[1].strip()

    def bulleted(self, line, shape):
        """The text after a line's bullet; fails with `shape` if it has none."""
        if not line.text.startswith(BULLETS):
            self.not_a_heading(line)
            fail(line.no, shape, found=line.text)
        return line.text[1:].strip()

    def takeaways(self, heading, line, items):
        if not items:
            fail(line.no, msg.NO_TAKEAWAYS)
        takeaways = []
        for line in items:
            text = self.bulleted(line, msg.NOT_A_TAKEAWAY)
            first, *_ = text.split(maxsplit=1) or [""]
            emoji = first if is_emoji(first) else ""
            body = text[len(emoji) :].strip()
            if not body:
                fail(line.no, msg.TAKEAWAY_WITHOUT_TEXT)
            takeaways.append(TakeawayData(emoji, body, line.no))
        return tuple(takeaways)

    def questions(self, heading, line, items):
        pairs, question = [], None
        for line in items:
            if line.text.startswith(ANSWER_MARKS):
                answer = line.text[1:].strip()
                if question is None:
                    fail(line.no, msg.ANSWER_WITHOUT_QUESTION, answer=answer)
                if not answer:
                    fail(line.no, msg.EMPTY_ANSWER)
                pairs.append(QuestionData(question.text, answer, question.no))
                question = None
                continue
            if question is not None:
                fail(question.no, msg.QUESTION_WITHOUT_ANSWER, question=question.text)
            text = self.bulleted(line, msg.NOT_A_QUESTION)
            if not text:
                fail(line.no, msg.EMPTY_QUESTION)
            question = Line(line.no, text, True)
        if question is not None:
            fail(question.no, msg.QUESTION_WITHOUT_ANSWER, question=question.text)
        return tuple(pairs)

    def keywords(self, heading, line, items):
        keywords = []
        for line in items:
            text = self.bulleted(line, msg.NOT_A_KEYWORD)
            if not text:
                fail(line.no, msg.EMPTY_KEYWORD)
            keywords.append(KeywordData(text, line.no))
        return tuple(keywords)

    def timed(self, heading, line, items):
        rows, previous = [], None
        for line in items:
            text = line.text
            if text.startswith(BULLETS):
                text = text[1:].strip()
            match = TIMECODE.match(text)
            if not match:
                self.not_a_heading(line)
                fail(line.no, msg.NOT_TIMED, found=line.text, heading=heading)
            try:
                start = parse_timecode(unicodedata.normalize("NFKC", match[1]))
            except ValueError:
                fail(line.no, msg.BAD_TIMECODE, found=match[1])
            body = text[match.end() :].strip()
            time = format_timecode(start)
            if not body:
                fail(line.no, msg.TIMED_WITHOUT_TEXT, time=time)
            if start > self.duration:
                self.warn(line.no, msg.AFTER_END, time=time,
                          duration=format_timecode(self.duration))  # fmt: skip
            if previous is not None and start < previous:
                self.warn(line.no, msg.OUT_OF_ORDER, time=time,
                          previous=format_timecode(previous))  # fmt: skip
            previous = start
            rows.append(TimedData(start, body, line.no))
        return tuple(rows)

    def rating(self, heading, line, items):
        if not items:
            return {}
        line = items[0]
        if len(items) > 1:
            fail(items[1].no, msg.EXTRA_RATING, found=items[1].text)
        match = RATING_LINE.fullmatch(unicodedata.normalize("NFKC", line.text))
        if not match:
            fail(line.no, msg.BAD_RATING, found=line.text)
        rating, votes = Decimal(match[1]), match[2]
        if not 0 <= rating <= 5:
            fail(line.no, msg.RATING_RANGE, rating=match[1])
        if rating != rating.quantize(Decimal("0.1")):
            fail(line.no, msg.RATING_PRECISION, rating=match[1])
        if votes is not None and int(votes) == 0:
            self.warn(line.no, msg.NO_VOTES)
            return {}
        return {
            "source_rating": rating.quantize(Decimal("0.1")),
            "source_rating_count": None if votes is None else int(votes),
        }

    def tags(self, heading, line, items):
        if items:
            self.lines["tags"] = items[0].no
        names = []
        for line in items:
            found, warnings = split_tag_line(line.text, line.no, self.known)
            names += found
            self.warnings += warnings
        names, warnings = unique_tags(names, items[0].no if items else 0)
        self.warnings += warnings
        return tuple(names)


def is_emoji(token):
    """True for a takeaway's leading emoji: symbols, joiners, variation
    selectors, skin tones, keycaps; also pairs like 👨💼 that lost their joiner."""
    if not token:
        return False
    kinds = [unicodedata.category(ch) for ch in token]
    if not any(kind in {"So", "Me"} for kind in kinds):
        return False
    return all(
        kind in {"So", "Sk", "Mn", "Me", "Cf"} or ch in "#*0123456789"
        for ch, kind in zip(token, kinds, strict=True)
    )
