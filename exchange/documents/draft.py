"""The draft plan: what the builder read, written out as a plan document (``teixit-plan``),
with the text not placed and the counts of what was recognised.

Here codes are completed (a measure "A" under objective "1.1" is "1.1.A"; items without a
number are numbered in order under a parent that has a code), codes that links use with a
prefix the list did not print are given it ("7" → "L.A.7" when the actions link "L.A.7"),
links are resolved, and levels, vocabularies and bodies are gathered.
"""

import datetime
import re
from dataclasses import dataclass, field
from html import escape

from django.utils.text import slugify
from django.utils.translation import gettext as _

from exchange.document import FORMAT, VERSION
from exchange.documents import lines as L
from exchange.documents.build import ACTION_LEVELS, Body, Node, Reading, slug_for

PLAN_KINDS = [
    ("work_plan", ("pla de treball", "plan de trabajo", "pla anual", "plan anual")),
    ("strategic_plan", ("pla estrategic", "plan estrategico")),
    ("action_plan", ("pla d'accio", "plan de accion", "pla d'actuacio", "plan de actuacion")),
    ("strategy", ("estrategia",)),
    ("programme", ("programa",)),
    ("city_project", ("projecte de ciutat", "proyecto de ciudad")),
]


@dataclass
class Draft:
    """A plan read from its own document, to be reviewed before it is saved."""

    document: dict
    unplaced: list[str] = field(default_factory=list)
    recognised: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    filename: str = ""

    def as_dict(self) -> dict:
        return {"document": self.document, "unplaced": self.unplaced,
                "recognised": self.recognised, "notes": self.notes, "filename": self.filename}

    @classmethod
    def from_dict(cls, data: dict) -> "Draft":
        return cls(document=data["document"], unplaced=list(data.get("unplaced") or []),
                   recognised=dict(data.get("recognised") or {}),
                   notes=list(data.get("notes") or []), filename=data.get("filename") or "")


