"""The core's models: talks and everything they are made of.

Capabilities built on talks (search, ratings, the page cache) are apps of
their own with their own models; nothing here knows them.
"""

from .parts import (
    Highlight,
    Keyword,
    OutlineChapter,
    Question,
    Takeaway,
    TranscriptSegment,
)
from .records import Channel, Speaker
from .redirects import TagSlugRedirect, TalkSlugRedirect
from .tags import Tag, TaggedTalk
from .talks import Talk, TalkSpeaker
from .versions import PartsVersion

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
    "PartsVersion",
    "Channel",
    "Highlight",
    "Keyword",
    "OutlineChapter",
    "Question",
    "Speaker",
    "Tag",
    "TaggedTalk",
    "Talk",
    "TalkSlugRedirect",
    "TalkSpeaker",
    "TagSlugRedirect",
    "Takeaway",
    "TranscriptSegment",
]
