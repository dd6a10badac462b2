"""The dependency-free core every layer imports, and which imports nothing of gklint's other packages.

- ``source``: where a value, block or finding is in the original file (``Source``).
- ``model``: the report model (``Report``, ``Table``, ``Cell``, ``Section``, ``Metadata``, ``Note``).
- ``diagnostic``: findings and results (``Diagnostic``, ``Location``, ``Part``, ``Excerpt``, ``FileResult``,
  ``TableView``, ``RuleInfo``, ``Result``): all an output needs.
- ``template``: the one filler of message templates (``choose``, ``fill``, ``pick``, ``bilingual``).
- ``numbers``: the one way a number is shown (``show_number``).
- ``text``: the one sentence splitter (``sentence_spans``, ``sentence_span``).
- ``numerals``: Chinese numerals (one parser, its inverse, one numbered-heading pattern).
- ``display``: text from outside made safe to print.

Only the standard library is imported here (``numerals`` imports cn2an on first use of a long numeral).
"""
