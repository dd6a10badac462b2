"""Numbers as gklint compares and shows them: ``tidy`` (binary noise rounded away) and ``show_number``,
the one way a number is shown in a message, a table excerpt or an output."""

from __future__ import annotations


def tidy(value):
    """A float rounded to 6 decimals, and an int when whole (sums of amounts in 万元 carry binary noise);
    anything else as it is."""
    if isinstance(value, float):
        value = round(value, 6)
        if value.is_integer():
            return int(value)
    return value


def show_number(value) -> str:
    """A number as a person writes it: 3 (not 3.0), 0.35, 0.3 (not 0.30000000000000004); "—" for no value.

    Floats are rounded to 6 decimals (sums of amounts in 万元 carry binary noise), whole ones shown
    without a point; anything else as ``str`` shows it.
    """
    return "—" if value is None else str(tidy(value))
