"""OAI-PMH 2.0 over the library's public catalogue, so other systems can harvest it.

The protocol: https://www.openarchives.org/OAI/openarchivesprotocol.html. One entry point,
``respond(request=..., params=...)``, turns the arguments of a request into the XML answer.

Choices this module makes (the protocol leaves them to the repository):

- Records are the live LibraryItemPage and CaseStudyPage pages that everyone may read
  (visibility "public", not retired, not under a Wagtail view restriction). Their identifier is
  ``oai:<host>:library/<page id>``, where the host comes from ``WAGTAILADMIN_BASE_URL`` (the
  configured public address) and only without it from the request: an identifier must not
  change with the name a harvester happened to use to reach the server.
- Datestamps are ``last_published_at`` in UTC, at the granularity of seconds. A page never
  published through Wagtail (no ``last_published_at``) has no datestamp and is not offered.
- Deleted records are "transient": a page that was public when last published and is now
  unpublished or retired is reported with ``status="deleted"`` for as long as its row exists,
  dated by when that happened (the unpublish entry of Wagtail's log or ``retired_at``), so an
  incremental harvest learns about it. A page made private, or deleted from the database,
  simply disappears: reporting it would reveal that a non-public page exists, and
  "transient" promises no persistent list of deletions.
- Sets: ``type`` with ``type:<material type code>`` (case studies are ``type:tinh-huong``) and
  ``subject`` with ``subject:<subject id>``. A record filed under a narrower subject also
  belongs to the sets of its broader subjects.
- Resumption tokens carry their whole state (format, set, dates, the last (datestamp, id)
  seen, the count so far), signed with ``django.core.signing`` so they cannot be forged, and
  expire after a day. Lists are ordered by (datestamp, page id): items published while a
  harvester pages through a list come after its cursor, so nothing is skipped or repeated.
"""

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.db.models import Case, DateTimeField, F, Min, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.db.models.query import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Page, PageLogEntry, Site

from library.models import CaseStudyPage, LibraryItemPage, MaterialType, Subject, Visibility

# How many records one response lists before it hands out a resumption token.
PAGE_SIZE = 100
# How long a resumption token stays valid, in seconds.
TOKEN_MAX_AGE = 24 * 60 * 60
TOKEN_SALT = "library.oai.resumption-token"

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
OAI_ID_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_ID_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"

# The OAI namespace is the default one, as in the protocol's examples.
for _prefix, _uri in (
    ("", OAI_NS),
    ("oai_dc", OAI_DC_NS),
    ("dc", DC_NS),
    ("xsi", XSI_NS),
    ("oai-identifier", OAI_ID_NS),
):
    ET.register_namespace(_prefix, _uri)

METADATA_FORMATS = {"oai_dc": (OAI_DC_SCHEMA, OAI_DC_NS)}

TYPE_SET = "type"
SUBJECT_SET = "subject"
CASE_STUDY_TYPE = "tinh-huong"

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
SECOND_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", re.ASCII)
# The syntax the oai-identifier scheme requires of a repository identifier (a domain name).
REPOSITORY_ID_RE = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")
# Characters XML 1.0 cannot carry, even escaped; pasted text sometimes holds them.
XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

