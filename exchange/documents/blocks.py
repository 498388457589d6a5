"""What every reader turns a document into: a list of blocks in reading order.

A block is a heading, a paragraph (possibly a list item) or a table. Readers keep what the file
tells for sure (a Word heading style, a list's numbering, a table's cells) and nothing more;
deciding what a block *means* is the recogniser's work (``lines.py``, ``tables.py``,
``build.py``), which is the same for every format.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape


@dataclass
class Block:
    kind: str  # "heading", "paragraph" or "table"
    text: str = ""  # plain text, markup removed (headings and paragraphs)
    level: int = 0  # a heading's level (1–6); a list item's depth (0 is the outermost)
    marker: str = ""  # a list item's bullet or number as printed: "-", "•", "1.", "a)"
    rows: list[list[str]] = field(default_factory=list)  # a table's cells (may hold HTML)
    emphasis: bool = False  # the whole paragraph is bold or italic
    numbered_heading: bool = False  # a heading whose number the file (not the text) gives

    @property
    def is_item(self) -> bool:
        return bool(self.marker)

    def source(self) -> str:
        """The block as a person would quote it (for the list of text not placed)."""
        if self.kind == "table":
            return "\n".join(" | ".join(c for c in cell_texts(row) if c) for row in self.rows
                             if any(cell_texts(row)))
        prefix = f"{self.marker} " if self.marker else ""
        return prefix + self.text


# HTML fragments in table cells ------------------------------------------------------------

_TAG = re.compile(r"<[^>]+>")
_TYPED_BULLET = re.compile(r"(?:^|\s)[•◦▪‣]\s")
_TYPED_BULLET_IN_LIST = re.compile(r"(?:^|\s)[•◦▪‣\-–]\s")
_BLOCK_TAG = re.compile(r"<\s*(/?)\s*(p|div|br|li|ul|ol|tr|h[1-6])\b[^>]*>", re.IGNORECASE)


def html_lines(value: str) -> list[str]:
    """The lines of a cell that may hold HTML fragments (``<p>``, ``<ul><li>``, ``<br>``).

    List items become ``- item`` lines, indented two spaces per nesting level; a bullet typed
    inside the item (``•``, ``◦``, ``-``) is dropped. Text without tags is split on line breaks.
    """
    if not value:
        return []
    if "<" not in value:
        return [line.strip() for line in value.split("\n") if line.strip()]
    lines: list[str] = []
    parts: list[str] = []
    depth, item_depth = 0, None

    def flush():
        nonlocal item_depth
        text = " ".join(unescape(_TAG.sub(" ", "".join(parts))).split())
        parts.clear()
        if not text:
            return
        # Bullets typed inside the text: "• one • two", or "- one - two" inside a list.
        bullets = _TYPED_BULLET_IN_LIST if depth or item_depth else _TYPED_BULLET
        pieces = [p.strip() for p in bullets.split(text)]
        first, items = pieces[0], [p for p in pieces[1:] if p]
        if item_depth is not None:
            if first:
                lines.append("  " * max(0, item_depth - 1) + "- " + first)
            item_depth = None
        elif first:
            lines.append(text if not items else first)
        lines.extend("  " * max(0, depth - 1) + "- " + item for item in items)

    position = 0
    for match in _BLOCK_TAG.finditer(value):
        parts.append(value[position:match.start()])
        position = match.end()
        closing, tag = match.group(1), match.group(2).lower()
        flush()
        if tag in ("ul", "ol"):
            depth = max(0, depth - 1) if closing else depth + 1
        elif tag == "li" and not closing:
            item_depth = max(depth, 1)
    parts.append(value[position:])
    flush()
    return lines


@lru_cache(maxsize=4096)
def cell_text(value: str) -> str:
    """A cell as one line of plain text."""
    return " ".join(re.sub(r"^\s*- ", "", line) for line in html_lines(value)).strip()


def cell_texts(row: list[str]) -> list[str]:
    return [cell_text(c) for c in row]


def is_bold_cell(value: str) -> bool:
    """The whole cell is bold (``<b>…</b>``, or ``**…**`` in text)."""
    stripped = re.sub(r"^(<p[^>]*>\s*)+|(\s*</p>)+$", "", value.strip(), flags=re.IGNORECASE)
    return bool(re.fullmatch(r"(<(b|strong)>.*</(b|strong)>|\*\*[^*].*\*\*)", stripped,
                             re.IGNORECASE | re.DOTALL))


class UnreadableFile(Exception):
    """A reader cannot read the file; the message says why, in the user's language."""