def draft_document(reading: Reading, *, filename: str = "") -> Draft:
    notes = list(reading.notes)
    nodes = [n for root in reading.roots for n in root.walk()]
    assign_codes(reading.roots)
    add_link_prefixes(nodes)
    clear_duplicate_codes(nodes, notes)
    start, end = plan_period(reading, nodes)
    title = reading.title or _title_from_filename(filename)
    levels, level_keys = build_levels(reading.roots)
    bodies, body_slugs = build_bodies(reading.bodies)
    slugs = assign_slugs(nodes)
    unplaced = list(reading.unplaced)
    by_code = {L.code_key(n.code): n for n in nodes if n.code}
    links = 0
    elements_out = []

    def element(node: Node) -> dict:
        nonlocal links
        targets = []
        for code, _level in node.links:
            target = by_code.get(L.code_key(code))
            if target is None or target is node:
                message = _("«%(element)s» refers to %(code)s, which is not in the document; "
                            "that link was left out.") % {"element": node.code or node.title[:60],
                                                          "code": code}
                notes.append(message)
                unplaced.append(message)
                continue
            if slugs[id(target)] not in targets:
                targets.append(slugs[id(target)])
        links += len(targets)
        title, description = _title_and_description(node)
        flags = _marks(node, reading.legend)
        return {
            "slug": slugs[id(node)], "code": node.code, "level": level_keys[id(node)],
            "title": title, "description": description,
            "weight": 1, "highlighted": node.highlighted,
            "continuity": flags[0] or node.continuity, "agreement": flags[1] or node.agreement,
            "action_type": node.action_type or None,
            "instruments": node.instruments, "thematic_scopes": node.scopes,
            "budget_sources": node.budget, "source_codes": node.source_codes,
            "calendar": _calendar(node.calendar, start),
            "responsible": [body_slugs[key] for key in node.responsible if key in body_slugs],
            "involved": [body_slugs[key] for key in node.involved if key in body_slugs],
            "sections": [{"kind": kind, "title": title[:300], "body": lines_to_html(body)}
                         for kind, title, body in node.sections],
            "links": [{"kind": "contributes_to", "note": "", "target": t} for t in targets],
            "children": [element(child) for child in node.children],
        }

    elements_out = [element(root) for root in reading.roots]
    vocabularies = _vocabularies(nodes)
    sections = [{"kind": s.kind, "title": s.title[:300], "body": lines_to_html(s.lines)}
                for s in reading.sections if any(line.strip() for line in s.lines)]
    undecided = [n for n in nodes if len(n.marks) == 1 and reading.legend is not None
                 and reading.legend[0] == reading.legend[1]]
    if undecided:
        notes.append(_("The legend shows its two marks alike, so an item with only one of "
                       "them (%(count)s items) is marked neither as continuity nor as linked "
                       "to the agreement: set those by hand.") % {"count": len(undecided)})
    document = {
        "format": FORMAT, "version": VERSION,
        "organization": {"slug": ""},
        "plan": {
            "slug": slugify(title)[:80].strip("-") or "pla",
            "title": title[:300], "kind": plan_kind(title), "start_year": start,
            "end_year": end, "parent": None, "status": "draft",
            "amendments_from": None, "amendments_to": None, "approved_on": None,
            "approved_place": "", "approved_by": "",
        },
        "sections": sections,
        "levels": levels,
        "vocabularies": vocabularies,
        "bodies": bodies,
        "elements": elements_out,
    }
    recognised = {
        "levels": len(levels),
        "elements": len(nodes),
        "codes": sum(1 for n in nodes if n.code),
        "links": links,
        "bodies": len(bodies),
        "terms": sum(len(v) for v in vocabularies.values()),
        "sections": len(sections) + sum(len(n.sections) for n in nodes),
        "tables": reading.tables,
        "calendar": sum(len(n.calendar) for n in nodes),
        "unplaced": len(unplaced),
    }
    return Draft(document=document, unplaced=unplaced, recognised=recognised, notes=notes,
                 filename=filename)


# codes --------------------------------------------------------------------------------------

def assign_codes(roots: list[Node]) -> None:
    def visit(parent: Node | None, children: list[Node]) -> None:
        counters: dict[tuple, int] = {}
        for child in children:
            base = parent.code if parent is not None else ""
            kind = child.label_kind
            if kind in ("named", "code", "dotted", "paren"):
                child.code = child.label
            elif kind in ("letter", "small"):
                child.code = f"{base}.{child.label}" if base else child.label
            elif kind == "number":
                child.code = f"{base}.{child.label}" if base and child.origin != "row" \
                    else child.label
            elif base:
                style = "A" if child.origin == "group" else (
                    "a" if parent.origin in ("glyph",) else "1")
                key = (child.level, style)
                counters[key] = counters.get(key, 0) + 1
                child.code = f"{base}.{_counter(counters[key], style)}"
            visit(child, child.children)

    visit(None, roots)


