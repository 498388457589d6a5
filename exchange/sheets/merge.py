"""Sheet rows merged over a plan's current document: the document an import then syncs.

Each row is matched to a record by its identifier (an element by identifier, else code; a
body by identifier, acronym or name; a progress row by element and period; a budget line by
element, year, chapter, phase and concept…), so importing a sheet twice duplicates nothing.
A row is compared with the row the current document gives for the same record (both read by
the same cell readers); only the columns the sheet has, and only those that differ, change
the record — everything else is left exactly as it is. Records the sheet no longer holds are
kept unless the deletions are confirmed.

Every problem is reported with its sheet, row and column; the document is only handed to the
importer (``exchange.importer.import_documents``) when there is none.
"""

import copy
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from budgets.models import Chapter
from exchange.document import FORMAT, VERSION
from exchange.sheets import columns as c
from exchange.sheets import values as v
from exchange.sheets.problems import FieldChange, Problem, RowChange
from exchange.sheets.reading import SheetRow, SheetTable
from exchange.sheets.rows import Rows, Split, period_label
from monitoring.models import DisaggregationCategory
from organizations.models import Organization
from plans.models import Element, ElementSection, Plan, PlanSection

_PERIOD = re.compile(r"^(\d{4})(?:\s*[-/ ]?\s*([TSQ])\s*([1-4]))?$", re.IGNORECASE)
_MARK = re.compile(r"^(\d{4})(?:\s*[-/ ]?\s*[TQ]\s*([1-4]))?$", re.IGNORECASE)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Columns whose values are compared as element references (code or identifier → identifier).
ELEMENT_COLUMNS = {"parent", "element", "source"}
BODY_COLUMNS = {"responsible", "involved", "bodies"}


def period_reference(text: str) -> str | None:
    """``2022``, ``2022-T1``, ``2022 s2`` → the period's reference (``2022``, ``2022-t1``)."""
    match = _PERIOD.match(" ".join(str(text).split()))
    if not match:
        return None
    if not match[2]:
        return match[1]
    letter = "s" if match[2].lower() == "s" else "t"
    return f"{match[1]}-{letter}{match[3]}"


def _period_item(reference: str, status: str = "open") -> dict:
    year, _dash, rest = reference.partition("-")
    kind = "year" if not rest else ("semester" if rest[0] == "s" else "quarter")
    return {"kind": kind, "year": int(year), "number": int(rest[1:] or 1), "status": status}


def _reference_of(item: dict) -> str:
    if item["kind"] == "year":
        return str(item["year"])
    return f"{item['year']}-{'s' if item['kind'] == 'semester' else 't'}{item['number']}"


_CHOICES: dict[tuple, dict] = {}


def choice_index(column: c.Column) -> dict[str, object]:
    """Every way of writing each accepted value: its key and its label in each language."""
    language = translation.get_language()
    cache_key = (column.key, tuple(k for k, _label in column.choices()))
    if cache_key in _CHOICES:
        return _CHOICES[cache_key]
    index = {}
    for value, label in column.choices():
        index[v.normalise(value)] = value
        index[v.normalise(str(value).replace("_", " "))] = value
        for code in c.LANGUAGES:
            with translation.override(code):
                index.setdefault(v.normalise(str(label)), value)
                # "Obligacions reconegudes (executat)" is also written without its brackets
                index.setdefault(v.normalise(re.sub(r"\s*\(.*?\)", "", str(label))), value)
    if column.choices is c.chapter_choices:
        for number, label in Chapter.choices:
            for code in c.LANGUAGES:
                with translation.override(code):
                    index.setdefault(v.normalise(str(label)), number)
    translation.activate(language)
    _CHOICES[cache_key] = index
    return index


def choice_value(column: c.Column, written: str):
    """The value a choice cell names: by its key or its label in any language, or by the
    start of only one of them (“Obligacions” for “Obligacions reconegudes”)."""
    index = choice_index(column)
    key = v.normalise(written)
    if key in index:
        return index[key]
    if len(key) >= 4:
        found = {value for alias, value in index.items() if alias.startswith(key)}
        if len(found) == 1:
            return found.pop()
    return None


def read_cell(column: c.Column, raw):
    """A cell as a plain value of its column's type; :class:`values.CellError` otherwise."""
    kind = column.type
    if kind == c.TEXT:
        return v.one_line(raw) or None
    if kind in (c.LONG_TEXT, c.MARKUP):
        return v.text(raw) or None
    if kind == c.LIST:
        return v.names(raw)
    if kind == c.INTEGER:
        return v.integer(raw)
    if kind in (c.DECIMAL, c.MONEY):
        return v.decimal(raw)
    if kind == c.BOOLEAN:
        return v.boolean(raw)
    if kind == c.DATE:
        return v.date(raw)
    if kind == c.CHOICE:
        if v.is_empty(raw):
            return None
        written = v.one_line(raw)
        value = choice_value(column, written)
        if value is None:
            raise v.CellError(_("“%(value)s” is not one of: %(allowed)s.") % {
                "value": written,
                "allowed": ", ".join(str(label) for _value, label in column.choices())})
        return value
    raise ValueError(kind)


def _shown(value) -> str:
    if value is None:
        return ""
    return v.text(value)


@dataclass
class Entry:
    """A sheet row matched to its record."""

    key: object
    row: SheetRow
    values: dict  # column key → plain value, for the columns the sheet has
    before: dict | None  # the current record's row, as plain values
    changed: list[str] = field(default_factory=list)
    blank: bool = False  # the row records nothing

    @property
    def created(self) -> bool:
        return self.before is None and not self.blank

    def has(self, key: str) -> bool:
        return key in self.values

    def get(self, key: str, default=None):
        """The row's value, or the current record's when the sheet has no such column."""
        if key in self.values:
            return self.values[key]
        if self.before is not None:
            return self.before.get(key, default)
        return default


