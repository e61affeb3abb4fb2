"""Compile every locale/**/*.po into its .mo with polib.

Django's compilemessages needs GNU gettext's msgfmt, which a fresh machine
may lack; polib is pure Python and already a requirement.
"""

import pathlib

import polib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main():
    for po_path in sorted((ROOT / "locale").glob("**/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))


if __name__ == "__main__":
    main()
