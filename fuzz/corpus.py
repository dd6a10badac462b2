"""The corpus of failing inputs: one input per failure signature, with a JSON sidecar.

``fuzz/corpus/<signature>.input<ext>`` holds the input (gzip-compressed, ``….input<ext>.gz``, when it
is larger than ``RAW_LIMIT``); ``fuzz/corpus/<signature>.json`` says what happened and how it was found.
A signature keeps its smallest input: a later, smaller one replaces it. Inputs still larger than
``GZ_LIMIT`` compressed are not stored (the sidecar names the generator seed instead, and the replay
test regenerates the input from it).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
RAW_LIMIT = 64 * 1024
GZ_LIMIT = 512 * 1024


@dataclass
class Entry:
    sidecar: Path
    meta: dict

    @property
    def name(self) -> str:
        return self.sidecar.stem

    def data(self) -> bytes:
        stored = self.meta.get("file")
        if stored:
            raw = (self.sidecar.parent / stored).read_bytes()
            return gzip.decompress(raw) if stored.endswith(".gz") else raw
        from fuzz.runner import Limits, bounded_generate

        ext, data = bounded_generate(self.meta["format"], self.meta["found"]["seed"], Limits())
        return data


def entries(directory: Path = CORPUS) -> list[Entry]:
    return [Entry(p, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(directory.glob("*.json"))
            if ".input." not in p.name]  # a JSON input is <signature>.input.json


def save(outcome, directory: Path, found: dict) -> str | None:
    """Store the failing input unless its signature already has one as small; returns the path written."""
    directory.mkdir(parents=True, exist_ok=True)
    sidecar = directory / f"{outcome.signature}.json"
    if sidecar.exists():
        old = json.loads(sidecar.read_text(encoding="utf-8"))
        if old.get("file") and old.get("size", 1 << 62) <= outcome.size:
            return None
        if old.get("file"):
            (directory / old["file"]).unlink(missing_ok=True)
    ext = outcome.ext or ".noext"
    data = outcome.data or b""
    name: str | None = f"{outcome.signature}.input{ext}"
    if not data:  # the input was not kept (its worker died): the seed in "found" regenerates it
        name = None
    elif len(data) > RAW_LIMIT:
        packed = gzip.compress(data, 9, mtime=0)
        name = f"{name}.gz" if len(packed) <= GZ_LIMIT else None
        data = packed
    if name:
        (directory / name).write_bytes(data)
    meta = {
        "signature": outcome.signature,
        "format": outcome.fmt,
        "ext": outcome.ext,
        "file": name,
        "size": outcome.size,
        "kind": outcome.kind,
        "message": outcome.message,
        "trace": outcome.trace,
        "seconds": round(outcome.seconds, 2),
        "found": {**found, "input": outcome.id, "date": dt.date.today().isoformat()},
    }
    sidecar.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return str(directory / (name or sidecar.name))


def relative(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return path