class SheetMerge:
    """Merges the tables of one upload over a plan's current document."""

    def __init__(self, *, document: dict | None, organization: Organization, plan_slug: str,
                 splits: list[Split], language: str, can_admin: bool,
                 confirm_deletions: bool):
        self.current = document
        self.document = copy.deepcopy(document) if document else {
            "format": FORMAT, "version": VERSION, "organization": {"slug": organization.slug},
            "plan": {"slug": plan_slug}, "sections": [], "levels": [], "vocabularies": {},
            "bodies": [], "elements": []}
        self.document["organization"] = {"slug": organization.slug}
        self.organization = organization
        self.plan_slug = plan_slug
        self.splits = splits
        self.language = language
        self.can_admin = can_admin
        self.confirm = confirm_deletions
        self.rows = Rows(document or self.document, language=language, splits=splits)
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.changes: list[RowChange] = []
        self.absent: list[RowChange] = []
        self.origins: dict[int, tuple[str, int, c.Table]] = {}  # id(item) → sheet, row, table
        self.field_origins: dict[str, tuple[str, int, str]] = {}  # "plan.title" → place
        self.tables: dict[str, SheetTable] = {}
        self.element_rows: dict[str, Entry] = {}
        self._last_label = _default_label
        self._index_elements()
        self._index_bodies()

    # lookups ------------------------------------------------------------------------------

    def _walk(self, items, parent=None):
        for item in items:
            yield item, parent
            yield from self._walk(item.get("children") or [], item["slug"])

    def _index_elements(self) -> None:
        """Codes and identifiers of the elements the document holds."""
        flat = list(self._walk(self.document.get("elements") or []))
        self.by_slug = {item["slug"]: item for item, _parent in flat}
        self.by_code = {item["code"]: item["slug"] for item, _parent in flat if item["code"]}

    def element_slug(self, reference) -> str | None:
        """An element named by its code or identifier (a code first)."""
        if reference in (None, ""):
            return None
        reference = str(reference)
        return self.by_code.get(reference) or (reference if reference in self.by_slug else None)

    def _index_bodies(self) -> None:
        self.bodies = {b["slug"]: b for b in self.document.get("bodies") or []}

    def body_slug(self, reference: str) -> str | None:
        """A body named by its identifier, its acronym or its name."""
        if reference in self.bodies:
            return reference
        for key in ("acronym", "name"):
            found = [b["slug"] for b in self.bodies.values() if b[key] == reference]
            if len(found) == 1:
                return found[0]
        return None

    def monitoring(self) -> dict:
        if "monitoring" not in self.document:
            self.document["monitoring"] = {"policy": {}, "periods": [], "progress": [],
                                           "indicators": [], "rating_scales": [],
                                           "ratings": [], "events": []}
        return self.document["monitoring"]

    def periods(self) -> dict[str, dict]:
        return {_reference_of(p): p for p in (self.document.get("monitoring") or {})
                .get("periods") or []}

    def current_periods(self) -> dict[str, dict]:
        return {_reference_of(p): p for p in ((self.current or {}).get("monitoring") or {})
                .get("periods") or []}

    # reporting ----------------------------------------------------------------------------

    def error(self, sheet: SheetTable, row: int | None, column: str | None, message: str):
        self.errors.append(Problem(message, sheet=sheet.sheet, row=row,
                                   column=sheet.header(column) if column else ""))

    def cell_error(self, sheet: SheetTable, where, column: str, message: str):
        """An error in a cell; ``where`` is an :class:`Entry` or a :class:`SheetRow`."""
        row = where.row if isinstance(where, Entry) else where
        number = sheet.field_rows.get(column, row.number) if sheet.table.fields else row.number
        self.error(sheet, number, column, message)

    def origin(self, item: dict, sheet: SheetTable, row: SheetRow) -> dict:
        self.origins[id(item)] = (sheet.sheet, row.number, sheet.table)
        return item

    # the generic part: rows against current records --------------------------------------

    def entries(self, sheet: SheetTable, current: dict, key_of: Callable,
                *, compare: Callable | None = None, blank: Callable | None = None,
                label: Callable | None = None, settle: Callable | None = None) -> list[Entry]:
        """Read, key and compare every row of ``sheet`` with the ``current`` rows (by key).
        ``compare(column, value)`` gives what is compared (e.g. a code → the identifier);
        ``settle(entries)`` gives their keys to the rows ``key_of`` could not key alone;
        ``blank(entry)`` says a row records nothing."""
        columns = {col.key: col for col in sheet.table.columns if not col.informative}
        split_keys = {s.key for s in self.splits}
        result, seen = [], {}
        for row in sheet.rows:
            values, ok = {}, True
            for key, raw in row.cells.items():
                try:
                    if key.startswith("split:"):
                        if key[6:] in split_keys:
                            values[key] = v.decimal(raw)
                    elif key in columns:
                        values[key] = read_cell(columns[key], raw)
                except v.CellError as error:
                    self.cell_error(sheet, row, key, str(error))
                    ok = False
            key = key_of(values, row)  # also when a cell is wrong: say what else is
            if key is None or not ok:
                continue
            if key in seen:
                self.error(sheet, row.number, None,
                           _("This row is about the same record as row %(row)s; keep one.")
                           % {"row": seen[key]})
                continue
            seen[key] = row.number
            result.append(Entry(key, row, values, None))
        if settle is not None:
            settle(result)
        self._last_label = label or _default_label
        for entry in result:
            self.judge(sheet, entry, current, compare or _same, blank)
        return result

    def judge(self, sheet: SheetTable, entry: Entry, current: dict, compare: Callable,
              blank: Callable | None) -> None:
        """Compare a keyed row with its current record and note what it creates or changes.
        A row that records nothing (``blank``) stands for no record: for an existing one, it
        is as if the row were not there."""
        columns = {col.key: col for col in sheet.table.columns if not col.informative}
        if entry.key in current:
            entry.before = {}
            for key, shown in current[entry.key].items():
                if key in columns:
                    entry.before[key] = read_cell(columns[key], shown)
                elif key.startswith("split:"):
                    entry.before[key] = v.decimal(shown)
        entry.blank = bool(blank and blank(entry))
        if entry.blank:
            return
        if entry.before is None:
            self.changes.append(RowChange(RowChange.CREATE, sheet.sheet, entry.row.number,
                                          self._last_label(entry.key)))
            return
        for key, value in entry.values.items():
            old = entry.before.get(key)
            if key in columns and columns[key].type == c.LIST:
                old = old or []
            if compare(key, value) != compare(key, old):
                entry.changed.append(key)
        if entry.changed:
            self.changes.append(RowChange(
                RowChange.UPDATE, sheet.sheet, entry.row.number, self._last_label(entry.key),
                [FieldChange(sheet.header(k), _shown(current[entry.key].get(k)),
                             _shown(entry.row.cells.get(k))) for k in entry.changed]))

    def absentees(self, sheet: SheetTable, current: dict, entries: list[Entry],
                  scope: Callable | None = None) -> set:
        """The current records the sheet no longer holds (within ``scope``): kept, unless the
        deletions are confirmed."""
        present = {e.key for e in entries if not e.blank}
        absent = set()
        for key in current:
            if key not in present and (scope is None or scope(key)):
                absent.add(key)
                self.absent.append(RowChange(RowChange.DELETE, sheet.sheet, None,
                                             self._last_label(key)))
        return absent

    def kept(self, absent: set) -> set:
        return set() if self.confirm else absent

    def deleted(self, absent: set) -> set:
        return absent if self.confirm else set()

    @staticmethod
    def written(entry: Entry):
        """The columns a row writes: all of a new record's, the changed ones otherwise."""
        return list(entry.values) if entry.created else entry.changed

    # the tables -------------------------------------------------------------------------------

    def run(self, tables: dict[str, SheetTable]) -> dict:
        self.tables = tables
        for table in c.TABLES:
            if table.key in tables:
                getattr(self, f"merge_{table.key}")(tables[table.key])
        if "elements" in tables or "levels" in tables:
            self.check_levels()
        return self.document

    # plan ---------------------------------------------------------------------------------

    def merge_plan(self, sheet: SheetTable) -> None:
        current = {"plan": self.rows.cells(c.PLAN, self.rows.rows_plan()[0])} \
            if self.current else {}
        entries = self.entries(sheet, current, lambda values, row: "plan",
                               label=lambda key: self.plan_slug)
        if not entries:
            return
        (entry,) = entries
        for key, number in sheet.field_rows.items():
            self.field_origins[f"plan.{key}"] = (sheet.sheet, number, sheet.header(key))
        written_slug = entry.values.get("slug")
        if written_slug and written_slug != self.plan_slug:
            self.warnings.append(Problem(
                _("The sheet names the plan “%(written)s”; the data goes into the plan "
                  "“%(plan)s”.") % {"written": written_slug, "plan": self.plan_slug},
                sheet=sheet.sheet, row=sheet.field_rows.get("slug")))
        if entry.created:
            for key in ("title", "start_year", "end_year"):
                if entry.values.get(key) in (None, ""):
                    self.error(sheet, sheet.field_rows.get(key), None,
                               _("A new plan needs the field “%(field)s”.")
                               % {"field": c.PLAN.column(key).name(self.language)})
        if "status" in entry.changed and not self.can_admin:
            self.cell_error(sheet, entry, "status", _("Only an administrator of the "
                                                      "organisation can change the plan's "
                                                      "status."))
        plan = self.document["plan"]
        for key in self.written(entry):
            value = entry.values[key]
            if key == "slug":
                continue
            if key == "parent":
                plan["parent"] = self._parent_plan(sheet, entry, value)
            elif key in ("amendments_from", "amendments_to", "approved_on"):
                plan[key] = value.isoformat() if value else None
            elif key in ("kind", "status", "start_year", "end_year"):
                plan[key] = value
            else:
                plan[key] = value or ""
        plan["slug"] = self.plan_slug

    def _parent_plan(self, sheet, entry, value) -> dict | None:
        if not value:
            return None
        parts = value.split("/")
        if len(parts) != 2 or not all(parts):
            self.cell_error(sheet, entry, "parent", _("Write the parent plan as "
                                                      "organisation/plan."))
            return None
        if not Plan.objects.filter(organization__slug=parts[0], slug=parts[1]).exists():
            self.cell_error(sheet, entry, "parent", _("The plan “%(plan)s” does not exist.")
                            % {"plan": value})
        return {"organization": parts[0], "plan": parts[1]}

    # levels -------------------------------------------------------------------------------

    def merge_levels(self, sheet: SheetTable) -> None:
        current = {r["key"]: r for r in self.rows.table(c.LEVELS)}

        def key_of(values, row):
            key = values.get("key")
            if not key or not _SLUG.match(key) or len(key) > 40:
                self.cell_error(sheet, row, "key", _("An identifier of lowercase letters, "
                                                     "digits and dashes (at most 40) is "
                                                     "needed."))
                return None
            return key

        entries = self.entries(sheet, current, key_of)
        absent = self.absentees(sheet, current, entries)
        existing = {lv["key"]: lv for lv in self.document.get("levels") or []}
        written = {}
        for entry in entries:
            level = existing.get(entry.key) or {
                "key": entry.key, "parent": None, "name": {}, "plural": {}, "code_pattern": "",
                "holds_actions": False}
            for key in self.written(entry):
                value = entry.values[key]
                if key.startswith(("name_", "plural_")):
                    part, _underscore, language = key.partition("_")
                    level[part][language] = value or ""
                elif key == "holds_actions":
                    level[key] = bool(value)
                elif key == "parent":
                    level[key] = value or None
                elif key != "key":
                    level[key] = value or ""
            if not level["name"].get("ca"):
                self.cell_error(sheet, entry, "name_ca", _("The level needs a name in "
                                                           "Catalan."))
            written[entry.key] = self.origin(level, sheet, entry.row)
        order = interleave([e.key for e in entries], list(existing), self.kept(absent))
        levels = [written.get(k) or existing[k] for k in order]
        keys = {lv["key"] for lv in levels}
        by_key = {e.key: e for e in entries}
        for entry in entries:
            parent = written[entry.key]["parent"]
            if parent and parent not in keys:
                self.cell_error(sheet, entry, "parent", _("The level “%(level)s” is not "
                                                          "defined.") % {"level": parent})
        ordered, circle = _parents_first(levels)
        for level in circle:
            if level["key"] in by_key and level["parent"] in keys:
                self.cell_error(sheet, by_key[level["key"]], "parent",
                                _("The parents of this level go round in a circle."))
        self.document["levels"] = ordered

    def check_levels(self) -> None:
        """Every element's level exists and fits its parent's."""
        sheet = self.tables.get("elements") or self.tables.get("levels")
        levels = {lv["key"]: lv.get("parent") for lv in self.document.get("levels") or []}
        for item, parent in self._walk(self.document.get("elements") or []):
            entry = self.element_rows.get(item["slug"])
            name = item["code"] or item["title"]
            if item["level"] not in levels:
                message = _("The level “%(level)s” is not defined.") % {"level": item["level"]}
            else:
                expected = levels[item["level"]]
                actual = self.by_slug[parent]["level"] if parent in self.by_slug else None
                if expected == actual:
                    continue
                if expected is None:
                    message = _("Elements of level “%(level)s” go at the top, not under another "
                                "element.") % {"level": item["level"]}
                else:
                    message = _("An element of level “%(level)s” goes under one of level "
                                "“%(parent)s”.") % {"level": item["level"], "parent": expected}
            if entry is not None:
                self.cell_error(self.tables["elements"], entry, "level", message)
            else:
                self.error(sheet, None, None, _("The element “%(element)s”: %(problem)s")
                           % {"element": name, "problem": message})

    # vocabularies -------------------------------------------------------------------------

    def merge_vocabularies(self, sheet: SheetTable) -> None:
        current = {(r["vocabulary"], r["name"]): self.rows.cells(c.VOCABULARIES, r)
                   for r in self.rows.rows_vocabularies()}

        def key_of(values, row):
            if not values.get("vocabulary") or not values.get("name"):
                self.error(sheet, row.number, None, _("A row needs a vocabulary and a name."))
                return None
            return (values["vocabulary"], values["name"])

        entries = self.entries(sheet, current, key_of, label=lambda key: key[1])
        used = {(vocabulary, name) for item in self.by_slug.values()
                for vocabulary, names in _element_terms(item).items() for name in names}
        absent = self.absentees(sheet, current, entries, scope=lambda key: key not in used)
        order = interleave([e.key for e in entries], list(current), self.kept(absent) | used)
        vocabularies = {vocabulary: [] for vocabulary, _label in
                        c.VOCABULARIES.column("vocabulary").choices()}
        for vocabulary, name in order:
            vocabularies[vocabulary].append(name)
        self.document["vocabularies"] = vocabularies

    # bodies -------------------------------------------------------------------------------

    def merge_bodies(self, sheet: SheetTable) -> None:
        current = {r["identifier"]: r for r in self.rows.table(c.BODIES)}
        taken = set(self.bodies)

        def key_of(values, row):
            slug = values.get("identifier")
            if slug:
                if not _SLUG.match(slug) or len(slug) > 80:
                    self.cell_error(sheet, row, "identifier", _("An identifier holds lowercase "
                                                                "letters, digits and dashes."))
                    return None
                return slug
            for key in ("acronym", "name"):
                if values.get(key):
                    found = [b["slug"] for b in self.bodies.values() if b[key] == values[key]]
                    if len(found) == 1:
                        return found[0]
            if not values.get("name"):
                self.cell_error(sheet, row, "name", _("A body needs a name."))
                return None
            base = slugify(values.get("acronym") or values["name"])[:80] or "organ"
            slug, n = base, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
            return slug

        entries = self.entries(sheet, current, key_of)
        partners = {e.values.get("partner") for e in entries if e.values.get("partner")}
        known = set(Organization.objects.filter(slug__in=partners)
                    .values_list("slug", flat=True))
        for entry in entries:
            body = self.bodies.get(entry.key)
            if body is None:
                body = {"slug": entry.key, "acronym": "", "name": "", "kind": "team",
                        "functions": "", "meeting_periodicity": "", "holders": "",
                        "partner": None}
                self.document.setdefault("bodies", []).append(body)
            for key in self.written(entry):
                value = entry.values[key]
                if key == "identifier":
                    continue
                if key == "partner":
                    if value and value not in known:
                        self.cell_error(sheet, entry, key, _("The organisation “%(slug)s” does "
                                                             "not exist.") % {"slug": value})
                    body[key] = value or None
                else:
                    body[key] = value or ("team" if key == "kind" else "")
            if not body["name"]:
                self.cell_error(sheet, entry, "name", _("A body needs a name."))
            self.origin(body, sheet, entry.row)
        self._index_bodies()

    # elements -----------------------------------------------------------------------------

    def merge_elements(self, sheet: SheetTable) -> None:
        current = {r["identifier"]: r for r in self.rows.table(c.ELEMENTS)}
        current_codes = dict(self.by_code)
        claimed: set[str] = set()

        def key_of(values, row):
            slug = values.get("identifier")
            if slug:
                if not _SLUG.match(slug) or len(slug) > 80:
                    self.cell_error(sheet, row, "identifier", _("An identifier holds lowercase "
                                                                "letters, digits and dashes "
                                                                "(at most 80)."))
                    return None
                claimed.add(slug)
                return slug
            code = values.get("code")
            if code and code in current_codes and current_codes[code] not in claimed:
                claimed.add(current_codes[code])
                return current_codes[code]
            return ("new", row.number)

        def settle(entries):
            """A row with neither identifier nor a known code gets the identifier its code or
            title gives — the one an earlier import of the same row created."""
            for entry in entries:
                if not isinstance(entry.key, tuple):
                    continue
                base = (slugify((entry.values.get("code") or "").replace(".", "-")) or
                        slugify(entry.values.get("title") or "")[:60].strip("-") or "element")
                slug, n = base, 2
                while slug in claimed:
                    slug, n = f"{base}-{n}", n + 1
                claimed.add(slug)
                entry.key = slug

        labels = {slug: _element_label(item) for slug, item in self.by_slug.items()}
        entries = self.entries(sheet, current, key_of, compare=self._compare, settle=settle,
                               label=lambda key: labels.get(key, key))
        by_row = {entry.row.number: entry for entry in entries}
        for change in self.changes:  # name new rows by their code and title
            if change.sheet == sheet.sheet and change.action == RowChange.CREATE:
                entry = by_row[change.row]
                change.label = _element_label({"code": entry.values.get("code") or "",
                                               "title": entry.values.get("title") or ""})
        codes: dict[str, int] = {}
        for entry in entries:
            code = entry.get("code")
            if code and code in codes:
                self.cell_error(sheet, entry, "code", _("The code “%(code)s” is also in row "
                                                        "%(row)s.") % {"code": code,
                                                                      "row": codes[code]})
            elif code:
                codes[code] = entry.row.number
        absent = self.absentees(sheet, current, entries)
        order = interleave([e.key for e in entries], list(current), self.kept(absent))
        by_entry = {e.key: e for e in entries}
        # What other cells may name from now on: the rows, and the elements kept.
        old_items = self.by_slug
        self.by_slug = dict.fromkeys(order)
        self.by_code = {}
        for slug in order:
            entry = by_entry.get(slug)
            code = entry.get("code") if entry else old_items[slug]["code"]
            if code:
                self.by_code.setdefault(code, slug)
        items, parents = {}, {}
        for slug in order:
            entry, old = by_entry.get(slug), old_items.get(slug)
            item = {k: val for k, val in old.items() if k != "children"} if old else {
                "slug": slug, "code": "", "level": "", "title": "", "description": "",
                "weight": 1, "highlighted": False, "continuity": False, "agreement": False,
                "action_type": None, "instruments": [], "thematic_scopes": [],
                "budget_sources": [], "source_codes": [], "calendar": [], "responsible": [],
                "involved": [], "sections": [], "links": []}
            item["children"] = []
            parent = self.rows.elements[self.rows.position[slug]][1] if old else None
            if entry is not None:
                self.origin(item, sheet, entry.row)
                for key in self.written(entry):
                    if key == "parent":
                        parent = self._parent(sheet, entry, entry.values[key])
                    else:
                        self._element_field(sheet, entry, item, key, entry.values[key])
                if not item["level"]:
                    self.cell_error(sheet, entry, "level", _("A new element needs its level."))
                if not item["title"]:
                    self.cell_error(sheet, entry, "title", _("The element has no title."))
            items[slug], parents[slug] = item, parent
        self.element_rows = by_entry
        self._build_tree(sheet, order, items, parents)

    def _parent(self, sheet, entry, value) -> str | None:
        if not value:
            return None
        slug = self.element_slug(value)
        if slug is None:
            self.cell_error(sheet, entry, "parent", _("There is no element “%(ref)s” in the "
                                                      "plan.") % {"ref": value})
        return slug

    def _element_field(self, sheet, entry, item, key, value) -> None:
        if key == "identifier":
            return
        if key in ("instruments", "thematic_scopes", "budget_sources", "source_codes"):
            item[key] = value or []
        elif key in ("responsible", "involved"):
            item[key] = self._bodies(sheet, entry, key, value, keep_order=True)
        elif key == "calendar":
            item[key] = self._calendar(sheet, entry, value or [])
        elif key in ("continuity", "agreement", "highlighted"):
            item[key] = bool(value)
        elif key == "weight":
            if value is not None and value < 0:
                self.cell_error(sheet, entry, key, _("The weight must be a number of zero or "
                                                     "more."))
            item[key] = str(value if value is not None else Decimal(1))
        elif key == "action_type":
            item[key] = value or None
        else:
            item[key] = value or ""

    def _calendar(self, sheet, entry, marks: list[str]) -> list[dict]:
        plan = self.document["plan"]
        start, end = plan.get("start_year"), plan.get("end_year")
        result = []
        for mark in marks:
            match = _MARK.match(mark)
            if not match:
                self.cell_error(sheet, entry, "calendar", _("“%(mark)s” is not a year (2022) "
                                                            "or a quarter (2022-T1).")
                                % {"mark": mark})
                continue
            year = int(match[1])
            if isinstance(start, int) and isinstance(end, int) and not start <= year <= end:
                self.cell_error(sheet, entry, "calendar", _(
                    "%(year)s is outside the plan's period (%(start)s–%(end)s).")
                    % {"year": year, "start": start, "end": end})
                continue
            result.append({"year": year, "quarter": int(match[2]) if match[2] else None})
        return result

    def _build_tree(self, sheet, order, items, parents) -> None:
        for slug in order:  # a circle of parents can never be stored
            seen, node = {slug}, parents[slug]
            while node is not None and node in parents:
                if node in seen:
                    if slug in self.element_rows:
                        self.cell_error(sheet, self.element_rows[slug], "parent",
                                        _("The parents of this element go round in a circle."))
                    parents[slug] = None
                    break
                seen.add(node)
                node = parents[node]
        roots = []
        for slug in order:
            parent = parents[slug]
            siblings = items[parent]["children"] if parent in items else roots
            siblings.append(items[slug])
        self.document["elements"] = roots
        self.by_slug = items
        self._note_moves(sheet, items, parents, roots)
        if self.confirm:  # links into deleted elements go with them
            for item in items.values():
                item["links"] = [link for link in item["links"] if not self._dangling(link)]

    def _note_moves(self, sheet, items, parents, roots) -> None:
        """A row moved among its siblings changes the element's position."""
        old_siblings: dict = {}
        for item, parent in self.rows.elements:
            old_siblings.setdefault(parent, []).append(item["slug"])
        for slug, entry in self.element_rows.items():
            if entry.created or slug not in self.rows.position or "parent" in entry.changed:
                continue
            old_parent = self.rows.elements[self.rows.position[slug]][1]
            siblings = items[parents[slug]]["children"] if parents[slug] in items else roots
            before = old_siblings[old_parent].index(slug)
            after = siblings.index(items[slug])
            if before == after:
                continue
            change = next((ch for ch in self.changes if ch.sheet == sheet.sheet
                           and ch.row == entry.row.number), None)
            if change is None:
                change = RowChange(RowChange.UPDATE, sheet.sheet, entry.row.number,
                                   _element_label(items[slug]))
                self.changes.append(change)
            change.fields.append(FieldChange(_("position"), str(before + 1), str(after + 1)))

    def _dangling(self, link) -> bool:
        target = link.get("target")
        if isinstance(target, dict):
            own = (target["organization"], target["plan"]) == (self.organization.slug,
                                                              self.plan_slug)
            return own and target["element"] not in self.by_slug
        return False

    # links --------------------------------------------------------------------------------

    def target(self, reference) -> tuple[str, str | None]:
        """A link target as compared: an identifier in this plan, or organisation/plan/
        identifier in another; and the problem, if it is not found."""
        parts = str(reference).split("/")
        if len(parts) >= 3:
            org, plan, element = parts[0], parts[1], "/".join(parts[2:])
            if (org, plan) == (self.organization.slug, self.plan_slug):
                reference = element
            else:
                found = (Element.objects.filter(plan__organization__slug=org, plan__slug=plan)
                         .filter(Q(slug=element) | Q(code=element))
                         .values_list("slug", flat=True).first())
                if found is None:
                    return reference, _("There is no element “%(ref)s”.") % {"ref": reference}
                return f"{org}/{plan}/{found}", None
        slug = self.element_slug(reference)
        if slug is None:
            return reference, _("There is no element “%(ref)s” in the plan.") % {
                "ref": reference}
        return slug, None

    def _link_reference(self, target: dict) -> str:
        if (target["organization"], target["plan"]) == (self.organization.slug,
                                                         self.plan_slug):
            return target["element"]
        return f"{target['organization']}/{target['plan']}/{target['element']}"

    def merge_links(self, sheet: SheetTable) -> None:
        current, original_order, old_links = {}, [], {}
        for item, _parent in self.rows.elements:
            for link in item["links"]:
                key = (item["slug"], self._link_reference(link["target"]), link["kind"])
                old_links[key] = link
                original_order.append(key)
        for key, row in zip(original_order, self.rows.rows_links(), strict=True):
            current[key] = self.rows.cells(c.LINKS, row)

        def key_of(values, row):
            source = self.element_slug(values.get("source"))
            if source is None:
                self.cell_error(sheet, row, "source", _("There is no element “%(ref)s” in the "
                                                        "plan.") % {"ref": values.get("source")})
                return None
            target, problem = self.target(values.get("target") or "")
            if problem:
                self.cell_error(sheet, row, "target", problem)
                return None
            if target == source:
                self.cell_error(sheet, row, "target", _("An element cannot be linked to "
                                                        "itself."))
                return None
            return (source, target, values.get("kind") or "contributes_to")

        entries = self.entries(sheet, current, key_of, compare=self._compare,
                               label=lambda key: f"{self.rows.ref(key[0]) or key[0]} → "
                                                 f"{self.rows.ref(key[1]) or key[1]}")
        absent = self.absentees(sheet, current, entries)
        order = interleave([e.key for e in entries], original_order, self.kept(absent))
        by_entry = {e.key: e for e in entries}
        for item in self.by_slug.values():
            item["links"] = []
        for key in order:
            source, target, kind = key
            if source not in self.by_slug:
                continue
            entry = by_entry.get(key)
            link = dict(old_links.get(key) or {"kind": kind, "note": "", "target": target})
            if entry is not None and ("note" in self.written(entry)):
                link["note"] = entry.values.get("note") or ""
            self.by_slug[source]["links"].append(link)

    # sections -----------------------------------------------------------------------------

    def merge_sections(self, sheet: SheetTable) -> None:
        current, original_order, old, counts = {}, [], {}, {}
        owned = [("", s) for s in (self.current or {}).get("sections") or []]
        owned += [(item["slug"], s) for item, _parent in self.rows.elements
                  for s in item["sections"]]
        for (owner, section), row in zip(owned, self.rows.rows_sections(), strict=True):
            base = (owner, section["kind"], section["title"] or "")
            counts[base] = counts.get(base, 0) + 1
            key = (*base, counts[base])
            current[key] = self.rows.cells(c.SECTIONS, row)
            original_order.append(key)
            old[key] = section
        seen: dict[tuple, int] = {}

        def key_of(values, row):
            owner = ""
            if values.get("element"):
                owner = self.element_slug(values["element"])
                if owner is None:
                    self.cell_error(sheet, row, "element", _("There is no element “%(ref)s” in "
                                                             "the plan.")
                                    % {"ref": values["element"]})
                    return None
            kinds = ElementSection.Kind.values if owner else PlanSection.Kind.values
            if values.get("kind") not in kinds:
                allowed = ", ".join(str(label) for value, label in c.section_kind_choices()
                                    if value in kinds)
                self.cell_error(sheet, row, "kind", (
                    _("An element's text is one of: %(allowed)s.") if owner else
                    _("A text of the plan is one of: %(allowed)s.")) % {"allowed": allowed})
                return None
            base = (owner, values["kind"], values.get("title") or "")
            seen[base] = seen.get(base, 0) + 1
            return (*base, seen[base])

        entries = self.entries(sheet, current, key_of, compare=self._compare,
                               label=lambda key: " · ".join(
                                   str(k) for k in (self.rows.ref(key[0]), key[2] or key[1])
                                   if k))
        absent = self.absentees(sheet, current, entries)
        order = interleave([e.key for e in entries], original_order, self.kept(absent))
        by_entry = {e.key: e for e in entries}
        self.document["sections"] = []
        for item in self.by_slug.values():
            item["sections"] = []
        for key in order:
            owner, kind, title, _n = key
            if owner and owner not in self.by_slug:
                continue
            entry = by_entry.get(key)
            section = dict(old.get(key) or {"kind": kind, "title": title, "body": ""})
            if entry is not None and "body" in self.written(entry):
                section["body"] = entry.values.get("body") or ""
            if entry is not None:
                self.origin(section, sheet, entry.row)
            (self.by_slug[owner]["sections"] if owner else self.document["sections"]).append(
                section)

    # monitoring settings and periods ------------------------------------------------------

    def merge_settings(self, sheet: SheetTable) -> None:
        policy_now = ((self.current or {}).get("monitoring") or {}).get("policy")
        current = {"settings": self.rows.cells(c.SETTINGS, self.rows.rows_settings()[0])} \
            if policy_now else {}
        entries = self.entries(sheet, current, lambda values, row: "settings",
                               label=lambda key: sheet.table.name(self.language))
        if not entries:
            return
        (entry,) = entries
        for key, number in sheet.field_rows.items():
            self.field_origins[f"monitoring.policy.{key}"] = (sheet.sheet, number,
                                                              sheet.header(key))
        policy = self.monitoring().setdefault("policy", {})
        for key in self.written(entry):
            value = entry.values[key]
            if key == "tolerance":
                if value is not None and not 0 <= value <= 100:
                    self.cell_error(sheet, entry, key, _("The tolerance is between 0 and 100 "
                                                         "points."))
                policy[key] = str(value) if value is not None else "10"
            elif value is not None or key == "data_note":
                policy[key] = value or ""

    def merge_periods(self, sheet: SheetTable) -> None:
        items = self.current_periods()
        current = {reference: {"period": period_label(reference), "status": self.rows.choice(
            c.PERIODS.column("status"), item["status"])} for reference, item in items.items()}

        def key_of(values, row):
            reference = period_reference(values.get("period") or "")
            if reference is None:
                self.cell_error(sheet, row, "period", _("“%(period)s” is not a period (2022, "
                                                        "2022-T1, 2022-S2).")
                                % {"period": values.get("period")})
            return reference

        entries = self.entries(sheet, current, key_of, compare=self._compare,
                               label=period_label)
        absent = self.absentees(sheet, current, entries)
        plan = self.document["plan"]
        written = {}
        for entry in entries:
            item = dict(items.get(entry.key) or _period_item(entry.key))
            start, end = plan.get("start_year"), plan.get("end_year")
            if isinstance(start, int) and isinstance(end, int) and \
                    not start <= item["year"] <= end:
                self.cell_error(sheet, entry, "period", _(
                    "%(year)s is outside the plan's period (%(start)s–%(end)s).")
                    % {"year": item["year"], "start": start, "end": end})
            status = entry.values.get("status")
            if status and status != item["status"]:
                if not self.can_admin:
                    self.cell_error(sheet, entry, "status", _(
                        "Only an administrator of the organisation can close or reopen a "
                        "period."))
                item["status"] = status
            written[entry.key] = self.origin(item, sheet, entry.row)
        for reference in self.deleted(absent):
            if items[reference]["status"] == "closed":
                self.error(sheet, None, None, _("The period %(period)s is closed: it cannot be "
                                                "deleted.")
                           % {"period": period_label(reference)})
        order = interleave([e.key for e in entries], list(items), self.kept(absent))
        self.monitoring()["periods"] = [written.get(k) or items[k] for k in order]

    def period_of(self, sheet, row, written) -> str | None:
        reference = period_reference(written or "")
        if reference is None:
            self.cell_error(sheet, row, "period", _(
                "“%(period)s” is not a period (2022, 2022-T1, 2022-S2).") % {"period": written})
            return None
        if reference not in self.periods():
            self.cell_error(sheet, row, "period", _(
                "The period %(period)s does not exist in this plan; an administrator can add "
                "it in the monitoring settings.") % {"period": period_label(reference)})
            return None
        return reference

    def scope_periods(self, sheet: SheetTable) -> set[str]:
        """The periods a monitoring sheet speaks for: all of them when the upload has the
        periods sheet, otherwise those its rows name."""
        if "periods" in self.tables:
            return set(self.periods())
        found = set()
        for row in sheet.rows:
            reference = period_reference(v.one_line(row.cells.get("period")))
            if reference:
                found.add(reference)
        return found

    def is_closed(self, reference: str) -> bool:
        return self.current_periods().get(reference, {}).get("status") == "closed"

    def closed(self, sheet, entry: Entry | None, reference: str, label: str = "") -> None:
        """A change to a closed period's data: refused (the services would refuse it too)."""
        message = _("The period %(period)s is closed: its data can no longer change. An "
                    "administrator can reopen it.") % {"period": period_label(reference)}
        if entry is not None:
            self.cell_error(sheet, entry, "period" if "period" in sheet.headers else "year",
                            message)
        else:
            self.error(sheet, None, None, f"{label}: {message}")

    # progress -----------------------------------------------------------------------------

    def merge_progress(self, sheet: SheetTable) -> None:
        monitoring = self.monitoring()
        current = {(p["element"], p["period"]): self.rows.cells(c.PROGRESS, row)
                   for p, row in zip(self._sorted_progress(), self.rows.rows_progress(None),
                                     strict=True)}
        fields = ("status", "percent", "deployment", "next_actions", "bodies")

        def key_of(values, row):
            element = self._element_cell(sheet, row, "element", values.get("element"))
            period = self.period_of(sheet, row, values.get("period"))
            if element is None or period is None:
                return None
            return (element, period)

        entries = self.entries(
            sheet, current, key_of, compare=self._compare, label=self._pair_label,
            blank=lambda e: all(e.values.get(k) in (None, "", []) for k in fields))
        scope = self.scope_periods(sheet)
        absent = self.absentees(sheet, current, entries, scope=lambda key: key[1] in scope)
        items = {(p["element"], p["period"]): p for p in monitoring.get("progress") or []}
        for entry in entries:
            if entry.blank or not (entry.created or entry.changed):
                continue
            if self.is_closed(entry.key[1]):
                self.closed(sheet, entry, entry.key[1])
            item = dict(items.get(entry.key) or {
                "element": entry.key[0], "period": entry.key[1], "status": "pending",
                "percent": None, "deployment": "", "next_actions": "", "bodies": []})
            for key in self.written(entry):
                value = entry.values[key]
                if key == "percent":
                    if value is not None and not 0 <= value <= 100:
                        self.cell_error(sheet, entry, key, _("A percentage is between 0 and "
                                                             "100."))
                    item[key] = str(value) if value is not None else None
                elif key == "bodies":
                    item[key] = self._bodies(sheet, entry, key, value)
                elif key == "status":
                    item[key] = value or "pending"
                elif key in fields:
                    item[key] = value or ""
            items[entry.key] = self.origin(item, sheet, entry.row)
        for key in self.deleted(absent):
            if self.is_closed(key[1]):
                self.closed(sheet, None, key[1], self._pair_label(key))
            items.pop(key, None)
        monitoring["progress"] = list(items.values())

    def _sorted_progress(self) -> list[dict]:
        """The progress records in the order ``Rows.rows_progress`` lists them."""
        items = ((self.current or {}).get("monitoring") or {}).get("progress") or []
        return sorted(items, key=lambda p: (self.rows.period_key(p["period"]),
                                            self.rows.element_key(p["element"])))

    def _element_cell(self, sheet, row, column, reference, *, required=True) -> str | None:
        if reference in (None, ""):
            if required:
                self.cell_error(sheet, row, column, _("Write the element's code."))
            return None
        slug = self.element_slug(reference)
        if slug is None:
            self.cell_error(sheet, row, column, _("There is no element “%(ref)s” in the plan.")
                            % {"ref": reference})
        return slug

    def _bodies(self, sheet, entry, column, references, *, keep_order=False) -> list[str]:
        slugs = []
        for reference in references or []:
            slug = self.body_slug(reference)
            if slug is None:
                self.cell_error(sheet, entry, column, _("“%(ref)s” is not a body of "
                                                        "%(organization)s.")
                                % {"ref": reference, "organization": self.organization.name})
            elif slug not in slugs:
                slugs.append(slug)
        return slugs if keep_order else sorted(slugs)

    def _compare(self, column, value):
        if column in ELEMENT_COLUMNS:
            return self.element_slug(value) or value
        if column in ("responsible", "involved"):
            return [self.body_slug(b) or b for b in value or []]
        if column in BODY_COLUMNS:
            return sorted(self.body_slug(b) or b for b in value or [])
        if column == "period":
            return period_reference(value or "") or value
        if column in ("target",):
            return self.target(value)[0] if value else value
        return value

    def _pair_label(self, key) -> str:
        return " · ".join([self.rows.ref(key[0]) or key[0], period_label(key[1]),
                           *[str(k) for k in key[2:]]])

    # indicators and their values ----------------------------------------------------------

    def categories(self) -> dict[str, str]:
        """The disaggregation categories the organisation may use: each way of naming one
        (identifier, names) → its identifier."""
        if not hasattr(self, "_categories"):
            found = {}
            for category in DisaggregationCategory.objects.filter(
                    Q(organization__isnull=True) | Q(organization=self.organization)):
                for name in (category.key, category.name_ca, category.name_es, category.name_en):
                    if name:
                        found[v.normalise(name)] = category.key
            self._categories = found
        return self._categories

    def merge_indicators(self, sheet: SheetTable) -> None:
        monitoring = self.monitoring()
        current = {r["identifier"]: r for r in self.rows.table(c.INDICATORS)}

        def key_of(values, row):
            slug = values.get("identifier") or slugify(values.get("name") or "")[:80]
            if not slug or not _SLUG.match(slug):
                self.cell_error(sheet, row, "identifier" if values.get("identifier") else
                                "name", _("An identifier holds lowercase letters, digits and "
                                          "dashes."))
                return None
            return slug

        entries = self.entries(sheet, current, key_of, compare=self._compare)
        absent = self.absentees(sheet, current, entries)
        items = {i["slug"]: i for i in monitoring.get("indicators") or []}
        for entry in entries:
            item = items.get(entry.key)
            if item is None:
                item = items[entry.key] = {
                    "slug": entry.key, "element": None, "name": "", "description": "",
                    "unit": "", "measure_type": "count", "higher_is_better": True,
                    "time_aggregation": "sum", "organization_aggregation": "sum",
                    "categories": [], "values": []}
            for key in self.written(entry):
                value = entry.values[key]
                if key == "identifier":
                    continue
                if key == "element":
                    item[key] = self._element_cell(sheet, entry, key, value, required=False)
                elif key == "categories":
                    item[key] = sorted(self._category(sheet, entry, name) for name in value)
                elif key == "higher_is_better":
                    item[key] = True if value is None else value
                elif key == "measure_type":
                    item[key] = value or "count"
                elif key in ("time_aggregation", "organization_aggregation"):
                    item[key] = value or "sum"
                else:
                    item[key] = value or ""
            if not item["name"]:
                self.cell_error(sheet, entry, "name", _("Write the indicator's name."))
            self.origin(item, sheet, entry.row)
        order = interleave([e.key for e in entries], list(current), self.kept(absent))
        monitoring["indicators"] = [items[k] for k in order]

    def _category(self, sheet, entry, name) -> str:
        found = self.categories().get(v.normalise(name))
        if found is None:
            self.cell_error(sheet, entry, "categories", _(
                "“%(name)s” is not a disaggregation category of the organisation.")
                % {"name": name})
        return found or name

    def merge_values(self, sheet: SheetTable) -> None:
        monitoring = self.monitoring()
        indicators = {i["slug"]: i for i in monitoring.get("indicators") or []}
        current = {(r["indicator"], r["period"].lower(), r["kind"]): self.rows.cells(c.VALUES, r)
                   for r in self.rows.rows_values(None)}

        def key_of(values, row):
            slug = values.get("indicator")
            if slug not in indicators:
                self.cell_error(sheet, row, "indicator", _("There is no indicator “%(slug)s” "
                                                           "in the plan.") % {"slug": slug})
                return None
            period = self.period_of(sheet, row, values.get("period"))
            if period is None:
                return None
            return (slug, period, values.get("kind") or "actual")

        def label(key):
            kind = self.rows.choice(c.VALUES.column("kind"), key[2])
            return " · ".join((key[0], period_label(key[1]), kind))

        entries = self.entries(sheet, current, key_of, compare=self._compare, label=label,
                               blank=lambda e: all(
                                   val in (None, "") for key, val in e.values.items()
                                   if key in ("total", "text") or key.startswith("split:")))
        scope = self.scope_periods(sheet)
        absent = self.absentees(sheet, current, entries, scope=lambda key: key[1] in scope)
        for entry in entries:
            if entry.blank or not (entry.created or entry.changed):
                continue
            if self.is_closed(entry.key[1]):
                self.closed(sheet, entry, entry.key[1])
            indicator = indicators[entry.key[0]]
            values = {(x["period"], x["kind"]): x for x in indicator["values"]}
            item = copy.deepcopy(values.get(entry.key[1:])) or {
                "period": entry.key[1], "kind": entry.key[2], "total": None, "text": "",
                "splits": {}}
            for key in self.written(entry):
                value = entry.values[key]
                if key == "total":
                    item["total"] = str(value) if value is not None else None
                elif key == "text":
                    item["text"] = value or ""
                elif key.startswith("split:"):
                    self._split(sheet, entry, key, value, item["splits"],
                                indicator["categories"])
            values[entry.key[1:]] = self.origin(item, sheet, entry.row)
            indicator["values"] = list(values.values())
        for slug, period, kind in self.deleted(absent):
            if self.is_closed(period):
                self.closed(sheet, None, period, label((slug, period, kind)))
            indicator = indicators[slug]
            indicator["values"] = [x for x in indicator["values"]
                                   if (x["period"], x["kind"]) != (period, kind)]

    def _split(self, sheet, entry, key, value, splits: dict, categories) -> None:
        option = key[6:]
        if value is None:
            splits.pop(option, None)
            return
        if option.split("/")[0] not in categories:
            self.cell_error(sheet, entry, key, _("The indicator is not split by this "
                                                 "category."))
        elif value < 0:
            self.cell_error(sheet, entry, key, _("A split cannot be negative."))
        splits[option] = str(value)

    # ratings ------------------------------------------------------------------------------

    def merge_scales(self, sheet: SheetTable) -> None:
        monitoring = self.monitoring()
        current = {(r["scale"], r["level"]): self.rows.cells(c.SCALES, r)
                   for r in self.rows.rows_scales()}

        def key_of(values, row):
            for column in ("scale", "level"):
                if not values.get(column) or not _SLUG.match(values[column]):
                    self.cell_error(sheet, row, column, _("An identifier holds lowercase "
                                                          "letters, digits and dashes."))
                    return None
            return (values["scale"], values["level"])

        entries = self.entries(sheet, current, key_of)
        absent = self.absentees(sheet, current, entries)
        scales = {s["key"]: s for s in monitoring.get("rating_scales") or []}
        by_entry = {e.key: e for e in entries}
        levels: dict[str, list] = {}
        for key in interleave([e.key for e in entries], list(current), self.kept(absent)):
            scale_key, level_key = key
            scale = scales.setdefault(scale_key, {"key": scale_key, "name": "",
                                                  "description": "", "levels": []})
            old = next((lv for lv in scale["levels"] if lv["key"] == level_key), None)
            level = dict(old or {"key": level_key, "name": ""})
            entry = by_entry.get(key)
            if entry is not None:
                for column in self.written(entry):
                    value = entry.values[column] or ""
                    if column == "level_name":
                        level["name"] = value
                    elif column == "scale_name":
                        scale["name"] = value
                    elif column == "description":
                        scale["description"] = value
                self.origin(scale, sheet, entry.row)
            levels.setdefault(scale_key, []).append(level)
        for scale_key, scale_levels in levels.items():
            scales[scale_key]["levels"] = scale_levels
        monitoring["rating_scales"] = list(scales.values())

    def merge_ratings(self, sheet: SheetTable) -> None:
        monitoring = self.monitoring()
        scales = {s["key"]: [lv["key"] for lv in s["levels"]]
                  for s in monitoring.get("rating_scales") or []}
        current = {(self.element_slug(r["element"]) or r["element"], r["period"].lower(),
                    r["scale"], r["level"]): self.rows.cells(c.RATINGS, r)
                   for r in self.rows.rows_ratings(None)}

        def key_of(values, row):
            element = self._element_cell(sheet, row, "element", values.get("element"))
            period = self.period_of(sheet, row, values.get("period"))
            scale, level = values.get("scale"), values.get("level")
            if scale not in scales:
                self.cell_error(sheet, row, "scale", _("There is no scale “%(scale)s” in the "
                                                       "plan.") % {"scale": scale})
                return None
            if level not in scales[scale]:
                self.cell_error(sheet, row, "level", _("“%(level)s” is not a level of the "
                                                       "scale.") % {"level": level})
                return None
            if element is None or period is None:
                return None
            return (element, period, scale, level)

        entries = self.entries(sheet, current, key_of, compare=self._compare,
                               blank=lambda e: not e.values.get("count"),
                               label=self._pair_label)
        scope = self.scope_periods(sheet)
        absent = self.absentees(sheet, current, entries, scope=lambda key: key[1] in scope)
        groups = {(r["element"], r["period"], r["scale"]): dict(r["counts"])
                  for r in monitoring.get("ratings") or []}
        origins = {}
        for entry in entries:
            if entry.blank or not (entry.created or entry.changed):
                continue
            element, period, scale, level = entry.key
            if self.is_closed(period):
                self.closed(sheet, entry, period)
            count = entry.values.get("count")
            if count < 0:
                self.cell_error(sheet, entry, "count", _("A number of answers cannot be "
                                                         "negative."))
            groups.setdefault((element, period, scale), {})[level] = count
            origins[(element, period, scale)] = entry
        for key in self.deleted(absent):
            element, period, scale, level = key
            if self.is_closed(period):
                self.closed(sheet, None, period, self._pair_label(key))
            groups.get((element, period, scale), {}).pop(level, None)
        monitoring["ratings"] = []
        for (element, period, scale), counts in groups.items():
            if not counts:
                continue
            item = {"element": element, "period": period, "scale": scale, "counts": counts}
            if (element, period, scale) in origins:
                self.origin(item, sheet, origins[(element, period, scale)].row)
            monitoring["ratings"].append(item)

    # budgets ------------------------------------------------------------------------------

    def budget_for(self, element: str | None) -> dict:
        budgets = self.document.setdefault("budgets", [])
        for budget in budgets:
            if budget["element"] == element:
                return budget
        budget = {"element": element, "period_total": None, "note": "", "lines": [],
                  "personnel_costs": []}
        budgets.append(budget)
        return budget

    def merge_budgets(self, sheet: SheetTable) -> None:
        current = {self.element_slug(r["element"]) or r["element"] if r["element"] else "": r
                   for r in self.rows.table(c.BUDGETS)}

        def key_of(values, row):
            if values.get("element"):
                return self._element_cell(sheet, row, "element", values["element"])
            return ""

        entries = self.entries(sheet, current, key_of, compare=self._compare,
                               label=lambda key: self.rows.ref(key) or self.plan_slug)
        absent = self.absentees(sheet, current, entries)
        for entry in entries:
            budget = self.budget_for(entry.key or None)
            for key in self.written(entry):
                value = entry.values[key]
                if key == "period_total":
                    if value is not None and value < 0:
                        self.cell_error(sheet, entry, key, _("An amount cannot be negative."))
                    budget[key] = str(value) if value is not None else None
                elif key == "note":
                    budget[key] = value or ""
            self.origin(budget, sheet, entry.row)
        gone = {key or None for key in self.deleted(absent)}
        self.document["budgets"] = [b for b in self.document.get("budgets") or []
                                    if b["element"] not in gone]

    def _line_key(self, sheet, values, row, default_chapter):
        element = ""
        if values.get("element"):
            element = self._element_cell(sheet, row, "element", values["element"])
            if element is None:
                return None
        year = values.get("year")
        start, end = self.document["plan"].get("start_year"), \
            self.document["plan"].get("end_year")
        if year is None:
            self.cell_error(sheet, row, "year", _("Write the year."))
            return None
        if isinstance(start, int) and isinstance(end, int) and not start <= year <= end:
            self.cell_error(sheet, row, "year", _(
                "%(year)s is outside the plan's period (%(start)s–%(end)s).")
                % {"year": year, "start": start, "end": end})
            return None
        chapter = values.get("chapter")
        return (element, year, default_chapter if chapter is None else chapter,
                values.get("phase") or "executed", values.get("concept") or "")

    def _line_label(self, key) -> str:
        element, year, chapter, phase, concept = key
        parts = [self.rows.ref(element) or self.plan_slug, str(year),
                 c.ROMAN[chapter - 1] if chapter else "",
                 self.rows.choice(c.LINES.column("phase"), phase), concept.split("\0")[0]]
        return " · ".join(p for p in parts if p)

    def _budget_rows(self, sheet, table, source: str, default_chapter) -> None:
        """Budget lines or personnel costs, matched by element, year, chapter, phase and
        concept (two equal lines of the current data are told apart by their order)."""
        current, order, old = {}, [], {}
        budgets = sorted((self.current or {}).get("budgets") or [],
                         key=lambda b: self.rows.element_key(b["element"]))
        lines = [(b["element"] or "", line) for b in budgets for line in b[source]]
        for (element, line), row in zip(lines, getattr(self.rows, f"rows_{table.key}")(),
                                        strict=True):
            chapter = line["chapter"] if line["chapter"] is not None else default_chapter
            key = (element, line["year"], chapter, line["phase"], line["concept"] or "")
            if key in current:
                key = (*key[:4], f"{key[4]}\0{len(order)}")
            current[key], old[key] = self.rows.cells(table, row), line
            order.append(key)

        entries = self.entries(sheet, current, lambda values, row: self._line_key(
            sheet, values, row, default_chapter), compare=self._compare,
            label=self._line_label)
        absent = self.absentees(sheet, current, entries)
        for budget in self.document.get("budgets") or []:
            budget[source] = []
        by_entry = {e.key: e for e in entries}
        for key in interleave([e.key for e in entries], order, self.kept(absent)):
            entry = by_entry.get(key)
            line = dict(old.get(key) or {"year": key[1], "chapter": key[2], "phase": key[3],
                                         "concept": key[4]})
            if entry is not None:
                for column in self.written(entry):
                    value = entry.values[column]
                    if column in ("amount", "hours", "hourly_cost"):
                        if value is not None and value < 0:
                            self.cell_error(sheet, entry, column, _("An amount cannot be "
                                                                    "negative."))
                        line[column] = str(value) if value is not None else None
                self.origin(line, sheet, entry.row)
            budget = self.budget_for(key[0] or None)
            if entry is not None and id(budget) not in self.origins:
                # what the import finds about the budget's lines as a whole (a kept line of a
                # closed year that would go) is told at the first of its rows
                self.origin(budget, sheet, entry.row)
            budget[source].append(line)

    def merge_lines(self, sheet: SheetTable) -> None:
        self._budget_rows(sheet, c.LINES, "lines", None)

    def merge_personnel(self, sheet: SheetTable) -> None:
        self._budget_rows(sheet, c.PERSONNEL, "personnel_costs", 1)

    # activities ---------------------------------------------------------------------------

    def merge_events(self, sheet: SheetTable) -> None:
        monitoring = self.monitoring()
        current = {r["identifier"]: r for r in self.rows.table(c.EVENTS)}
        taken: set[str] = set()

        def key_of(values, row):
            slug, date, year = values.get("identifier"), values.get("date"), values.get("year")
            if date and year and date.year != year:
                self.cell_error(sheet, row, "year", _("The year is not the date's."))
                return None
            if not date and not year:
                self.cell_error(sheet, row, "date", _("Write the date, or at least the year."))
                return None
            if slug:
                if not _SLUG.match(slug) or len(slug) > 120:
                    self.cell_error(sheet, row, "identifier", _("An identifier holds lowercase "
                                                                "letters, digits and dashes."))
                    return None
            else:  # as the activity's service names it
                title = " ".join((values.get("title") or "").split())
                base = slugify(f"{date.isoformat() if date else year}-{title}")[:110]
                slug, n = base, 2
                while slug in taken:
                    slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
            return slug

        entries = self.entries(sheet, current, key_of, compare=self._compare)
        absent = self.absentees(sheet, current, entries)
        items = {e["key"]: e for e in monitoring.get("events") or []}
        names = {name for e in entries for name in e.values.get("organizations") or []}
        known = set(Organization.objects.filter(slug__in=names).values_list("slug", flat=True))
        for entry in entries:
            if not (entry.created or entry.changed):
                continue
            old = items.get(entry.key)
            item = copy.deepcopy(old) or {
                "key": entry.key, "element": None, "year": None, "date": None,
                "kind": "meeting", "title": "", "description": "", "count": 1, "bodies": [],
                "organizations": [], "attendance": None, "attendance_split": {}}
            for key in self.written(entry):
                self._event_field(sheet, entry, item, key, entry.values[key], known)
            if not item["title"]:
                self.cell_error(sheet, entry, "title", _("Write what the activity was."))
            self._open_year(sheet, entry, item["year"], item["date"])
            if old is not None and (old["year"], old["date"]) != (item["year"], item["date"]):
                self._open_year(sheet, entry, old["year"], old["date"])
            items[entry.key] = self.origin(item, sheet, entry.row)
        for key in self.deleted(absent):
            item = items.pop(key)
            self._open_year(sheet, None, item["year"], item["date"], label=item["title"])
        monitoring["events"] = list(items.values())

    def _event_field(self, sheet, entry, item, key, value, known) -> None:
        if key == "identifier":
            return
        if key == "date":
            item["date"] = value.isoformat() if value else None
            if value:
                item["year"] = value.year
        elif key == "year":
            if value is not None:
                item["year"] = value
        elif key == "element":
            item[key] = self._element_cell(sheet, entry, key, value, required=False)
        elif key == "bodies":
            item[key] = self._bodies(sheet, entry, key, value)
        elif key == "organizations":
            for name in value:
                if name not in known:
                    self.cell_error(sheet, entry, key, _("The organisation “%(slug)s” does not "
                                                         "exist.") % {"slug": name})
            item[key] = sorted(value)
        elif key == "count":
            if value is not None and value < 1:
                self.cell_error(sheet, entry, key, _("An activity happens at least once."))
            item[key] = 1 if value is None else value
        elif key == "attendance":
            if value is not None and value < 0:
                self.cell_error(sheet, entry, key, _("A number of people cannot be negative."))
            item[key] = value
        elif key.startswith("split:"):
            if value is None:
                item["attendance_split"].pop(key[6:], None)
            elif value < 0 or value != value.to_integral_value():
                self.cell_error(sheet, entry, key, _("A number of people is a whole number of "
                                                     "zero or more."))
            else:
                item["attendance_split"][key[6:]] = int(value)
        elif key == "kind":
            item[key] = value or "meeting"
        else:
            item[key] = value or ""

    def _open_year(self, sheet, entry, year, date, *, label: str = "") -> None:
        """Activities are locked when the periods holding their date (or all the periods of
        their year) are closed."""
        periods = [_period_item(reference, p["status"])
                   for reference, p in self.current_periods().items() if p["year"] == year]
        if date:
            day = datetime.date.fromisoformat(date)
            periods = [p for p in periods if _holds(p, day)]
        if periods and all(p["status"] == "closed" for p in periods):
            message = _("The period %(period)s is closed: its data can no longer change. An "
                        "administrator can reopen it.") % {"period": year}
            if entry is None:
                self.error(sheet, None, None, f"{label}: {message}")
            else:
                self.cell_error(sheet, entry, "date" if "date" in sheet.headers else "year",
                                message)


