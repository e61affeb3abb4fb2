"""What a parser hands to the import service: questions, problems and unsupported content."""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class EmbeddedFile:
    """A file carried inside an import file (Moodle XML ``<file>``), referenced as
    ``@@PLUGINFILE@@/<name>`` in the texts of its question."""

    name: str
    content: bytes


@dataclass
class ParsedQuestion:
    """One question read from a file, in this project's terms.

    ``qtype`` is a code of ``quizzes.qtypes`` and ``payload`` follows that
    type's payload format (validated later by the import service). ``text``,
    ``general_feedback`` and the HTML parts of the payload are HTML; plain text
    of the source format is escaped by the parser. ``category`` is a path of
    category names relative to the category the user imports into (from
    ``$CATEGORY:`` lines, Moodle XML category entries or the Excel column).
    ``line`` is the 1-based line where the question starts in a text file, the
    row in a workbook, or the question's line in an XML file.
    """

    qtype: str
    name: str
    text: str
    payload: dict
    line: int | None = None
    general_feedback: str = ""
    default_mark: Decimal = Decimal("1")
    category: tuple[str, ...] = ()
    tags: list[str] = field(default_factory=list)
    idnumber: str = ""
    difficulty: str = "medium"
    files: list[EmbeddedFile] = field(default_factory=list)


@dataclass
class ImportProblem:
    """A question (or a part of the file) that cannot be imported, and why.

    ``message`` is translated (gettext) and names what is wrong in the terms
    of the file; ``question`` is the question's name or its first words.
    """

    line: int | None
    question: str
    message: str


@dataclass
class UnsupportedQuestion:
    """A question of a type this project lacks (Moodle's calculated, ddwtos, …)."""

    line: int | None
    question: str
    source_type: str


@dataclass
class ParseResult:
    """Everything a parser read from one file.

    ``categories`` lists every category path the file declares, in order,
    including ones that end up holding no question (Moodle XML exports them).
    """

    questions: list[ParsedQuestion] = field(default_factory=list)
    errors: list[ImportProblem] = field(default_factory=list)
    unsupported: list[UnsupportedQuestion] = field(default_factory=list)
    categories: list[tuple[str, ...]] = field(default_factory=list)


@dataclass
class ExportedQuestion:
    """One question as the writers see it: the current version's content and the
    bank metadata. ``category`` is the path from the exported category down to
    the question's category, starting with the exported category's own name,
    so that importing the file elsewhere recreates the same tree."""

    qtype: str
    name: str
    text: str
    payload: dict
    general_feedback: str = ""
    default_mark: Decimal = Decimal("1")
    category: tuple[str, ...] = ()
    tags: list[str] = field(default_factory=list)
    idnumber: str = ""
    difficulty: str = "medium"


NAME_LENGTH = 80


def shortened(text, length=NAME_LENGTH):
    """``text`` with whitespace collapsed, cut at a word near ``length`` characters with "…".

    Names questions that have none (Moodle takes the first 80 characters of
    the text) and labels questions in error reports.
    """
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[:length]
    # Cut at a word boundary when there is one in the second half.
    if " " in cut[length // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "…"


# Moodle writes category paths from a context root: "$course$/top/Ethics/Sub".
CONTEXT_PREFIXES = ("$course$", "$system$", "$cat1$", "$coursecategory$", "$module$")


def category_path(text):
    """The category names of a Moodle category path, without context or "top".

    Moodle escapes a "/" inside a name as "//".
    """
    placeholder = "\x00"
    parts = [
        part.replace(placeholder, "/").strip()
        for part in text.strip().replace("//", placeholder).split("/")
    ]
    if parts and parts[0] in CONTEXT_PREFIXES:
        parts = parts[1:]
    if parts and parts[0] == "top":
        parts = parts[1:]
    return tuple(part for part in parts if part)


def category_text(path):
    """The Moodle category path for ``path`` (names), as exports write it."""
    return "/".join(["$course$", "top", *(name.replace("/", "//") for name in path)])
