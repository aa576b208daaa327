"""Render a :class:`~playlister.notes.sheet.Sheet` through the templates shipped in the package.

Each format has its own Jinja environment, and each escapes every value for its syntax
without the template having to ask: HTML through Jinja's autoescaping, Markdown and text
through ``finalize`` (applied to every ``{{ … }}``). A filter that builds markup returns
``Markup``, which is passed through as it is. Restyling the sheet means editing
``templates/``, not this module.
"""

from __future__ import annotations

import re
import textwrap
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from playlister.notes.qr import svg as qr_svg
from playlister.notes.sheet import Link, Sheet

TEMPLATES = {"text": "sheet.txt.j2", "markdown": "sheet.md.j2", "html": "sheet.html.j2"}


def render(sheet: Sheet, fmt: str, *, width: int = 80) -> str:
    """``sheet`` in ``fmt`` ("text", "markdown" or "html"); text is wrapped to ``width``."""
    template = _environment(fmt).get_template(TEMPLATES[fmt])
    out = template.render(sheet=sheet, width=width)
    return out.rstrip("\n") + "\n"


@cache
def _environment(fmt: str) -> Environment:
    common: dict[str, Any] = {
        "loader": PackageLoader("playlister.notes", "templates"),
        "undefined": StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    if fmt == "html":
        env = Environment(autoescape=True, **common)
        env.filters.update(qr=qr_svg, whole=whole_words)
    elif fmt == "markdown":
        env = Environment(autoescape=False, finalize=_md_finalize, **common)
        env.filters.update(md_block=md_block, md_link=md_link, md_cell=md_cell)
    else:
        env = Environment(autoescape=False, **common)
        env.filters.update(wrap=wrap, underline=underline)
    return env


# ---------------------------------------------------------------- html

_HYPHENATED = re.compile(r"\w+(?:[-\u2010]\w+)+")


def whole_words(text: str) -> Markup:
    """``text`` escaped, each hyphenated word ("B-side", "one-off") kept on one line.

    A browser may break a line after any hyphen; a reader then meets "B-" at a line's end.
    """
    out = []
    last = 0
    for m in _HYPHENATED.finditer(text):
        out += [escape(text[last : m.start()]), Markup('<span class="whole">%s</span>') % m.group()]
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


# ---------------------------------------------------------------- markdown

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$!])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
_MD_LINE_START = re.compile(r"^(\d+)(?=[.)])|^(?=[-+=])")


def md(text: str) -> str:
    """Escape Markdown-significant characters so a value renders as typed."""
    return _MD_ENTITY.sub(r"\\&", _MD_SPECIAL.sub(r"\\\1", text))


def _md_finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return str(value)
    return md(str(value)) if isinstance(value, str) else value


def md_block(text: str) -> Markup:
    """Escape a paragraph, including what would make its start a list or a heading."""
    return Markup(_MD_LINE_START.sub(lambda m: (m[1] or "") + "\\", md(text), count=1))


def md_cell(text: str) -> Markup:
    """A table cell: escaped, and never empty (an em dash stands for nothing known)."""
    return Markup(md(text) if text else "—")


def md_link(link: Link) -> Markup:
    """``[label](url)`` for a web URL (characters that end the URL percent-encoded)."""
    if not link.is_web:
        return Markup(f"{md(link.label)}: {md(link.url)}")
    url = "".join(f"%{ord(c):02X}" if c in " ()<>[]\\`" else c for c in link.url)
    return Markup(f"[{md(link.label)}]({url})")


# ---------------------------------------------------------------- text


def wrap(
    text: str, width: int, indent: int | str = 0, first: str | None = None, url: bool = False
) -> str:
    """Wrap prose to ``width``; a line holding a URL never breaks inside it."""
    pad = " " * indent if isinstance(indent, int) else indent
    return "\n".join(
        textwrap.wrap(
            text,
            width,
            initial_indent=pad if first is None else first,
            subsequent_indent=pad,
            break_long_words=not url,
            break_on_hyphens=False,  # never "B-" / "side"
        )
    )


def underline(text: str, char: str = "=") -> str:
    """A rule as long as the longest line of ``text``."""
    return char * max((len(line) for line in text.splitlines()), default=0)
