"""Word documents (.docx), with python-docx: paragraphs in document order with their heading
level (a "Heading N" style, or an outline level), list numbers as Word shows them (computed
from the numbering definitions), bullets, and tables as rows of cells (merged cells as empty
ones, the way a table copied into text shows them).

A .docx is a zip archive: before it is opened, the sizes its entries declare are checked, so
that a small file that would unpack into gigabytes is refused.
"""

import io
import re
import zipfile
from html import escape

from django.utils.translation import gettext as _
from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from exchange.documents.blocks import Block, UnreadableFile

MAX_UNPACKED = 200 * 1024 * 1024  # bytes, all entries together
MAX_ENTRIES = 5000
MAX_RATIO = 500  # unpacked / packed size of one entry
_HEADING_STYLE = re.compile(r"(heading|t[íi]tol|t[íi]tulo|titre|encabezado|capçalera)\s*(\d)",
                            re.IGNORECASE)


def check_archive(data: bytes) -> None:
    """Refuse archives that are not zip files or would unpack into too much."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as error:
        raise UnreadableFile(_("The file is not a Word document (.docx), or it is damaged."
                               )) from error
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise UnreadableFile(_("The Word document holds too many parts to be read."))
        total = 0
        for entry in entries:
            total += entry.file_size
            ratio = entry.file_size / max(entry.compress_size, 1)
            if total > MAX_UNPACKED or (entry.file_size > 1024 * 1024 and ratio > MAX_RATIO):
                raise UnreadableFile(_("The Word document would take too much space once "
                                       "unpacked; it cannot be read."))
        if "word/document.xml" not in {e.filename for e in entries}:
            raise UnreadableFile(_("The file is not a Word document (.docx), or it is "
                                   "damaged."))


def read(data: bytes) -> list[Block]:
    check_archive(data)
    try:
        document = Document(io.BytesIO(data))
        return _Reader(document).blocks()
    except UnreadableFile:
        raise
    except Exception as error:  # python-docx and lxml raise many kinds on a damaged file
        raise UnreadableFile(_("The Word document could not be read; it may be damaged."
                               )) from error


class _Numbering:
    """List numbers as Word computes them: per list definition, levels counting on, deeper
    levels starting again when a shallower one moves on."""

    FORMATS = {"decimal", "decimalZero", "lowerLetter", "upperLetter", "lowerRoman",
               "upperRoman", "bullet", "none"}

    def __init__(self, document):
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        self.started: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        for abstract in root.iterchildren(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.iterchildren(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                fmt = _val(lvl, "w:numFmt") or "decimal"
                text = _val(lvl, "w:lvlText") or ""
                start = int(_val(lvl, "w:start") or "1")
                levels[ilvl] = (fmt, text, start)
            self.abstract[abstract.get(qn("w:abstractNumId"))] = levels
        for num in root.iterchildren(qn("w:num")):
            overrides = {}
            for override in num.iterchildren(qn("w:lvlOverride")):
                start = _val(override, "w:startOverride")
                if start is not None:
                    overrides[int(override.get(qn("w:ilvl"), "0"))] = int(start)
            self.nums[num.get(qn("w:numId"))] = (_val(num, "w:abstractNumId") or "", overrides)

    def label(self, num_id: str, ilvl: int) -> tuple[str, bool]:
        """``(label, is_bullet)`` of the next item of list ``num_id`` at level ``ilvl``."""
        abstract_id, overrides = self.nums.get(num_id, ("", {}))
        levels = self.abstract.get(abstract_id, {})
        fmt, text, start = levels.get(ilvl, ("bullet" if not levels else "decimal",
                                             f"%{ilvl + 1}.", 1))
        if fmt == "bullet":
            return (text.strip() or "•")[:1], True
        counters = self.counters.setdefault(abstract_id, [0] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for level, value in overrides.items():
                counters[level] = value - 1
        if counters[ilvl] == 0 and ilvl not in overrides:
            counters[ilvl] = start - 1
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0

        def number(match):
            level = int(match.group(1)) - 1
            level_fmt = levels.get(level, ("decimal", "", 1))[0]
            value = counters[level] or levels.get(level, ("", "", 1))[2]
            return _format(value, level_fmt)

        return re.sub(r"%(\d)", number, text).strip(), False


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = "abcdefghijklmnopqrstuvwxyz"[(value - 1) % 26] * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)


def _roman(value: int) -> str:
    result = ""
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                            (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                            (4, "IV"), (1, "I")):
        while value >= number:
            result, value = result + letters, value - number
    return result


def _val(element, tag: str) -> str | None:
    child = element.find(qn(tag))
    return child.get(qn("w:val")) if child is not None else None


class _Reader:
    def __init__(self, document):
        self.document = document
        self.numbering = _Numbering(document)
        self.styles = {s.style_id: s for s in document.styles}

    def blocks(self) -> list[Block]:
        result: list[Block] = []
        for child in self._body_children(self.document.element.body):
            if child.tag == qn("w:p"):
                block = self.paragraph(child)
                if block is not None:
                    result.append(block)
            elif child.tag == qn("w:tbl"):
                result.append(Block("table", rows=self.table(child)))
        return result

    def _body_children(self, parent):
        for child in parent.iterchildren():
            if child.tag == qn("w:sdt"):  # content controls hold ordinary paragraphs
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from self._body_children(content)
            else:
                yield child

    def style_chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                return
            yield style
            base = style.element.find(qn("w:basedOn"))
            style_id = base.get(qn("w:val")) if base is not None else None

    def properties(self, p) -> tuple[int, tuple[str, int] | None]:
        """``(heading level or 0, (numId, ilvl) or None)`` from the paragraph and its style."""
        ppr = p.find(qn("w:pPr"))
        style_id = None
        heading, numbering = 0, None
        elements = []
        if ppr is not None:
            style = ppr.find(qn("w:pStyle"))
            style_id = style.get(qn("w:val")) if style is not None else None
            elements.append(ppr)
        for style in self.style_chain(style_id):
            match = _HEADING_STYLE.search(style.name or "")
            if match and not heading:
                heading = int(match.group(2))
            elif (style.name or "").lower() in ("title", "títol", "título", "titre") \
                    and not heading:
                heading = 1
            style_ppr = style.element.find(qn("w:pPr"))
            if style_ppr is not None:
                elements.append(style_ppr)
        for element in elements:
            outline = element.find(qn("w:outlineLvl"))
            if outline is not None and not heading:
                level = int(outline.get(qn("w:val"), "9"))
                if level < 9:
                    heading = level + 1
            num = element.find(qn("w:numPr"))
            if num is not None and numbering is None:
                num_id = num.find(qn("w:numId"))
                ilvl = num.find(qn("w:ilvl"))
                if num_id is not None and num_id.get(qn("w:val")) not in (None, "0"):
                    numbering = (num_id.get(qn("w:val")),
                                 int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else 0)
        return heading, numbering

    def paragraph(self, p) -> Block | None:
        paragraph = Paragraph(p, self.document)
        text = " ".join(paragraph.text.replace("\t", " ").split())
        if not text:
            return None
        heading, numbering = self.properties(p)
        emphasis = _all_runs(paragraph, "bold") or _all_runs(paragraph, "italic")
        if heading:
            if numbering is not None:
                label, bullet = self.numbering.label(*numbering)
                if label and not bullet:
                    text = f"{label} {text}"
            return Block("heading", text=text, level=min(heading, 6), emphasis=emphasis)
        if numbering is not None:
            label, bullet = self.numbering.label(*numbering)
            if bullet:
                return Block("paragraph", text=text, level=numbering[1],
                             marker="-" if label in "-–" else "•", emphasis=emphasis)
            return Block("paragraph", text=f"{label} {text}".strip(), level=numbering[1],
                         emphasis=emphasis)
        return Block("paragraph", text=text, emphasis=emphasis)

    def table(self, tbl) -> list[list[str]]:
        rows = []
        for tr in tbl.iterchildren(qn("w:tr")):
            row = []
            for tc in tr.iterchildren(qn("w:tc")):
                tcpr = tc.find(qn("w:tcPr"))
                span, continued = 1, False
                if tcpr is not None:
                    grid = tcpr.find(qn("w:gridSpan"))
                    if grid is not None:
                        span = max(1, int(grid.get(qn("w:val"), "1")))
                    merge = tcpr.find(qn("w:vMerge"))
                    continued = merge is not None and merge.get(qn("w:val")) != "restart"
                row.append("" if continued else self.cell(tc))
                row.extend([""] * (span - 1))
            rows.append(row)
        return rows

    def cell(self, tc) -> str:
        """A cell as a small HTML fragment: paragraphs, lists, bold."""
        parts, in_list = [], False
        for child in tc.iter(qn("w:p")):
            paragraph = Paragraph(child, self.document)
            text = " ".join(paragraph.text.split())
            if not text:
                continue
            _heading, numbering = self.properties(child)
            html = escape(text, quote=False)
            if _all_runs(paragraph, "bold"):
                html = f"<b>{html}</b>"
            if numbering is not None:
                label, bullet = self.numbering.label(*numbering)
                if not in_list:
                    parts.append("<ul>")
                    in_list = True
                item = html if bullet else f"{escape(label)} {html}"
                parts.append(f"<li>{item}</li>")
                continue
            if in_list:
                parts.append("</ul>")
                in_list = False
            parts.append(f"<p>{html}</p>")
        if in_list:
            parts.append("</ul>")
        return "".join(parts) if len(parts) != 1 or not parts[0].startswith("<p>") \
            else parts[0][3:-4]


def _all_runs(paragraph, attribute: str) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(getattr(r, attribute) or getattr(r.font, attribute) for r in runs)
