"""The dependency-free core every layer imports, and which imports nothing of gklint's other packages.

- ``source``: where a value, block or finding is in the original file (``Source``).
- ``model``: the report model (``Report``, ``Table``, ``Cell``, ``Section``, ``Metadata``, ``Note``).
- ``diagnostic``: findings and results (``Diagnostic``, ``Location``, ``Part``, ``FileResult``, ``Result``).
- ``display``: text from outside made safe to print.
- ``numerals``: Chinese numerals (one parser, one heading-number pattern).

Only the standard library is imported here (``numerals`` imports cn2an on first use of a long numeral).
"""
