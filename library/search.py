"""Vietnamese-aware search of the library: queries, matching, ranking signals and snippets.

What Wagtail's search backends do not know about Vietnamese lives here. The items index
their text twice, as typed and folded (``lms.text.fold``: lower case, no diacritics,
đ → d), so a query is sent twice too, as typed and folded, and either may match. Which
matched only folded is decided here in Python, on the matched set: SQLite FTS5 removes
some diacritics itself (those of single-mark letters: "quản" and "quan" are one token,
"nước" and "nuoc" are not), so the backend cannot tell an exact match from a folded one
consistently. ``library.selectors.library_search`` puts the pieces together.
"""

import math
import re
import string
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import chain
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError
from wagtail.search.query import And, Or, Phrase, PlainText

from library.models import (
    CaseStudyPage,
    DocumentText,
    IssuingBody,
    LibraryItemPage,
    MaterialType,
    Subject,
)
from lms.models import Rank, TrainingUnit
from lms.text import collation_key, fold, nfc

MAX_QUERY_LENGTH = 500
# Enough for any real query; a pasted page of text would make a slow, useless match.
MAX_WORDS = 32
SORTS = ("relevance", "newest", "title")
# Filter name -> whether its values are whole numbers (all are, except kind).
FILTERS = {
    "kind": False,
    "type": True,
    "issuer": True,
    "year": True,
    "subject": True,
    "rank": True,
    "unit": True,
}
KINDS = ("item", "case")
DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
SNIPPET_LENGTH = 220
# Opening and closing quotes people type: straight, curly and guillemets.
_QUOTES = re.compile("[\u201c\u201d\u201e\u00ab\u00bb]")
# Words as the backends tokenise them: letters and digits (no underscore).
_WORD = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"\d+")
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")


class SearchParamError(ValueError):
    """A search parameter that cannot be used; the message is for the user."""


@dataclass(frozen=True)
class ParsedQuery:
    """A query as NFC, case-folded pieces.

    ``words`` are free words; ``phrases`` the quoted parts and ``compounds`` the words
    joined by punctuation ("89/2021/nđ-cp", "nq/tw"), both as their text; ``ordered``
    every word in the order typed, for ranking and highlighting.
    """

    text: str = ""
    words: tuple = ()
    phrases: tuple = ()
    compounds: tuple = ()
    ordered: tuple = ()

    @property
    def is_empty(self):
        return not self.ordered

    def folded(self):
        return ParsedQuery(
            text=fold(self.text),
            words=tuple(fold(word) for word in self.words),
            phrases=tuple(fold(phrase) for phrase in self.phrases),
            compounds=tuple(fold(compound) for compound in self.compounds),
            ordered=tuple(fold(word) for word in self.ordered),
        )

    def _key(self):
        return (self.words, self.phrases, self.compounds)


def _trim(chunk):
    return _EDGE_PUNCTUATION.sub("", chunk)


def parse_query(text):
    """Split ``text`` (any Unicode form, any case) into words, phrases and compounds.

    Text between a pair of quotes is a phrase; an unclosed quote runs to the end.
    Elsewhere, words joined by punctuation (a document number such as "89/2021/NĐ-CP")
    stay together: each backend tokenises them as it tokenised the indexed text
    (SQLite as four words, PostgreSQL as a path and a hyphenated word).
    """
    text = nfc(text).strip()[:MAX_QUERY_LENGTH]
    segments = _QUOTES.sub('"', text).split('"')
    words, phrases, compounds, ordered = [], [], [], []
    for position, segment in enumerate(segments):
        if len(ordered) >= MAX_WORDS:
            break
        if position % 2:
            found = [word.casefold() for word in _WORD.findall(segment)]
            if len(found) > 1:
                phrases.append(" ".join(segment.casefold().split()))
            else:
                words.extend(found)
            ordered.extend(found)
            continue
        for chunk in segment.split():
            found = [word.casefold() for word in _WORD.findall(chunk)]
            if len(found) > 1:
                compounds.append(_trim(chunk).casefold())
            else:
                words.extend(found)
            ordered.extend(found)
    return ParsedQuery(
        text=text,
        words=tuple(words),
        phrases=tuple(phrases),
        compounds=tuple(compounds),
        ordered=tuple(ordered[:MAX_WORDS]),
    )


