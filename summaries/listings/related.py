"""Related talks: ranked when talks change, read in one query.

A talk's related talks are the published talks sharing most of its tags,
newest first among equals (the order `TalkQuerySet.related_to` states).
Ranking a talk against every other one on each page view grew with the
corpus; here it happens when a talk changes, for the talks whose list the
change can alter, and the page reads the stored list.

`Ranking` holds, for every published talk (scheduled ones included), its
place in the order newest first, and for each tag the set of talks carrying
it as one integer used as a bitset (bit i = the i-th newest talk). The talks
sharing at least k tags with a talk are then found with a few ANDs and ORs
over these integers, whatever their number, and the first bits of each level
are the newest: ranking one talk costs microseconds, all of 100,000 a few
seconds.

A stored list holds the first `SHOWN` talks that were public when it was
ranked and have no end (公開終了), and any scheduled or ending talk ranked
before them (shown in its place while it is public). Pages filter the list
by `published()` at read time, so a scheduled, ended, unpublished or deleted
talk is never shown.
"""

from bisect import bisect_right
from collections import defaultdict

SHOWN = 4  # related talks on a talk's page


def bitset(positions, size):
    """An integer with the bits at `positions` set."""
    data = bytearray((size + 7) // 8)
    for position in positions:
        data[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(data, "little")


class Ranking:
    """Every published talk's place, and each tag's talks as a bitset."""

    def __init__(self, candidates, now):
        """`candidates`: [(talk id, published_at, expires_at)] of every
        published talk whose end has not come."""
        order = sorted(candidates, key=lambda c: (c[1], c[0]), reverse=True)
        self.ids = [pk for pk, _at, _ends in order]
        self.times = [at for _pk, at, _ends in order]
        # A talk with an end ahead may leave a list by the clock: lists keep
        # going past it until SHOWN talks that stay.
        self.lasting = [ends is None for _pk, _at, ends in order]
        self.position = {pk: i for i, pk in enumerate(self.ids)}
        # Talks before this position are scheduled (newest first: the future
        # comes first); from it on, public.
        oldest_first = list(reversed(self.times))
        self.first_public = len(order) - bisect_right(oldest_first, now)
        self.postings = {}

    def __contains__(self, talk_id):
        return talk_id in self.position

    def add_tags(self, taggings):
        """`taggings`: [(tag id, talk id)] of published talks."""
        positions = defaultdict(list)
        for tag, talk in taggings:
            if talk in self.position:
                positions[tag].append(self.position[talk])
        size = len(self.ids)
        for tag, found in positions.items():
            self.postings[tag] = bitset(found, size)

    def top(self, talk_id, tags, shown=SHOWN):
        """([(related id, tags shared)] best first, full): the list to store."""
        levels = [(1 << len(self.ids)) - 1]
        for tag in tags:
            talks = self.postings.get(tag)
            if not talks:
                continue
            levels.append(0)
            for k in range(len(levels) - 1, 0, -1):
                levels[k] |= levels[k - 1] & talks
        own = self.position[talk_id]
        levels.append(0)
        entries, public = [], 0
        for shared in range(len(levels) - 2, 0, -1):
            exactly = levels[shared] ^ levels[shared + 1]
            while exactly:
                lowest = exactly & -exactly
                exactly ^= lowest
                position = lowest.bit_length() - 1
                if position == own:
                    continue
                entries.append((self.ids[position], shared))
                if position >= self.first_public and self.lasting[position]:
                    public += 1
                    if public == shown:
                        return entries, True
        return entries, False

    def beats(self, talk_id, shared, last_shared, last_id):
        """Whether `talk_id`, sharing `shared` tags, ranks before the entry
        (`last_shared`, `last_id`)."""
        if shared != last_shared:
            return shared > last_shared
        last = self.position.get(last_id)
        return last is None or self.position[talk_id] < last
