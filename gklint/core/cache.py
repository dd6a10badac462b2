"""What gklint may compute again, kept between runs in the user's cache folder.

Parsing the built-in rule packs' and layouts' YAML is a good part of a cold start, and so is building every
parameter model to know whether the packs pass their check. Each result depends only on some bytes (a
file's, gklint's code, the versions of the libraries used): it is kept in the user's cache folder
($GKLINT_CACHE_DIR, else $XDG_CACHE_HOME/gklint, else ~/.cache/gklint; GKLINT_CACHE_DIR="" turns it off)
under a key that is the hash of all it depends on: an edited file or module never gets what was kept for
the old one, one file per name keeps the folder small, and a folder that cannot be read or written only
means computing again.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["CACHE_ENV", "cache_dir", "cached", "keep"]

CACHE_ENV = "GKLINT_CACHE_DIR"
_CACHE_FORMAT = b"gklint cache 1"


def cache_dir() -> Path | None:
    """Where gklint keeps what it may compute again (None: nowhere)."""
    folder = os.environ.get(CACHE_ENV)
    if folder is not None:
        return Path(folder) if folder else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "gklint"


def cached(name: str, inputs: list[bytes], compute):
    """What ``compute()`` gives, a function of ``inputs`` (bytes) only: from the cache file ``name`` when
    it was kept for these very inputs, else computed (and kept, replacing what was kept for others)."""
    import hashlib
    import pickle

    key = hashlib.sha256(b"\0".join([_CACHE_FORMAT, name.encode(), *inputs])).hexdigest()
    folder = cache_dir()
    path = folder / f"{''.join(c if c.isalnum() or c in '-_.' else '_' for c in name)}.pickle" if folder else None
    if path is not None:
        try:
            with open(path, "rb") as f:
                stored, data = pickle.load(f)
            if stored == key:
                return data
        except Exception:  # absent, unreadable or not ours: computed
            pass
    data = compute()
    if path is not None:
        keep(path, pickle.dumps((key, data), protocol=pickle.HIGHEST_PROTOCOL))
    return data


def keep(path: Path, blob: bytes) -> None:
    """Write ``blob`` to ``path`` whole or not at all (another gklint may be reading it)."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(blob)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:  # a read-only home or cache folder: no cache
        pass
