"""Swapping a new build into place so that ``site/`` is always one complete build.

* One build at a time: a build holds an exclusive lock (``flock`` on
  ``.site.lock`` next to the site) from before it reads what is published until
  it has published and written the manifest. A second build waits.
* While holding the lock, a build first clears what killed builds left: staging
  folders (``.site.staging-*``), and the old site a half-done swap parked
  (``.site.old``, ``site/.<slug>.old``), which goes back in place if the new one
  never arrived.
* The swap itself: on Linux, ``renameat2(RENAME_EXCHANGE)`` exchanges the new
  folder and the published one in one step, so there is no moment without a
  site. Where that is not available (another OS, a file system that refuses it),
  the old folder is renamed aside and the new one renamed in, and put back if the
  second rename fails; a crash between the two leaves the old folder parked,
  and the next build puts it back before anything else.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import functools
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

class LockFailed(Exception):
    """The build lock could not be taken (not a second build: that is waited for)."""


AT_FDCWD = -100
RENAME_EXCHANGE = 2


def lock_path(site: Path) -> Path:
    return site.with_name(f".{site.name}.lock")


def staging_prefix(site: Path) -> str:
    return f".{site.name}.staging-"


def parked(site: Path, slug: str | None = None) -> Path:
    """Where a fallback swap parks the old folder: the whole site, or one microsite inside it."""
    return site.with_name(f".{site.name}.old") if slug is None else site / f".{slug}.old"


@functools.lru_cache(maxsize=1)
def _renameat2() -> Callable[..., int] | None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing folders atomically; False where the system cannot (nothing was changed)."""
    function = _renameat2()
    if function is None:
        return False
    if function(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(first), None, str(second))


def replace_folder(new: Path, target: Path, park: Path) -> Path | None:
    """Put the folder ``new`` at ``target``; where the previous ``target`` now is (to delete), or None.

    ``park`` is where the fallback keeps the previous folder between its two renames.
    """
    if not os.path.lexists(target):
        os.rename(new, target)
        return None
    if exchange(new, target):
        return new  # the previous site, to delete
    shutil.rmtree(park, ignore_errors=True)
    os.rename(target, park)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(park, target)  # roll back: the previous site is in place again
        raise
    return park


def recover(site: Path) -> None:
    """Undo what a killed build left (call while holding the lock)."""
    whole = parked(site)
    if whole.exists():
        if os.path.lexists(site):
            shutil.rmtree(whole, ignore_errors=True)
        else:
            os.rename(whole, site)  # the new site never arrived: the last good one goes back
    if site.is_dir():
        for entry in site.iterdir():
            if entry.name.startswith(".") and entry.name.endswith(".old") and entry.is_dir() \
                    and not entry.is_symlink():
                slug = entry.name[1:-len(".old")]
                if os.path.lexists(site / slug):
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    os.rename(entry, site / slug)
    for entry in site.parent.glob(staging_prefix(site) + "*"):
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


@contextlib.contextmanager
def exclusive(site: Path, log: Callable[[str], None] = print) -> Iterator[None]:
    """Hold the site's build lock (waiting for another build to finish), after clearing up."""
    try:
        site.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path(site), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as error:
        raise LockFailed(f"Could not open the build lock {lock_path(site)}: {error.strerror}. "
                         f"Remove it if it is not a plain file, and build again.") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log(f"Another build of {site.name}/ is running; waiting for it to finish.")
            fcntl.flock(fd, fcntl.LOCK_EX)
        recover(site)
        yield
    finally:
        os.close(fd)  # releases the lock
