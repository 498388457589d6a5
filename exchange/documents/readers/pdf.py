"""PDF documents, with pypdf: the text of each page with its position and size, put back
into headings (larger type), paragraphs (lines that follow each other closely), list items
(a bullet before the text) and tables (lines whose pieces stand in columns; a wider gap
between lines starts a new row).

A PDF has no structure of its own, so this is an approximation; a Word document, when there
is one, reads better. A file of more pages than a plan has, or whose reading takes longer
than a time limit, is refused, so that a hostile file cannot keep the server busy.
"""

import io
import re
import time
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from exchange.documents.blocks import Block, UnreadableFile

MAX_PAGES = 300
MAX_SECONDS = 30.0
PAGE = 10000.0  # points between the tops of two pages in the reading


@dataclass
class Piece:
    x0: float
    x1: float
    y: float
    height: float
    text: str


@dataclass
class Line:
    y: float
    height: float
    pieces: list[Piece] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.pieces[0].x0

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.pieces).strip()

    def columns(self) -> bool:
        """Its pieces stand apart, as the cells of a table row do."""
        return len(self.pieces) > 1 and not _BULLET.fullmatch(self.pieces[0].text)


def read(data: bytes) -> list[Block]:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile(_("The PDF is protected with a password; it cannot be read."))
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            raise UnreadableFile(_("The PDF has %(count)s pages; documents of up to %(limit)s "
                                   "pages can be read.") % {"count": len(pages),
                                                            "limit": MAX_PAGES})
        started = time.monotonic()
        lines: list[Line] = []
        for number, page in enumerate(pages):
            if time.monotonic() - started > MAX_SECONDS:
                raise UnreadableFile(_("The PDF took too long to read; it may be damaged."))
            offset = number * PAGE  # pages one after the other
            lines.extend(_page_lines(page, offset))
    except UnreadableFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError,
            RecursionError) as error:
        raise UnreadableFile(_("The PDF could not be read; it may be damaged.")) from error
    return blocks_from_lines(lines)


def _page_lines(page, offset: float) -> list[Line]:
    """The lines of a page, top to bottom, each with its pieces left to right."""
    pieces = _pieces(page)
    if pieces is None:  # the positioned reading failed: plain lines
        text = page.extract_text() or ""
        return [Line(offset + i * 12.0, 10.0, [Piece(0.0, 1.0, offset + i * 12.0, 10.0, t)])
                for i, t in enumerate(text.splitlines()) if t.strip()]
    lines: list[Line] = []
    for piece in sorted(pieces, key=lambda p: (p.y, p.x0)):
        piece.y += offset
        if lines and abs(lines[-1].y - piece.y) <= 1.5:
            lines[-1].pieces.append(piece)
        else:
            lines.append(Line(piece.y, piece.height, [piece]))
    for line in lines:
        line.pieces.sort(key=lambda p: p.x0)
        line.height = max(p.height for p in line.pieces)
    return lines


def _pieces(page) -> list[Piece] | None:
    """Positioned text through pypdf's layout reading (the pinned version's text state
    machinery): every character shown with its position and type size, gathered into pieces
    of text with no gap wider than half a letter between them."""
    try:
        from pypdf._text_extraction._layout_mode import _fixed_width_page as layout
        from pypdf._text_extraction._layout_mode._text_state_manager import TextStateManager
        from pypdf.generic import ArrayObject, ContentStream, StreamObject

        contents = page.get("/Contents")
        if contents is None:
            return []
        contents = contents.get_object()
        if not isinstance(contents, (ArrayObject, StreamObject)):
            return []
        fonts = page._layout_mode_fonts()
        operations = iter(ContentStream(contents, page.pdf, "bytes").operations)
        state = TextStateManager()
        shown = []
        for operands, operator in operations:
            if operator in (b"BT", b"q"):
                _groups, ops = layout.recurse_to_target_op(
                    operations, state, b"ET" if operator == b"BT" else b"Q", fonts, True)
                shown.extend(ops)
            elif operator == b"Tf":
                layout.set_font_operation(state, fonts, operands)
            else:
                state.set_state_param(operator, operands)
    except (ImportError, AttributeError, TypeError):
        return None
    shown = [op for op in shown if op.text and not op.rotated]
    shown.sort(key=lambda op: (round(op.ty, 0), op.tx))
    pieces: list[Piece] = []
    for op in shown:
        height = float(op.font_height) or 10.0
        last = pieces[-1] if pieces else None
        if last is not None and abs(last.y - op.ty) <= 1.5 \
                and -height < op.tx - last.x1 <= 0.45 * height:
            last.text += op.text
            last.x1 = max(last.x1, float(op.displaced_tx))
            continue
        if op.text.strip():
            pieces.append(Piece(float(op.tx), float(op.displaced_tx), float(op.ty), height,
                                op.text))
    for piece in pieces:
        piece.text = " ".join(piece.text.split())
    return [p for p in pieces if p.text]


