"""Tables of a plan's document, as plain functions over rows of cells.

A table is read by its header row, in Catalan or Spanish: which column holds the actions,
their instruments, thematic scopes, calendar (quarters or years, marked with an X), the bodies
responsible or involved, the budget, the lines they contribute to (codes). Rows whose cells
do not line up with the header (a merged cell lost, a cell shifted) are put back in place by
what each cell holds (see :func:`align_row`). Other kinds: the bodies of an organisation
(acronym – name, functions, periodicity, holders), a card of one project (label | value), a
table of contents.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from exchange.documents.blocks import cell_text, html_lines, is_bold_cell
from exchange.documents.lines import (
    code_prefix,
    codes_in,
    fold,
    is_contents_line,
    is_prose,
    level_name_at_start,
    only_codes,
)

# Header words ------------------------------------------------------------------------------

ROLE_WORDS = [
    ("status", ("estat execucio", "estat d'execucio", "estado de ejecucion", "estat", "estado",
                "% execucio", "grau d'execucio", "grado de ejecucion")),
    ("title", ("nom de l'actuacio", "nom de l'accio", "nombre de la actuacion",
               "actuacions realitzades", "accions", "accio", "actuacions", "actuacio",
               "acciones", "accion", "actuaciones", "actuacion", "activitats", "activitat",
               "actividades", "mesures", "mesura", "medidas", "projectes", "proyectos",
               "tasques", "tareas", "nom", "nombre", "descripcio de l'accio")),
    ("code", ("codi", "codigo", "num.", "num", "n.", "n", "no.", "ref", "referencia")),
    ("instrument", ("instruments", "instrument", "instrumentos", "instrumento", "eines",
                    "herramientas", "tipus d'instrument")),
    ("scope", ("ambit", "ambito", "tematica", "tematic", "ambits tematics", "tema")),
    ("calendar", ("calendari", "calendario", "cronograma", "temporalitzacio",
                  "temporalizacion", "periode d'execucio", "periodo de ejecucion")),
    ("responsible", ("responsab", "responsable", "responsables", "lidera", "liderazgo",
                     "responsabilidad")),
    ("involved", ("serveis implicats", "serveis, arees implicades", "implicats", "implicades",
                  "involucrats", "implicados", "participants", "participantes",
                  "col.laboradors", "collaboradors", "colaboradores", "agents implicats")),
    ("budget", ("impacte pressupostari", "pressupost", "presupuesto", "impacto presupuestario",
                "financament", "financiacion", "font de financament", "fuente de financiacion",
                "cost", "coste")),
    ("type", ("tipus", "tipo", "tipologia")),
    ("description", ("descripcio", "descripcion", "observacions", "observaciones",
                     "contingut", "contenido")),
    ("indicator", ("indicador", "indicadors", "indicadores", "resultat", "resultats",
                   "resultados")),
]
BODY_ROLE_WORDS = [
    ("functions", ("funcions", "funciones", "funcio", "funcion", "rol")),
    ("periodicity", ("periodicitat", "periodicidad", "frequencia", "reunions", "reuniones")),
    ("holders", ("titularitat", "titularidad", "composicio", "composicion", "integrants",
                 "integrantes", "membres", "miembros")),
    ("name", ("equips", "equip", "equipos", "equipo", "organs", "organ", "organos", "organo",
              "organisme", "espais", "espai", "espacios", "nom", "nombre", "sigles", "acronim",
              "comissions", "comisiones")),
]
PERIODICITY = [
    ("weekly", ("setmanal", "semanal", "cada setmana")),
    ("monthly", ("mensual", "cada mes")),
    ("quarterly", ("trimestral",)),
    ("semiannual", ("semestral",)),
    ("annual", ("anual", "un cop l'any", "una vez al ano")),
    ("on_demand", ("a demanda", "ad hoc", "quan cal", "segons necessitat", "cuando sea")),
]
MARKS = {"x", "✓", "✔", "•", "■", "●", "si", "sí", "*", "✗"}


def header_role(text: str) -> str | None:
    """What a header cell says its column holds, or None."""
    folded = fold(cell_text(text)).strip(" :.*")
    if not folded:
        return None
    found = level_name_at_start(folded)
    if found and not re.match(r"^(accio|accion|actuaci|mesur|medid|projecte|proyecto|nom)",
                              folded):
        rest = fold(found[2])
        if not rest or re.match(r"^(a la|al que|a les que|que|vincula|relaciona|on |\(|/)",
                                rest):
            return "link"
    for role, words in ROLE_WORDS:
        for word in words:
            if folded == word or folded.startswith(word + " ") or folded.startswith(word):
                if role == "code" and folded != word:
                    continue
                return role
    return None


def quarter_of(text: str) -> int | None:
    """"1er Trim", "T1", "1r trimestre", "Q3" → the quarter."""
    folded = fold(cell_text(text))
    match = re.fullmatch(r"(?:([1-4])\s*(?:r|er|on|n|rt|t|º|o|a)?\.?\s*(?:trim\w*|t|q)"
                         r"|(?:t|q|trim\w*)\s*([1-4]))\.?", folded)
    if match:
        return int(match.group(1) or match.group(2))
    return None


def year_of(text: str) -> int | None:
    match = re.fullmatch(r"\s*((?:19|20)\d{2})\s*", cell_text(text))
    return int(match.group(1)) if match else None


def is_mark(text: str) -> bool:
    return fold(cell_text(text)) in MARKS


# Column layout -----------------------------------------------------------------------------


@dataclass
class Column:
    role: str  # title, code, instrument, scope, calendar, responsible, involved, budget,
    #            link, type, status, description, indicator, other
    header: str = ""
    quarter: int | None = None
    year: int | None = None
    level: str | None = None  # for link columns: the level it names


@dataclass
class Layout:
    kind: str  # "actions", "calendar", "bodies", "card", "contents", "other"
    columns: list[Column] = field(default_factory=list)
    header_rows: int = 0
    caption: str = ""


def _is_header_row(row: list[str]) -> bool:
    texts = [cell_text(c) for c in row]
    filled = [t for t in texts if t]
    if not filled:
        return False
    known = sum(1 for t in filled if header_role(t) or quarter_of(t) or year_of(t))
    return known >= max(1, len(filled) // 2) and all(len(t) < 80 for t in filled)


def layout(rows: list[list[str]]) -> Layout:
    """How to read ``rows``: the kind of table and what each column holds."""
    rows = [r for r in rows if any(cell_text(c) for c in r)]
    if not rows:
        return Layout("other")
    caption = ""
    if len([c for c in rows[0] if cell_text(c)]) == 1 and len(rows) > 1 \
            and not _is_header_row(rows[0]) and len(rows[0]) > 2:
        caption = cell_text(next(c for c in rows[0] if cell_text(c)))
        rows = rows[1:]
    offset = 1 if caption else 0
    if all(_is_contents_row(r) for r in rows):
        return Layout("contents", caption=caption)
    bodies = _bodies_layout(rows[0])
    if bodies:
        return Layout("bodies", bodies, 1 + offset, caption)
    years = [year_of(c) for c in rows[0]]
    if sum(1 for y in years if y) >= 2:
        columns = [Column("calendar", cell_text(c), year=y) if y else Column("title")
                   for c, y in zip(rows[0], years, strict=True)]
        return Layout("calendar", columns, 1 + offset, caption)
    if _is_header_row(rows[0]):
        second = rows[1] if len(rows) > 1 else []
        has_second = bool(second) and any(quarter_of(c) or year_of(c) for c in second) \
            and not any(cell_text(c) and not (quarter_of(c) or year_of(c)) for c in second)
        columns = _columns(rows[0], second if has_second else [])
        if any(c.role == "title" for c in columns):
            return Layout("actions", columns, (2 if has_second else 1) + offset, caption)
    if _is_card(rows):
        return Layout("card", caption=caption)
    return Layout("other", caption=caption)


def _columns(first: list[str], second: list[str]) -> list[Column]:
    width = max(len(first), len(second))
    columns: list[Column] = []
    spanning: Column | None = None
    for i in range(width):
        head = cell_text(first[i]) if i < len(first) else ""
        sub = second[i] if i < len(second) else ""
        if head:
            role = header_role(head) or "other"
            column = Column(role, head)
            if role == "link":
                found = level_name_at_start(head)
                column.level = found[0] if found else None
            spanning = column if role in ("calendar", "budget", "link", "responsible",
                                          "involved") else None
        elif spanning is not None:
            column = Column(spanning.role, spanning.header, level=spanning.level)
        else:
            column = Column("other")
        if sub and quarter_of(sub):
            column = Column("calendar", column.header, quarter=quarter_of(sub))
        elif sub and year_of(sub):
            column = Column("calendar", column.header, year=year_of(sub))
        elif column.role == "calendar" and second and not sub and head:
            column = Column("calendar", head)
        columns.append(column)
    # A calendar header whose sub-columns are quarters: the header cell is the first quarter.
    return columns


def _is_contents_row(row: list[str]) -> bool:
    texts = [cell_text(c) for c in row if cell_text(c)]
    if len(texts) == 1:
        return is_contents_line(texts[0])
    return len(texts) == 2 and bool(re.fullmatch(r"\d{1,3}", texts[-1])) and len(texts[0]) < 120


def _bodies_layout(header: list[str]) -> list[Column] | None:
    roles = []
    for cell in header:
        folded = fold(cell_text(cell)).strip(" :.")
        role = None
        for name, words in BODY_ROLE_WORDS:
            if any(folded == w or folded.startswith(w + " ") for w in words):
                role = name
                break
        roles.append(Column(role or "other", cell_text(cell)))
    names = [c.role for c in roles]
    if "name" in names and ({"functions", "periodicity", "holders"} & set(names)):
        return roles
    return None


def _is_card(rows: list[list[str]]) -> bool:
    pairs = [_pair(r) for r in rows]
    labelled = [p for p in pairs if p and p[0]]
    return len(labelled) >= 2 and sum(1 for p in labelled if card_role(p[0])) >= 2


def _pair(row: list[str]) -> tuple[str, str] | None:
    filled = [c for c in row if cell_text(c)]
    if not filled:
        return None
    if not cell_text(row[0]):
        return "", "\n".join(filled)
    return cell_text(row[0]), "\n".join(row[1:])


# Cards -------------------------------------------------------------------------------------

CARD_ROLES = [
    ("source_codes", ("recollint", "recull", "recogiendo", "codis de les propostes",
                      "propostes recollides", "propuestas recogidas")),
    ("related_proposals", ("altres projectes", "otros proyectos", "projectes vinculats",
                           "proyectos vinculados", "propostes de treball")),
    ("potential_actions", ("accions potencials", "acciones potenciales",
                           "actuacions potencials", "actuaciones potenciales")),
    ("motivation", ("motivacio", "motivacion", "justificacio", "justificacion")),
    ("description", ("descripcio", "descripcion")),
    ("responsible", ("responsable", "responsables", "lidera")),
    ("involved", ("agents implicats", "serveis implicats", "implicats", "implicados")),
    ("calendar", ("calendari", "calendario", "temporalitzacio", "temporalizacion")),
]


def card_role(label: str) -> str | None:
    """What a row of a card holds, by its label: links to lines or milestones ("Línia a la
    que contribuiria", "Fites que ajudaria a assolir"), a text section, source codes…"""
    folded = fold(label).strip(" :.")
    if not folded:
        return None
    for role, words in CARD_ROLES:
        if any(folded.startswith(w) for w in words):
            return role
    found = level_name_at_start(folded)
    if found:
        return "links"
    return None


def card_rows(rows: list[list[str]]) -> list[tuple[str, str]]:
    """``(label, value)`` per row; a row without a label continues the row above (a card
    split by a page break)."""
    result: list[tuple[str, str]] = []
    for row in rows:
        pair = _pair(row)
        if pair is None:
            continue
        label, value = pair
        if not label and result:
            result[-1] = (result[-1][0], result[-1][1] + "\n" + value)
        else:
            result.append((label, value))
    return result


def source_codes(text: str) -> list[str]:
    """"CONFLOOP, E-COL, SECT (AGRO, CONSUM), ST" → CONFLOOP, E-COL, SECT-AGRO, SECT-CONSUM,
    ST: a code followed by its parts in brackets stands for those parts."""
    text = " ".join(html_lines(text)) if "<" in text else text
    codes, depth, current = [], 0, ""
    for char in text + ",":
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "," and depth == 0:
            if current.strip():
                codes.append(current.strip())
            current = ""
        else:
            current += char
    result = []
    for code in codes:
        match = re.match(r"^(.+?)\s*\((.+)\)$", code)
        if match:
            result.extend(f"{match.group(1).strip()}-{p.strip()}" for p in match.group(2).split(",")
                          if p.strip())
        else:
            result.append(code.strip(" ."))
    return [c for c in result if c and len(c) <= 60]


# Rows of an actions table ------------------------------------------------------------------


@lru_cache(maxsize=4096)
def cell_kind(value: str) -> str:
    text = cell_text(value)
    if not text:
        return "empty"
    if is_mark(value):
        return "mark"
    if only_codes(text):
        return "codes"
    if is_acronyms(text):
        return "acronyms"
    return "text"


def is_acronyms(text: str) -> bool:
    tokens = [t for t in re.split(r"[\s,;/]+", text) if t]
    return bool(tokens) and len(tokens) <= 8 and all(
        re.fullmatch(r"[A-ZÀ-Ý]{1,6}\+?", t) for t in tokens)


@dataclass
class ColumnStats:
    """What the first reading of a table saw in each column (to settle doubtful cells)."""

    values: dict[int, dict[str, int]] = field(default_factory=dict)
    bold: dict[int, list[bool]] = field(default_factory=dict)

    def add(self, column: int, value: str) -> None:
        text = fold(cell_text(value))
        self.values.setdefault(column, {})
        self.values[column][text] = self.values[column].get(text, 0) + 1
        self.bold.setdefault(column, []).append(is_bold_cell(value))

    def share(self, column: int, value: str) -> float:
        text = fold(cell_text(value))
        total = sum(v.get(text, 0) for v in self.values.values())
        return self.values.get(column, {}).get(text, 0) / total if total else 0.0

    def bold_share(self, column: int) -> float:
        marks = self.bold.get(column, [])
        return sum(marks) / len(marks) if marks else 0.0


def _score(value: str, column: Column, index: int, cell_index: int,
           stats: ColumnStats | None, link_prefixes: dict[str, str]) -> float:
    kind = cell_kind(value)
    text = cell_text(value)
    role = column.role
    score: float
    if role == "title":
        score = 5.0 if re.match(r"^\s*\d{1,3}[.)]\s", text) else (
            3.0 if len(text.split()) >= 4 else 0.5)
    elif role == "calendar":
        score = 5.0 if kind == "mark" else float("-inf")
    elif role == "link":
        if kind != "codes":
            return float("-inf")
        prefixes = {code_prefix(c) or "" for c in codes_in(text)}
        wanted = link_prefixes.get(column.level or "")
        score = 6.0 if wanted and prefixes == {wanted} else 3.0
    elif role in ("responsible", "involved"):
        score = 5.0 if kind == "acronyms" else (2.0 if kind == "text" else float("-inf"))
    elif role in ("instrument", "scope", "budget", "type", "status", "description", "code",
                  "indicator", "other"):
        if kind in ("mark", "codes"):
            return float("-inf")
        score = 1.5 if kind == "text" else 0.5
        if role == "status" and re.search(r"%|execut|pendent|finalitz|en curs|en proces",
                                          fold(text)):
            score += 3
    else:
        score = 0.0
    if stats is not None and role not in ("calendar", "link", "title"):
        score += 3.0 * stats.share(index, value)
        if role == "instrument":
            bold = stats.bold_share(index)
            score += 2.0 if is_bold_cell(value) and bold > 0.5 else (
                -1.0 if bold > 0.5 and not is_bold_cell(value) else 0.0)
    return score - 0.3 * abs(index - cell_index)


def align_row(row: list[str], columns: list[Column], *, stats: ColumnStats | None = None,
              link_prefixes: dict[str, str] | None = None) -> tuple[dict[int, str], list[str]]:
    """Put each filled cell of ``row`` in a column, keeping their order, so that each cell
    goes where its content fits best (an X under a quarter, codes under the lines, acronyms
    under the bodies…) and near its position. Returns ``{column index: cell}`` and the cells
    that fit nowhere."""
    link_prefixes = link_prefixes or {}
    cells = [(i, c) for i, c in enumerate(row) if cell_text(c)]
    n, m = len(cells), len(columns)
    skip = -2.0
    # best[i][j]: best score placing the first i cells among the first j columns.
    best = [[float("-inf")] * (m + 1) for _ in range(n + 1)]
    move: list[list[tuple | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        best[0][j] = 0.0
    for i in range(1, n + 1):
        for j in range(0, m + 1):
            options = []
            if best[i - 1][j] > float("-inf"):
                options.append((best[i - 1][j] + skip, ("skip",)))
            if j > 0 and best[i][j - 1] > float("-inf"):
                options.append((best[i][j - 1], ("gap",)))
            if j > 0 and best[i - 1][j - 1] > float("-inf"):
                cell_index, value = cells[i - 1]
                s = _score(value, columns[j - 1], j - 1, cell_index, stats, link_prefixes)
                if s > float("-inf"):
                    options.append((best[i - 1][j - 1] + s, ("take",)))
            if options:
                best[i][j], move[i][j] = max(options, key=lambda o: o[0])
    placed: dict[int, str] = {}
    left: list[str] = []
    i, j = n, m
    while i > 0:
        step = move[i][j]
        if step is None:
            left.extend(c for _k, c in cells[:i])
            break
        if step[0] == "skip":
            left.append(cells[i - 1][1])
            i -= 1
        elif step[0] == "gap":
            j -= 1
        else:
            placed[j - 1] = cells[i - 1][1]
            i, j = i - 1, j - 1
    left.reverse()
    return placed, left


# Values ------------------------------------------------------------------------------------


def split_names(text: str) -> list[str]:
    """Names separated by commas (not those inside brackets), "i"/"y" before the last."""
    text = re.sub(r"^[^:]{0,40}:\s*", "", text) if ":" in text[:42] else text
    matched, stack = set(), []  # brackets that close (an unclosed one is a typo)
    for index, char in enumerate(text):
        if char in "([":
            stack.append(index)
        elif char in ")]" and stack:
            matched.update((stack.pop(), index))
    names, depth, current = [], 0, ""
    for index, char in enumerate(text):
        if char in "([" and index in matched:
            depth += 1
        elif char in ")]" and index in matched:
            depth = max(0, depth - 1)
        if char in ",;" and depth == 0:
            names.append(current)
            current = ""
        else:
            current += char
    names.append(current)
    return [n.strip(" .") for n in names if n.strip(" .")]


def split_scopes(text: str) -> list[str]:
    """Thematic scopes of one cell: on separators, or, for a run of words where each scope
    starts with a capital ("CPR Feminismes Joves Transició ecològica"), at each capital."""
    lines = [re.sub(r"^-\s*", "", line) for line in html_lines(text)]
    if len(lines) > 1:
        return [line.strip() for line in lines if line.strip()]
    text = " ".join(lines)
    if re.search(r"[;,]", text):
        return [p.strip() for p in re.split(r"[;,]", text) if p.strip()]
    words = text.split()
    starts = [i for i, w in enumerate(words) if w[:1].isupper()]
    if len(starts) >= 3 and starts[0] == 0:
        pieces = []
        for k, start in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else len(words)
            pieces.append(" ".join(words[start:end]))
        return pieces
    return [text] if text else []


def periodicity(text: str) -> str:
    folded = fold(cell_text(text))
    for value, words in PERIODICITY:
        if any(w in folded for w in words):
            return value
    return ""


def split_body_name(text: str) -> tuple[str, str]:
    """"CE – Comissió executiva" → ("CE", "Comissió executiva"); "Comissió tècnica (CT)" →
    ("CT", "Comissió tècnica"); a name without acronym → ("", name)."""
    text = cell_text(text)
    match = re.match(r"^([A-ZÀ-Ý][A-ZÀ-Ý0-9+]{0,7})\s*[–—\-:]\s*(.+)$", text)
    if match:
        return match.group(1), match.group(2).strip()
    match = re.match(r"^(.+?)\s*\(([A-ZÀ-Ý][A-ZÀ-Ý0-9+]{0,7})\)$", text)
    if match:
        return match.group(2), match.group(1).strip()
    return "", text


def is_names_list(text: str) -> bool:
    """A cell that lists bodies by name rather than explaining something."""
    names = split_names(text)
    if not names or is_prose(text) and len(names) < 3:
        return False
    return all(len(n.split()) <= 12 for n in names) and sum(
        1 for n in names if n[:1].isupper()) >= max(1, len(names) * 0.6)
