"""Which files a content folder may hold: Markdown pages and checked images, never links, never the site's own names.

MkDocs publishes every file of the folder it builds as it is, and follows
symbolic links while it looks for them. A municipality folder (with its
editions/) and the portal's docs/ therefore hold only what the checks can vouch
for:

- Markdown pages (``.md``), which the catalog checks in full, and raster images
  (PNG, JPEG, WebP) that are what their extension says, not animated, and
  bounded in bytes and pixels. Nothing else: no HTML, scripts, stylesheets,
  SVG (a drawing that can hold scripts), PDF or archives. GIF is left out as
  well: an animated picture cannot be paused by readers (WCAG 2.2.2), and PNG
  or WebP do the same job for still pictures.
- No symbolic link anywhere, whatever it points to: a link is how a file from
  outside the folder (or ``.git/``) would be published.
- No name the site publishes itself (layout.py): a content file may not take
  the place of the theme's assets, the search index, the sitemap, /was, a
  language folder or a generated page.
- Names that work as web addresses everywhere: letters, digits, '-', '_' and '.'.

Every problem is a ContentError naming the file, what it is and what to do;
nothing is dropped silently. The folders are walked without following links
and to a bounded depth. hooks/policy_files.py applies the same rules to what
MkDocs is about to copy, for builds that skip the catalog.
"""
from __future__ import annotations

import os
import re
import struct
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator, Mapping

from . import layout
from .errors import ContentError
from .textbounds import Limit

MARKDOWN_SUFFIX = layout.PAGE_SUFFIX
# Extension -> the image format its bytes must be.
IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP"}
ALLOWED_SUFFIXES = frozenset({MARKDOWN_SUFFIX, *IMAGE_FORMATS})
MAX_IMAGE_BYTES = 1_000_000  # a photo for the web is 100-500 kB; a phone's original is several MB
MAX_IMAGE_SIDE = 8_000  # pixels: a browser decodes every pixel, whatever the file's size
MAX_IMAGE_PIXELS = 24_000_000
MAX_DEPTH = 6  # folders inside a content folder
MAX_NAME_CHARS = 100
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
LIMITS: tuple[Limit, ...] = (
    Limit("byte i et billede", "bytes in an image", MAX_IMAGE_BYTES),
    Limit("pixels på en side af et billede", "pixels on a side of an image", MAX_IMAGE_SIDE),
    Limit("pixels i et billede i alt", "pixels in an image in all", MAX_IMAGE_PIXELS),
    Limit("mapper inden i hinanden i en kommunes mappe", "folders inside each other in a municipality's folder",
          MAX_DEPTH),
    Limit("tegn i et fil- eller mappenavn", "characters in a file or folder name", MAX_NAME_CHARS),
)

_SUFFIX_ADVICE = {
    ".html": ("an HTML page", "Write the page in Markdown, as a .md file, instead."),
    ".htm": ("an HTML page", "Write the page in Markdown, as a .md file, instead."),
    ".js": ("a script", "Delete it: what the site does is decided by its templates, not by content."),
    ".mjs": ("a script", "Delete it: what the site does is decided by its templates, not by content."),
    ".css": ("a stylesheet", "Delete it: the site's look is decided by its templates, not by content."),
    ".svg": ("an SVG drawing, which can hold scripts and load other sites' content",
             "Save the drawing as a PNG image and link to that instead."),
    ".gif": ("a GIF image", "Save it as a PNG or WebP image (an animated picture cannot be paused by readers)."),
    ".pdf": ("a PDF document", "Put the document on the municipality's own website and link to it there."),
    ".json": ("a data file", "Delete it: the site writes its own data files."),
    ".xml": ("a data file", "Delete it: the site writes its own feeds and sitemaps."),
    ".txt": ("a text file", "Put the text in a Markdown page (.md), or delete the file."),
    ".yml": ("a settings file", "Delete it: a municipality's settings belong in the front-matter of index.md."),
    ".yaml": ("a settings file", "Delete it: a municipality's settings belong in the front-matter of index.md."),
}
_DEFAULT_ADVICE = "Delete the file; if readers need it, put it on the municipality's own website and link to it."


@dataclass(frozen=True)
class Entry:
    """One name found in a content folder, looked at without following links."""

    path: Path
    relative: str  # inside the content folder, with '/'
    kind: str  # "file", "folder", "link" or "other" (a device, a socket, a pipe)
    depth: int  # 0 for names directly in the folder


def walk(folder: Path, max_depth: int = MAX_DEPTH) -> Iterator[Entry]:
    """Every file, folder and link under ``folder``, in order, never following a link.

    Folders deeper than ``max_depth`` are yielded but not entered.
    """
    stack: list[tuple[Path, str, int]] = [(folder, "", 0)]
    while stack:
        current, prefix, depth = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            continue
        folders = []
        for entry in entries:
            relative = prefix + entry.name
            if entry.is_symlink():
                kind = "link"
            elif entry.is_dir(follow_symlinks=False):
                kind = "folder"
            elif entry.is_file(follow_symlinks=False):
                kind = "file"
            else:
                kind = "other"
            yield Entry(Path(entry.path), relative, kind, depth)
            if kind == "folder" and depth < max_depth:
                folders.append((Path(entry.path), relative + "/", depth + 1))
        stack.extend(reversed(folders))


def _shown(path: Path, root: Path) -> str:
    """A path inside the project as editors see it, without resolving links."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def link_problem(path: Path, root: Path) -> ContentError:
    """The message for a symbolic link in a content folder (never published, wherever it points)."""
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    what = "folder" if path.is_dir() else "file"
    return ContentError(
        "file-symlink", _shown(path, root), None, None,
        f"The {what} is a link (symlink) to '{target}'. Links are never published, wherever they point: "
        "through a link the site would publish files from elsewhere on the computer.",
        f"Replace the link with a copy of the {what} itself, or delete it.")


def entry_problems(entry: Entry, root: Path, *, pages_here: bool, reserved: Mapping[str, str],
                   theme: frozenset[str], where: str) -> list[ContentError]:
    """What is wrong with one name in a content folder (nothing for a good one).

    ``pages_here``: Markdown pages may be at this place. ``reserved``: the names the
    site publishes at the top of this folder itself, with what is there (layout.py).
    """
    shown = _shown(entry.path, root)
    name = entry.path.name

    def error(code: str, problem: str, fix: str) -> ContentError:
        return ContentError(code, shown, None, None, problem, fix)

    if entry.kind == "link":
        return [link_problem(entry.path, root)]
    if entry.kind == "other":
        return [error("file-not-allowed", f"'{name}' is not an ordinary file or folder (a device, pipe or socket).",
                      "Delete it.")]
    if name.startswith("."):
        return [error("file-not-allowed",
                      f"'{name}' is a hidden file or folder; {where} may only hold pages and images, "
                      "and a hidden name would be left out of the site without anyone noticing.",
                      "Delete it (a file your computer made, such as .DS_Store, is not needed).")]
    if len(name) > MAX_NAME_CHARS or not _NAME.fullmatch(name):
        return [error("file-name",
                      f"The name '{name}' cannot be used in a web address everywhere: only letters a-z, digits, "
                      f"'-', '_' and '.' are allowed, at most {MAX_NAME_CHARS} characters, no spaces.",
                      "Rename it, for example 'billede-af-torvet.jpg' (æ→ae, ø→oe, å→aa), and change the links to it.")]
    problems: list[ContentError] = []
    if entry.kind == "folder":
        if entry.depth >= MAX_DEPTH:
            problems.append(error("folder-too-deep",
                                  f"The folder is nested more than {MAX_DEPTH} levels deep inside {where}.",
                                  "Move its files up into fewer folders."))
        return problems
    suffix = PurePosixPath(name).suffix.lower()
    why = layout.shadowed(entry.relative, reserved, theme)
    if why is not None:
        allowed = suffix in ALLOWED_SUFFIXES
        return [error(
            "file-shadows-site",
            f"'{entry.relative}' would take the place of what the site itself publishes there: {why}.",
            "Rename the file or its folder (for example put pictures in 'billeder/'), and change the links to it."
            if allowed else _SUFFIX_ADVICE.get(suffix, ("", _DEFAULT_ADVICE))[1])]
    if suffix == MARKDOWN_SUFFIX:
        if not pages_here:
            problems.append(error(
                "page-unlisted",
                f"The page {name} is in a subfolder, where the site would publish it outside the menu "
                "and unchecked; a municipality's pages are the .md files directly in its folder.",
                "Move the page up into the municipality's folder and list it under 'pages' in index.md, "
                "or delete it."))
        return problems
    if suffix not in IMAGE_FORMATS:
        what, fix = _SUFFIX_ADVICE.get(suffix, (f"a '{suffix or name}' file", _DEFAULT_ADVICE))
        problems.append(error(
            "file-not-allowed",
            f"The file is {what}. {where[0].upper() + where[1:]} may only hold Markdown pages (.md) and images "
            f"({', '.join(sorted(IMAGE_FORMATS))}): any other file would be published as it is, unchecked.",
            fix))
        return problems
    problems.extend(image_problems(entry.path, shown, IMAGE_FORMATS[suffix]))
    return problems


# Images ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ImageInfo:
    format: str  # "PNG", "JPEG", "WebP"
    width: int
    height: int
    animated: bool


def sniff(data: bytes) -> str | None:
    """What a file's first bytes say it is ('PNG', 'JPEG', 'WebP', 'GIF', 'HTML', ...), if recognisable."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if data.startswith(b"%PDF"):
        return "PDF"
    start = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<svg", b"<?xml")) and b"<svg" in data[:4096].lower():
        return "SVG"
    if start.startswith((b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<")):
        return "HTML"
    return None


def _png(data: bytes) -> ImageInfo | None:
    if len(data) < 33 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    animated = False
    offset = 8
    while offset + 8 <= len(data):  # chunk headers up to the image data; each step moves on by 12+ bytes
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        if kind == b"acTL":
            animated = True
        if kind in (b"IDAT", b"IEND"):
            break
        offset += 12 + length
    return ImageInfo("PNG", width, height, animated)


# JPEG start-of-frame markers (they carry the size); C4, C8 and CC are other segments.
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _jpeg(data: bytes) -> ImageInfo | None:
    offset = 2
    while offset + 4 <= len(data):
        if data[offset] != 0xFF:
            return None
        marker = data[offset + 1]
        if marker == 0xFF:  # fill byte
            offset += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD9)):  # markers without a length
            offset += 2
            continue
        if marker == 0xDA:  # image data before any frame header
            return None
        (length,) = struct.unpack(">H", data[offset + 2:offset + 4])
        if length < 2:
            return None
        if marker in _JPEG_FRAMES:
            if offset + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[offset + 5:offset + 9])
            return ImageInfo("JPEG", width, height, False)
        offset += 2 + length
    return None


def _webp(data: bytes) -> ImageInfo | None:
    if len(data) < 30:
        return None
    kind = data[12:16]
    if kind == b"VP8 ":
        if data[23:26] != b"\x9d\x01\x2a":
            return None
        width, height = struct.unpack("<HH", data[26:30])
        return ImageInfo("WebP", width & 0x3FFF, height & 0x3FFF, False)
    if kind == b"VP8L":
        if data[20] != 0x2F:
            return None
        (bits,) = struct.unpack("<I", data[21:25])
        return ImageInfo("WebP", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, False)
    if kind == b"VP8X":
        flags = data[20]
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return ImageInfo("WebP", width, height, bool(flags & 0x02))
    return None


_READERS = {"PNG": _png, "JPEG": _jpeg, "WebP": _webp}


def image_problems(path: Path, shown: str, expected: str) -> list[ContentError]:
    """An image file must be the format its extension says, still, and bounded in bytes and pixels."""
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return [ContentError(
            "image-too-large", shown, None, None,
            f"The image is {size:,} bytes, more than the {MAX_IMAGE_BYTES:,} an image may have; "
            "readers on phones would wait for it.",
            "Save it smaller from an image program: 1600 pixels wide is plenty for a web page.")]
    with open(path, "rb") as handle:
        data = handle.read(MAX_IMAGE_BYTES)
    found = sniff(data)
    info = _READERS[expected](data) if found == expected else None
    if info is None:
        if found is not None and found != expected:
            what = f"{'an' if found[0] in 'AEHIOU' else 'a'} {found} file" + (
                " (a web page, which could run scripts)" if found in ("HTML", "SVG") else "")
        elif found == expected:
            what = f"a damaged {expected} image"
        else:
            what = "not an image in any format the site knows"
        return [ContentError(
            "image-invalid", shown, None, None,
            f"The file's name says it is a {expected} image, but it is {what}.",
            f"Save the picture again as {expected} from an image program, or give the file the extension "
            "of what it is (.png, .jpg or .webp).")]
    problems = []
    if info.width < 1 or info.height < 1 or info.width > MAX_IMAGE_SIDE or info.height > MAX_IMAGE_SIDE \
            or info.width * info.height > MAX_IMAGE_PIXELS:
        problems.append(ContentError(
            "image-too-large", shown, None, None,
            f"The image is {info.width} × {info.height} pixels; at most {MAX_IMAGE_SIDE} pixels a side and "
            f"{MAX_IMAGE_PIXELS // 1_000_000} million pixels in all are allowed, since every reader's browser "
            "unpacks every pixel.",
            "Save it smaller from an image program: 1600 pixels wide is plenty for a web page."))
    if info.animated:
        problems.append(ContentError(
            "image-animated", shown, None, None,
            "The image is animated; readers cannot pause or stop a moving picture, which distracts "
            "and can make some readers unwell.",
            "Use a still picture, or link to a video on the municipality's own website."))
    return problems


# Folders --------------------------------------------------------------------------

def municipality_problems(directory: Path, root: Path) -> list[ContentError]:
    """Every name in a municipality folder, its editions/ included, that may not be published."""
    reserved = layout.microsite_reserved(root)
    theme = layout.theme_files(root)
    where = "a municipality's folder"
    problems: list[ContentError] = []
    for entry in walk(directory):
        parts = PurePosixPath(entry.relative).parts
        in_editions = parts[0] == layout.EDITIONS_DIR
        if in_editions and entry.kind == "folder" and len(parts) == 1:
            continue  # editions/ itself
        if in_editions and len(parts) == 2 and entry.kind not in ("folder", "link"):
            problems.append(ContentError(
                "file-not-allowed", _shown(entry.path, root), None, None,
                f"{layout.EDITIONS_DIR}/ holds one folder per earlier edition, named after it, and nothing else.",
                f"Move the file into the folder of its edition ({layout.EDITIONS_DIR}/<edition>/), or delete it."))
            continue
        # An edition's folder is a municipality folder of its own, never published (exclude_docs).
        relative = "/".join(parts[2:]) if in_editions else entry.relative
        pages_here = (len(parts) == 1) or (in_editions and len(parts) == 3)
        checked = Entry(entry.path, relative or entry.relative, entry.kind, entry.depth)
        problems.extend(entry_problems(checked, root, pages_here=pages_here,
                                       reserved={} if in_editions else reserved,
                                       theme=frozenset() if in_editions else theme, where=where))
    return problems


def portal_problems(folder: Path, root: Path) -> list[ContentError]:
    """Every name in the portal's docs/ that may not be published."""
    reserved = layout.portal_reserved(root)
    theme = layout.theme_files(root)
    problems: list[ContentError] = []
    for entry in walk(folder):
        problems.extend(entry_problems(entry, root, pages_here=True, reserved=reserved, theme=theme,
                                       where=f"the portal's folder {layout.PORTAL_DIR}/"))
    return problems


def editor_limits() -> tuple[Limit, ...]:
    """Every limit a file or text has, for the editors' guide (docs/redaktoerer/, <!-- limits -->)."""
    from . import textbounds
    from .frontmatter import MAX_FRONT_MATTER_CHARS
    from .pagecheck import MAX_FILE_CHARS

    return (
        Limit("byte i en sides fil", "bytes in a page's file", MAX_FILE_CHARS),
        Limit("tegn i front-matter", "characters of front-matter", MAX_FRONT_MATTER_CHARS),
        *textbounds.LIMITS,
        *LIMITS,
    )


def is_regular_file(path: Path) -> bool:
    """A file that is neither a link nor anything but an ordinary file (safe to read)."""
    return path.is_file() and not path.is_symlink()
