from .parts import (
    Highlight,
    Keyword,
    OutlineChapter,
    Question,
    Takeaway,
    TranscriptSegment,
)
from .site import ContentVersion
from .talks import Channel, Speaker, Tag, TaggedTalk, Talk, TalkSpeaker

# Every ordered part of a talk, in the order the page shows them.
PART_MODELS = (
    Takeaway,
    Question,
    OutlineChapter,
    Keyword,
    Highlight,
    TranscriptSegment,
)

__all__ = [
    "PART_MODELS",
    "Channel",
    "ContentVersion",
    "Highlight",
    "Keyword",
    "OutlineChapter",
    "Question",
    "Speaker",
    "Tag",
    "TaggedTalk",
    "Talk",
    "TalkSpeaker",
    "Takeaway",
    "TranscriptSegment",
]
