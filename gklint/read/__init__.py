"""Reading: bytes -> ``Document`` (paragraphs and table grids, each with its ``Source``).

Knows file formats, nothing of the official layout; imports only ``gklint.core`` and itself.
The format is chosen by content (``sniff``); ``open.read_document`` calls the reader.
"""
