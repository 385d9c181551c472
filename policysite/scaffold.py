"""``make new``: a new municipality folder from the templates in policysite/scaffold/.

Every page exists in Danish and English, every front-matter field is there
(optional ones as commented lines, ready to un-comment) with a short comment on
what to write, and placeholder texts are marked [UDFYLD ...] / [FILL IN ...] so
``make check`` lists what is left. The folder is written next to the others
under a hidden name, validated, and only then renamed into place, so a failure
leaves nothing behind. English pages get ``translated_from:`` codes.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from .catalog import inspect, twin_path
from .layout import MUNICIPALITIES_DIR, reserved_slugs
from .errors import ContentError, ContentErrors
from .model import DEFAULT_LANGUAGE, LANGUAGES
from .schema import DOMAIN, SLUG
from .translation import stamp, write_stamp

TEMPLATES = Path(__file__).resolve().parent / "scaffold"
_NAME = re.compile(r"^[^\x00-\x1f\x7f<>{}\[\]\"\\#:|`*_]{2,80}$")


def english_name(name: str) -> str:
    """'Roskilde Kommune' -> 'Roskilde Municipality'; other names stay as they are."""
    return re.sub(r"\bKommune$", "Municipality", name.strip())


def create(root: Path, slug: str, name: str, domain: str | None = None) -> Path:
    """Write municipalities/<slug>/ from the templates; raise ContentErrors if it cannot."""
    root = root.resolve()
    base = root / MUNICIPALITIES_DIR
    shown = f"{MUNICIPALITIES_DIR}/{slug}"
    domain = domain or f"{slug}.dk"
    problems: list[ContentError] = []
    reserved = reserved_slugs(root)
    if not SLUG.fullmatch(slug) or slug in reserved:
        problems.append(ContentError("bad-slug", shown, None, None,
                                     detail="new-taken" if slug in reserved else "new-form",
                                     params={"slug": slug, "taken_by": reserved.get(slug)}))
    elif (base / slug).exists():
        problems.append(ContentError("municipality-exists", shown, None, None, detail="exists",
                                     params={"folder": shown}))
    if not _NAME.fullmatch(name.strip()):
        problems.append(ContentError("name-invalid", shown, None, None, detail="name", params={"name": name}))
    if not DOMAIN.fullmatch(domain):
        problems.append(ContentError("wrong-type", shown, None, "domain", detail="new-domain",
                                     params={"domain": domain}))
    if problems:
        raise ContentErrors(problems)

    base.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".new-{slug}-", dir=base))
    try:
        values = {"name_da": name.strip(), "name_en": english_name(name), "domain": domain, "slug": slug}
        for template in sorted(TEMPLATES.glob("*.md")):
            text = template.read_text(encoding="utf-8")
            for key, value in values.items():
                text = text.replace("{{ " + key + " }}", value)
            (staging / template.name).write_text(text, encoding="utf-8")
        for danish in sorted(staging.glob("*.md")):
            if danish.name.count(".") != 1:
                continue
            for lang in LANGUAGES:
                if lang == DEFAULT_LANGUAGE:
                    continue
                english = twin_path(danish, lang)
                code = stamp(danish.read_text(encoding="utf-8"))
                english.write_text(write_stamp(english.read_text(encoding="utf-8"), code), encoding="utf-8")
        target = base / slug
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    mine = [e for e in inspect(root).errors if e.path == shown or e.path.startswith(shown + "/")]
    if mine:  # the templates must always pass; never leave a broken folder behind
        shutil.rmtree(target, ignore_errors=True)
        raise ContentErrors(mine)
    return target
