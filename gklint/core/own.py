"""The marks gklint leaves on what it writes, so that a folder checked again knows its own outputs.

The writers (``gklint.output``) set them and the reader's sniffing (``gklint.read.sniff``) looks for them; both
import them from here, so the two cannot drift and neither layer imports the other.
"""

from __future__ import annotations

NAME = "gklint"
AUTHOR = NAME  # of the comments --annotate adds to a Word draft (w:author)
CREATOR = NAME  # of the workbook -f xlsx writes (dc:creator)
GENERATOR = NAME  # the review page's <meta name="generator" content="gklint VERSION">
