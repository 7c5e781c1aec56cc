"""The build's output folder: written whole into a staging folder beside it, then swapped in.

The build replaces only a folder it made itself: every folder it writes carries a marker file
(``.diaspora-atlas-build``, JSON: tool, version, created_at and the list of what it wrote).
Anything else at the target - a folder it did not make, files someone added to its folder, a
file, a device, a symbolic link - is refused with a one-line error, and nothing is deleted.
An empty folder may be used. Staging folders left behind by a killed build (``.build-*``
carrying the marker, not locked by a running build) are removed by the next build.
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from diaspora_atlas import __version__
from diaspora_atlas.errors import AtlasError

MARKER = ".diaspora-atlas-build"
STAGING_PREFIX = ".build-"
TOOL = "diaspora-atlas"
_HINT = "choose a new or empty folder with --out (or DIASPORA_ATLAS_OUT_DIR); nothing was changed"


def check_target(target: Path, found_at: Path | None = None) -> None:
    """Refuse, before any work, an output folder the build may not replace (``found_at``:
    where the folder is now, if it was just moved aside)."""
    problem = _problem(found_at or target)
    if problem is not None:
        reason, hint = problem
        raise AtlasError(f"will not write the build outputs to {target}: {reason}", hint)


def _problem(target: Path) -> tuple[str, str] | None:
    if target.is_symlink():
        return "it is a symbolic link", "give the folder itself with --out, or " + _HINT
    if not target.exists():
        ancestor = next(p for p in target.parents if p.exists() or p == p.parent)
        if ancestor.exists() and not ancestor.is_dir():
            return f"{ancestor} is not a folder", _HINT
        return None
    if not target.is_dir():
        kind = "a file" if target.is_file() else "not a folder (a device, pipe or socket)"
        return f"it is {kind}", _HINT
    marker = read_marker(target)
    entries = _entries(target)
    if marker is None:
        if not entries:
            return None
        return (
            f"it is a folder the build did not make (no {MARKER} file) and it is not empty",
            "move its contents away, or " + _HINT,
        )
    foreign = sorted(entries - set(marker.get("files", [])) - {MARKER})
    if foreign:
        shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if foreign[3:] else "")
        return (
            f"it holds what the build did not write: {shown}",
            "move that out of the folder, or " + _HINT,
        )
    return None


def read_marker(folder: Path) -> dict[str, Any] | None:
    """The marker of a folder this tool made, or None (absent, a link, not ours, unreadable)."""
    path = folder / MARKER
    if path.is_symlink() or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("tool") == TOOL else None


def _entries(folder: Path) -> set[str]:
    """Every file, folder and link under ``folder`` (relative POSIX paths; links not followed)."""
    found: set[str] = set()
    for root, dirs, files in os.walk(folder):
        base = Path(root).relative_to(folder)
        found.update((base / name).as_posix() for name in [*dirs, *files])
    return found


def written_files(folder: Path) -> dict[str, int]:
    """The files the build wrote into ``folder`` (relative path -> bytes), marker excluded."""
    return {
        p.relative_to(folder).as_posix(): p.stat().st_size
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MARKER
    }


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on ``folder`` across processes (released if the process dies)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _new_folder(parent: Path) -> Path:
    """A fresh, uniquely named ``.build-*`` folder in ``parent`` (mode from the umask)."""
    while True:
        path = parent / f"{STAGING_PREFIX}{secrets.token_hex(6)}"
        try:
            path.mkdir()
            return path
        except FileExistsError:
            continue


def _write_marker(fd: int, files: list[str] | None) -> None:
    data: dict[str, Any] = {
        "tool": TOOL,
        "version": __version__,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    if files is not None:
        data["files"] = files
    os.ftruncate(fd, 0)
    os.pwrite(fd, (json.dumps(data, indent=2) + "\n").encode(), 0)


def remove_leftovers(parent: Path) -> list[Path]:
    """Remove ``.build-*`` folders in ``parent`` that a killed build left: only those carrying
    the marker and not locked by a build still running. Returns what was removed."""
    removed: list[Path] = []
    for path in sorted(parent.glob(STAGING_PREFIX + "*")):
        if path.is_symlink() or not path.is_dir() or read_marker(path) is None:
            continue
        fd = os.open(path / MARKER, os.O_RDONLY | os.O_NOFOLLOW)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue  # a build in progress holds it
        finally:
            os.close(fd)
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


@contextmanager
def staged_output(target: Path) -> Iterator[Path]:
    """A marked staging folder beside ``target``; on success it replaces ``target`` whole,
    on failure it is removed and ``target`` is left as it was."""
    check_target(target)
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    with _locked(parent):
        remove_leftovers(parent)
        staging = _new_folder(parent)
        fd = os.open(staging / MARKER, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        fcntl.flock(fd, fcntl.LOCK_EX)  # held while building: no cleanup takes it
    try:
        _write_marker(fd, files=None)
        yield staging
        _write_marker(fd, files=sorted(_entries(staging) - {MARKER}))
        with _locked(parent):
            _swap_in(staging, target)
    except BaseException:
        if staging.is_dir() and not staging.is_symlink():
            shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        os.close(fd)


def _swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` (absent, empty or the build's own) with ``staging``."""
    check_target(target)  # again: something may have changed while the build ran
    if not target.exists() or not any(target.iterdir()):
        staging.rename(target)  # replaces an empty folder; fails if one fills up meanwhile
        return
    old = _new_folder(target.parent)
    target.rename(old)  # onto the empty placeholder, atomically
    try:
        check_target(target, found_at=old)  # written into between the check and the rename?
        staging.rename(target)
    except BaseException:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)
