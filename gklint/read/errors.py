"""The one error a reader raises when a file cannot be read: it names the file and the problem."""

from __future__ import annotations


class ReadError(Exception):
    """A file that cannot be read (unsupported, damaged, hostile, encrypted, scanned...).

    ``message`` is meant for the user (Chinese); ``where`` optionally narrows the place
    (a page, a zip entry).
    """

    def __init__(self, path: str, message: str, where: str | None = None):
        super().__init__(path, message, where)
        self.path = path
        self.message = message
        self.where = where

    def __str__(self) -> str:
        """One printable line: control characters of a file or entry name are escaped (``printable``)."""
        from gklint.core.display import printable

        return printable(": ".join(part for part in (self.path, self.where, self.message) if part))
