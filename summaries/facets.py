"""Filters for lists of talks, GOV.UK finder style: plain links with counts.

Every link keeps the query and the other filters and drops the page number.
Tags combine (each one narrows further); speaker, channel and year pick one
value, so their counts are taken without their own filter: each count says how
many talks that choice would show.
"""

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count, Exists, OuterRef
from django.utils.html import conditional_escape
from django.utils.translation import gettext as _

from . import parameters
from .bidi import bdi_format
from .models import Channel, Speaker, Tag, TaggedTalk, Talk, TalkSpeaker

FACET_SIZE = 12  # options shown per filter; the rest are a /tags/ visit away
# Tags combined in one list (?tag= repeated). Each narrows further, so a few
# already find the talks sharing them; the cap bounds what one request costs.
MAX_TAGS = 10


@dataclass
class Filters:
    """`?tag=` (repeatable, all must match), `?speaker=`, `?channel=`, `?year=`."""

    tags: list = field(default_factory=list)
    speaker: str = ""
    channel: str = ""
    year: int | None = None

    @classmethod
    def from_params(cls, params):
        """The filters in `params`; InvalidParameter (a 400 page) for a value
        that cannot be one."""
        return cls(
            tags=parameters.tags(params, MAX_TAGS),
            speaker=parameters.slug(params, "speaker"),
            channel=parameters.slug(params, "channel"),
            year=parameters.year(params),
        )

    def __bool__(self):
        return bool(self.tags or self.speaker or self.channel or self.year)

    def apply(self, talks, without=None):
        """`talks` narrowed by every filter but `without`."""
        return talks.filter_by(
            tags=self.tags,
            speaker=self.speaker if without != "speaker" else None,
            channel=self.channel if without != "channel" else None,
            year=self.year if without != "year" else None,
        )


@dataclass
class Record:
    name: str
    slug: str


@dataclass
class Option:
    label: str
    url: str
    count: int | None = None
    selected: bool = False


@dataclass
class Facets:
    groups: list  # [(key, heading, [Option])]
    chosen: list  # [Option] whose url removes that filter
    clear_url: str
    sample: int | None = None  # counted among the best this many results


class Links:
    """Links to this page with its query string changed, without the page
    number: `Links(request.GET)(tag=[…], year=None)`. The query string is
    read once for the fifty links of a page (a QueryDict copied per link
    cost more than the rest of the link)."""

    def __init__(self, params):
        self.lists = [(key, values) for key, values in params.lists() if key != "page"]

    def __call__(self, **changes):
        """The query string with `changes` (None removes; a list replaces), as
        QueryDict would write it: keys in their order, new ones last."""
        pairs = []
        for key, values in self.lists:
            if key in changes:
                values = self._values(changes[key])
            pairs += [(key, value) for value in values]
        known = {key for key, _values in self.lists}
        for key, value in changes.items():
            if key not in known:
                pairs += [(key, item) for item in self._values(value)]
        return "?" + urlencode(pairs)

    @staticmethod
    def _values(value):
        if value is None:
            return []
        if isinstance(value, list):
            return [str(item) for item in value]
        return [str(value)]


def facets(matches, filters, params, filtered_ids=None, counts=None, sample=None):
    """Filter links for `matches` (public talks, or those matching the query,
    before any filter): a fixed number of queries whatever the data size.

    `filtered_ids`, when given, lists `matches` with every filter applied in
    a form cheaper to query again than `matches` (the ids a search found).
    `counts`, when given, are the counts already known ({Tag: [(id, n)],
    Speaker: …, Channel: …, "year": [(year, n)]}: the unfiltered list's,
    kept by the listings app), so no talk is counted here. `sample`: the
    counts are of the best this many results only (said beside them).
    """
    if counts is not None:
        return _facets(filters, params, counts, sample)
    if filtered_ids is None:
        filtered_ids = filters.apply(matches).values("pk")

    def ids(without=None):
        if without and getattr(filters, without):
            return filters.apply(matches, without).values("pk")
        return filtered_ids

    counts = {
        Tag: _top(TaggedTalk, "tag", "content_object", ids(), exclude=filters.tags),
        Speaker: _top(TalkSpeaker, "speaker", "talk", ids("speaker")),
        Channel: _top(Talk, "channel", "pk", ids("channel")),
    }
    # Counted by date, summed by year here: SQLite extracts a year in Python,
    # one call per talk, while there are only so many dates.
    years = Counter()
    dates = Talk.objects.filter(pk__in=ids("year")).values("video_date")
    for row in dates.annotate(n=Count("pk")).order_by():
        years[row["video_date"].year] += row["n"]
    counts["year"] = list(years.items())
    return _facets(filters, params, counts)


