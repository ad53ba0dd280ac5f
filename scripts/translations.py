"""Export the entries the catalogues lack, and fill them in from a JSON file.

After `make messages-update`:

    .venv/bin/python scripts/translations.py missing > /tmp/missing.json
    # translate: {"es": {"<key>": "..." or ["singular", "plural"]}, "ca": ...}
    .venv/bin/python scripts/translations.py fill /tmp/translated.json
    make messages

A key is the msgid, or "<msgctxt>\\x04<msgid>" for an entry with a context.
`missing` lists, per language, each empty or fuzzy entry with its English
text (and plural), a translator's comment and where it is used.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "digitalrights" / "locale"


def _catalogues():
    for path in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
        yield path.parts[-3], polib.pofile(str(path), wrapwidth=79)


def _key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def _wanting(entry: polib.POEntry) -> bool:
    if entry.obsolete:
        return False
    if "fuzzy" in entry.flags:
        return True
    if entry.msgid_plural:
        return not all(entry.msgstr_plural.values())
    return not entry.msgstr


def missing() -> None:
    wanted: dict[str, dict[str, dict]] = {}
    for language, po in _catalogues():
        for entry in po:
            if _wanting(entry):
                wanted.setdefault(language, {})[_key(entry)] = {
                    "msgid": entry.msgid,
                    "msgid_plural": entry.msgid_plural or None,
                    "comment": entry.comment or None,
                    "used_in": [f"{f}:{n}" for f, n in entry.occurrences][:3],
                }
    json.dump(wanted, sys.stdout, ensure_ascii=False, indent=1)


def fill(source: str) -> None:
    translated = json.loads(Path(source).read_text(encoding="utf-8"))
    for language, po in _catalogues():
        given = translated.get(language, {})
        filled = 0
        for entry in po:
            text = given.get(_key(entry))
            if text is None or entry.obsolete:
                continue
            if entry.msgid_plural:
                forms = text if isinstance(text, list) else [text, text]
                count = max(len(entry.msgstr_plural), 2)
                entry.msgstr_plural = {
                    i: forms[min(i, len(forms) - 1)] for i in range(count)
                }
            else:
                entry.msgstr = text if isinstance(text, str) else text[0]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            entry.previous_msgid_plural = None
            entry.previous_msgctxt = None
            filled += 1
        po.save()
        left = sum(1 for entry in po if _wanting(entry))
        print(f"{language}: {filled} filled, {left} still wanting", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "missing":
        missing()
    elif len(sys.argv) == 3 and sys.argv[1] == "fill":
        fill(sys.argv[2])
    else:
        sys.exit(__doc__)
