"""The interface must be whole in every shipped language."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "digitalrights" / "locale"
APP_DIR = Path(settings.BASE_DIR) / "digitalrights"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]


def _catalogue(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / "django.po"


def _msgids(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    ids = set()
    for block in text.split("\n\n"):
        if "#~" in block:
            continue
        match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.MULTILINE)
        if match:
            ids.add("".join(re.findall(r'"(.*)"', match.group(1))))
    ids.discard("")
    return ids


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalogue_has_no_empty_or_fuzzy_entry(code):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(_catalogue(code))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr
    assert "untranslated" not in result.stderr, result.stderr


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalogue_holds_every_string_the_code_uses(code, tmp_path):
    """Fail when a new string was added without running makemessages."""
    copy = tmp_path / "digitalrights"
    shutil.copytree(
        APP_DIR,
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "*.mo", "node_modules"),
    )
    # Extract into the copy only: LOCALE_PATHS points makemessages there.
    script = (
        "import sys, django; from django.conf import settings; django.setup();"
        "settings.LOCALE_PATHS = [sys.argv[1]];"
        "from django.core.management import call_command;"
        "call_command('makemessages', locale=[sys.argv[2]], no_obsolete=True,"
        " verbosity=0)"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(copy / "locale"), code],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(settings.BASE_DIR)},
    )
    wanted = _msgids(copy / "locale" / code / "LC_MESSAGES" / "django.po")
    missing = wanted - _msgids(_catalogue(code))
    assert not missing, f"Run `make messages-update` and translate: {sorted(missing)}"