def _counter(n: int, style: str) -> str:
    if style == "1":
        return str(n)
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = letters[(n - 1) % 26] * ((n - 1) // 26 + 1)
    return text if style == "A" else text.lower()


def add_link_prefixes(nodes: list[Node]) -> None:
    """Elements numbered "1", "2"… that links call "L.A.1", "L.A.2"… take that prefix, when
    the links name their level (a column "Línia d'actuació") and agree on it."""
    prefixes: dict[str, set[str]] = {}
    for node in nodes:
        for code, level in node.links:
            prefix = L.code_prefix(code)
            if level and prefix:
                prefixes.setdefault(level, set()).add(prefix)
    for level, found in prefixes.items():
        if len(found) != 1:
            continue
        prefix = found.pop()
        members = [n for n in nodes if n.level == level]
        if members and all(re.fullmatch(r"\d+", n.code or "") for n in members):
            for node in members:
                node.code = f"{prefix}{node.code}"


def clear_duplicate_codes(nodes: list[Node], notes: list[str]) -> None:
    seen: dict[str, Node] = {}
    for node in nodes:
        if not node.code:
            continue
        key = L.code_key(node.code)
        if len(node.code) > 40:
            node.code = ""
            continue
        if key in seen:
            notes.append(_("The code %(code)s is used twice; «%(title)s» was left without "
                           "a code.") % {"code": node.code, "title": node.title[:60]})
            node.code = ""
        else:
            seen[key] = node


# levels, bodies, slugs ----------------------------------------------------------------------

def build_levels(roots: list[Node]) -> tuple[list[dict], dict[int, str]]:
    levels: list[dict] = []
    keys: dict[tuple[str, str | None], str] = {}
    node_level: dict[int, str] = {}
    members: dict[str, list[Node]] = {}
    taken: set[str] = set()

    def visit(node: Node, parent_key: str | None) -> None:
        name = node.level or L.ITEM
        key = keys.get((name, parent_key))
        if key is None:
            key = slug_for(name, taken, limit=40)
            keys[(name, parent_key)] = key
            names = L.level_names(name)
            levels.append({
                "key": key, "parent": parent_key,
                "name": {"ca": names.ca, "es": names.es, "en": names.en},
                "plural": {"ca": names.plural_ca, "es": names.plural_es, "en": names.plural_en},
                "code_pattern": "", "holds_actions": False,
            })
        node_level[id(node)] = key
        members.setdefault(key, []).append(node)
        for child in node.children:
            visit(child, key)

    for root in roots:
        visit(root, None)
    parents = {lv["parent"] for lv in levels}
    for level in levels:
        nodes = members[level["key"]]
        level["code_pattern"] = code_pattern(nodes)
        has_action_data = any(n.instruments or n.scopes or n.budget or n.calendar
                              or n.responsible for n in nodes)
        level["holds_actions"] = level["name"]["ca"] in ACTION_LEVELS or (
            level["key"] not in parents and has_action_data)
    ordered = _generations(levels)
    return ordered, node_level


def _generations(levels: list[dict]) -> list[dict]:
    """Parents before children, generation by generation."""
    result, placed = [], {None}
    while len(result) < len(levels):
        batch = [lv for lv in levels if lv not in result and lv["parent"] in placed]
        if not batch:
            break
        result.extend(batch)
        placed.update(lv["key"] for lv in batch)
    return result


def code_pattern(nodes: list[Node]) -> str:
    codes = [(n.code, n.parent.code if n.parent else "") for n in nodes]
    if not codes or any(not c for c, _p in codes):
        return ""
    for pattern, regex in (("{n}", r"\d+"), ("{A}", r"[A-Z]"), ("{a}", r"[a-z]")):
        if all(p and re.fullmatch(re.escape(p) + r"\." + regex, c) for c, p in codes):
            return "{parent}." + pattern
        if all(re.fullmatch(regex, c) for c, _p in codes):
            return pattern
    prefixes = {L.code_prefix(c) for c, _p in codes}
    if len(prefixes) == 1 and None not in prefixes:
        return f"{prefixes.pop()}{{n}}"
    return ""


def build_bodies(bodies: list[Body]) -> tuple[list[dict], dict[str, str]]:
    result, by_key, taken = [], {}, set()
    for body in bodies:
        slug = slug_for(body.acronym or body.name, taken, limit=80)
        result.append({"slug": slug, "acronym": body.acronym[:20], "name": body.name[:200],
                       "kind": body.kind, "functions": body.functions,
                       "meeting_periodicity": body.periodicity, "holders": body.holders[:200],
                       "partner": None})
        for key in (body.acronym, body.name):
            if key:
                by_key.setdefault(key, slug)
    return result, by_key


def assign_slugs(nodes: list[Node]) -> dict[int, str]:
    taken: set[str] = set()
    return {id(n): slug_for(n.code or n.title, taken) for n in nodes}


# values -------------------------------------------------------------------------------------

def plan_period(reading: Reading, nodes: list[Node]) -> tuple[int, int]:
    years = list(reading.title_years) + list(reading.years)
    marks = [y for n in nodes for y, _q in n.calendar if y]
    if not years and not marks:
        today = datetime.date.today().year
        return today, today
    every = years + marks
    return min(every), max(every)


def plan_kind(title: str) -> str:
    folded = L.fold(title)
    for kind, words in PLAN_KINDS:
        if any(w in folded for w in words):
            return kind
    return "other"


def _title_from_filename(filename: str) -> str:
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", filename or "").replace("_", " ").replace("-", " ")
    stem = " ".join(stem.split())
    return (stem[:1].upper() + stem[1:]) if stem else "Pla importat"


def _calendar(marks: list[tuple[int | None, int | None]], start: int) -> list[str | int]:
    result: list[str | int] = []
    for year, quarter in marks:
        year = year or start
        value: str | int = f"{year}-T{quarter}" if quarter else year
        if value not in result:
            result.append(value)
    whole = {v for v in result if isinstance(v, int)}
    return [v for v in result if isinstance(v, int) or int(str(v)[:4]) not in whole]


def _marks(node: Node, legend: tuple[str, str] | None) -> tuple[bool, bool]:
    """Continuity and agreement marks at the end of an item, read with the legend. Two marks
    are both; one mark is told apart only when the legend's two marks differ."""
    if not node.marks or legend is None:
        return False, False
    if len(node.marks) >= 2:
        return True, True
    if legend[0] != legend[1]:
        mark = node.marks[0]
        return mark.startswith(legend[0]), mark.startswith(legend[1])
    return False, False


def _vocabularies(nodes: list[Node]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for node in nodes:
        for vocabulary, names in (("instrument", node.instruments),
                                  ("thematic_scope", node.scopes),
                                  ("budget_source", node.budget),
                                  ("action_type", [node.action_type] if node.action_type else []),
                                  ("source_code", node.source_codes)):
            for name in names:
                name = " ".join(name.split())[:200]
                if name and name not in result.setdefault(vocabulary, []):
                    result[vocabulary].append(name)
    return {k: v for k, v in result.items() if v}


def _title_and_description(node: Node) -> tuple[str, str]:
    title = node.title or (node.code and f"{node.level} {node.code}") or node.level
    lines = list(node.description)
    if len(title) > 600:
        cut = title.rfind(" ", 0, 590)
        lines.insert(0, "…" + title[cut:].strip())
        title = title[:cut].strip() + "…"
    return title, lines_to_html(lines)


def lines_to_html(lines: list[str]) -> str:
    """Paragraphs, ``- `` lists (indented two spaces per level) and ``### `` headings as the
    HTML subset plans store."""
    html: list[str] = []
    items: list[tuple[int, str]] = []
    for raw in [*lines, ""]:
        match = re.match(r"^(\s*)- (.*)$", raw or "")
        if match:
            items.append((len(match.group(1)) // 2, match.group(2)))
            continue
        if items:
            html.append(_list(items))
            items = []
        if not raw or not raw.strip():
            continue
        if raw.startswith("### "):
            html.append(f"<h3>{_inline(raw[4:])}</h3>")
        else:
            html.append(f"<p>{_inline(raw.strip())}</p>")
    return "".join(html)


def _list(items: list[tuple[int, str]]) -> str:
    html, i = ["<ul>"], 0
    while i < len(items):
        level, text = items[i]
        j = i + 1
        while j < len(items) and items[j][0] > level:
            j += 1
        inner = _list(items[i + 1:j]) if j > i + 1 else ""
        html.append(f"<li>{_inline(text)}{inner}</li>")
        i = j
    html.append("</ul>")
    return "".join(html)


def _inline(text: str) -> str:
    text = escape(text.strip(), quote=False)
    return re.sub(r"(https?://[^\s<]+)", r'<a href="\1">\1</a>', text)
