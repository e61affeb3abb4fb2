"""Fail when a Vietnamese catalogue has an untranslated or fuzzy entry, a
leftover "#|" comment of a fuzzy match, or when a translation drops a
placeholder of its source text."""

import pathlib
import re
import sys

import polib

ROOT = pathlib.Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sd]|\{\w*\}")


def problems(po_path):
    po = polib.pofile(str(po_path))
    for entry in po.untranslated_entries():
        yield f"untranslated: {entry.msgid[:60]!r}"
    for entry in po.fuzzy_entries():
        yield f"fuzzy: {entry.msgid[:60]!r}"
    for entry in po:
        # Leftovers of a fuzzy match; half of one ("#| msgid_plural" alone)
        # makes gettext's msgmerge, and so makemessages, refuse the file.
        if entry.previous_msgid or entry.previous_msgid_plural or entry.previous_msgctxt:
            yield f"previous-msgid comment left: {entry.msgid[:60]!r}"
    for entry in po.translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        source = entry.msgid_plural or entry.msgid
        for text in translations:
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                yield f"placeholders differ: {entry.msgid[:60]!r}"


def main():
    catalogues = sorted((ROOT / "locale").glob("**/vi/LC_MESSAGES/*.po"))
    if not catalogues:
        sys.exit("no Vietnamese catalogue under locale/")
    failed = False
    for po_path in catalogues:
        for problem in problems(po_path):
            failed = True
            print(f"{po_path.relative_to(ROOT)}: {problem}")
    if failed:
        sys.exit(1)
    print(f"{len(catalogues)} Vietnamese catalogues: every entry translated.")


if __name__ == "__main__":
    main()
