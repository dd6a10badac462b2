"""Coverage-guided fuzzing with atheris (libFuzzer), through the same hypothesis strategies.

    python -m fuzz.atheris_main [FORMAT] -max_total_time=600 -timeout=10 -rss_limit_mb=2048 [CORPUS_DIR]

atheris instruments gklint's code and feeds buffers that reach new branches; each buffer is turned
into an input by the format's strategy (``fuzz.mutators.from_buffer``: hypothesis's
``fuzz_one_input``), which is read with ``gklint.extract`` and checked with ``gklint.check``. A clean
``ReadError`` is fine; any other exception, a timeout (``-timeout``) or memory over ``-rss_limit_mb``
is a crash, which libFuzzer saves as ``crash-<sha1>`` (the buffer; replay it with
``python -m fuzz.atheris_main FORMAT crash-<sha1>``). FORMAT is one of json, txt, html, docx, pdf,
or "all" (the first byte of each buffer chooses the format). This runs in one process: use it to
explore, and ``python -m fuzz`` for the pooled, limited, counted runs.
"""

from __future__ import annotations

import os
import sys
import tempfile


def main() -> None:
    import atheris

    formats = ("json", "txt", "html", "docx", "pdf")
    chosen = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("-") and sys.argv[1] in (*formats, "all") \
        else "all"
    if len(sys.argv) > 1 and sys.argv[1] == chosen:
        del sys.argv[1]
    with atheris.instrument_imports(include=["gklint"]):
        import importlib
        import pkgutil

        import gklint
        from gklint.read.errors import ReadError

        for module in pkgutil.walk_packages(gklint.__path__, "gklint."):  # the readers are imported lazily
            if not module.name.endswith("__main__"):
                importlib.import_module(module.name)
    from fuzz.mutators import from_buffer

    directory = tempfile.mkdtemp(prefix="gklint-atheris-")

    def one_input(buffer: bytes) -> None:
        fmt = chosen if chosen != "all" else formats[buffer[0] % len(formats)] if buffer else "txt"
        # short buffers are padded: zeros make hypothesis draw its simplest choices
        drawn = from_buffer(fmt, (buffer[1:] if chosen == "all" else buffer) + bytes(4096))
        if drawn is None:
            return
        ext, data = drawn
        path = os.path.join(directory, "input" + ext)
        with open(path, "wb") as f:
            f.write(data)
        try:
            report = gklint.extract(path)
        except ReadError:
            return
        result = gklint.check(report)
        for d in result.diagnostics:
            if "运行出错（" in d.message:
                raise RuntimeError(d.message)

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