def _compound(text):
    spaced = " ".join(_WORD.findall(text))
    # The text as typed matches how the backend split the indexed number; the words
    # spaced out match a part of one ("89/2021" in "89/2021/nđ-cp") where the index
    # holds the words apart.
    return Phrase(text) if spaced == text else Or([Phrase(text), Phrase(spaced)])


def _expression(parsed):
    parts = []
    if parsed.words:
        parts.append(PlainText(" ".join(parsed.words), operator="and"))
    parts.extend(Phrase(phrase) for phrase in parsed.phrases)
    parts.extend(_compound(compound) for compound in parsed.compounds)
    return parts[0] if len(parts) == 1 else And(parts)


def search_expression(parsed):
    """The Wagtail query for ``parsed``: as typed OR folded, whichever the text matches.

    Each half needs every word, phrase and compound. The typed half finds the raw
    fields (title, summary, the file's text); the folded half finds ``folded_text`` and
    ``folded_full_text``, so "quan ly nha nuoc" and "quản lý nhà nước" meet in the middle.
    Returns None for an empty query.
    """
    if parsed.is_empty:
        return None
    folded = parsed.folded()
    if folded._key() == parsed._key():
        return _expression(parsed)
    return Or([_expression(parsed), _expression(folded)])


@cache
def _letter_variants():
    """For each ASCII letter, every Latin letter that folds to it: a → aàáảãạăằ…ÀÁ…"""
    variants = {letter: {letter, letter.upper()} for letter in string.ascii_lowercase}
    for code in chain(range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        char = chr(code)
        if unicodedata.category(char)[0] != "L":
            continue
        folded = fold(char)
        if len(folded) == 1 and folded in variants:
            variants[folded].add(char)
    return {letter: "[" + "".join(sorted(chars)) + "]" for letter, chars in variants.items()}


def _folded_word_pattern(word):
    variants = _letter_variants()
    return "".join(variants.get(char) or re.escape(char) for char in fold(word))


def _cased_word_pattern(word):
    """``word`` as typed, either case: [qQ][uU][ảẢ][nN]. Explicit classes rather than
    re.IGNORECASE, which makes Python's regex engine compare character by character
    (ten times slower on the thousands of texts a query ranks)."""
    parts = []
    for char in word:
        cases = dict.fromkeys((char, char.lower(), char.upper()))
        parts.append("[" + "".join(cases) + "]" if len(cases) > 1 else re.escape(char))
    return "".join(parts)


def _word(pattern, length):
    """``pattern`` (``length`` characters) as a whole word.

    The check that no letter precedes it comes after the word, as a lookbehind over
    it: a pattern that starts with a class lets the regex engine skip ahead to the
    candidates, one that starts with an assertion tests every position (four times
    slower).
    """
    return rf"(?:{pattern})(?<![^\W_].{{{length}}})(?![^\W_])"


def _phrase_source(words, *, folded):
    if folded:
        words = [fold(word) for word in words]
    pattern = _folded_word_pattern if folded else _cased_word_pattern
    first, rest = words[0], words[1:]
    parts = [_word(pattern(first), len(first)).removesuffix(r"(?![^\W_])")]
    parts.extend(pattern(word) for word in rest)
    return r"[\W_]+".join(parts) + r"(?![^\W_])"


def _phrase_pattern(words, *, folded):
    return re.compile(_phrase_source(words, folded=folded)) if words else None


def highlight_pattern(parsed):
    """What the snippets mark: each quoted phrase or compound whole, each free word."""
    groups = [_WORD.findall(text) for text in (*parsed.phrases, *parsed.compounds)]
    sources = [(len(" ".join(words)), _phrase_source(words, folded=True)) for words in groups]
    sources.extend(
        (len(word), _word(_folded_word_pattern(word), len(fold(word))))
        for word in dict.fromkeys(parsed.words)
    )
    if not sources:
        return None
    # The longest first: a phrase wins over a word inside it.
    return re.compile("|".join(source for _length, source in sorted(sources, reverse=True)))


@dataclass
class Matcher:
    """Ranking signals of one query, computed on the text of each matched item.

    ``exact_level`` says how well a text matches with the diacritics as typed (case
    aside): 4 the whole query as a phrase in the title, 3 as a phrase elsewhere, 2
    every word somewhere, 1 some word, 0 none. ``folded_level`` rewards the words
    next to each other whatever their diacritics: 2 in the title, 1 elsewhere.
    """

    parsed: ParsedQuery
    exact_phrase: re.Pattern | None = None
    exact_words: list = field(default_factory=list)
    folded_phrase: re.Pattern | None = None
    highlight: re.Pattern | None = None

    @classmethod
    def for_query(cls, parsed):
        ordered = list(parsed.ordered)
        return cls(
            parsed=parsed,
            exact_phrase=_phrase_pattern(ordered, folded=False) if len(ordered) > 1 else None,
            exact_words=[
                re.compile(_word(_cased_word_pattern(word), len(word)))
                for word in dict.fromkeys(ordered)
            ],
            folded_phrase=_phrase_pattern(ordered, folded=True) if len(ordered) > 1 else None,
            highlight=highlight_pattern(parsed),
        )

    def levels(self, title, texts):
        """(exact level, folded level) of an item with ``title`` and other ``texts``."""
        texts = [text for text in texts if text]
        return self.exact_level(title, texts), self.folded_level(title, texts)

    def exact_level(self, title, texts):
        if not self.exact_words:
            return 0
        if self.exact_phrase is not None:
            if self.exact_phrase.search(title):
                return 4
            if any(self.exact_phrase.search(text) for text in texts):
                return 3
        elif self.exact_words[0].search(title):
            return 4
        # One string for the word checks: a word may be anywhere.
        everything = "\n".join((title, *texts))
        found = sum(1 for word in self.exact_words if word.search(everything))
        if found == len(self.exact_words):
            return 2
        return 1 if found else 0

    def folded_level(self, title, texts):
        if self.folded_phrase is None:
            return 0
        if self.folded_phrase.search(title):
            return 2
        return 1 if any(self.folded_phrase.search(text) for text in texts) else 0

    def snippet(self, texts, *, length=SNIPPET_LENGTH):
        """An excerpt of the first of ``texts`` where the query occurs, matches marked.

        HTML-escaped, each free word and each quoted phrase found in ``<mark>``; the
        start of the first non-empty text when none matches (the title matched, say).
        """
        texts = [" ".join(text.split()) for text in texts if text and text.strip()]
        if not texts:
            return SafeString("")
        if self.highlight is not None:
            for text in texts:
                match = self.highlight.search(text)
                if match:
                    return self._excerpt(text, match.start(), length)
        return self._excerpt(texts[0], 0, length)

    def _excerpt(self, text, position, length):
        start = 0 if position < length // 3 else position - length // 4
        if start:
            # Start on a word, not in the middle of one.
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < position else start
        end = min(len(text), start + length)
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > position else end
        prefix = "… " if start else ""
        suffix = " …" if end < len(text) else ""
        return mark_safe(prefix + self.mark(text[start:end]) + suffix)

    def mark(self, text):
        """``text`` HTML-escaped, each word of the query in it wrapped in ``<mark>``."""
        pieces = []
        cursor = 0
        if self.highlight is not None:
            for match in self.highlight.finditer(text):
                pieces.append(escape(text[cursor : match.start()]))
                pieces.append(f"<mark>{escape(match.group())}</mark>")
                cursor = match.end()
        pieces.append(escape(text[cursor:]))
        # Every piece of the text went through escape() above.
        return mark_safe("".join(pieces))


def _integers(values, *, message):
    numbers = []
    for value in values:
        value = str(value).strip()
        if not value:
            continue
        if not value.isdigit() or not value.isascii() or len(value) > 9:
            raise SearchParamError(message)
        numbers.append(int(value))
    return list(dict.fromkeys(numbers))


def clean_filters(filters):
    """Validate a ``{name: [values]}`` mapping of filters; unknown names are refused.

    Values may be strings (from a query string) or numbers; empty values are dropped.
    Raises SearchParamError with a message for the user.
    """
    cleaned = {}
    for name, values in (filters or {}).items():
        if name not in FILTERS:
            raise SearchParamError(_("Unknown filter “%(name)s”.") % {"name": name})
        if isinstance(values, str | int):
            values = [values]
        if FILTERS[name]:
            numbers = _integers(
                values, message=_("The filter “%(name)s” needs whole numbers.") % {"name": name}
            )
            if numbers:
                cleaned[name] = numbers
        else:
            kinds = [str(value).strip() for value in values if str(value).strip()]
            if any(kind not in KINDS for kind in kinds):
                raise SearchParamError(
                    _("The kind of result must be “item” (material) or “case” (case study).")
                )
            if kinds:
                cleaned[name] = list(dict.fromkeys(kinds))
    return cleaned


def clean_page(value):
    """A page number from 1, or SearchParamError."""
    if value is None or value == "":
        return 1
    text = str(value).strip()
    if not text.isdigit() or not text.isascii() or len(text) > 6 or int(text) < 1:
        raise SearchParamError(_("The page number must be a whole number from 1."))
    return int(text)


def clean_sort(value):
    if value in (None, ""):
        return "relevance"
    if value not in SORTS:
        raise SearchParamError(
            _("Unknown sort order “%(sort)s”: use relevance, newest or title.") % {"sort": value}
        )
    return value


def clean_per_page(value):
    if value in (None, ""):
        return DEFAULT_PER_PAGE
    text = str(value).strip()
    if not text.isdigit() or not text.isascii() or not 1 <= int(text) <= MAX_PER_PAGE:
        raise SearchParamError(
            _("The number of results per page must be from 1 to %(max)d.") % {"max": MAX_PER_PAGE}
        )
    return int(text)


@dataclass(frozen=True)
class SearchParams:
    query: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE


def parse_search_params(data):
    """Read ``q``, the filters, ``sort``, ``page`` and ``per_page`` from a QueryDict.

    The search page and the JSON API share it. Raises SearchParamError with a message
    for the user when a value cannot be used.
    """
    query = data.get("q", "") or ""
    if len(query) > MAX_QUERY_LENGTH:
        raise SearchParamError(
            _("The search text is too long (at most %(max)d characters).")
            % {"max": MAX_QUERY_LENGTH}
        )
    filters = clean_filters({name: data.getlist(name) for name in FILTERS if name in data})
    return SearchParams(
        query=nfc(query).strip(),
        filters=filters,
        sort=clean_sort(data.get("sort")),
        page=clean_page(data.get("page")),
        per_page=clean_per_page(data.get("per_page")),
    )


# --- The search over the visible items and case studies -------------------------------------

# The facets, in the order the page shows them.
FACETS = ("kind", "type", "issuer", "year", "subject", "rank", "unit")
# Fields a hit needs for ranking, facets and sorting; the page's results load the rest.
_ITEM_FIELDS = (
    "title",
    "summary",
    "document_number",
    "authors",
    "publisher",
    "document",
    "material_type",
    "issuing_body",
    "year",
    "owner_unit",
    "issue_date",
    "first_published_at",
)
_CASE_FIELDS = (
    "title",
    "situation",
    "context",
    "owner_unit",
    "first_published_at",
)
# Ids per "IN (...)" list: far below SQLite's and PostgreSQL's parameter limits.
_CHUNK = 5000
# How much of a file's text is read to make a snippet: the index has all of it.
_FILE_SNIPPET_CHARS = 200_000


class FacetValue(NamedTuple):
    """One value of a facet: its id (or code), what the page shows, and how many hits."""

    value: object
    label: str
    count: int


@dataclass
class LibrarySearchResult:
    """One page of a library search, the facets of all its hits and what was asked."""

    query: str
    results: list
    total: int
    page: int
    pages: int
    per_page: int
    facets: dict
    filters: dict
    sort: str

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages


@dataclass(slots=True, eq=False)
class _Hit:
    # facets: {name: tuple of values}; tuples, not sets: a query may rank thousands of
    # hits, and fewer objects mean fewer garbage-collector pauses.
    kind: str
    pk: int
    title: str
    texts: tuple
    date: object
    facets: dict
    document_id: int | None = None
    score: float = 0.0
    exact: int = 0
    near: int = 0
    sort_title: tuple = ()


def _local_date(value):
    return timezone.localdate(value) if value else None


def _one(value):
    return () if value is None else (value,)


def _item_hit(obj, score):
    issue_date = obj.issue_date
    year = obj.year or (issue_date.year if issue_date else None)
    return _Hit(
        kind="item",
        pk=obj.pk,
        title=obj.title,
        texts=(obj.summary, obj.document_number, obj.authors, obj.publisher),
        date=issue_date or _local_date(obj.first_published_at),
        document_id=obj.document_id,
        score=score,
        facets={
            "kind": ("item",),
            "type": _one(obj.material_type_id),
            "issuer": _one(obj.issuing_body_id),
            "year": _one(year),
            "subject": (),
            "rank": (),
            "unit": _one(obj.owner_unit_id),
        },
    )


def _case_hit(obj, score):
    return _Hit(
        kind="case",
        pk=obj.pk,
        title=obj.title,
        texts=tuple(strip_tags(text or "") for text in (obj.situation, obj.context)),
        date=_local_date(obj.first_published_at),
        score=score,
        facets={
            "kind": ("case",),
            "type": (),
            "issuer": (),
            "year": (),
            "subject": (),
            "rank": (),
            "unit": _one(obj.owner_unit_id),
        },
    )


def _sqlite_backend(backend):
    # By name: the SQLite backend's module cannot even be imported on other databases
    # (its full-text model exists only there).
    return any(cls.__name__ == "SQLiteSearchBackend" for cls in type(backend).__mro__)


def _sqlite_matches(expression):
    """{(content type id, object id): score} of every index entry matching, on SQLite FTS5.

    Wagtail's SQLite backend, given a queryset, joins the index entries of its content
    type to the full-text table; without table statistics (a fresh database, or one that
    grew since ANALYZE) SQLite then runs the full-text match once per entry, and a score
    once more per hit: seconds for 10,000 items. Here the match runs once, on the
    full-text table alone, with the backend's own match and bm25 expressions; the
    caller keeps the entries of its models that the user may see.
    """
    from wagtail.search.backends.database.sqlite.sqlite import (
        MatchExpression,
        SQLiteFTSIndexEntry,
        SQLiteSearchQueryCompiler,
        normalize,
    )

    compiler = SQLiteSearchQueryCompiler(LibraryItemPage.objects.none(), expression)
    match = MatchExpression(
        compiler.FTS_TABLE_FIELDS, compiler.build_search_query(normalize(expression))
    )
    rank = compiler._build_rank_expression(compiler.get_search_vectors(), None)
    rows = (
        SQLiteFTSIndexEntry.objects.filter(match)
        .annotate(score=rank)
        .values_list("index_entry__content_type_id", "index_entry__object_id", "score")
    )
    # bm25() is better when lower.
    return {(content_type, int(pk)): -float(score or 0) for content_type, pk, score in rows}


def _rows(queryset, fields):
    """The ``fields`` (and pk) of ``queryset`` as light objects: no model instances to build."""
    names = ["pk", *(queryset.model._meta.get_field(name).attname for name in fields)]
    queryset = queryset.select_related(None).prefetch_related(None).order_by()
    return queryset.values_list(*names, named=True)


def _visible_matches(queryset, scores, fields):
    """(row, score) of the objects of ``queryset`` (the visible ones) in ``scores``."""
    content_type = ContentType.objects.get_for_model(queryset.model).pk
    ids = sorted(pk for kind, pk in scores if kind == content_type)
    found = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        found.extend(
            (row, scores[(content_type, row.pk)])
            for row in _rows(queryset.filter(pk__in=chunk), fields)
        )
    return found


def _found(results, fields):
    """(row, score) of search ``results``: plain rows where the backend gives a queryset.

    The database backends can hand over their matches as one queryset, read here as
    tuples (no model instances to build for thousands of hits); the others (OpenSearch,
    Elasticsearch) give objects, which have the same attributes.
    """
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is None:
        return [(obj, float(getattr(obj, "search_score", 0) or 0)) for obj in results]
    model = results.query_compiler.queryset.model
    names = ["pk", *(model._meta.get_field(name).attname for name in fields)]
    rows = get_queryset().values_list(*names, "search_score", named=True)
    return [(row, float(row.search_score or 0)) for row in rows]


def _matching(queryset, expression, fields):
    """(row, score) of every object of ``queryset`` the search ``expression`` matches.

    The visibility rules are applied by the search itself when the index can filter on
    their fields (it can: visibility, owning unit, live, retired_at are FilterFields),
    else (a rule on another field) the hits are intersected with the queryset.
    """
    queryset = queryset.select_related(None).prefetch_related(None).order_by()
    try:
        return _found(
            queryset.only(*fields).search(expression).annotate_score("search_score"), fields
        )
    except FilterFieldError:
        model = queryset.model
        found = _found(
            model.objects.only(*fields).search(expression).annotate_score("search_score"),
            fields,
        )
        visible = set()
        pks = [row.pk for row, _score in found]
        for start in range(0, len(pks), _CHUNK):
            chunk = pks[start : start + _CHUNK]
            visible.update(queryset.filter(pk__in=chunk).values_list("pk", flat=True))
        return [(row, score) for row, score in found if row.pk in visible]


def _load_hits(*, items, cases, parsed):
    expression = search_expression(parsed)
    if expression is None:
        found_items = [(row, 0.0) for row in _rows(items, _ITEM_FIELDS)]
        found_cases = [(row, 0.0) for row in _rows(cases, _CASE_FIELDS)]
    elif _sqlite_backend(get_search_backend()):
        scores = _sqlite_matches(expression)
        found_items = _visible_matches(items, scores, _ITEM_FIELDS)
        found_cases = _visible_matches(cases, scores, _CASE_FIELDS)
    else:
        found_items = _matching(items, expression, _ITEM_FIELDS)
        found_cases = _matching(cases, expression, _CASE_FIELDS)
    hits = [_item_hit(obj, score) for obj, score in found_items]
    hits.extend(_case_hit(obj, score) for obj, score in found_cases)
    return hits


def _through_pairs(field, ids):
    """(owner id, target id) rows of the many-to-many ``field`` for the owners ``ids``."""
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    pairs = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows = through.objects.filter(**{f"{source}_id__in": chunk})
        pairs.extend(rows.values_list(f"{source}_id", f"{target}_id"))
    return pairs


def _subject_tree():
    """{id: (label, parent id)} of every subject; labels show the broader subject."""
    rows = {
        pk: (name, parent)
        for pk, name, parent in Subject.objects.values_list("pk", "name", "parent")
    }
    tree = {}
    for pk, (name, parent) in rows.items():
        label = f"{rows[parent][0]} › {name}" if parent in rows else name
        tree[pk] = (label, parent)
    return tree


def _ancestors(subject_id, tree):
    seen = set()
    while subject_id in tree and subject_id not in seen:
        seen.add(subject_id)
        subject_id = tree[subject_id][1]
    return seen


def _add_relations(hits):
    """Fill the subject and audience facets of ``hits``: two or three queries in all."""
    items = {hit.pk: hit for hit in hits if hit.kind == "item"}
    cases = {hit.pk: hit for hit in hits if hit.kind == "case"}
    subjects, ranks = {}, {}
    if items:
        field = LibraryItemPage._meta.get_field("subjects")
        for owner, subject in _through_pairs(field, list(items)):
            subjects.setdefault(items[owner], []).append(subject)
        field = LibraryItemPage._meta.get_field("audience_ranks")
        for owner, rank in _through_pairs(field, list(items)):
            ranks.setdefault(items[owner], []).append(rank)
    if cases:
        field = CaseStudyPage._meta.get_field("subjects")
        for owner, subject in _through_pairs(field, list(cases)):
            subjects.setdefault(cases[owner], []).append(subject)
    for hit, values in ranks.items():
        hit.facets["rank"] = tuple(values)
    tree = _subject_tree() if subjects else {}
    for hit, values in subjects.items():
        # A broader subject finds what is filed under its narrower ones.
        hit.facets["subject"] = tuple(set().union(*(_ancestors(value, tree) for value in values)))
    return tree


def _selected(filters):
    return {name: set(values) for name, values in filters.items()}


def _passes(hit, selected):
    return all(
        any(value in chosen for value in hit.facets[name]) for name, chosen in selected.items()
    )


def _facet_counts(hits, filters):
    """{facet: Counter} over ``hits``; each facet ignores its own filter (OR within it)."""
    selected = _selected(filters)
    counts = {name: Counter() for name in FACETS}
    for hit in hits:
        failing = [
            name
            for name, chosen in selected.items()
            if not any(value in chosen for value in hit.facets[name])
        ]
        if len(failing) > 1:
            continue
        for name in failing or FACETS:
            counts[name].update(hit.facets[name])
    return counts


def _facet_labels(counts, filters, subject_tree):
    """FacetValue lists for the page, selected values kept even when nothing has them."""
    wanted = {name: set(counts[name]) | set(filters.get(name, ())) for name in FACETS}
    labels, order = {}, {}
    labels["kind"] = {"item": _("Materials"), "case": _("Case studies")}
    order["kind"] = {"item": 0, "case": 1}
    if wanted["type"]:
        rows = MaterialType.objects.filter(pk__in=wanted["type"]).values_list(
            "pk", "name", "sort_order"
        )
        labels["type"] = {pk: name for pk, name, _order in rows}
        order["type"] = {pk: (sort, collation_key(name)) for pk, name, sort in rows}
    if wanted["issuer"]:
        labels["issuer"] = dict(
            IssuingBody.objects.filter(pk__in=wanted["issuer"]).values_list("pk", "name")
        )
    if wanted["unit"]:
        labels["unit"] = dict(
            TrainingUnit.objects.filter(pk__in=wanted["unit"]).values_list("pk", "name")
        )
    if wanted["rank"]:
        rows = Rank.objects.filter(pk__in=wanted["rank"]).values_list("pk", "code", "name")
        labels["rank"] = {pk: f"{name} ({code})" for pk, code, name in rows}
    if wanted["subject"]:
        if not subject_tree:
            subject_tree = _subject_tree()
        labels["subject"] = {
            pk: subject_tree[pk][0] for pk in wanted["subject"] if pk in subject_tree
        }
    labels["year"] = {year: str(year) for year in wanted["year"]}
    order["year"] = {year: -year for year in wanted["year"]}

    facets = {}
    for name in FACETS:
        known = labels.get(name, {})
        values = [
            FacetValue(value, known[value], counts[name].get(value, 0))
            for value in wanted[name]
            if value in known
        ]
        if name in order:
            values.sort(key=lambda fv, o=order[name]: o[fv.value])
        else:
            values.sort(key=lambda fv: (-fv.count, collation_key(fv.label)))
        facets[name] = values
    return facets


def _title_key(title):
    """Vietnamese alphabetical order; numbers (which collation_key skips) break ties."""
    return (collation_key(title), tuple(int(number) for number in _NUMBER.findall(title)))


def _sort(hits, sort):
    if sort == "title":
        hits.sort(key=lambda hit: (hit.sort_title, hit.pk))
    elif sort == "newest":
        hits.sort(
            key=lambda hit: (hit.date is not None, hit.date or date.min, hit.pk), reverse=True
        )
    else:
        hits.sort(key=lambda hit: (-hit.exact, -hit.near, -hit.score, -hit.pk))


def _file_heads(document_ids):
    if not document_ids:
        return {}
    rows = DocumentText.objects.filter(document_id__in=document_ids).annotate(
        head=Substr("text", 1, _FILE_SNIPPET_CHARS)
    )
    return dict(rows.values_list("document_id", "head"))


def _results(hits, *, matcher, request):
    """What the page shows of ``hits``: a fixed number of queries however many they are."""
    item_ids = [hit.pk for hit in hits if hit.kind == "item"]
    case_ids = [hit.pk for hit in hits if hit.kind == "case"]
    items = (
        LibraryItemPage.objects.filter(pk__in=item_ids)
        .select_related("material_type", "issuing_body")
        .in_bulk()
        if item_ids
        else {}
    )
    cases = CaseStudyPage.objects.in_bulk(case_ids) if case_ids else {}
    # The file's text only where the summary does not show the query.
    need_file = [
        hit.document_id
        for hit in hits
        if hit.kind == "item"
        and hit.document_id
        and not (matcher.highlight and matcher.highlight.search(hit.texts[0] or ""))
    ]
    heads = _file_heads(need_file) if matcher.highlight else {}
    results = []
    for hit in hits:
        page = items.get(hit.pk) if hit.kind == "item" else cases.get(hit.pk)
        if page is None:  # Deleted between the two queries.
            continue
        if hit.kind == "item":
            texts = [page.summary, heads.get(hit.document_id, "")]
            type_label = page.material_type.name if page.material_type_id else _("Material")
            extra = {
                "document_number": page.document_number,
                "issuing_body": page.issuing_body.name if page.issuing_body_id else "",
                "year": page.year or (page.issue_date.year if page.issue_date else None),
            }
        else:
            texts = [strip_tags(page.situation), strip_tags(page.context)]
            type_label = _("Case study")
            extra = {"document_number": "", "issuing_body": "", "year": None}
        results.append(
            {
                "kind": hit.kind,
                "id": page.pk,
                "title": page.title,
                "title_html": matcher.mark(page.title),
                "url": page.get_url(request=request),
                "type_label": type_label,
                "snippet": matcher.snippet(texts),
                "date": hit.date,
                **extra,
            }
        )
    return results


def run_search(*, items, cases, query, filters, sort, page, per_page, request=None):
    """Search the visible ``items`` and ``cases`` querysets; see ``library_search``."""
    filters = clean_filters(filters)
    sort = clean_sort(sort)
    page = clean_page(page)
    per_page = clean_per_page(per_page)
    parsed = parse_query(query)
    matcher = Matcher.for_query(parsed)

    hits = _load_hits(items=items, cases=cases, parsed=parsed)
    subject_tree = _add_relations(hits) if hits else {}
    counts = _facet_counts(hits, filters)
    facets = _facet_labels(counts, filters, subject_tree)

    selected = _selected(filters)
    kept = [hit for hit in hits if _passes(hit, selected)]
    for hit in kept:
        if sort == "title":
            hit.sort_title = _title_key(hit.title)
        if not parsed.is_empty:
            hit.exact, hit.near = matcher.levels(hit.title, hit.texts)
    if parsed.is_empty and sort == "relevance":
        # Nothing to be relevant to: the newest first.
        _sort(kept, "newest")
    else:
        _sort(kept, sort)

    total = len(kept)
    pages = max(1, math.ceil(total / per_page))
    page = min(page, pages)
    shown = kept[(page - 1) * per_page : page * per_page]
    return LibrarySearchResult(
        query=parsed.text,
        results=_results(shown, matcher=matcher, request=request),
        total=total,
        page=page,
        pages=pages,
        per_page=per_page,
        facets=facets,
        filters=filters,
        sort=sort,
    )
