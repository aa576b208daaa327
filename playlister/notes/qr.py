"""QR codes for the sheet: inline SVG from ``segno`` (pure Python, no imaging library).

Error correction level M survives a crease or a smudge on paper; the quiet zone of four
modules that the QR standard asks for is part of the SVG (drawn white), so a code still reads
when the sheet is printed on tinted paper or shown on a dark screen. The SVG has no size of
its own: the stylesheet gives it one (small on screen, a fixed width in millimetres on paper).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

if TYPE_CHECKING:
    import segno

QUIET_ZONE = 4  # modules, as ISO/IEC 18004 asks
ERROR = "m"


def make(url: str) -> segno.QRCode:
    """The code for ``url``; one place, so the sheet and the tests encode alike."""
    import segno  # only the HTML sheet has codes: text and Markdown never load it

    return segno.make_qr(url, error=ERROR)


def svg(url: str, *, css_class: str = "qr") -> Markup:
    """``url`` as an inline ``<svg>`` element, safe to put into the HTML unescaped.

    Hidden from screen readers: the link around it and its caption say where it goes.
    """
    code = make(url)
    markup = code.svg_inline(
        border=QUIET_ZONE,
        omitsize=True,
        svgclass=css_class,
        lineclass=None,
        dark="#000",
        light="#fff",
    )
    return Markup(markup.replace("<svg ", '<svg aria-hidden="true" ', 1))