def _element_label(item: dict) -> str:
    return " · ".join(x for x in (item.get("code"), item.get("title")) if x)


def _default_label(key) -> str:
    if isinstance(key, tuple):
        return " · ".join(str(k) for k in key if k)
    return str(key)


def _same(column, value):
    return value


def _holds(period: dict, day: datetime.date) -> bool:
    months = {"year": 12, "semester": 6, "quarter": 3}[period["kind"]]
    first = (period["number"] - 1) * months + 1
    return first <= day.month < first + months


def _element_terms(item: dict) -> dict[str, list[str]]:
    terms = {"instrument": item["instruments"], "thematic_scope": item["thematic_scopes"],
             "budget_source": item["budget_sources"], "source_code": item["source_codes"]}
    if item.get("action_type"):
        terms["action_type"] = [item["action_type"]]
    return terms


def interleave(sheet_keys: list, current_keys: list, kept: set) -> list:
    """The sheet's order, with each kept record placed right after the record it followed
    before (in linear time: a partial sheet may keep thousands)."""
    placed = set(sheet_keys)
    after: dict = {}
    anchor = None
    for key in current_keys:
        if key in placed:
            anchor = key
        elif key in kept:
            after.setdefault(anchor, []).append(key)
            anchor = key
    result = []

    def emit(key):
        result.append(key)
        for follower in after.pop(key, []):
            emit(follower)

    for key in after.pop(None, []):
        emit(key)
    for key in sheet_keys:
        emit(key)
    return result


def _parents_first(levels: list[dict]) -> tuple[list[dict], list[dict]]:
    """Levels with every parent before its children, and those in a circle of parents."""
    ordered, placed, waiting = [], set(), list(levels)
    while waiting:
        ready = next((lv for lv in waiting if not lv["parent"] or lv["parent"] in placed), None)
        if ready is None:
            ordered.extend(waiting)
            return ordered, waiting
        ordered.append(ready)
        placed.add(ready["key"])
        waiting.remove(ready)
    return ordered, []
