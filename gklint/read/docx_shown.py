"""What Word shows of a paragraph: hidden text is not published, nor is a footnote's own mark.

A run is hidden by ``w:vanish`` (or ``w:specVanish``, always hidden) in its own properties, else in its
character style, else in its paragraph's style (each style with the styles it is based on); an explicit
``w:val="0"`` shows it again. A footnote or endnote reference whose mark is typed (``customMarkFollows``: "10*"
in a cell) is a note mark, not text. A paragraph mark that is deleted (a tracked change) or hidden runs the
paragraph into the next one, as Word shows it once the change is accepted.
"""

from __future__ import annotations

import functools

from docx.oxml.ns import qn

from gklint.read.docx_styles import inherited

_OFF = ("0", "false", "off")
_HIDING = (qn("w:vanish"), qn("w:specVanish"))
_NOTE_REFERENCES = (qn("w:footnoteReference"), qn("w:endnoteReference"))
_MARK_GONE = (qn("w:del"), qn("w:moveFrom"), *_HIDING)


def _on(el) -> bool:
    return el.get(qn("w:val"), "1").lower() not in _OFF


def _hidden_by(rpr) -> bool | None:
    """True or False when the run properties say (hidden, or shown again), None when they do not."""
    if rpr is None:
        return None
    said = [_on(el) for el in map(rpr.find, _HIDING) if el is not None]  # lxml's find: no walk in Python
    return any(said) if said else None


class Shown:
    """The hiding rules of one document's styles."""

    def __init__(self, styles) -> None:
        elements = styles.findall(qn("w:style")) if styles is not None else []
        self.styles = {st.get(qn("w:styleId")): st for st in elements}
        self.default_paragraph = next((st.get(qn("w:styleId")) for st in elements
                                       if st.get(qn("w:type")) == "paragraph" and _on_attr(st, "w:default")), None)
        self.style_hides = functools.cache(self._style_hides)
        # whether any style hides text at all: most documents' styles do not, and then no run needs its styles
        self.styles_hide = any(map(_style_hiding, elements))

    def _style_hides(self, style_id: str | None) -> bool | None:
        return inherited(self.styles, style_id, _style_hiding)

    def paragraph_style(self, p) -> str | None:
        ppr = p.find(qn("w:pPr"))
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        return style.get(qn("w:val")) if style is not None else self.default_paragraph

    def not_text(self, r, paragraph_style: str | None) -> bool:
        """Whether run ``r`` is not published text: hidden, or a note's typed mark."""
        if any(el is not None and _on_attr(el, "w:customMarkFollows") for el in map(r.find, _NOTE_REFERENCES)):
            return True
        rpr = r.find(qn("w:rPr"))
        said = _hidden_by(rpr)
        if not self.styles_hide:
            return bool(said)
        if said is None and rpr is not None and (char_style := rpr.find(qn("w:rStyle"))) is not None:
            said = self.style_hides(char_style.get(qn("w:val")))
        if said is None:
            said = self.style_hides(paragraph_style)
        return bool(said)


def _style_hiding(style) -> bool | None:
    return _hidden_by(style.find(qn("w:rPr")))


def _on_attr(el, name: str) -> bool:
    value = el.get(qn(name))
    return value is not None and value.lower() not in _OFF


def runs_into_next(p) -> bool:
    """Whether paragraph ``p``'s mark is deleted or hidden: its text runs into the next paragraph's."""
    ppr = p.find(qn("w:pPr"))
    rpr = ppr.find(qn("w:rPr")) if ppr is not None else None
    return rpr is not None and any(el.tag in _MARK_GONE and (el.tag not in _HIDING or _on(el)) for el in rpr)
