"""Traditional characters (繁體, as on portal pages with a 繁體 button) folded to simplified before recognition.

Only a document that is clearly in traditional script is converted (OpenCC ``t2s``, character by
character, which reverses what such buttons do); simplified text is left exactly as it is.

The decision is made on a sample (``SAMPLE`` characters taken from evenly spaced places of the
text), so a long simplified document costs one small conversion; the conversion itself is the C++
OpenCC library (the ``opencc`` package on PyPI), linear in the text.

Most documents are simplified, and building the converter costs more than the rest of the decision. So
the characters ``t2s`` may change are first read from OpenCC's own dictionaries (once: they are kept in
gklint's cache, keyed by the dictionaries' bytes): a sample with too few of them to pass the thresholds is
simplified without converting anything (``changes_at_most``).
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache
from pathlib import Path

from gklint.core import lazyre
from gklint.core.cache import cached
from gklint.read.document import Document

_CJK = lazyre.compile(r"[\u4e00-\u9fff]")
MIN_CHANGED = 10  # characters that differ after conversion (in the sample)
MIN_SHARE = 0.03  # of all CJK characters (in the sample)
SAMPLE = 20_000  # characters looked at to decide
_PIECES = 8  # places the sample is taken from, evenly spaced over a longer text


@cache
def _converter():
    from opencc import OpenCC

    config = _config()
    if config is not None:  # the very configuration (and dictionaries) ``changes_at_most`` reads
        return OpenCC(str(config))
    try:
        return OpenCC("t2s")
    except Exception:  # an OpenCC that wants the configuration file's name
        return OpenCC("t2s.json")


def convert(text: str) -> str:
    """``text`` in simplified script (OpenCC ``t2s``)."""
    return _converter().convert(text) if text else text


@cache
def _config() -> Path | None:
    """OpenCC's ``t2s.json`` in the data folder of the ``opencc`` package, found without importing it."""
    from importlib.util import find_spec

    try:
        spec = find_spec("opencc")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    config = Path(spec.origin).parent / "clib" / "share" / "opencc" / "t2s.json"
    return config if config.is_file() else None


def _dictionary_files(config: Path) -> list[list[Path]] | None:
    """The dictionary files of each step of the conversion ``config`` declares (its normalisation steps,
    then its conversion chain), or None when a step is not made of OpenCC dictionaries found beside it."""
    import json

    def files(spec: dict) -> list[Path] | None:
        if spec.get("type") == "group":
            found = [files(d) for d in spec.get("dicts", ())]
            return None if None in found else [f for part in found for f in part]
        path = config.parent / str(spec.get("file", ""))
        return [path] if spec.get("type") == "ocd2" and path.is_file() else None

    data = json.loads(config.read_bytes())
    steps = [files(step.get("dict") or {}) for step in [*data.get("normalization", ()), *data["conversion_chain"]]]
    return None if not steps or None in steps else steps


def _entries(path: Path, tool: Path) -> list[tuple[str, list[str]]]:
    """The entries (key, candidates) of an OpenCC dictionary, dumped as text by OpenCC's ``opencc_dict``."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        text = Path(folder) / "dict.txt"
        subprocess.run([str(tool), "-i", str(path), "-o", str(text), "-f", "ocd2", "-t", "text"],
                       check=True, capture_output=True, timeout=60)
        lines = text.read_text("utf-8").splitlines()
    return [(key, values.split(" ")) for key, _, values in (line.partition("\t") for line in lines)]


def _characters(steps: list[list[Path]], tool: Path) -> tuple[str, str]:
    """(the characters the last step may change in place, the characters for which a text is not bounded
    character by character: every character of a key some candidate of which has another length, and
    every character an earlier step may change), each a sorted string."""
    changeable: set[str] = set()
    unsafe: set[str] = set()
    for number, step in enumerate(steps):
        last = number == len(steps) - 1
        for path in step:
            for key, values in _entries(path, tool):
                for value in values:
                    if len(value) != len(key):
                        unsafe.update(key)
                    else:
                        (changeable if last else unsafe).update(k for k, v in zip(key, value) if k != v)
    return "".join(sorted(changeable - unsafe)), "".join(sorted(unsafe))


@cache
def _changed_characters() -> tuple[str, str] | None:
    """``_characters`` of OpenCC's ``t2s``: from the cache when kept for these very dictionaries, else read
    (None: OpenCC's data or its ``opencc_dict`` is not where the ``opencc`` package keeps them)."""
    config = _config()
    try:
        steps = _dictionary_files(config) if config is not None else None
        if steps is None:
            return None
        tool = config.parents[2] / "bin" / "opencc_dict"  # clib/share/opencc/t2s.json -> clib/bin
        inputs = [config.read_bytes(), *(path.read_bytes() for step in steps for path in step)]
        return cached("opencc-t2s", inputs, lambda: _characters(steps, tool))
    except Exception:  # data or tool not as this reading expects: the text is converted to decide
        return None


def _holds(chars: str, char: str) -> bool:
    """Whether the sorted string ``chars`` holds ``char`` (cheaper than making a set of thousands)."""
    at = bisect_left(chars, char)
    return at < len(chars) and chars[at] == char


def changes_at_most(text: str) -> int | None:
    """How many characters of ``text`` OpenCC's ``t2s`` may change at most (the conversion then keeps the
    length), without converting; None when that is not known (a character it may not convert one for
    one, or no dictionaries to read)."""
    known = _changed_characters()
    if known is None:
        return None
    changeable, unsafe = known
    present = set(text)
    if any(_holds(unsafe, c) or "\ud800" <= c <= "\udfff" for c in present):  # OpenCC refuses lone surrogates
        return None
    return sum(text.count(c) for c in present if _holds(changeable, c))


def sample(text: str, size: int = SAMPLE) -> str:
    """At most ``size`` characters of ``text``: all of it when short, else pieces from evenly spaced places."""
    if len(text) <= size:
        return text
    piece = size // _PIECES
    starts = [round(k * (len(text) - piece) / (_PIECES - 1)) for k in range(_PIECES)]
    return "".join(text[s:s + piece] for s in starts)


def is_traditional(document: Document) -> bool:
    text = sample("\n".join(document.texts()))
    most = changes_at_most(text)
    if most is not None and most < MIN_CHANGED:  # too few characters could change
        return False
    cjk = len(_CJK.findall(text))
    if not cjk or most is not None and most / cjk < MIN_SHARE:
        return False
    converted = convert(text)
    if len(converted) != len(text):  # t2s is character for character; be safe if a phrase changed length
        changed = sum(a != b for a, b in zip(text, converted)) or abs(len(converted) - len(text))
    else:
        changed = sum(a != b for a, b in zip(text, converted))
    return changed >= MIN_CHANGED and changed / cjk >= MIN_SHARE


def simplify(document: Document) -> tuple[Document, bool]:
    """(the document in simplified script, whether it was converted)."""
    if not is_traditional(document):
        return document, False
    return document.mapped(convert), True
