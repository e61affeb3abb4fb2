"""List the strings of Wagtail, Django and other vendored apps that have no
Vietnamese translation upstream, as .po catalogues to translate.

Run after upgrading Wagtail or Django:

    .venv/bin/python scripts/missing_vendor_strings.py OUTDIR [--chunks N]

It writes OUTDIR/django-N.po and OUTDIR/djangojs-N.po holding only entries
that neither the upstream ``vi`` catalogue nor ``locale/vendor/vi`` translates.
"""

import argparse
import importlib.util
import pathlib
import sys

import polib

ROOT = pathlib.Path(__file__).resolve().parent.parent
VENDOR_CATALOGUE = ROOT / "locale" / "vendor" / "vi" / "LC_MESSAGES"
# Apps whose strings users or staff see. Django's own admin, flatpages, gis and
# admindocs are not installed.
PACKAGES = ["wagtail", "django", "taggit", "axes", "modelsearch"]
SKIPPED_PARTS = {"admin", "flatpages", "gis", "admindocs", "redirects", "sites", "postgres"}


def _package_dir(name):
    return pathlib.Path(importlib.util.find_spec(name).origin).parent


def _source_catalogues(domain):
    for package in PACKAGES:
        base = _package_dir(package)
        for po_path in sorted(base.glob(f"**/locale/en/LC_MESSAGES/{domain}.po")):
            parts = set(po_path.relative_to(base).parts[:-4])
            if package == "django" and parts & SKIPPED_PARTS and "contrib" in parts:
                continue
            yield po_path


def _translated_keys(po_file):
    if not po_file.exists():
        return set()
    return {(e.msgctxt, e.msgid) for e in polib.pofile(str(po_file)).translated_entries()}


def missing_entries(domain):
    done = _translated_keys(VENDOR_CATALOGUE / f"{domain}.po")
    seen = set()
    for source in _source_catalogues(domain):
        upstream_vi = source.parent.parent.parent / "vi" / "LC_MESSAGES" / f"{domain}.po"
        translated = _translated_keys(upstream_vi)
        for entry in polib.pofile(str(source)):
            key = (entry.msgctxt, entry.msgid)
            if entry.obsolete or not entry.msgid or key in translated or key in done or key in seen:
                continue
            seen.add(key)
            yield polib.POEntry(
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                msgstr="",
                msgstr_plural={0: ""} if entry.msgid_plural else {},
                flags=[f for f in entry.flags if f != "fuzzy"],
                occurrences=entry.occurrences[:1],
            )


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("outdir", type=pathlib.Path)
    parser.add_argument("--chunks", type=int, default=1)
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    for domain in ("django", "djangojs"):
        entries = list(missing_entries(domain))
        size = -(-len(entries) // args.chunks) if entries else 0
        for n in range(args.chunks if entries else 0):
            po = polib.POFile()
            po.metadata = {
                "Content-Type": "text/plain; charset=UTF-8",
                "Language": "vi",
                "Plural-Forms": "nplurals=1; plural=0;",
            }
            po.extend(entries[n * size : (n + 1) * size])
            po.save(str(args.outdir / f"{domain}-{n + 1}.po"))
        print(f"{domain}: {len(entries)} strings to translate", file=sys.stderr)


if __name__ == "__main__":
    main()
