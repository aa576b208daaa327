"""HTML reduced to the article's text, as light Markdown the finder already reads.

beautifulsoup4 with Python's own ``html.parser`` is used: well kept, pure Python, forgiving of
broken markup, and no compiled parser to install. Navigation, headers and footers outside the
article, scripts, styles, forms and asides are dropped. Links are kept as ``[text](url)`` and
YouTube embeds become their watch URL on a line of their own, so a video can attach to the
song beside it; italics become ``*text*`` (how album and film titles are set); headings
``#``; list items ``-`` or ``1.``.
"""

from __future__ import annotations

import re
import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag
from bs4.element import Comment, Doctype, NavigableString, ProcessingInstruction

from playlister.urls import video_id, youtube_video

_DROP = {
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "aside",
    "form",
    "button",
    "svg",
    "template",
    "select",
    "input",
    "textarea",
    "head",
    "menu",
    "dialog",
}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "table",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "figcaption",
    "header",
    "address",
    "hr",
    "body",
    "html",
}
_HEADINGS = {f"h{i}" for i in range(1, 7)}
# Deeper than this, elements are unwrapped (their text kept) before the recursive walk: 1,000
# nested <div>s or 200 nested tables would otherwise exhaust Python's recursion limit.
MAX_DEPTH = 60
_ITALIC = {"em", "i", "cite"}
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|footer|sidebar|share|sharing|"
    r"social|related|comments?|cookie|newsletter|advert|ads?|breadcrumbs?|"
    r"subscribe|promo)(?:$|[\s_-])",
    re.I,
)


def html_to_text(html: str) -> tuple[str, str | None]:
    """The article's text (light Markdown) and its title (first ``<h1>``, else ``<title>``)."""
    with warnings.catch_warnings():
        # a page that is only a URL or a file name is still the page's text
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(html, "html.parser")
    title_tag = soup.find("title")
    page_title = _squash(title_tag.get_text()) if isinstance(title_tag, Tag) else None
    _flatten_deep(soup)
    root: Tag = soup
    for name in ("article", "main"):
        found = soup.find(name)
        if isinstance(found, Tag):
            root = found
            break
    h1 = root.find("h1")
    title = _squash(h1.get_text()) if isinstance(h1, Tag) and h1.get_text().strip() else None
    out: list[str] = []
    _walk(root, out, root)
    text = "".join(out)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text + "\n", title or page_title or None


def _flatten_deep(soup: BeautifulSoup, limit: int = MAX_DEPTH) -> None:
    """Unwrap every element nested deeper than ``limit``, keeping its text and children.

    Done without recursion (bs4's ``descendants`` is a generator), deepest first, so the walk
    below never goes more than ``limit`` elements down.
    """
    depth: dict[int, int] = {id(soup): 0}
    deep: list[Tag] = []
    for node in soup.descendants:
        if isinstance(node, Tag):
            d = depth.get(id(node.parent), 0) + 1
            depth[id(node)] = d
            if d > limit:
                deep.append(node)
    for tag in reversed(deep):
        tag.unwrap()


def _left_out(child: Tag, name: str, root: Tag, skip: frozenset[str]) -> bool:
    """Scripts, navigation, a page's own header (outside the article) and what ``skip``
    names: nothing of them is read."""
    if name in _DROP or name in skip or name == "caption" or _is_chrome(child, root):
        return True
    return name == "header" and child.find_parent("article") is None and root.name != "article"


def _embed(frame: Tag) -> str:
    """An embedded YouTube video as its own line (the song's link), else nothing."""
    src = str(frame.get("src") or "")
    vid = video_id(src.replace("youtube-nocookie.com", "youtube.com")) if src else None
    return f"\n\n{youtube_video(vid)}\n\n" if vid else ""


