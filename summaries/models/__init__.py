# The search index's models live with the rest of search, in summaries/search/.
from ..search.models import SearchEntry, SearchLog
from .parts import (
    Highlight,
    Keyword,
    OutlineChapter,
    Question,
    Takeaway,
    TranscriptSegment,
)
from .ratings import Feedback, Rating
from .records import Channel, Speaker
from .redirects import TagSlugRedirect, TalkSlugRedirect
from .site import ContentVersion
from .tags import Tag, TaggedTalk
from .talks import Talk, TalkSpeaker

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
    "Feedback",
    "Highlight",
    "Keyword",
    "OutlineChapter",
    "Question",
    "Rating",
    "SearchEntry",
    "SearchLog",
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
