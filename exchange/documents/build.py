"""From the blocks of a document to a draft plan: the tree of elements with their levels,
codes and links, the bodies, the text sections, and every piece of text not placed.

The builder reads the blocks once, in order, keeping a stack of the elements open at that
point. How deep a new element goes is told, in this order, by: a heading's level; a code
("1.2" sits under "1"); the kind of its label — an element labelled the way an open one is
("A.", "B." or "Objectiu 1.1", "Objectiu 1.2") is its sibling, a new kind of label opens a
level below. Level names come from the document ("Mesures:", "LÍNIES D'ACTUACIÓ", a
label "Eix de treball 1", a table's header) or, failing that, from the usual name of the
level below its parent (Eix → Objectiu, Programa → Actuació).
"""

import re
from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext as _

from exchange.documents import lines as L
from exchange.documents import tables as T
from exchange.documents.blocks import Block, cell_text, html_lines

ACTION_LEVELS = {"Acció", "Actuació", "Subactuació", "Subacció", "Mesura", "Acció destacada",
                 "Projecte", "Projecte de ciutat", "Tasca"}


@dataclass
class Node:
    """An element of the draft tree."""

    title: str
    level: str = ""
    label: str = ""
    label_kind: str = ""  # named, code, dotted, number, letter, small, paren, or "" (none)
    origin: str = "item"  # heading, named, item, glyph, para, group, row, card, placed
    code: str = ""
    parent: "Node | None" = None
    children: list["Node"] = field(default_factory=list)
    description: list[str] = field(default_factory=list)  # light markup lines
    sections: list[tuple[str, str, list[str]]] = field(default_factory=list)
    highlighted: bool = False
    continuity: bool = False
    agreement: bool = False
    action_type: str = ""
    instruments: list[str] = field(default_factory=list)
    scopes: list[str] = field(default_factory=list)
    budget: list[str] = field(default_factory=list)
    source_codes: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    involved: list[str] = field(default_factory=list)
    calendar: list[tuple[int | None, int | None]] = field(default_factory=list)
    links: list[tuple[str, str | None]] = field(default_factory=list)  # (code, level name)
    marks: list[str] = field(default_factory=list)
    shouted: bool = False  # its title was written in capitals
    ends_with_colon: bool = False

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Frame:
    node: Node
    sig: tuple
    rank: int | None = None  # the heading level that opened it, if a heading did


@dataclass
class Section:
    kind: str
    title: str
    rank: int
    lines: list[str] = field(default_factory=list)
    scope: int = 0  # the level of the outermost heading of the text it belongs to
    scope_kind: str = ""  # and that heading's kind


@dataclass
class Body:
    acronym: str
    name: str
    kind: str = "team"
    functions: str = ""
    periodicity: str = ""
    holders: str = ""


@dataclass
class Reading:
    """What the builder found; :func:`exchange.documents.draft_document` writes it out."""

    title: str = ""
    roots: list[Node] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    title_years: list[int] = field(default_factory=list)
    tables: int = 0
    legend: tuple[str, str] | None = None  # the marks of continuity and of the agreement


_PLACEMENT = re.compile(
    r"^(?:(?:el|la|l')\s*)?(programa|projecte|l[ií]nia|eix|objectiu|mesura|actuaci[oó]|"
    r"acci[oó])\s+(.+?)\s+(?:es troba|s'inscriu|forma part|pertany|se encuentra|forma parte)"
    r"\s+(?:dins|a|en|de)?\s*(?:de\s+)?(?:l'|el\s|la\s|del\s)?(.+?)\s*:?\s*$", re.IGNORECASE)
_PLAN_TITLE = re.compile(
    r"\b((?:Proposta de )?(?:Pla|Plan|Programa|Estratègia|Estrategia)\b[^.:\n|]{0,80}?"
    r"\b(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?)", re.IGNORECASE)
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*[-–/]\s*((?:19|20)\d{2})\b")


