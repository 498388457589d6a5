"""Plain text and markdown: ``#`` headings, ``-`` and ``1.`` lists, ``**bold**`` and
``*italic*``, tables as tab-separated lines (their cells may hold HTML fragments).

Text copied out of a scanned or PDF document is often wrapped by hand; a line that breaks a
sentence is joined to the next one (see :func:`join_wrapped`).
"""

import re

from exchange.documents.blocks import Block
from exchange.documents.lines import bullet, is_noise, parse_label, trailing_marks

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^([-*•+])\s+(.*)$")
_TERMINAL = ".:;!?"


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read(data: bytes) -> list[Block]:
    return blocks_from_text(decode(data))


def blocks_from_text(text: str) -> list[Block]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    blocks: list[Block] = []
    lines: list[tuple[str, int]] = []  # (line, blank lines before it)
    blanks, i = 0, 0
    while i < len(raw):
        line = raw[i].rstrip()
        if "\t" in line and line.strip():
            rows, i = _table_rows(raw, i)
            _flush(lines, blocks)
            blocks.append(Block("table", rows=rows))
            blanks = 0
            continue
        if not line.strip():
            blanks += 1
        else:
            lines.extend((piece, blanks if n == 0 else 0)
                         for n, piece in enumerate(_unglue(line)))
            blanks = 0
        i += 1
    _flush(lines, blocks)
    return blocks


def _table_rows(raw: list[str], start: int) -> tuple[list[list[str]], int]:
    """The rows of the table starting at ``start`` (blank lines between rows allowed) and the
    index of the first line after it."""
    rows, i = [], start
    while i < len(raw):
        line = raw[i].rstrip("\n")
        if "\t" in line and line.strip():
            rows.append([cell.strip() for cell in line.split("\t")])
            i += 1
            continue
        if not line.strip():
            j = i
            while j < len(raw) and not raw[j].strip():
                j += 1
            if j < len(raw) and "\t" in raw[j] and j - i <= 2:
                i = j
                continue
        break
    return rows, i


def _unglue(line: str) -> list[str]:
    """Headings glued together by bold markers ("Objectiu 2.3**Impuls…****Mesures:**")
    come apart; other lines are kept whole."""
    if re.search(r"[^\s*]\*\*[^\s*]", line):
        return [piece for piece in line.split("**") if piece.strip()]
    return [line]


def _flush(lines: list[tuple[str, int]], blocks: list[Block]) -> None:
    paragraphs: list[Block] = []
    for line, blanks in lines:
        paragraphs.append(_block(line, blanks))
    blocks.extend(join_wrapped(paragraphs))
    lines.clear()


def _block(line: str, blanks: int) -> Block:
    indent = len(line) - len(line.lstrip(" "))
    stripped = line.strip()
    match = _HEADING.match(stripped)
    if match:
        text, emphasis = _clean(match.group(2))
        return Block("heading", text=text, level=len(match.group(1)), emphasis=emphasis)
    marker = ""
    match = _BULLET.match(stripped)
    if match and not stripped.startswith("** "):
        marker, stripped = match.group(1), match.group(2)
    text, emphasis = _clean(stripped)
    block = Block("paragraph", text=text, level=indent // 2, marker=marker, emphasis=emphasis)
    block.blanks_before = blanks  # used while joining, then ignored
    return block


def _clean(text: str) -> tuple[str, bool]:
    """Text without markdown emphasis; whether all of it was bold or italic."""
    text = text.strip()
    emphasis = bool(re.fullmatch(r"(\*\*|\*|__|_)(?=\S).*\S\1", text))
    keep = ""
    if text.startswith("** ") and text.count("**") % 2:  # a scanned bullet, not bold
        keep, text = "** ", text[3:]
    text = text.replace("**", "").replace("__", "")
    text = re.sub(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])", r"\1", text)
    if emphasis and text.startswith("*") and text.endswith("*"):
        text = text.strip("*")
    return keep + " ".join(text.split()), emphasis


def _opens_item(block: Block) -> bool:
    return bool(block.marker or bullet(block.text) or parse_label(block.text))


def join_wrapped(blocks: list[Block]) -> list[Block]:
    """Join lines that continue the sentence of the line before.

    A line starting with a small letter continues a line that does not end a sentence. In a
    text wrapped by hand (where that happens often), a long line that does not end a
    sentence is also continued by the next line that opens no item, even past one blank line
    or a stray line of noise ("g J").
    """
    paragraphs = [b for b in blocks if b.kind == "paragraph" and not b.marker]
    evidence = sum(1 for a, b in zip(paragraphs, paragraphs[1:], strict=False)
                   if a.text and a.text[-1] not in _TERMINAL and b.text[:1].islower())
    lengths = sorted(len(b.text) for b in paragraphs) or [0]
    width = lengths[int(len(lengths) * 0.9)]
    wrapped = evidence >= 3
    result: list[Block] = []
    for block in blocks:
        previous = next((b for b in reversed(result) if not is_noise(b.text)), None)
        if previous is not None and _continues(previous, block, wrapped=wrapped, width=width,
                                               after_noise=previous is not result[-1]):
            previous.text = f"{previous.text} {block.text}"
            continue
        result.append(block)
    return result


def _continues(previous: Block, block: Block, *, wrapped: bool, width: int,
               after_noise: bool) -> bool:
    if previous.kind != "paragraph" or block.kind != "paragraph" or block.marker:
        return False
    if not previous.text or not block.text or is_noise(block.text):
        return False
    if previous.text[-1] in _TERMINAL or getattr(block, "blanks_before", 0) > 1:
        return False
    if trailing_marks(previous.text)[1]:  # marks close an item
        return False
    if _opens_item(block):
        return False
    if after_noise and not wrapped:
        return False
    if block.text[0].islower():
        return True
    return wrapped and len(previous.text) >= 0.7 * width and not block.text[0].isdigit()