def _walk(node: Tag, out: list[str], root: Tag, skip: frozenset[str] = frozenset()) -> None:
    number = 0  # the position of the next <li> of an <ol>: counted, not looked back for
    for child in node.children:
        if isinstance(child, Comment | Doctype | ProcessingInstruction):
            continue
        if isinstance(child, NavigableString):
            out.append(re.sub(r"\s+", " ", str(child)))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name.lower()
        if _left_out(child, name, root, skip):
            continue
        if name == "br":
            out.append("\n")
        elif name == "iframe":
            out.append(_embed(child))
        elif name in _HEADINGS:
            level = int(name[1])
            out.append(f"\n\n{'#' * level} {_inline(child, root)}\n\n")
        elif _class_labelled(child):
            out.append("\n\n" + "\n".join(_labelled_lines(child, root)) + "\n\n")
        elif name == "li":
            marker = "-"
            if node.name == "ol":
                number += 1
                # "1234. Title" would read as a year starting a sentence: past 999, a dash
                marker = f"{number}." if number < 1000 else "-"
            out.append(f"\n{marker} {_inline(child, root)}\n")
        elif name == "tr" and child.find("table") is not None:
            # a layout table (tables inside its cells): each cell is a block of the page
            for cell in child.find_all(["td", "th"], recursive=False):
                out.append("\n\n")
                _walk(cell, out, root)
                out.append("\n\n")
        elif name == "tr":
            out.append(_row(child, root))
        elif name in ("td", "th"):
            out.append(" " + _inline(child, root) + " |")
        elif name == "figure":
            # the caption first, so the embed's URL line follows the song it names
            out.append("\n\n")
            for cap in child.find_all("figcaption"):
                out.append(_inline(cap, root) + "\n\n")
            _walk(child, out, root, frozenset({"figcaption"}))
            out.append("\n\n")
        elif name in _BLOCK:
            out.append("\n\n")
            _walk(child, out, root)
            out.append("\n\n")
        elif name == "a":
            out.append(_link(child, root))
        elif name in ("strong", "b"):
            inner = _inline(child, root)
            out.append(f"**{inner}**" if inner.strip() else inner)
        elif name in _ITALIC:
            inner = _inline(child, root)
            out.append(f"*{inner}*" if inner.strip() else inner)
        else:
            _walk(child, out, root)


def _class_role(tag: Tag) -> str | None:
    """``Title`` or ``Artist`` when an element's class names the field it holds
    (``<p class="artist">``, ``<span class="track-title">``), else None."""
    classes: list[str] | str = tag.get("class") or []
    words = re.findall(
        r"[a-z]+", " ".join(classes if isinstance(classes, list) else [classes]).lower()
    )
    if any(w in ("artist", "artists", "performer", "band") for w in words):
        return "Artist"
    if any(w in ("title", "song", "track") for w in words) and "album" not in words:
        return "Title"
    return None


def _class_labelled(tag: Tag) -> bool:
    """Rule ``fields labelled by class``: a block whose child elements are a title and an
    artist by their class names (a BBC Sounds segment, a station's now-playing list)."""
    if tag.name.lower() in _HEADINGS or tag.name.lower() in ("a", "tr", "table"):
        return False
    roles = [_class_role(c) for c in tag.find_all(recursive=False) if isinstance(c, Tag)]
    return roles.count("Title") == 1 and roles.count("Artist") == 1


def _labelled_lines(tag: Tag, root: Tag) -> list[str]:
    """The block's children a line each, the title and the artist with their labels
    (``Title: Ring of Fire``), for the labelled records reader."""
    lines = []
    for c in tag.find_all(recursive=False):
        text = _inline(c, root)
        role = _class_role(c)
        if text:
            lines.append(f"{role}: {text}" if role else text)
    return lines


def _row(tr: Tag, root: Tag) -> str:
    """A table row as a Markdown row; a header row (all ``th``) gets the rule under it."""
    cells = [c for c in tr.find_all(["td", "th"]) if c.find_parent("tr") is tr]
    if not cells:
        return ""
    texts = [_inline(c, root).replace("|", "/") for c in cells]
    line = "\n| " + " | ".join(texts) + " |"
    if all(c.name == "th" for c in cells):
        line += "\n|" + "---|" * len(cells)
    return line


def _inline(node: Tag, root: Tag) -> str:
    parts: list[str] = []
    _walk(node, parts, root)
    return _squash("".join(parts).replace("\n", " "))


def _link(node: Tag, root: Tag) -> str:
    inner = _inline(node, root)
    href = str(node.get("href") or "").strip()
    if href.lower().startswith(("http://", "https://")) and inner:
        return f"[{inner}]({href.replace(' ', '%20').replace(')', '%29')})"
    return inner


def _is_chrome(tag: Tag, root: Tag) -> bool:
    if tag is root:
        return False
    role = str(tag.get("role") or "").lower()
    if role in ("navigation", "banner", "contentinfo", "complementary", "search"):
        return True
    classes: list[str] | str = tag.get("class") or []
    names = " ".join(classes if isinstance(classes, list) else [str(classes)])
    names += " " + str(tag.get("id") or "")
    return bool(names.strip()) and bool(_CHROME.search(names))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