class Builder:
    def __init__(self, blocks: list[Block]):
        self.blocks = blocks
        self.reading = Reading()
        self.stack: list[Frame] = []
        self.section: Section | None = None
        self.pending_level: tuple[Node | None, str] | None = None
        self.pending_title: Node | None = None
        self.contents: list[tuple[str | None, str]] = []
        self.contents_blocks: set[int] = set()
        self.furniture: dict[str, int] = {}
        self.furniture_seen: set[str] = set()
        self.heading_note: str | None = None  # a report's own heading, placed only with text
        self.level_of: dict[tuple[int, tuple], str] = {}
        self.glyph_first: dict[int, tuple] = {}  # per parent: the first class of bullet met
        self.by_code: dict[str, Node] = {}
        self.referenced: list[tuple[str, Body]] = []
        self.monitoring: int | None = None  # the level of a heading over monitoring results
        self.last_table: T.Layout | None = None
        self.last_block_was_table = False
        self.plain_text = not any(b.kind == "heading" for b in blocks)

    # the pass -----------------------------------------------------------------------------

    def run(self) -> Reading:
        self.scan()
        for index, block in enumerate(self.blocks):
            following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
            if index in self.contents_blocks:
                self.unplace(block.source())
            elif block.kind == "table":
                self.table(block)
                self.last_block_was_table = True
                continue
            elif block.kind == "heading":
                self.heading(block.text, block.level)
            else:
                self.paragraph(block, following)
            self.last_block_was_table = False
        self.close_section()
        self.add_referenced_bodies()
        return self.reading

    def scan(self) -> None:
        """Before reading: the table of contents, lines repeated on every page, the title."""
        counts: dict[str, int] = {}
        for block in self.blocks:
            if block.kind == "paragraph" and not block.marker:
                counts[block.text] = counts.get(block.text, 0) + 1
        for text, count in counts.items():
            shouting = L.is_shouting(text) and len(text.split()) <= 5
            if (count >= 3 or (count >= 2 and shouting)) and not L.parse_label(text) \
                    and not L.heading_number(text) and len(text) < 120 \
                    and not L.level_heading(text) and not L.is_noise(text):
                self.furniture[text] = count
        self.find_contents()
        self.find_title()

    def find_contents(self) -> None:
        start = None
        for index, block in enumerate(self.blocks):
            text = block.text if block.kind != "table" else ""
            if block.kind in ("heading", "paragraph") and L.is_contents_heading(text):
                start = index
                self.contents_blocks.add(index)
                continue
            if block.kind == "table":
                if T.layout(block.rows).kind == "contents":
                    self.contents_blocks.add(index)
                    for row in block.rows:
                        texts = [cell_text(c) for c in row if cell_text(c)]
                        if texts:
                            self.contents.append(L.contents_entry(texts[0]))
                    start = start if start is not None else index
                continue
            if L.is_contents_line(text):
                self.contents_blocks.add(index)
                self.contents.append(L.contents_entry(text))
                start = start if start is not None else index
                continue
            if start is not None and self.contents and block.kind == "paragraph":
                number = L.heading_number(text.lstrip("-• "))
                seen = {n for n, _t in self.contents}
                if number and number not in seen and len(text) < 100 and not \
                        text.rstrip().endswith("."):
                    self.contents_blocks.add(index)
                    self.contents.append(L.contents_entry(text))
                    continue
                start = None

    def find_title(self) -> None:
        for block in self.blocks[:80]:
            if block.kind == "table":
                continue
            match = _PLAN_TITLE.search(block.text)
            if match and len(block.text) < 160:
                title = match.group(1).strip()
                self.reading.title = L.tidy_title(title)
                self.reading.title_years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", title)]
                return
        for block in self.blocks[:20]:
            if block.kind != "table" and block.text and not L.is_noise(block.text) \
                    and not L.parse_label(block.text):
                self.reading.title = L.tidy_title(block.text)[:300]
                return

    # headings -----------------------------------------------------------------------------

    def heading(self, text: str, rank: int, *, report: bool = False) -> None:
        """A heading: of a text section, of an element, of a level ("Mesures:"), the plan's
        title, or (``report``) a heading of the document itself, listed in its contents."""
        text = text.strip()
        if not text:
            return
        if L.is_contents_heading(text):
            self.close_section()
            self.unplace(text)
            return
        if self.monitoring is not None and rank <= self.monitoring:
            self.monitoring = None
        if L.is_monitoring_heading(text):
            self.close_section()
            if self.monitoring is None:
                self.monitoring = rank
            self.heading_note = text
            return
        label = L.parse_label(text)
        kind = L.section_kind(text)
        level = L.level_heading(L.strip_number(text))
        section = self.section
        if section is not None and section.scope < rank and not (
                label and label.kind == "named"):
            title = L.tidy_title(L.strip_number(text))
            if rank > section.rank and (not kind or kind == section.kind):
                self.add_section_heading(text)
            else:  # the next part of the same text, perhaps of another kind
                self.close_section(quietly=True)
                self.open_section(kind or section.scope_kind, title, rank)
                self.section.scope, self.section.scope_kind = section.scope, section.scope_kind
            return
        self.close_section()
        self.pop_rank(rank)
        if label and label.kind == "named":
            self.open_labelled(label, rank=rank)
        elif kind:
            self.open_section(kind, L.tidy_title(L.strip_number(text)), rank)
        elif level:
            self.level_heading(level)
        elif label and label.kind in ("code", "dotted", "number", "paren", "letter") \
                and not self.is_report_heading(text):
            self.open_labelled(label, rank=rank)
        elif self.is_title_text(text):
            return
        elif report or self.is_report_heading(text):
            self.heading_note = text
        else:
            self.open_section("other", L.tidy_title(L.strip_number(text)), rank)

    def is_title_text(self, text: str) -> bool:
        match = _PLAN_TITLE.search(text)
        title = L.fold(self.reading.title)
        if not title:
            return False
        return bool(match and (L.fold(match.group(1)) in title or title in L.fold(text))
                    or L.fold(L.tidy_title(text)) == title)

    def is_report_heading(self, text: str) -> bool:
        """A heading of the report itself, listed in its table of contents."""
        if not self.contents:
            return False
        number = L.heading_number(text)
        title = L.fold(L.strip_number(text)).strip(" .:")
        for entry_number, entry_title in self.contents:
            if number and entry_number == number:
                return True
            if entry_title and title and (title.startswith(entry_title)
                                          or entry_title.startswith(title)):
                return True
        return False

    def pop_rank(self, rank: int) -> None:
        while self.stack:
            ranks = [f.rank for f in self.stack if f.rank is not None]
            if not ranks or min(ranks) < rank and self.stack[-1].rank is not None \
                    and self.stack[-1].rank < rank:
                break
            if self.stack[-1].rank is not None and self.stack[-1].rank < rank:
                break
            self.stack.pop()
        self.pending_level = None

    def inferred_heading(self, block: Block) -> tuple[str, int] | None:
        """A paragraph of plain text that is a heading: ``(kind, rank)``. Kinds: "report" (in
        the table of contents), "section", "area" (a numbered heading in capitals)."""
        if block.marker or block.kind != "paragraph":
            return None
        text = block.text
        if len(text) > 140:
            return None
        number = L.heading_number(text)
        rank = (number.count(".") + 1) if number else 1
        if self.contents and self.is_report_heading(text):
            return "report", rank
        if not self.plain_text:
            return None
        first = text.split()[0] if text.split() else ""
        if L.section_kind(text) and not number and (L.is_shouting(first) and len(first) > 3
                                     or len(text.split()) <= 6 and not text.endswith(".")):
            return "section", rank
        label = L.parse_label(text)
        if label and label.kind in ("number", "dotted") and not self.contents:
            head = re.sub(r"\([^)]*\)", "", re.split(r":\s", label.title)[0])
            letters = [c for c in head if c.isalpha()]
            if len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) >= 0.5:
                return "area", rank
        return None

    # paragraphs ---------------------------------------------------------------------------

    def paragraph(self, block: Block, following: Block | None) -> None:
        text = block.text.strip()
        if not text:
            return
        if text in self.furniture:
            self.page_furniture(text)
            return
        if L.is_noise(text):
            if re.search(r"[A-Za-zÀ-ÿ0-9]", text):
                self.unplace(text)
            return
        inferred = self.inferred_heading(block)
        if inferred:
            kind, rank = inferred
            if kind == "area":
                self.close_section()
                self.pop_rank(rank)
                label = L.parse_label(text)
                self.open_area(label, rank)
                return
            if kind == "section":
                self.heading(text, rank)
                return
            self.heading(text, rank, report=True)
            return
        if self.section is not None:
            self.section_line(block)
            return
        if self.monitoring is not None:
            self.unplace(block.source())
            return
        if not self.stack and self.is_title_text(text) and len(text) < 160:
            return
        if self.heading_note and L.is_involved_heading(self.heading_note) \
                and self.context() is not None and len(T.split_names(text)) >= 3 \
                and T.is_names_list(text):
            self.heading_note = None
            self.add_bodies(self.context(), text, "involved")
            return
        if self.placement(text):
            return
        level = L.level_heading(text) if not block.marker else None
        if level and len(text) < 60:
            self.level_heading(level)
            return
        label = L.parse_label(text)
        if label and (label.title or label.kind == "named"):
            self.open_labelled(label, block=block)
            return
        glyph = L.bullet(text) if not block.marker else None
        if block.marker or glyph:
            self.list_item(block, glyph)
            return
        if self.is_group(text, following):
            self.open_group(text)
            return
        self.plain(text, block, following)

    # elements -----------------------------------------------------------------------------

    def top(self) -> Node | None:
        return self.stack[-1].node if self.stack else None

    def push(self, node: Node, sig: tuple, *, rank: int | None = None,
             parent: Node | None = None, explicit_parent: bool = False) -> Node:
        """Put ``node`` in the tree: as a sibling of an open element labelled alike, else under
        the element on top (or under ``parent`` when given)."""
        if explicit_parent:
            while self.stack and self.stack[-1].node is not parent:
                self.stack.pop()
        elif rank is None:
            for depth in range(len(self.stack) - 1, -1, -1):
                if self.stack[depth].sig == sig:
                    del self.stack[depth:]
                    break
        parent = self.top() if not explicit_parent else parent
        if node.label_kind in ("dotted", "named") and "." in node.label:
            owner = self.by_code.get(L.code_key(node.label.rsplit(".", 1)[0]))
            if owner is not None and owner is not parent and owner.level != node.level:
                while self.stack and self.stack[-1].node is not owner:
                    self.stack.pop()
                parent = owner if self.stack else None
        existing = self.same_element(node, parent)
        if existing is not None:  # a heading repeated on the next page
            while self.stack and self.stack[-1].node is not existing.parent:
                self.stack.pop()
            self.stack.append(Frame(existing, sig, rank))
            return existing
        node.parent = parent
        if not node.level:
            node.level = self.level_for(parent, sig, node)
        self.level_of[(id(parent), sig)] = node.level
        (parent.children if parent else self.reading.roots).append(node)
        self.stack.append(Frame(node, sig, rank))
        if node.label_kind in ("named", "code", "dotted", "paren"):
            self.by_code.setdefault(L.code_key(node.label), node)
        self.apply_level_flags(node)
        return node

    def same_element(self, node: Node, parent: Node | None) -> Node | None:
        if not node.label or node.label_kind not in ("named", "code", "dotted", "number",
                                                      "paren"):
            return None
        siblings = parent.children if parent else self.reading.roots
        for sibling in siblings:
            if sibling.label == node.label and sibling.level == (node.level or sibling.level) \
                    and sibling.label_kind == node.label_kind:
                if node.title and not sibling.title:
                    sibling.title = node.title
                return sibling
        return None

    def level_for(self, parent: Node | None, sig: tuple, node: Node) -> str:
        if self.pending_level is not None and self.pending_level[0] is parent:
            return self.pending_level[1]
        known = self.level_of.get((id(parent), sig))
        if known:
            return known
        if parent is None:
            if node.label_kind == "code":
                return _level_from_prefix(node.label)
            if node.origin == "card":
                return L.PROJECT
            return L.ITEM
        return L.child_level_name(parent.level)

    def apply_level_flags(self, node: Node) -> None:
        if "destacad" in L.fold(node.level):
            node.highlighted = True

    def open_labelled(self, label: L.Label, *, rank: int | None = None,
                      block: Block | None = None) -> Node:
        title, marks = L.trailing_marks(label.title)
        node = Node(title="", label=label.label, label_kind=label.kind,
                    origin="named" if label.kind == "named" else (
                        "heading" if rank is not None else "item"),
                    level=label.level or "")
        self.set_title(node, title, marks)
        if label.kind == "paren":
            node.origin = "card"
        sig = ("named", label.level) if label.kind == "named" else (
            ("code", L.code_prefix(L.code_key(label.label)) or "")
            if label.kind == "code" else (label.kind, label.label.count(".")))
        if block is not None and block.marker:
            sig = sig + ("in-list",)
        if self.section is not None:
            self.close_section()
        node = self.push(node, sig, rank=rank)
        if not node.title:
            self.pending_title = node
        return node

    def open_area(self, label: L.Label, rank: int) -> None:
        head = re.split(r":\s", label.title)[0]
        node = Node(title="", label=label.label, label_kind=label.kind, origin="heading",
                    level=L.TOP_AREA)
        if "continuaci" in L.fold(head):
            head = re.sub(r"\s*\(continuaci\w*\)\s*", " ", head, flags=re.IGNORECASE).strip()
        self.set_title(node, head, [])
        if not L.is_shouting(head):
            node.title = L.tidy_title(L.sentence_case(head) if sum(
                c.isupper() for c in head) > len(head) / 3 else head)
        node.shouted = True
        self.push(node, ("area",), rank=rank)

    def open_group(self, text: str) -> None:
        """A short line ending in a colon that gathers the items below it ("Agroecologia:")."""
        owner = self.owner()
        title = text.rstrip().rstrip(":").strip()
        description = ""
        match = re.match(r"^(.+?)\s*\((.+)\)$", title)
        if match:
            title, description = match.group(1), match.group(2)
        level = L.GROUP
        if owner is not None:
            found = L.level_name_at_start(owner.title)
            if found and found[1]:
                level = found[0]
        node = Node(title=L.tidy_title(title), origin="group", level=level)
        if description:
            node.description.append(description[:1].upper() + description[1:].rstrip(".") + ".")
        if owner is not None:
            while self.stack and self.stack[-1].node is not owner:
                self.stack.pop()
        else:
            self.stack.clear()
        self.push(node, ("group",), explicit_parent=True, parent=owner)

    def owner(self) -> Node | None:
        """The element a level heading or a group belongs to: the nearest one opened by a
        heading or a named label (not a list item)."""
        for frame in reversed(self.stack):
            if frame.node.origin in ("heading", "named", "card", "placed") or \
                    frame.node.label_kind in ("code",) and frame.rank is not None:
                return frame.node
        return None

    def level_heading(self, level: str) -> None:
        owner = self.owner()
        if owner is not None:
            while self.stack and self.stack[-1].node is not owner:
                self.stack.pop()
        else:
            self.stack.clear()
        self.pending_level = (owner, level)

    def is_group(self, text: str, following: Block | None) -> bool:
        if not text.endswith(":") or len(text.split()) > 16 or not self.stack:
            return False
        if following is None or following.kind != "paragraph":
            return False
        if L.trailing_marks(text)[1]:
            return False
        title = re.sub(r"\s*\(.*\)\s*:$", ":", text)
        if len(title.split()) > 7:
            return False
        nxt = following.text
        return bool(following.marker or L.bullet(nxt) or nxt[:1].isupper()) \
            and self.owner() is not None and self.top() is not None \
            and self.top().origin in ("glyph", "para", "group", "heading", "named")

    def set_title(self, node: Node, text: str, marks: list[str]) -> None:
        text, more = L.trailing_marks(text)
        marks = marks + more
        node.shouted = L.is_shouting(text)
        node.ends_with_colon = text.rstrip().endswith(":")
        title, rest = L.split_title(text) if node.origin in ("item", "glyph", "row") else (
            L.tidy_title(text), "")
        node.title = title
        if rest:
            node.description.append(rest)
        node.marks = marks

    def list_item(self, block: Block, glyph: tuple[str, str] | None) -> None:
        """An item of a list: an element, or part of the text of the element above (a list
        after a sentence ending in a colon, or under an item made of a paragraph)."""
        top = self.top()
        text = glyph[1] if glyph else block.text
        if block.marker and top is not None and (top.origin == "para" or (
                top.description and not top.children and top.origin != "group"
                and (top.description[-1].rstrip().endswith(":")
                     or top.description[-1].lstrip().startswith("- ")))):
            top.description.append(f"{'  ' * block.level}- {L.trailing_marks(text)[0]}")
            return
        klass = glyph[0] if glyph else ("dash" if block.marker in "-–" else "arrow")
        sig = ("list", klass, 0 if glyph else block.level)
        if top is not None and top.origin == "para" and self.stack[-1].sig != sig:
            self.stack.pop()  # an item made of a paragraph holds no list
            top = self.top()
        depth = sum(1 for f in self.stack if f.sig[0] == "list")
        if depth >= 2 and top is not None and not any(f.sig == sig for f in self.stack):
            # a third level of bullets: the text of the item above
            top.description.append(f"- {L.trailing_marks(text)[0]}")
            return
        if top is None and not self.reading.roots and self.pending_level is None:
            self.unplace(block.source())
            return
        node = Node(title="", origin="glyph" if glyph or klass == "arrow" else "item")
        self.set_title(node, text, [])
        self.push(node, sig)

    def plain(self, text: str, block: Block, following: Block | None) -> None:
        if self.pending_title is not None:
            node, self.pending_title = self.pending_title, None
            title, marks = L.trailing_marks(text)
            self.set_title(node, title, marks)
            return
        top = self.top()
        if top is None:
            self.unplace(text)
            return
        if L.is_url(text):
            top.description.append(text.strip())
            return
        stripped = text.strip()
        if block.emphasis and stripped.startswith("(") and stripped.endswith(")"):
            stripped = stripped[1:-1].strip()
        if top.origin == "para":
            if L.is_prose(stripped) or not L.is_title_like(stripped):
                top.description.append(stripped)
            else:
                self.child_paragraph(top.parent, stripped)
            return
        if top.origin == "glyph":
            self.lost_bullet(top, stripped)
            return
        if top.origin == "group":
            if top.children or not L.is_prose(stripped):
                self.child_paragraph(top, stripped)
            else:
                top.description.append(stripped)
            return
        if top.origin in ("item", "row") and top.label_kind in ("letter", "number", "small",
                                                               "dotted", "code"):
            nxt = following.text if following is not None and following.kind == "paragraph" \
                else ""
            next_plain = bool(nxt) and not following.marker and not L.parse_label(nxt) \
                and not L.level_heading(nxt) and not L.bullet(nxt)
            if L.is_prose(stripped) and not top.children and (next_plain or top.description):
                top.description.append(stripped)
            elif not L.is_title_like(stripped) and top.children:
                top.children[-1].description.append(stripped)
            else:
                self.child_paragraph(top, stripped)
            return
        if top.children:
            self.unplace(text)
            return
        top.description.append(stripped)

    def child_paragraph(self, parent: Node | None, text: str) -> None:
        node = Node(title="", origin="para")
        self.set_title(node, text, [])
        if parent is not None:
            while self.stack and self.stack[-1].node is not parent:
                self.stack.pop()
        self.push(node, ("para",), explicit_parent=True, parent=parent)

    def lost_bullet(self, top: Node, text: str) -> None:
        """A line of a scanned list whose bullet was lost: a sub-item of an item ending in a
        colon, a sibling of a sub-item without bullet, else an item of the first level."""
        if top.ends_with_colon and not top.children:
            self.child_paragraph(top, text)
            return
        first = None
        for frame in self.stack:
            if frame.sig[0] == "list":
                first = frame
                break
        if first is None:
            self.child_paragraph(top, text)
            return
        node = Node(title="", origin="glyph")
        self.set_title(node, text, [])
        self.push(node, first.sig)

    def placement(self, text: str) -> bool:
        """"El programa X es troba dins l'Objectiu estratègic transversal:" — the element
        and the one it sits in, whose title is the next paragraph."""
        match = _PLACEMENT.match(text.strip())
        if not match:
            return False
        found = L.level_name_at_start(match.group(3))
        child = L.level_name_at_start(match.group(1))
        if not found or not child:
            return False
        parent = Node(title="", origin="placed", level=found[0])
        qualifier = found[2].strip(" :")
        if qualifier:
            parent.description.append(f"{found[0]} {qualifier}.")
        self.stack.clear()
        self.push(parent, ("placed", found[0]), explicit_parent=True, parent=None)
        name = match.group(2).strip()
        node = Node(title=L.tidy_title(name), origin="placed", level=child[0],
                    shouted=L.is_shouting(name))
        self.push(node, ("placed", child[0]), explicit_parent=True, parent=parent)
        self.pending_title = parent
        return True

    # sections -----------------------------------------------------------------------------

    def open_section(self, kind: str, title: str, rank: int) -> None:
        self.close_section()
        self.stack = [f for f in self.stack if f.rank is not None and f.rank < rank]
        self.section = Section(kind, title, rank, scope=rank, scope_kind=kind)

    def add_section_heading(self, text: str) -> None:
        title = L.tidy_title(L.strip_number(text))
        if title:
            self.section.lines.append(f"### {title}")

    def section_line(self, block: Block) -> None:
        text = block.text.strip()
        if block.marker:
            self.section.lines.append("  " * block.level + "- " + text)
            return
        glyph = L.bullet(text)
        if glyph:
            depth = 0 if glyph[0] in ("box", "dash") else 1
            self.section.lines.append("  " * depth + "- " + L.trailing_marks(glyph[1])[0])
            return
        if block.emphasis and text.startswith("(") and text.endswith(")"):
            text = text[1:-1]
        self.section.lines.append(text)

    def close_section(self, *, quietly: bool = False) -> None:
        """End the text section being read. One left without text is listed as not placed
        (unless a part of it follows: ``quietly``)."""
        if self.section is None:
            return
        section, self.section = self.section, None
        if section.lines:
            self.reading.sections.append(section)
        elif section.title and not quietly:
            self.unplace(section.title)

    def page_furniture(self, text: str) -> None:
        if text in self.furniture_seen:
            return
        self.furniture_seen.add(text)
        legend = re.fullmatch(r"([@●■★✓◆])\s+(.+?)\s+([@●■★✓◆])\s+(.+)", text)
        if legend:
            self.reading.sections.append(Section(
                "legend", "Llegenda", 0, [f"- {legend.group(2)}", f"- {legend.group(4)}"]))
            self.reading.legend = (legend.group(1), legend.group(3))
            return
        self.unplace(f"{text} (×{self.furniture[text]})")

    # tables -------------------------------------------------------------------------------

    def table(self, block: Block) -> None:
        self.reading.tables += 1
        for rows in _segments(block.rows):
            self.table_segment(rows)

    def table_segment(self, rows: list[list[str]]) -> None:
        shape = T.layout(rows)
        if shape.kind in ("other", "card") and self.last_table is not None \
                and self.last_block_was_table:
            # a table that goes on over a page break without its header
            shape = T.Layout(self.last_table.kind, self.last_table.columns, 0)
        if shape.kind in ("actions", "calendar"):
            self.last_table = shape
        body_rows = [r for r in rows if any(cell_text(c) for c in r)]
        if shape.caption:
            self.unplace(shape.caption)
            body_rows = body_rows[1:]
        data = body_rows[shape.header_rows - (1 if shape.caption else 0):] \
            if shape.header_rows else body_rows
        if shape.kind == "bodies":
            self.bodies_table(shape, data)
        elif shape.kind in ("actions", "calendar"):
            self.actions_table(shape, data)
        elif shape.kind == "card":
            self.card_table(body_rows)
        elif shape.kind == "contents":
            self.unplace("\n".join(" | ".join(cell_text(c) for c in r if cell_text(c))
                                   for r in body_rows))
        elif self.section is not None:
            for row in body_rows:
                self.section.lines.append(" — ".join(cell_text(c) for c in row if cell_text(c)))
        else:
            self.unplace_rows(body_rows)

    def unplace_rows(self, rows: list[list[str]]) -> None:
        for row in rows:
            texts = [" ".join(html_lines(c)) for c in row if not L.is_noise(cell_text(c))]
            if texts:
                self.unplace(" | ".join(texts))

    def bodies_table(self, shape: T.Layout, rows: list[list[str]]) -> None:
        roles = [c.role for c in shape.columns]
        for row in rows:
            values = {role: row[i] for i, role in enumerate(roles) if i < len(row)}
            acronym, name = T.split_body_name(values.get("name", ""))
            if not name:
                self.unplace_rows([row])
                continue
            body = Body(acronym=acronym, name=name, kind=body_kind(name),
                        functions=cell_text(values.get("functions", "")),
                        periodicity=T.periodicity(values.get("periodicity", "")),
                        holders=cell_text(values.get("holders", "")))
            self.add_body(body)
        if self.section is not None and not self.section.lines:
            self.section.lines.append("")

    def add_body(self, body: Body) -> Body:
        for known in self.reading.bodies:
            if (body.acronym and known.acronym == body.acronym) or (
                    L.fold(known.name) == L.fold(body.name)):
                for name in ("functions", "periodicity", "holders"):
                    if getattr(body, name) and not getattr(known, name):
                        setattr(known, name, getattr(body, name))
                if known.name == known.acronym and body.name != body.acronym:
                    known.name, known.kind = body.name, body.kind
                return known
        self.reading.bodies.append(body)
        return body

    def context(self) -> Node | None:
        """The element a table's rows belong to (None: the top of the plan)."""
        if self.pending_level is not None:
            return self.pending_level[0]
        for frame in reversed(self.stack):
            if frame.node.origin in ("heading", "named", "placed", "card", "group"):
                return frame.node
        return self.top()

    def actions_table(self, shape: T.Layout, rows: list[list[str]]) -> None:
        self.close_section()
        self.reading.years.extend(c.year for c in shape.columns if c.year)
        enrich_only = self.monitoring is not None
        parent = self.context()
        level = self.pending_level[1] if self.pending_level else None
        title_column = next((c for c in shape.columns if c.role == "title"), None)
        if title_column is not None and title_column.header:
            found = L.level_name_at_start(re.sub(r"^nom de (l'|la |el )?", "",
                                                 L.fold(title_column.header)))
            if found:
                level = found[0]
        prefixes = self.link_prefixes(shape, rows)
        stats = T.ColumnStats()
        for row in rows:
            placed, _left = T.align_row(row, shape.columns, link_prefixes=prefixes)
            for index, value in placed.items():
                stats.add(index, value)
        parsed = []
        for row in rows:
            placed, left = T.align_row(row, shape.columns, stats=stats, link_prefixes=prefixes)
            parsed.append((row, placed, left))
        nodes = self.match_rows(parent, [self.row_title(shape, placed)
                                         for _r, placed, _l in parsed])
        previous: Node | None = None
        instrument = ""
        for (row, placed, left), existing in zip(parsed, nodes, strict=True):
            label, title, description = self.row_title(shape, placed)
            if not title:
                if previous is not None and placed:
                    self.fill_row(previous, shape, placed, carry="")
                    self.unplace_cells(left)
                else:
                    self.unplace_rows([row])
                continue
            node = existing
            if node is None and enrich_only:
                self.unplace_rows([row])
                continue
            if node is None:
                node = Node(title="", origin="row", label=label or "",
                            label_kind="number" if label else "", level=level or "")
                self.set_title(node, title, [])
                node.shouted = L.is_shouting(title)
                if description:
                    node.description.extend(description)
                sig = ("row", id(shape))
                if parent is not None:
                    while self.stack and self.stack[-1].node is not parent:
                        self.stack.pop()
                self.push(node, sig, explicit_parent=True, parent=parent)
                if self.stack and self.stack[-1].node is node:
                    self.stack.pop()
            else:
                self.merge_title(node, title, description)
            instrument = self.fill_row(node, shape, placed, carry=instrument)
            self.unplace_cells(left, node)
            previous = node
        self.infer_missing_links(shape)

    def row_title(self, shape: T.Layout, placed: dict[int, str]) -> tuple[str, str, list[str]]:
        index = next((i for i, c in enumerate(shape.columns) if c.role == "title"), None)
        if index is None or index not in placed:
            return "", "", []
        cell_lines = [re.sub(r"^\s*-\s*", "- ", line) for line in html_lines(placed[index])]
        if not cell_lines:
            return "", "", []
        first, rest = cell_lines[0], cell_lines[1:]
        label = L.parse_label(first)
        if label and label.kind == "number" and label.title:
            return label.label, label.title, rest
        return "", first.lstrip("- "), rest

    def match_rows(self, parent: Node | None, titles: list[tuple[str, str, list[str]]]
                   ) -> list[Node | None]:
        """Rows naming elements already read (in an earlier table of the same part): by
        code, by their words, and the rest by position when the tables list as many."""
        candidates = [n for n in (parent.children if parent else self.reading.roots)
                      if n.origin == "row"]
        result: list[Node | None] = [None] * len(titles)
        used: set[int] = set()
        for i, (label, title, _d) in enumerate(titles):
            for node in candidates:
                if id(node) in used:
                    continue
                if (label and node.label == label) or (title and _similar(node.title, title)):
                    result[i] = node
                    used.add(id(node))
                    break
        rows = [t for t in titles if t[1]]
        if candidates and len(rows) == len(candidates) and any(result):
            for i, (_label, title, _d) in enumerate(titles):
                if result[i] is None and title:
                    position = [t for t in titles[:i] if t[1]]
                    node = candidates[len(position)] if len(position) < len(candidates) \
                        else None
                    if node is not None and id(node) not in used:
                        result[i] = node
                        used.add(id(node))
        return result

    def merge_title(self, node: Node, title: str, description: list[str]) -> None:
        title = L.tidy_title(title)
        if node.shouted and not L.is_shouting(title):
            old = node.title
            node.title, node.shouted = title, False
            node.description.insert(0, old.upper())
        for line in description:
            if line not in node.description:
                node.description.append(line)

    def fill_row(self, node: Node, shape: T.Layout, placed: dict[int, str], *,
                 carry: str) -> str:
        instrument = carry
        for index, column in enumerate(shape.columns):
            value = placed.get(index)
            role = column.role
            if value is None:
                continue
            text = cell_text(value)
            if role == "instrument":
                instrument = re.sub(r"\s+", " ", text)
            elif role == "scope":
                for scope in T.split_scopes(value):
                    if scope not in node.scopes:
                        node.scopes.append(scope)
            elif role == "calendar":
                if T.is_mark(value):
                    mark = (column.year, column.quarter)
                    if mark not in node.calendar:
                        node.calendar.append(mark)
            elif role == "responsible":
                self.add_bodies(node, text, "responsible")
            elif role == "involved":
                if T.is_names_list(text) or T.is_acronyms(text):
                    self.add_bodies(node, text, "involved")
                else:
                    self.unplace(f"{node.title}: {' '.join(html_lines(value))}")
            elif role == "budget":
                if text not in node.budget:
                    node.budget.append(text)
            elif role == "link":
                for code in L.codes_in(text):
                    if (code, column.level) not in node.links:
                        node.links.append((code, column.level))
            elif role == "type":
                node.action_type = text
            elif role == "description":
                node.description.extend(html_lines(value))
            elif role != "title":
                header = column.header or ""
                self.unplace(f"{node.title} — {header}: {' '.join(html_lines(value))}"
                             if header else f"{node.title}: {text}")
        if any(c.role == "instrument" for c in shape.columns) and instrument \
                and instrument not in node.instruments:
            node.instruments.append(instrument)
        return instrument

    def add_bodies(self, node: Node, text: str, role: str) -> None:
        """Bodies named in a cell, by acronym ("CT ST") or by name; those the document does
        not define elsewhere are added once it has been read."""
        names = text.split() if T.is_acronyms(text) else T.split_names(text)
        target = node.responsible if role == "responsible" else node.involved
        for name in names:
            acronym, full = ("", name) if not T.is_acronyms(name) else (name, name)
            if not acronym:
                acronym, full = T.split_body_name(name)
            key = acronym or full
            if key not in target:
                target.append(key)
            if key not in [k for k, _b in self.referenced]:
                self.referenced.append((key, Body(acronym=acronym, name=full,
                                                  kind=body_kind(full))))

    def add_referenced_bodies(self) -> None:
        known = {b.acronym for b in self.reading.bodies if b.acronym} | {
            b.name for b in self.reading.bodies}
        for key, body in self.referenced:
            if key not in known:
                self.add_body(body)
                known.add(key)

    def unplace_cells(self, cells: list[str], node: Node | None = None) -> None:
        for cell in cells:
            text = " ".join(html_lines(cell))
            if text:
                self.unplace(f"{node.title}: {text}" if node else text)

    def link_prefixes(self, shape: T.Layout, rows: list[list[str]]) -> dict[str, str]:
        """For each column of links, the prefix most of its codes carry ("L.A.")."""
        result: dict[str, str] = {}
        for column in shape.columns:
            if column.role == "link" and column.level:
                header_words = L.fold(column.level).replace("'", " ").split()
                initials = "".join(w[0] for w in header_words if len(w) > 1).upper()
                result[column.level] = initials
        found: dict[str, dict[str, int]] = {}
        for row in rows:
            for cell in row:
                for code in L.codes_in(cell_text(cell)):
                    prefix = L.code_prefix(code)
                    if prefix:
                        key = prefix.replace(".", "")
                        for level, initials in result.items():
                            if key == initials:
                                found.setdefault(level, {})
                                found[level][prefix] = found[level].get(prefix, 0) + 1
        return {level: max(counts, key=counts.get) for level, counts in found.items()}

    def infer_missing_links(self, shape: T.Layout) -> None:
        """A row that lost the cell of one column of links (a shifted row) takes it from the
        rows that link the same codes in the other column, when they all agree."""
        link_levels = [c.level for c in shape.columns if c.role == "link"]
        if len(link_levels) != 2:
            return
        rows = self.row_nodes()
        by_level = {level: [] for level in link_levels}
        for node in rows:
            for level in link_levels:
                by_level[level].append({c for c, lv in node.links if lv == level})
        for k, node in enumerate(rows):
            for missing, other in (link_levels, link_levels[::-1]):
                if by_level[missing][k] or not by_level[other][k]:
                    continue
                agreeing = [by_level[missing][j] for j in range(len(rows))
                            if j != k and by_level[other][j] & by_level[other][k]
                            and by_level[missing][j]]
                if agreeing and all(a == agreeing[0] for a in agreeing):
                    for code in sorted(agreeing[0]):
                        node.links.append((code, missing))
                    self.reading.notes.append(
                        _("The row «%(row)s» has no cell for “%(column)s”; it was given "
                          "%(codes)s, as the other rows with the same “%(other)s”.")
                        % {"row": node.label or node.title[:60], "column": missing,
                           "codes": ", ".join(sorted(agreeing[0])), "other": other})

    def row_nodes(self) -> list[Node]:
        """The elements read from rows of tables, in order."""
        return [node for node in self.all_nodes() if node.origin == "row"]

    def all_nodes(self):
        for root in self.reading.roots:
            yield from root.walk()

    def card_table(self, rows: list[list[str]]) -> None:
        node = self.top()
        if node is None:
            node = self.push(Node(title="", origin="card", level=L.PROJECT), ("card",))
            self.pending_title = node
        for label, value in T.card_rows(rows):
            role = T.card_role(label)
            lines = html_lines(value)
            text = " ".join(lines)
            if role == "links":
                found = L.level_name_at_start(label)
                level = found[0] if found else None
                items = L.split_coded_list(text)
                if not items:
                    self.unplace(f"{label}: {text}")
                    continue
                for code, title in items:
                    self.card_target(level, code, title)
                    node.links.append((code, level))
            elif role == "source_codes":
                node.source_codes.extend(T.source_codes(text))
            elif role in ("motivation", "potential_actions", "related_proposals"):
                node.sections.append((role, L.tidy_title(label), lines))
            elif role == "description":
                node.description.extend(lines)
            elif role in ("responsible", "involved"):
                self.add_bodies(node, text, role)
            elif role == "calendar":
                years = [int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", text)]
                node.calendar.extend((y, None) for y in years)
                if not years:
                    self.unplace(f"{label}: {text}")
            elif label:
                node.sections.append(("other", L.tidy_title(label), lines))
            else:
                self.unplace(text)
        mentioned = L.fold(" ".join(v for _l, v in T.card_rows(rows)))
        if node.level == L.PROJECT and "projecte de ciutat" in mentioned:
            node.level = "Projecte de ciutat"

    def card_target(self, level: str | None, code: str, title: str) -> None:
        key = L.code_key(code)
        if key in self.by_code:
            return
        node = Node(title=title, label=code, label_kind="code", origin="placed",
                    level=_card_level(level, code))
        node.parent = None
        self.reading.roots.append(node)
        self.by_code[key] = node

    # output -------------------------------------------------------------------------------

    def unplace(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        if self.heading_note:
            note, self.heading_note = self.heading_note, None
            self.reading.unplaced.append(note)
        self.reading.unplaced.append(text)


def _segments(rows: list[list[str]]) -> list[list[list[str]]]:
    """A table whose header row comes back (split over two pages) is read as two tables."""
    segments: list[list[list[str]]] = []
    header = None
    for row in rows:
        texts = [L.fold(cell_text(c)) for c in row if cell_text(c)]
        if header is not None and texts and texts[:2] == header[:2] and T._is_header_row(row):
            segments.append([])
        if header is None and texts:
            header = texts
        if not segments:
            segments.append([])
        segments[-1].append(row)
    return segments


def _similar(a: str, b: str) -> bool:
    words_a = {w for w in re.findall(r"\w+", L.fold(a)) if len(w) > 3}
    words_b = {w for w in re.findall(r"\w+", L.fold(b)) if len(w) > 3}
    if not words_a or not words_b:
        return L.fold(a) == L.fold(b)
    common = len(words_a & words_b)
    return common / min(len(words_a), len(words_b)) >= 0.75 and common >= 2 or \
        L.fold(a) == L.fold(b)


def _level_from_prefix(code: str) -> str:
    prefix = (L.code_prefix(L.code_key(code)) or "").replace(".", "")
    return {"LE": "Línia estratègica", "LA": "Línia d'actuació", "L": "Línia",
            "OE": "Objectiu estratègic", "O": "Objectiu", "E": "Eix", "P": "Programa",
            "A": "Acció", "M": "Mesura", "F": "Fita"}.get(prefix, L.ITEM)


def _card_level(level: str | None, code: str) -> str:
    if level and level not in ("Línia",):
        return level
    return _level_from_prefix(code) if L.code_prefix(code) else (level or L.ITEM)


def body_kind(name: str) -> str:
    folded = L.fold(name)
    for kind, words in (
        ("committee", ("comissio", "comision", "comite")),
        ("working_group", ("grup de treball", "grupo de trabajo", "grup motor")),
        ("organ", ("assemblea", "asamblea", "junta", "plenari", "membres", "miembros")),
        ("participation", ("consell municipal", "consejo municipal", "taula", "mesa",
                           "espai de participacio")),
        ("administration", ("consell comarcal", "diputacio", "generalitat", "ajuntament",
                            "consejo comarcal", "diputacion", "ministeri")),
        ("service", ("servei", "servicio", "area", "departament", "departamento",
                     "regidoria", "direccio", "coordinacio de districtes", "transicio")),
        ("partner", ("xarxa", "federacio", "ateneu", "associacio", "fundacio", "cooperativa",
                     "red ", "federacion", "asociacion", "fundacion")),
    ):
        if any(folded.startswith(w) or f" {w}" in f" {folded}" for w in words):
            return kind
    return "team"


def slug_for(text: str, taken: set[str], *, limit: int = 60) -> str:
    base = slugify(text.replace(".", "-"))[:limit].strip("-") or "element"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug
