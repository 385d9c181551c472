"""Cache files that are data, not code, and that only this machine can write.

A pull request can commit any file, ``.cache/`` and ``.site.*`` included, and
anyone can compute a hash of public inputs. So a cache entry is trusted only
when it carries an HMAC-SHA256 made with this machine's secret key, which lives
outside every repository (``$XDG_CACHE_HOME/policysite/cache-key``, else
``~/.cache/policysite/cache-key``, mode 0600). The HMAC covers the entry's
purpose, its lookup key (a hash of what it was computed from) and its bytes, and
it is checked before anything is parsed; the payload is JSON, never pickle, so
even a readable entry cannot run code. A forged, tampered, foreign or
misplaced entry reads as missing and is recomputed.

When no key can be kept safely (no writable home, a key file others can read, a
key inside the project being built), nothing is cached: slower, never trusted.

``encode``/``decode`` turn the domain's frozen dataclasses into JSON values and
back, field by field from their type hints; only the dataclasses reachable from
the requested type can be made, and every value is type-checked on the way in.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import hmac
import json
import logging
import os
import secrets
import stat
import types
import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

log = logging.getLogger("policysite.cache")

FORMAT = b"policysite-sealed 1"
KEY_BYTES = 32
MAX_ENTRY_BYTES = 256 << 20  # larger files are not read at all


def key_path() -> Path:
    """Where this machine's cache key is kept (outside every checkout)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    folder = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return folder / "policysite" / "cache-key"


def machine_key(project: Path | None = None) -> bytes | None:
    """This machine's secret cache key, created on first use; None when it cannot be kept safely.

    ``project``: the checkout being built; a key inside it (a home folder that is the
    checkout) could be committed by anyone, so then nothing is cached.
    """
    path = key_path()
    return _machine_key(str(path), str(project.resolve()) if project is not None else "")


@functools.lru_cache(maxsize=8)
def _machine_key(path_text: str, project: str) -> bytes | None:
    path = Path(path_text)
    try:
        resolved = path.parent.resolve() / path.name
    except OSError:
        return None
    if project and (resolved == Path(project) or Path(project) in resolved.parents):
        log.warning("The cache key %s would be inside the project %s; nothing is cached.", resolved, project)
        return None
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as error:
        log.warning("The cache key %s cannot be trusted (%s); nothing is cached.", path, error)
        return None
    try:
        _create_key(path)
        return _read_key(path)
    except (OSError, ValueError) as error:
        log.warning("No cache key could be kept at %s (%s); nothing is cached.", path, error)
        return None


