"""Reading the narrative as an inspector does: sentences, the quantities they state, and what those count.

- ``sentences``: split a section's text into sentences and clauses, keeping offsets.
- ``quantities``: every number with its unit and the words around it, and why a number is not
  a count of this year (a date, a document number, a percentage, a range, a change, another year…).
- ``claims``: claim patterns (declared in ``rules/narrative.yaml``) tying a stated count to table cells.
- ``enumerations``: a stated total and the parts that follow it ("共…，其中…").
- ``zeros``: statements that something did not happen ("未收到政府信息公开申请").

Nothing here knows about diagnostics; ``gklint.engine.kinds.narrative`` turns findings into them.
"""
