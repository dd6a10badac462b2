"""A text reader that misbehaves on chosen file names, to test the batch's budgets by their outcome.

``install()`` replaces ``gklint.read.text.read_text`` in this process (and so in the worker processes
forked from it): a file whose name starts with ``hang`` never returns; one whose name starts with ``hog``
allocates far more memory than any limit allows. Other files are read as usual. Run as a script, it
installs itself and runs the gklint command line with the given arguments.
"""

from __future__ import annotations

import os
import sys
import time


def install() -> None:
    import gklint.read.text as text

    original = text.read_text

    def read_text(path, data, *args, **kwargs):
        name = os.path.basename(str(path))
        if name.startswith("hang"):
            while True:
                time.sleep(1)
        if name.startswith("hog"):
            hoard = []
            while True:
                hoard.append(bytearray(256 * 1024 * 1024))
        return original(path, data, *args, **kwargs)

    text.read_text = read_text


if __name__ == "__main__":
    install()
    from gklint.cli import main

    sys.argv = ["gklint", *sys.argv[1:]]
    main()
