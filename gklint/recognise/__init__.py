"""Recognition: ``Document`` -> ``Report``, driven by the layouts (``gklint/layouts/*.yaml``).

Sections by heading aliases, tables by their official row and column labels, cells typed with their
raw text and source. The only stage that knows the official layout. ``recognise.recognise`` is the entry.
"""