LIST_ARGUMENTS = {"metadataPrefix", "from", "until", "set", "resumptionToken"}
VERBS = {
    # verb: (allowed arguments, required arguments)
    "Identify": (set(), set()),
    "ListMetadataFormats": ({"identifier"}, set()),
    "ListSets": ({"resumptionToken"}, set()),
    "ListIdentifiers": (LIST_ARGUMENTS, {"metadataPrefix"}),
    "ListRecords": (LIST_ARGUMENTS, {"metadataPrefix"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, {"identifier", "metadataPrefix"}),
}

VERB_METHODS = {
    "Identify": "identify",
    "ListMetadataFormats": "list_metadata_formats",
    "ListSets": "list_sets",
    "ListIdentifiers": "list_identifiers",
    "ListRecords": "list_records",
    "GetRecord": "get_record",
}

UNPUBLISH_ACTIONS = ["wagtail.unpublish", "wagtail.unpublish.scheduled"]
DCMI_TEXT, DCMI_SOUND, DCMI_MOVING_IMAGE = "Text", "Sound", "MovingImage"
DESCRIPTION_LENGTH = 1000


class OAIError(Exception):
    """One OAI-PMH error condition: its code and a message for the harvester."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


class OAIErrors(Exception):
    """The errors of one request; ``echo`` is False when the request must not be echoed."""

    def __init__(self, errors, *, echo):
        super().__init__(errors)
        self.errors = errors
        self.echo = echo


@dataclass
class Listing:
    """What a list request asks for, whether it comes from arguments or from a token."""

    verb: str
    metadata_prefix: str
    set_spec: str | None = None
    from_: str | None = None
    until: str | None = None
    after: tuple[datetime, int] | None = None
    cursor: int = 0


def respond(*, request, params) -> bytes:
    """The OAI-PMH response (UTF-8 XML) to ``params``, the request's GET or POST arguments."""
    repository = Repository(request)
    root = ET.Element(_oai("OAI-PMH"))
    root.set(_xsi("schemaLocation"), f"{OAI_NS} {OAI_SCHEMA}")
    ET.SubElement(root, _oai("responseDate")).text = format_datestamp(repository.now)
    echo = ET.SubElement(root, _oai("request"))
    echo.text = repository.base_url
    arguments = {}
    try:
        verb, arguments = parse_arguments(params)
        body = getattr(repository, VERB_METHODS[verb])(**_python_names(arguments))
    except OAIErrors as failure:
        if failure.echo:
            _echo_arguments(echo, arguments)
        for error in failure.errors:
            ET.SubElement(root, _oai("error"), code=error.code).text = _clean(error.message)
    else:
        _echo_arguments(echo, arguments)
        root.append(body)
    return XML_DECLARATION + ET.tostring(root, encoding="unicode").encode()


def parse_arguments(params) -> tuple[str, dict[str, str]]:
    """The verb and its arguments, or OAIErrors for badVerb and badArgument (never echoed)."""
    verbs = params.getlist("verb")
    if not verbs:
        raise OAIErrors([OAIError("badVerb", _("The verb argument is missing."))], echo=False)
    if len(verbs) > 1:
        raise OAIErrors([OAIError("badVerb", _("The verb argument is repeated."))], echo=False)
    verb = verbs[0]
    if verb not in VERBS:
        message = _("“%(verb)s” is not an OAI-PMH verb.") % {"verb": verb}
        raise OAIErrors([OAIError("badVerb", message)], echo=False)
    allowed, required = VERBS[verb]
    errors, arguments = [], {"verb": verb}
    for name in params:
        if name == "verb":
            continue
        values = params.getlist(name)
        if name not in allowed:
            message = _("“%(name)s” is not an argument of %(verb)s.")
            errors.append(OAIError("badArgument", message % {"name": name, "verb": verb}))
        elif len(values) > 1:
            message = _("The argument “%(name)s” is repeated.") % {"name": name}
            errors.append(OAIError("badArgument", message))
        else:
            arguments[name] = values[0]
    if "resumptionToken" in arguments:
        others = sorted(set(arguments) - {"verb", "resumptionToken"})
        if others:
            message = _("resumptionToken is an exclusive argument; remove %(names)s.")
            errors.append(OAIError("badArgument", message % {"names": ", ".join(others)}))
    else:
        for name in sorted(required - set(arguments)):
            message = _("The argument “%(name)s” is required.") % {"name": name}
            errors.append(OAIError("badArgument", message))
        errors.extend(_date_errors(arguments))
    if errors:
        raise OAIErrors(errors, echo=False)
    return verb, arguments


def format_datestamp(value: datetime) -> str:
    """A UTC datestamp at the repository's granularity (seconds)."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_date(value: str, *, end=False) -> datetime:
    """The instant ``value`` (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ) stands for, in UTC.

    With ``end``, the first instant after it: until=2024-05-01 takes in the whole day, and
    until=…T10:00:00Z a record published at 10:00:00.4 (shown as 10:00:00).
    Raises ValueError for anything else.
    """
    if DAY_RE.fullmatch(value):
        moment = datetime.combine(date.fromisoformat(value), time.min, tzinfo=UTC)
        step = timedelta(days=1)
    elif SECOND_RE.fullmatch(value):
        moment = datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        step = timedelta(seconds=1)
    else:
        raise ValueError(value)
    if not end:
        return moment
    try:
        return moment + step
    except OverflowError:  # until=9999-12-31
        return datetime.max.replace(tzinfo=UTC)


def _date_errors(arguments):
    errors, parsed = [], {}
    for name in ("from", "until"):
        if name not in arguments:
            continue
        try:
            parsed[name] = parse_date(arguments[name])
        except ValueError:
            message = _("“%(value)s” is not a date of the form YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.")
            errors.append(OAIError("badArgument", message % {"value": arguments[name]}))
    if len(parsed) == 2:
        if len(arguments["from"]) != len(arguments["until"]):
            message = _("from and until must have the same granularity.")
            errors.append(OAIError("badArgument", message))
        elif parsed["from"] > parsed["until"]:
            errors.append(OAIError("badArgument", _("from is later than until.")))
    return errors


def _python_names(arguments):
    names = {
        "metadataPrefix": "metadata_prefix",
        "resumptionToken": "resumption_token",
        "from": "from_",
        "set": "set_spec",
    }
    return {names.get(key, key): value for key, value in arguments.items() if key != "verb"}


def _echo_arguments(element, arguments):
    for name, value in arguments.items():
        element.set(name, _clean(value))


class Repository:
    """The answers to each verb for one request (URLs and host come from the request)."""

    def __init__(self, request):
        self.request = request
        self.now = timezone.now()
        self.base_url = request.build_absolute_uri(reverse("library:oai"))
        self.host = repository_host(request)
        self._restricted = None
        self._subjects = None

    # --- Verbs ---

    def identify(self):
        element = ET.Element(_oai("Identify"))
        site = Site.find_for_request(self.request)
        name = (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME
        admin_email = getattr(settings, "LIBRARY_OAI_ADMIN_EMAIL", "") or (
            settings.DEFAULT_FROM_EMAIL
        )
        for tag, text in (
            ("repositoryName", name),
            ("baseURL", self.base_url),
            ("protocolVersion", "2.0"),
            ("adminEmail", admin_email),
            ("earliestDatestamp", format_datestamp(self.earliest_datestamp())),
            ("deletedRecord", "transient"),
            ("granularity", GRANULARITY),
        ):
            ET.SubElement(element, _oai(tag)).text = _clean(text)
        if REPOSITORY_ID_RE.fullmatch(self.host):
            description = ET.SubElement(element, _oai("description"))
            scheme = ET.SubElement(description, _oai_id("oai-identifier"))
            scheme.set(_xsi("schemaLocation"), f"{OAI_ID_NS} {OAI_ID_SCHEMA}")
            ET.SubElement(scheme, _oai_id("scheme")).text = "oai"
            ET.SubElement(scheme, _oai_id("repositoryIdentifier")).text = self.host
            ET.SubElement(scheme, _oai_id("delimiter")).text = ":"
            ET.SubElement(scheme, _oai_id("sampleIdentifier")).text = self.identifier(1)
        return element

    def list_metadata_formats(self, identifier=None):
        if identifier is not None:
            self.find(identifier)
        element = ET.Element(_oai("ListMetadataFormats"))
        for prefix, (schema, namespace) in METADATA_FORMATS.items():
            entry = ET.SubElement(element, _oai("metadataFormat"))
            ET.SubElement(entry, _oai("metadataPrefix")).text = prefix
            ET.SubElement(entry, _oai("schema")).text = schema
            ET.SubElement(entry, _oai("metadataNamespace")).text = namespace
        return element

    def list_sets(self, resumption_token=None):
        if resumption_token is not None:
            # Every set fits in one response, so no token was ever handed out for this list.
            raise _error("badResumptionToken", _("This repository issues no tokens for ListSets."))
        element = ET.Element(_oai("ListSets"))
        sets = [
            (TYPE_SET, _("Material types")),
            *((f"{TYPE_SET}:{kind.code}", kind.name) for kind in MaterialType.objects.all()),
            (f"{TYPE_SET}:{CASE_STUDY_TYPE}", _("Case studies")),
            (SUBJECT_SET, _("Subjects")),
            *((f"{SUBJECT_SET}:{subject.pk}", str(subject)) for subject in self.subjects.values()),
        ]
        seen = set()
        for spec, name in sets:
            if spec in seen:  # a material type coded "tinh-huong" joins the case studies
                continue
            seen.add(spec)
            entry = ET.SubElement(element, _oai("set"))
            ET.SubElement(entry, _oai("setSpec")).text = spec
            ET.SubElement(entry, _oai("setName")).text = _clean(str(name))
        return element

    def list_identifiers(self, **arguments):
        return self._list("ListIdentifiers", arguments)

    def list_records(self, **arguments):
        return self._list("ListRecords", arguments)

    def get_record(self, identifier, metadata_prefix):
        errors = []
        if metadata_prefix not in METADATA_FORMATS:
            errors.append(_cannot_disseminate(metadata_prefix))
        try:
            page = self.find(identifier, full=True)
        except OAIErrors as failure:
            errors.extend(failure.errors)
        if errors:
            raise OAIErrors(errors, echo=True)
        element = ET.Element(_oai("GetRecord"))
        element.append(self.record(page))
        return element

    # --- Records ---

    def identifier(self, page_id):
        return f"oai:{self.host}:library/{page_id}"

    def page_id(self, identifier):
        prefix = f"oai:{self.host}:library/"
        rest = identifier[len(prefix) :] if identifier.startswith(prefix) else ""
        # Page ids are 32-bit: a longer number would overflow the database's integer.
        if rest.isascii() and rest.isdigit() and len(rest) <= 10 and int(rest) < 2**31:
            return int(rest)
        return None

    def find(self, identifier, *, full=False):
        """The page behind ``identifier`` (present or deleted), or idDoesNotExist."""
        page_id = self.page_id(identifier)
        if page_id is not None:
            for model in (LibraryItemPage, CaseStudyPage):
                queryset = self.records(model, full=full).filter(pk=page_id)
                page = next(iter(queryset), None)
                if page is not None:
                    return page
        message = _("No record has the identifier “%(identifier)s”.") % {"identifier": identifier}
        raise _error("idDoesNotExist", message)

    def records(self, model, *, full=True):
        """Every record of ``model`` this repository reports, present or deleted.

        Each page carries ``oai_datestamp`` and ``oai_deleted``. ``full`` loads what the
        metadata needs; without it, only what a header needs.
        """
        present = Q(live=True, retired_at__isnull=True)
        unpublished_at = Subquery(
            PageLogEntry.objects.filter(page=OuterRef("pk"), action__in=UNPUBLISH_ACTIONS)
            .order_by("-timestamp")
            .values("timestamp")[:1],
            output_field=DateTimeField(),
        )
        published = F("last_published_at")
        removed_at = Greatest(
            published,
            Coalesce("retired_at", published),
            Coalesce(unpublished_at, published),
            output_field=DateTimeField(),
        )
        queryset = (
            model.objects.filter(visibility=Visibility.PUBLIC, last_published_at__isnull=False)
            .exclude(self.restricted)
            .annotate(
                oai_deleted=Case(When(present, then=Value(False)), default=Value(True)),
                oai_datestamp=Case(
                    When(present, then=published),
                    default=removed_at,
                    output_field=DateTimeField(),
                ),
            )
        )
        if model is LibraryItemPage:
            queryset = queryset.select_related("material_type").prefetch_related("subjects")
            if full:
                queryset = queryset.select_related(
                    "issuing_body", "document", "replaced_by"
                ).prefetch_related("tags")
        else:
            queryset = queryset.prefetch_related("subjects")
            if full:
                related = LibraryItemPage.objects.filter(
                    live=True, retired_at__isnull=True, visibility=Visibility.PUBLIC
                ).exclude(self.restricted)
                queryset = queryset.prefetch_related(Prefetch("related_items", queryset=related))
        return queryset

    def record(self, page):
        element = ET.Element(_oai("record"))
        element.append(self.header(page))
        if not page.oai_deleted:
            metadata = ET.SubElement(element, _oai("metadata"))
            metadata.append(self.dublin_core(page))
        return element

    def header(self, page):
        element = ET.Element(_oai("header"))
        if page.oai_deleted:
            element.set("status", "deleted")
        ET.SubElement(element, _oai("identifier")).text = self.identifier(page.pk)
        ET.SubElement(element, _oai("datestamp")).text = format_datestamp(page.oai_datestamp)
        for spec in self.set_specs(page):
            ET.SubElement(element, _oai("setSpec")).text = spec
        return element

    def set_specs(self, page):
        if isinstance(page, CaseStudyPage):
            specs = [f"{TYPE_SET}:{CASE_STUDY_TYPE}"]
        else:
            specs = [f"{TYPE_SET}:{page.material_type.code}"] if page.material_type else []
        subject_ids = []
        for subject in page.subjects.all():
            for subject_id in self.subject_with_broader(subject.pk):
                if subject_id not in subject_ids:
                    subject_ids.append(subject_id)
        return specs + [f"{SUBJECT_SET}:{subject_id}" for subject_id in subject_ids]

    def dublin_core(self, page):
        root = ET.Element(_oai_dc("dc"))
        root.set(_xsi("schemaLocation"), f"{OAI_DC_NS} {OAI_DC_SCHEMA}")

        def add(tag, value):
            value = _clean(str(value or "")).strip()
            if value:
                ET.SubElement(root, _dc(tag)).text = value

        add("title", page.title)
        if isinstance(page, LibraryItemPage):
            self._item_elements(page, add)
        else:
            self._case_study_elements(page, add)
        return root

    def _item_elements(self, page, add):
        for author in split_authors(page.authors):
            add("creator", author)
        for subject in page.subjects.all():
            add("subject", subject.name)
        for tag in page.tags.all():
            add("subject", tag.name)
        add("description", page.summary)
        if page.issuing_body:
            add("publisher", page.issuing_body.name)
        if page.publisher and page.publisher != getattr(page.issuing_body, "name", None):
            add("publisher", page.publisher)
        add("date", page.issue_date.isoformat() if page.issue_date else page.year)
        if page.material_type:
            add("type", page.material_type.name)
        add("type", _dcmi_type(page))
        if page.document:
            add("format", page.document.content_type)
        add("identifier", page.get_full_url(self.request))
        add("identifier", page.document_number)
        if page.language != "other":
            add("language", page.language)
        if page.licence:
            add("rights", page.get_licence_display())
        replacement = page.replaced_by
        if replacement and _is_public(replacement):
            add("relation", replacement.get_full_url(self.request))

    def _case_study_elements(self, page, add):
        for subject in page.subjects.all():
            add("subject", subject.name)
        # Rich text keeps "&" as "&amp;": the record carries the text itself.
        situation = " ".join(html.unescape(strip_tags(page.situation)).split())
        add("description", Truncator(situation).chars(DESCRIPTION_LENGTH))
        add("date", timezone.localdate(page.first_published_at or page.last_published_at))
        add("type", _("Case study"))
        add("type", DCMI_TEXT)
        add("identifier", page.get_full_url(self.request))
        add("language", "vi")
        # The suggested analysis is for lecturers only: never part of the record.
        for item in page.related_items.all():
            add("relation", item.get_full_url(self.request))

    # --- Lists ---

    def _list(self, verb, arguments):
        listing = self._listing(verb, arguments)
        full = verb == "ListRecords"
        querysets = [self._filtered(model, listing, full=full) for model in self._models(listing)]
        pages = []
        for queryset in querysets:
            window = queryset
            if listing.after:
                stamp, last_id = listing.after
                window = window.filter(
                    Q(oai_datestamp__gt=stamp) | Q(oai_datestamp=stamp, pk__gt=last_id)
                )
            pages.extend(window.order_by("oai_datestamp", "pk")[: PAGE_SIZE + 1])
        pages.sort(key=lambda page: (page.oai_datestamp, page.pk))
        if not pages:
            raise _error("noRecordsMatch", _("No record matches these arguments."))
        more = len(pages) > PAGE_SIZE
        pages = pages[:PAGE_SIZE]
        element = ET.Element(_oai(verb))
        for page in pages:
            element.append(self.record(page) if full else self.header(page))
        if more or listing.after:
            total = sum(queryset.count() for queryset in querysets)
            token = ET.SubElement(
                element,
                _oai("resumptionToken"),
                completeListSize=str(max(total, listing.cursor + len(pages))),
                cursor=str(listing.cursor),
            )
            if more:
                last = pages[-1]
                after = (last.oai_datestamp, last.pk)
                token.text = self._token(listing, after=after, count=len(pages))
                expires = self.now + timedelta(seconds=TOKEN_MAX_AGE)
                token.set("expirationDate", format_datestamp(expires))
        return element

    def _listing(self, verb, arguments):
        token = arguments.get("resumption_token")
        if token is not None:
            return self._read_token(verb, token)
        prefix = arguments["metadata_prefix"]
        if prefix not in METADATA_FORMATS:
            raise OAIErrors([_cannot_disseminate(prefix)], echo=True)
        return Listing(
            verb=verb,
            metadata_prefix=prefix,
            set_spec=arguments.get("set_spec"),
            from_=arguments.get("from_"),
            until=arguments.get("until"),
        )

    def _models(self, listing):
        spec = listing.set_spec
        if spec in (None, TYPE_SET, SUBJECT_SET) or spec.startswith(f"{SUBJECT_SET}:"):
            return [LibraryItemPage, CaseStudyPage]
        if spec == f"{TYPE_SET}:{CASE_STUDY_TYPE}":
            both = MaterialType.objects.filter(code=CASE_STUDY_TYPE).exists()
            return [LibraryItemPage, CaseStudyPage] if both else [CaseStudyPage]
        return [LibraryItemPage]

    def _filtered(self, model, listing, *, full):
        queryset = self.records(model, full=full)
        if listing.from_:
            queryset = queryset.filter(oai_datestamp__gte=parse_date(listing.from_))
        if listing.until:
            queryset = queryset.filter(oai_datestamp__lt=parse_date(listing.until, end=True))
        spec = listing.set_spec
        if spec is None or spec == TYPE_SET:
            return queryset
        kind, _sep, value = spec.partition(":")
        if kind == TYPE_SET and value:
            if model is CaseStudyPage:
                return queryset if value == CASE_STUDY_TYPE else queryset.none()
            return queryset.filter(material_type__code=value)
        if kind == SUBJECT_SET and not _sep:
            return queryset.filter(pk__in=_filed_under(model, subject_ids=None))
        subject_id = int(value) if value.isascii() and value.isdigit() else None
        if kind == SUBJECT_SET and subject_id in self.subjects:
            subject_ids = self.subject_with_narrower(subject_id)
            return queryset.filter(pk__in=_filed_under(model, subject_ids=subject_ids))
        return queryset.none()

    # --- Resumption tokens ---

    def _token(self, listing, *, after, count):
        payload = {
            "v": listing.verb,
            "p": listing.metadata_prefix,
            "s": listing.set_spec,
            "f": listing.from_,
            "u": listing.until,
            "a": [after[0].astimezone(UTC).isoformat(), after[1]],
            "c": listing.cursor + count,
        }
        return signing.dumps(payload, salt=TOKEN_SALT, compress=True)

    def _read_token(self, verb, token):
        invalid = _error("badResumptionToken", _("The resumption token is invalid or has expired."))
        try:
            payload = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
            stamp, last_id = payload["a"]
            listing = Listing(
                verb=payload["v"],
                metadata_prefix=payload["p"],
                set_spec=payload["s"],
                from_=payload["f"],
                until=payload["u"],
                after=(datetime.fromisoformat(stamp), int(last_id)),
                cursor=int(payload["c"]),
            )
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            raise invalid from None
        if listing.verb != verb:
            raise invalid
        return listing

    # --- Helpers ---

    @property
    def restricted(self):
        """Pages under a Wagtail view restriction (password, groups, login): never public."""
        if self._restricted is None:
            self._restricted = Page.objects.all().private_q()
        return self._restricted

    @property
    def subjects(self):
        """Every subject by id, loaded once: the taxonomy is small and read whole."""
        if self._subjects is None:
            subjects = Subject.objects.select_related("parent")
            self._subjects = {subject.pk: subject for subject in subjects}
        return self._subjects

    def subject_with_broader(self, subject_id):
        ids = []
        while subject_id is not None and subject_id not in ids and subject_id in self.subjects:
            ids.append(subject_id)
            subject_id = self.subjects[subject_id].parent_id
        return ids

    def subject_with_narrower(self, subject_id):
        return [
            candidate
            for candidate in self.subjects
            if subject_id in self.subject_with_broader(candidate)
        ]

    def earliest_datestamp(self):
        """No record's datestamp is earlier: a deleted record's is its removal, later still."""
        stamps = [
            model.objects.filter(visibility=Visibility.PUBLIC, last_published_at__isnull=False)
            .exclude(self.restricted)
            .aggregate(earliest=Min("last_published_at"))["earliest"]
            for model in (LibraryItemPage, CaseStudyPage)
        ]
        # With nothing published yet, every future datestamp is later than now.
        return min((stamp for stamp in stamps if stamp is not None), default=self.now)


def repository_host(request) -> str:
    """The host in identifiers: that of WAGTAILADMIN_BASE_URL, else the request's (no port)."""
    configured = urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").hostname
    return (configured or request.get_host().rsplit(":", 1)[0]).lower()


def split_authors(authors: str) -> list[str]:
    """The authors one by one: separated by ";" if any, else by ","."""
    separator = ";" if ";" in (authors or "") else ","
    return [name.strip() for name in (authors or "").split(separator) if name.strip()]


def _filed_under(model, *, subject_ids):
    """The ids of ``model`` pages filed under one of ``subject_ids`` (None: under any)."""
    through = model.subjects.through
    members = through.objects.all()
    if subject_ids is not None:
        members = members.filter(subject_id__in=subject_ids)
    return members.values(model._meta.get_field("subjects").m2m_field_name())


def _is_public(page):
    return page.live and page.retired_at is None and page.visibility == Visibility.PUBLIC


def _dcmi_type(page):
    content_type = page.document.content_type if page.document else ""
    if content_type.startswith("audio/"):
        return DCMI_SOUND
    if content_type.startswith("video/") or (page.embed_url and not page.document):
        return DCMI_MOVING_IMAGE
    return DCMI_TEXT


def _cannot_disseminate(prefix):
    message = _("The metadata format “%(prefix)s” is not supported; use oai_dc.")
    return OAIError("cannotDisseminateFormat", message % {"prefix": prefix})


def _error(code, message):
    return OAIErrors([OAIError(code, message)], echo=True)


def _clean(text):
    return XML_ILLEGAL_RE.sub("", text)


def _oai(tag):
    return f"{{{OAI_NS}}}{tag}"


def _oai_dc(tag):
    return f"{{{OAI_DC_NS}}}{tag}"


def _dc(tag):
    return f"{{{DC_NS}}}{tag}"


def _xsi(tag):
    return f"{{{XSI_NS}}}{tag}"


def _oai_id(tag):
    return f"{{{OAI_ID_NS}}}{tag}"