def _read_key(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise ValueError("not a regular file")
        if status.st_uid != os.getuid():
            raise ValueError("owned by another user")
        if status.st_mode & 0o077:
            raise ValueError(f"mode {stat.S_IMODE(status.st_mode):o}: others may read or write it; expected 600")
        text = os.read(fd, 4 * KEY_BYTES).decode("ascii", "replace").strip()
    finally:
        os.close(fd)
    key = bytes.fromhex(text)
    if len(key) != KEY_BYTES:
        raise ValueError("wrong length")
    return key


def _create_key(path: Path) -> None:
    """Write a new random key; a key another process wrote first wins (link() does not replace)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        os.write(fd, secrets.token_hex(KEY_BYTES).encode("ascii") + b"\n")
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(temporary)


def _mac(secret: bytes, purpose: str, key: str, payload: bytes) -> str:
    message = b"\0".join((FORMAT, purpose.encode("utf-8"), key.encode("utf-8"), payload))
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def seal(secret: bytes, purpose: str, key: str, value: Any) -> bytes:
    """``value`` (JSON-able) as the bytes of a sealed entry."""
    payload = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    return FORMAT + b" " + _mac(secret, purpose, key, payload).encode("ascii") + b"\n" + payload


def unseal(secret: bytes, purpose: str, key: str, data: bytes) -> Any | None:
    """The value of a sealed entry, or None unless this machine sealed it for this purpose and key."""
    header, newline, payload = data.partition(b"\n")
    prefix = FORMAT + b" "
    if not newline or not header.startswith(prefix):
        return None
    expected = _mac(secret, purpose, key, payload).encode("ascii")
    if not hmac.compare_digest(header[len(prefix):], expected):
        return None
    try:
        return json.loads(payload)  # authenticated: ours
    except ValueError:
        return None


def read(path: Path, secret: bytes | None, purpose: str, key: str) -> Any | None:
    """A sealed entry from disk, or None (missing, too large, not ours)."""
    if secret is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_ENTRY_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return unseal(secret, purpose, key, data)


def write(path: Path, secret: bytes | None, purpose: str, key: str, value: Any) -> None:
    """Store a sealed entry atomically (a temporary file renamed into place)."""
    if secret is None:
        return
    data = seal(secret, purpose, key, value)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temporary, "xb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)


# ---------------------------------------------------------------- dataclasses <-> JSON

class CodecError(ValueError):
    """A value that the codec does not know how to write or read back."""


@functools.lru_cache(maxsize=None)
def _hints(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((field.name, hints[field.name]) for field in dataclasses.fields(cls))


def _optional(hint: Any) -> Any | None:
    """X for ``X | None``; None for any other hint."""
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        arguments = [argument for argument in typing.get_args(hint) if argument is not type(None)]
        if len(arguments) == 1 and len(typing.get_args(hint)) == 2:
            return arguments[0]
        raise CodecError(f"unsupported union {hint!r}")
    return None


def encode(value: Any, hint: Any) -> Any:
    """``value`` (of type ``hint``) as plain JSON values."""
    inner = _optional(hint)
    if inner is not None:
        return None if value is None else encode(value, inner)
    origin = typing.get_origin(hint)
    if hint in (str, bool) or hint is int:
        if type(value) is not hint:
            raise CodecError(f"expected {hint.__name__}, found {type(value).__name__}")
        return value
    if hint is dt.date:
        if type(value) is not dt.date:
            raise CodecError(f"expected a date, found {type(value).__name__}")
        return value.isoformat()
    if origin is tuple:
        arguments = typing.get_args(hint)
        if not isinstance(value, tuple):
            raise CodecError(f"expected a tuple, found {type(value).__name__}")
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            return [encode(item, arguments[0]) for item in value]
        if len(arguments) != len(value):
            raise CodecError("tuple of the wrong length")
        return [encode(item, argument) for item, argument in zip(value, arguments)]
    if origin in (Mapping, dict):
        key_hint, value_hint = typing.get_args(hint)
        if key_hint is not str or not isinstance(value, Mapping):
            raise CodecError(f"unsupported mapping {hint!r}")
        return {encode(key, str): encode(item, value_hint) for key, item in value.items()}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if type(value) is not hint:
            raise CodecError(f"expected {hint.__name__}, found {type(value).__name__}")
        return {name: encode(getattr(value, name), field_hint) for name, field_hint in _hints(hint)}
    raise CodecError(f"unsupported type {hint!r}")


def decode(data: Any, hint: Any) -> Any:
    """The value of type ``hint`` that ``encode`` wrote as ``data``; CodecError if it is not one."""
    return _decoder(hint)(data)


@functools.lru_cache(maxsize=None)
def _decoder(hint: Any) -> Callable[[Any], Any]:
    """A function reading JSON values of type ``hint`` (made once per type: the catalog has many values)."""
    inner = _optional(hint)
    if inner is not None:
        read_inner = _decoder(inner)
        return lambda data: None if data is None else read_inner(data)
    origin = typing.get_origin(hint)
    if hint in (str, bool) or hint is int:
        def scalar(data: Any) -> Any:
            if type(data) is not hint:
                raise CodecError(f"expected {hint.__name__}")
            return data
        return scalar
    if hint is dt.date:
        def date(data: Any) -> dt.date:
            if type(data) is not str:
                raise CodecError("expected a date")
            return dt.date.fromisoformat(data)
        return date
    if origin is tuple:
        arguments = typing.get_args(hint)
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            read_item = _decoder(arguments[0])

            def sequence(data: Any) -> tuple:
                if type(data) is not list:
                    raise CodecError("expected a list")
                return tuple(read_item(item) for item in data)
            return sequence
        readers = tuple(_decoder(argument) for argument in arguments)

        def fixed(data: Any) -> tuple:
            if type(data) is not list or len(data) != len(readers):
                raise CodecError("expected a list of the right length")
            return tuple(read(item) for read, item in zip(readers, data))
        return fixed
    if origin in (Mapping, dict):
        key_hint, value_hint = typing.get_args(hint)
        if key_hint is not str:
            raise CodecError(f"unsupported mapping {hint!r}")
        read_value = _decoder(value_hint)

        def mapping(data: Any) -> dict:
            if type(data) is not dict or not all(type(key) is str for key in data):
                raise CodecError("expected an object")
            return {key: read_value(item) for key, item in data.items()}
        return mapping
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        fields = _hints(hint)
        names = frozenset(name for name, _ in fields)
        cls = hint

        def record(data: Any) -> Any:
            if type(data) is not dict or data.keys() != names:
                raise CodecError(f"expected the fields of {cls.__name__}")
            return cls(**{name: _decoder(field_hint)(data[name]) for name, field_hint in fields})
        return record
    raise CodecError(f"unsupported type {hint!r}")