def blocks_from_lines(lines: list[Line]) -> list[Block]:
    """Headings, paragraphs, list items and tables from positioned lines."""
    if not lines:
        return []
    sizes: dict[float, int] = {}
    for line in lines:
        size = round(line.height, 1)
        sizes[size] = sizes.get(size, 0) + len(line.text)
    body = max(sizes, key=sizes.get)
    heading_sizes = sorted((s for s in sizes if s >= body * 1.12), reverse=True)
    spacing = _line_spacing(lines, body)
    starts: dict[float, int] = {}
    for line in lines:
        if round(line.height, 1) == body:
            starts[round(line.x0)] = starts.get(round(line.x0), 0) + 1
    margin = min((x for x, n in starts.items() if n >= max(starts.values()) / 4), default=0.0)
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        size = round(line.height, 1)
        if size in heading_sizes:
            text, j = line.text, i + 1
            while j < len(lines) and round(lines[j].height, 1) == size \
                    and lines[j].y - lines[j - 1].y <= size * 1.6:
                text, j = f"{text} {lines[j].text}", j + 1
            blocks.append(Block("heading", text=" ".join(text.split()),
                                level=heading_sizes.index(size) + 1))
            i = j
            continue
        if line.columns():
            rows, i = _table(lines, i, spacing, heading_sizes)
            blocks.append(Block("table", rows=rows))
            continue
        block, i = _paragraph(lines, i, spacing, margin)
        blocks.append(block)
    return blocks


def _line_spacing(lines: list[Line], body: float) -> float:
    gaps = sorted(b.y - a.y for a, b in zip(lines, lines[1:], strict=False)
                  if 0 < b.y - a.y < body * 3 and round(a.height, 1) == body)
    return gaps[len(gaps) // 4] if gaps else body * 1.2


_BULLET = re.compile(r"^([•◦▪‣●○■□➢►\-–])\s*(.*)$")
_LABEL = re.compile(r"^(\d{1,3}[.)]|[A-Z][.)]|\(\d{1,3}\))\s")


def _paragraph(lines: list[Line], i: int, spacing: float,
               margin: float) -> tuple[Block, int]:
    """A paragraph or list item and the lines that continue it (same type size, close
    below, starting where its text starts)."""
    first = lines[i]
    text, marker, x = first.text, "", first.x0
    match = _BULLET.match(text)
    reach = 2.0
    if match:
        marker, text = "-" if match.group(1) in "-–" else "•", match.group(2)
        reach = 2.5 * first.height  # continuation lines start after the bullet
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if line.y - lines[j - 1].y > spacing * 1.35 or not -2.0 <= line.x0 - x <= reach \
                or round(line.height, 1) != round(first.height, 1) or line.columns() \
                or _BULLET.match(line.text) or _LABEL.match(line.text):
            break
        text, j = f"{text} {line.text}", j + 1
    level = 1 if marker and x > margin + 3 * first.height else 0
    return Block("paragraph", text=" ".join(text.split()), marker=marker, level=level), j


def _table(lines: list[Line], i: int, spacing: float,
           heading_sizes: list[float]) -> tuple[list[list[str]], int]:
    """The rows of a table starting at line ``i``: its columns are where its pieces start;
    a gap between lines wider than the text's own spacing starts a new row."""
    starts: list[float] = []
    j = i
    while j < len(lines):
        line = lines[j]
        if j > i and ((line.y - lines[j - 1].y > spacing * 3.2
                       and not _new_page(line, lines[j - 1]))
                      or round(line.height, 1) in heading_sizes):
            break
        if j > i and not line.columns() and not _near(line.x0, starts):
            break
        for piece in line.pieces:
            if not _near(piece.x0, starts):
                starts.append(piece.x0)
        j += 1
    starts.sort()
    rows: list[list[str]] = []
    current: list[list[str]] | None = None
    for k in range(i, j):
        line = lines[k]
        if current is None or (line.y - lines[k - 1].y > spacing * 1.3 and not (
                _new_page(line, lines[k - 1]) and not _near(line.x0, starts[:1]))):
            current = [[] for _ in starts]
            rows.append(current)  # type: ignore[arg-type]
        for piece in line.pieces:
            column = max(c for c, start in enumerate(starts) if start <= piece.x0 + 2.0)
            current[column].append(piece.text)
    return [[_cell(cell) for cell in row] for row in rows], j


def _cell(lines: list[str]) -> str:
    """The lines of a cell, joined where a sentence wraps and kept apart before a bullet or
    after a heading in capitals or a colon."""
    result: list[str] = []
    for line in lines:
        if result and not _BULLET.match(line) and not result[-1].isupper() \
                and not result[-1].endswith(":"):
            result[-1] = f"{result[-1]} {line}"
        else:
            result.append(re.sub(r"^[•◦▪‣●○■□➢►]\s*", "- ", line))
    return "\n".join(result)


def _new_page(line: Line, previous: Line) -> bool:
    return int(line.y // PAGE) != int(previous.y // PAGE)


def _near(x: float, starts: list[float]) -> bool:
    return any(abs(x - s) <= 2.0 for s in starts)