def _facets(filters, params, counts, sample=None):
    link = Links(params)
    years = dict(counts.pop("year"))
    tags, speakers, channels = _named(counts)

    def one_of(key, rows):
        chosen = str(getattr(filters, key) or "")
        return [
            Option(
                label,
                link(**{key: None if str(value) == chosen else value}),
                n,
                str(value) == chosen,
            )
            for label, value, n in rows
        ]

    groups = [
        (
            "tag",
            _("タグ"),
            [
                Option(tag.name, link(tag=[*filters.tags, tag.slug]), n)
                for tag, n in tags
            ],
        ),
        (
            "speaker",
            _("登壇者"),
            one_of("speaker", [(s.name, s.slug, n) for s, n in speakers]),
        ),
        (
            "channel",
            _("チャンネル"),
            one_of("channel", [(c.name, c.slug, n) for c, n in channels]),
        ),
        (
            "year",
            _("動画の年"),
            one_of(
                "year",
                [
                    (_("%(year)d年") % {"year": year}, year, n)
                    for year, n in sorted(years.items(), reverse=True)
                ],
            ),
        ),
    ]
    return Facets(
        groups=[group for group in groups if group[2]],
        chosen=chosen_filters(filters, link),
        clear_url=link(tag=None, speaker=None, channel=None, year=None),
        sample=sample,
    )


def _top(model, field, talk_field, talks, exclude=()):
    """[(id, count)] of the `field` records most often in `talks`: counted by
    id alone, which is several times faster than counting joined rows."""
    column = f"{field}_id"
    rows = model.objects.filter(**{f"{talk_field}__in": talks})
    if exclude:
        rows = rows.exclude(**{f"{field}__slug__in": exclude})
    top = rows.values(column).annotate(n=Count("pk")).order_by("-n", column)
    return list(top.values_list(column, "n")[:FACET_SIZE])


def _named(counts):
    """[[(Record(name, slug), count)] per model] of `counts` ({model: rows}):
    a row (id, count) is named here, all in one statement; a row (id, count,
    name, slug) came named (`listings.tops(named=True)`). Written in SQL:
    built by the ORM as a union of three querysets it cost a list page more
    than a millisecond, several times what running it costs."""
    quote = connection.ops.quote_name
    parts, params, names = [], [], {}
    for number, (model, rows) in enumerate(counts.items()):
        meta = model._meta
        ids = [row[0] for row in rows if len(row) == 2]
        if ids:
            parts.append(
                f"SELECT {number}, {quote(meta.pk.column)},"
                f" {quote(meta.get_field('name').column)},"
                f" {quote(meta.get_field('slug').column)} FROM {quote(meta.db_table)}"
                f" WHERE {quote(meta.pk.column)} IN ({', '.join(['%s'] * len(ids))})"
            )
            params += ids
        names.update(
            ((number, row[0]), Record(*row[2:])) for row in rows if len(row) == 4
        )
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            names.update(
                ((number, pk), Record(name, slug))
                for number, pk, name, slug in cursor.fetchall()
            )
    return [
        [(names[number, row[0]], row[1]) for row in rows if (number, row[0]) in names]
        for number, rows in enumerate(counts.values())
    ]


def chosen_filters(filters, link):
    """The filters in force, each with a link (`link`: this page's `Links`)
    that removes it (names looked up in one query per kind of filter chosen).

    Only names of public records are shown: a speaker, channel or tag found
    only on drafts or scheduled talks is shown by its slug, exactly as a slug
    that does not exist.
    """
    chosen = []
    if filters.tags:
        names = _public_names(Tag, filters.tags)
        for slug in filters.tags:
            rest = [other for other in filters.tags if other != slug]
            chosen.append(
                Option(
                    bdi_format(_("タグ: %(name)s"), name=names.get(slug, slug)),
                    link(tag=rest or None),
                )
            )
    for key, model, heading in (
        ("speaker", Speaker, _("登壇者")),
        ("channel", Channel, _("チャンネル")),
    ):
        slug = getattr(filters, key)
        if slug:
            name = _public_names(model, [slug]).get(slug)
            chosen.append(
                Option(
                    bdi_format(
                        _("%(heading)s: %(name)s"),
                        heading=conditional_escape(heading),
                        name=name or slug,
                    ),
                    link(**{key: None}),
                )
            )
    if filters.year:
        chosen.append(
            Option(
                _("動画の年: %(year)d年") % {"year": filters.year},
                link(year=None),
            )
        )
    return chosen


def _public_names(model, slugs):
    """{slug: name} of the `model` records (Tag, Speaker, Channel) with these
    slugs that are on at least one public talk."""
    public = Talk.objects.published()
    on_public_talk = {
        Tag: TaggedTalk.objects.filter(tag=OuterRef("pk"), content_object__in=public),
        Speaker: TalkSpeaker.objects.filter(speaker=OuterRef("pk"), talk__in=public),
        Channel: public.filter(channel=OuterRef("pk")),
    }[model]
    records = model.objects.filter(Exists(on_public_talk), slug__in=slugs)
    return dict(records.values_list("slug", "name"))
