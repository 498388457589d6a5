"""Small plain functions over one line of text: what a line says about a plan's structure.

Everything here is a pure function of strings, tested without a database: the names of
levels and text sections in Catalan and Spanish, labels that open an element ("LE1.",
"L.A.7", "Objectiu 1.1", "A.", "(1)", "Eix de treball 1:"), bullets (also those a scanner
turns into letters), table-of-contents lines, headings in plain text, prose against titles,
sentences, and tidy titles.
"""

import re
import unicodedata
from dataclasses import dataclass

# Level names --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelName:
    ca: str
    plural_ca: str
    es: str
    plural_es: str
    en: str
    plural_en: str
    child: str = "Actuació"  # the usual name of the level below it


LEVEL_NAMES = [
    LevelName("Eix estratègic", "Eixos estratègics", "Eje estratégico", "Ejes estratégicos",
              "Strategic axis", "Strategic axes", "Objectiu"),
    LevelName("Eix de treball", "Eixos de treball", "Eje de trabajo", "Ejes de trabajo",
              "Work axis", "Work axes", "Objectiu"),
    LevelName("Eix", "Eixos", "Eje", "Ejes", "Axis", "Axes", "Objectiu"),
    LevelName("Línia estratègica", "Línies estratègiques", "Línea estratégica",
              "Líneas estratégicas", "Strategic line", "Strategic lines", "Objectiu"),
    LevelName("Línia d'actuació", "Línies d'actuació", "Línea de actuación",
              "Líneas de actuación", "Action line", "Action lines", "Acció"),
    LevelName("Línia de treball", "Línies de treball", "Línea de trabajo", "Líneas de trabajo",
              "Line of work", "Lines of work", "Acció"),
    LevelName("Línia", "Línies", "Línea", "Líneas", "Line", "Lines", "Objectiu"),
    LevelName("Objectiu estratègic", "Objectius estratègics", "Objetivo estratégico",
              "Objetivos estratégicos", "Strategic objective", "Strategic objectives",
              "Programa"),
    LevelName("Objectiu específic", "Objectius específics", "Objetivo específico",
              "Objetivos específicos", "Specific objective", "Specific objectives", "Acció"),
    LevelName("Objectiu operatiu", "Objectius operatius", "Objetivo operativo",
              "Objetivos operativos", "Operational objective", "Operational objectives",
              "Acció"),
    LevelName("Objectiu", "Objectius", "Objetivo", "Objetivos", "Objective", "Objectives",
              "Acció"),
    LevelName("Mesura", "Mesures", "Medida", "Medidas", "Measure", "Measures", "Actuació"),
    LevelName("Acció destacada", "Accions destacades", "Acción destacada",
              "Acciones destacadas", "Highlighted action", "Highlighted actions", "Subacció"),
    LevelName("Acció", "Accions", "Acción", "Acciones", "Action", "Actions", "Subacció"),
    LevelName("Subacció", "Subaccions", "Subacción", "Subacciones", "Sub-action",
              "Sub-actions", "Subacció"),
    LevelName("Actuació", "Actuacions", "Actuación", "Actuaciones", "Action", "Actions",
              "Subactuació"),
    LevelName("Subactuació", "Subactuacions", "Subactuación", "Subactuaciones", "Sub-action",
              "Sub-actions", "Subactuació"),
    LevelName("Programa", "Programes", "Programa", "Programas", "Programme", "Programmes",
              "Actuació"),
    LevelName("Projecte de ciutat", "Projectes de ciutat", "Proyecto de ciudad",
              "Proyectos de ciudad", "City project", "City projects", "Acció"),
    LevelName("Projecte", "Projectes", "Proyecto", "Proyectos", "Project", "Projects", "Acció"),
    LevelName("Fita", "Fites", "Hito", "Hitos", "Milestone", "Milestones", "Acció"),
    LevelName("Àrea de treball", "Àrees de treball", "Área de trabajo", "Áreas de trabajo",
              "Work area", "Work areas", "Actuació"),
    LevelName("Àrea", "Àrees", "Área", "Áreas", "Area", "Areas", "Actuació"),
    LevelName("Àmbit", "Àmbits", "Ámbito", "Ámbitos", "Field", "Fields", "Actuació"),
    LevelName("Grup de treball", "Grups de treball", "Grupo de trabajo", "Grupos de trabajo",
              "Working group", "Working groups", "Actuació"),
    LevelName("Tasca", "Tasques", "Tarea", "Tareas", "Task", "Tasks", "Tasca"),
]
LEVELS_BY_CA = {name.ca: name for name in LEVEL_NAMES}

# Level names used when the document names none.
TOP_AREA = "Àrea de treball"  # numbered headings ("1. ACOLLIDA")
GROUP = "Àmbit"  # a line ending in a colon that gathers the items below it
PROJECT = "Projecte"  # a card "(1) Title"
ITEM = "Actuació"  # items with nothing to tell their level


def fold(text: str) -> str:
    """Lowercase, without accents, with one kind of apostrophe and single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("`", "'").replace("·", "").replace("l.l", "ll")
    return " ".join(text.lower().split())


def _alias_table() -> list[tuple[str, str, bool]]:
    """(folded alias, Catalan name, is plural), longest first."""
    table = []
    for name in LEVEL_NAMES:
        for alias, plural in ((name.ca, False), (name.es, False), (name.plural_ca, True),
                              (name.plural_es, True)):
            table.append((fold(alias), name.ca, plural))
    table.sort(key=lambda item: -len(item[0]))
    return table


_ALIASES = _alias_table()


def level_name_at_start(text: str) -> tuple[str, bool, str] | None:
    """``(Catalan name, plural, rest)`` when ``text`` starts with a level name."""
    folded = fold(text)
    for alias, name, plural in _ALIASES:
        if folded.startswith(alias) and (len(folded) == len(alias)
                                         or not folded[len(alias)].isalnum()):
            return name, plural, _cut_folded(text, len(alias))
    return None


def _cut_folded(text: str, folded_length: int) -> str:
    """``text`` without the part whose folded form is ``folded_length`` characters long."""
    for i in range(len(text) + 1):
        if len(fold(text[:i])) >= folded_length:
            return text[i:].strip()
    return ""


def level_heading(text: str) -> str | None:
    """The level a heading announces: "Mesures:", "LÍNIES ESTRATÈGIQUES DE LA XMESS",
    "Accions destacades:", "PLA DE TREBALL 2020-ACCIONS" (a plural name, without a code)."""
    clean = text.strip().rstrip(":").strip()
    if not clean or len(clean) > 90:
        return None
    found = level_name_at_start(clean)
    if found and found[1]:
        rest = found[2]
        if not rest or (re.match(r"^(de|del|de la|d'|dels|de les|del la)\b", fold(rest))
                        and len(rest.split()) <= 4):
            return found[0]
        return None
    # "… 2020-ACCIONS": a plural level name as the last word.
    tail = re.split(r"[\s\-–:]+", clean)[-1]
    found = level_name_at_start(tail)
    if found and found[1] and not found[2] and clean.upper() == clean:
        return found[0]
    return None


def level_names(ca: str) -> LevelName:
    """The names of a level in the three languages (a level the vocabulary does not know is
    named in Catalan only, and its plural left empty)."""
    return LEVELS_BY_CA.get(ca) or LevelName(ca, "", "", "", "", "")


def child_level_name(parent: str) -> str:
    known = LEVELS_BY_CA.get(parent)
    return known.child if known else ITEM


# Text sections ------------------------------------------------------------------------------

SECTION_KEYWORDS = [
    ("legend", ("llegenda", "leyenda")),
    ("mission", ("missio", "mision")),
    ("challenges", ("reptes", "retos", "repte", "reto")),
    ("criteria", ("criteris", "criterios")),
    ("purpose", ("finalitat", "finalidad", "proposit")),
    ("process", ("proces d'elaboracio", "proceso de elaboracion", "elaboracio",
                 "elaboracion", "proces", "proceso")),
    ("methodology", ("metodologia", "organitzacio", "organizacion", "funcionament",
                     "funcionamiento", "governanca", "gobernanza")),
    ("evaluation", ("indicadors", "indicadores", "avaluacio", "evaluacion",
                    "mecanismes d'avaluacio", "seguiment i avaluacio")),
    ("introduction", ("introduccio", "introduccion", "presentacio", "presentacion",
                      "context", "contexto", "antecedents", "antecedentes", "resum",
                      "resumen")),
]
MONITORING_WORDS = ("seguiment", "resultats", "estat d'execucio", "estat de desplegament",
                    "grau d'execucio", "seguimiento", "resultados", "estado de ejecucion",
                    "actuacions a mig termini", "balanc", "memoria de seguiment")
INVOLVED_WORDS = ("serveis", "arees implicades", "implicats", "implicades",
                  "unitats organitzatives", "agents implicats", "servicios", "implicados",
                  "unidades organizativas")
CONTENTS_WORDS = ("index", "indice", "sumari", "sumario", "continguts", "contenidos",
                  "taula de continguts", "tabla de contenidos")


def section_kind(text: str) -> str | None:
    """The kind of plan section a heading starts ("Missió" → mission), or None."""
    folded = fold(strip_number(text)).strip(" :.")
    if not folded:
        return None
    for kind, words in SECTION_KEYWORDS:
        for word in words:
            if folded == word or folded.startswith(word + " ") or folded.startswith(word + ":"):
                return kind
    return None


def is_monitoring_heading(text: str) -> bool:
    """A heading over a report's monitoring (execution, results), not over the plan."""
    folded = fold(strip_number(text)).strip(" :.")
    return any(folded.startswith(word) for word in MONITORING_WORDS)


def is_involved_heading(text: str) -> bool:
    """A heading over the services, areas or bodies involved."""
    folded = fold(strip_number(text)).strip(" :.")
    return any(folded.startswith(word) for word in INVOLVED_WORDS)


def is_contents_heading(text: str) -> bool:
    return fold(strip_number(text)).strip(" :.") in CONTENTS_WORDS


# Numbers, codes and labels ------------------------------------------------------------------

_SECTION_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)\.?(?=\s|[A-ZÀ-Ýa-zà-ý])\s*")


def strip_number(text: str) -> str:
    """A heading without its section number ("01.2 EIXOS DE TREBALL" → "EIXOS DE TREBALL")."""
    return _SECTION_NUMBER.sub("", text, count=1).strip()


def heading_number(text: str) -> str | None:
    """The section number a heading starts with, as printed ("01.2", "1.1", "2")."""
    match = _SECTION_NUMBER.match(text)
    return match.group(1) if match else None


@dataclass(frozen=True)
class Label:
    """What opens an element: its level name if the text says it, its own code or number,
    the kind of numbering (for nesting), and the rest of the line (the title)."""

    kind: str  # "named", "code", "number", "dotted", "letter", "paren"
    label: str  # as printed, normalised: "LE1", "L.A.7", "1.1", "A", "3"
    title: str
    level: str | None = None  # a level name the label gives ("Objectiu 1.1")


_NAMED_CODE = re.compile(r"^\s*((?:[A-Z]{1,3}\.?){0,2}\d+(?:\.\d+)*|[A-Z])\.?\s*"
                         r"(?:[:.\-–—)]\s*|\s+|$)")
_PREFIXED = re.compile(r"^((?:[A-Z]\.){1,3}\s?\d+(?:\.\d+)*|[A-Z]{1,4}\d+(?:\.\d+)*)"
                       r"(?:\s*[.:)\-–—]\s*|\s+)(?=\S)")
_DOTTED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?(?:\s+|(?=[A-ZÀ-Ý]))(?=\S)")
_NUMBER = re.compile(r"^(\d{1,3})\s*[.)\-–](?:\s+|(?=[A-ZÀ-Ý]))(?=\S)")
_PAREN = re.compile(r"^\((\d{1,3})\)\s+(?=\S)")
_LETTER = re.compile(r"^([A-Z])[.)](?:\s+|\*\*\s*)(?=\S)")
_SMALL_LETTER = re.compile(r"^([a-z])\)\s+(?=\S)")


def parse_label(text: str) -> Label | None:
    """The label that opens ``text``, if any.

    >>> parse_label("Objectiu 1.1")
    Label(kind='named', label='1.1', title='', level='Objectiu')
    >>> parse_label("LE1. Ajudar a enfortir l'ESS a cada municipi").label
    'LE1'
    """
    text = text.strip()
    number = heading_number(text)
    if number:  # "02. Eix de treball 1: …": the section number gives way to the label
        inner = parse_label(strip_number(text))
        if inner and inner.kind == "named":
            return inner
    named = level_name_at_start(text)
    if named and not named[1]:
        rest = named[2]
        match = _NAMED_CODE.match(rest)
        if match and match.group(1):
            return Label("named", match.group(1).rstrip("."), rest[match.end():].strip(),
                         named[0])
    match = _PREFIXED.match(text)
    if match and not text[:match.end()].strip().isdigit():
        code = match.group(1).replace(" ", "")
        if re.search(r"[A-Z]", code) and not re.fullmatch(r"[A-Z]\.\d.*", code):
            return Label("code", code, text[match.end():].strip())
    match = _DOTTED.match(text)
    if match:
        return Label("dotted", match.group(1), text[match.end():].strip())
    match = _PAREN.match(text)
    if match:
        return Label("paren", match.group(1), text[match.end():].strip())
    match = _NUMBER.match(text)
    if match:
        return Label("number", match.group(1), text[match.end():].strip())
    match = _LETTER.match(text)
    if match:
        return Label("letter", match.group(1), text[match.end():].strip())
    match = _SMALL_LETTER.match(text)
    if match:
        return Label("small", match.group(1), text[match.end():].strip())
    return None


def code_key(code: str) -> str:
    """A code as compared with others: "L.E.1", "LE1" and "le 1" are one; "1.1" is not "11"."""
    code = code.upper().replace(" ", "").rstrip(".")
    code = re.sub(r"(?<=[A-Z])\.(?=[A-Z0-9])", "", code)
    return code


_CODE_IN_TEXT = re.compile(r"\b((?:[A-Z]\.){1,3}\s?\d+(?:\.\d+)*|[A-Z]{1,4}\d+(?:\.\d+)*"
                           r"|\d{1,2}(?:\.\d{1,2})+)\b\.?")


def codes_in(text: str) -> list[str]:
    """Every code a cell lists: "L.A.7 L.A.8" → ["L.A.7", "L.A.8"]."""
    return [m.group(1).replace(" ", "") for m in _CODE_IN_TEXT.finditer(text)]


def only_codes(text: str) -> bool:
    """The text is nothing but codes (and separators)."""
    rest = _CODE_IN_TEXT.sub(" ", text)
    return bool(codes_in(text)) and not re.search(r"[A-Za-zÀ-ÿ0-9]", rest)


def code_prefix(code: str) -> str | None:
    """The letters before a code's number ("L.A.7" → "L.A."), or None for a bare number."""
    match = re.match(r"^([A-Z][A-Z.]*?)\s?(\d+)$", code)
    return match.group(1) if match else None


def split_coded_list(text: str) -> list[tuple[str, str]]:
    """A run of coded items in one cell: "L1: Augmentar … L7: Desenvolupar …" or
    "1.1. Incidir … 1.2. Augmentar …" → [(code, title), …]. Empty when fewer than one."""
    pattern = re.compile(r"(?:(?<=\s)|^)((?:[A-Z]{1,3}\d+(?:\.\d+)*)|(?:\d{1,2}(?:\.\d{1,2})+))"
                         r"(?:\.\s|:\s|\s[-–]\s)")
    matches = list(pattern.finditer(text))
    if not matches or matches[0].start() != len(text) - len(text.lstrip()):
        return []
    items = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        items.append((match.group(1), tidy_title(text[match.end():end])))
    return items


# Bullets ------------------------------------------------------------------------------------

# Bullets as printed, and as a scanner reads the box and arrow bullets of slides: a box
# becomes "O", "U", "[", "0", "Q", "L", "d"…, an arrow "¢", "*", "s", "%"… Each falls in a class;
# items of one class are siblings, and the first class met in a block holds the others.
_BOX = {"□", "■", "▪", "☐", "❑", "O", "U", "[", "]", "0", "Q", "L", "d", "(d", "1", "D", "Oo"}
_ARROW = {"➢", "►", "▶", "¢", "+¢", "*", "s", "**", "*»", "*¢*", "%", "*¢", "¢*", "+", "o",
          "•", "◦", "‣", "*@", "*@*", "@"}
_CHEVRON = {"»", "›", "→", "✓", "v"}
_DASH = {"-", "–", "—"}


def bullet(text: str) -> tuple[str, str] | None:
    """``(class, rest)`` when ``text`` starts with a bullet: "dash", "box", "arrow" or
    "chevron". A scanned bullet counts only before a capital letter (or a quote)."""
    match = re.match(r"^(\S{1,3})\s+(.*)$", text.strip())
    if not match:
        return None
    glyph, rest = match.groups()
    if glyph in _DASH:
        return "dash", rest
    if not re.match(r"^[A-ZÀ-Ý\"“«¿¡(]", rest):
        return None
    for klass, glyphs in (("box", _BOX), ("arrow", _ARROW), ("chevron", _CHEVRON)):
        if glyph in glyphs:
            return klass, rest
    return None


# Marks at the end of an item (icons of a legend: "@", "\(C))", "*@")
_MARK = r"(?:\*?@[^\s]*|\*?\\\S*(?:\s+:\))?|\(\s*[®©C]\s*\)\S*|[®©]\)?)"
_TRAILING_MARKS = re.compile(r"(?:\s+" + _MARK + r")+\s*$")


def trailing_marks(text: str) -> tuple[str, list[str]]:
    """``(text without the marks, marks)``: "Texte. @ \\@)" → ("Texte.", ["@", "\\@)"])."""
    glued = re.search(r"(?<=[.)])(@+)$", text)  # "…territori).@"
    if glued:
        return text[:glued.start()].rstrip(), ["@"] * len(glued.group(1))
    match = _TRAILING_MARKS.search(" " + text)
    if not match:
        return text, []
    start = match.start() - 1
    marks = match.group(0).split()
    marks = [m for m in marks if m != ":)"]
    return text[:max(start, 0)].rstrip(), marks


# Lines that are not content -----------------------------------------------------------------

_LEADERS = re.compile(r"(\.{4,}|…{2,}|(\.\s){4,})\s*\d*\s*$")
_PAGE_AFTER_TAB = re.compile(r"\t\s*\d{1,3}\s*$")


def is_contents_line(text: str) -> bool:
    """A line of a table of contents: dot leaders or a page number after a tab."""
    return bool(_LEADERS.search(text) or _PAGE_AFTER_TAB.search(text))


def contents_entry(text: str) -> tuple[str | None, str]:
    """``(number, title)`` of a contents line ("1.1.Eixos estratègics….." → ("1.1", …))."""
    text = _LEADERS.sub("", _PAGE_AFTER_TAB.sub("", text)).strip().lstrip("-•* ").strip()
    return heading_number(text), fold(strip_number(text)).strip(" .:")


def is_noise(text: str) -> bool:
    """Too little text to mean anything ("-", "\\/", "g J")."""
    return len(re.findall(r"[A-Za-zÀ-ÿ0-9]", text)) < 3


def is_url(text: str) -> bool:
    return bool(re.fullmatch(r"\s*(https?://\S+|www\.\S+)\s*", text))


# Prose or title -----------------------------------------------------------------------------

_FUTURE = re.compile(r"\b\w{2,}(?:rà|ran|ràs|rem|reu)\b", re.IGNORECASE)
_IMPERSONAL = re.compile(r"(?:^|[\s,])(?:es|s')\s*(?:vol|preveu|pot|poden|fa|farà|va|van|"
                         r"duu|duen|tracta|pretén|busca|espera)\b", re.IGNORECASE)
_PROSE_START = re.compile(r"^(Es |S'|Per tal de|Aquest|Aquesta|Aquests|Aquestes|Això|"
                          r"També|A més|Amb aquesta|Se |Esto|Esta|Este|Además)", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """``text`` cut into sentences (not after "etc.", "ex.", initials or numbers)."""
    pieces = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý¿¡\"“«])", text.strip())
    result: list[str] = []
    for piece in pieces:
        if result and re.search(r"(\b(etc|ex|Ex|p\. ex|St|Sr|Sra|Dr|núm|pàg)\.|\b[A-Z]\.)$",
                                result[-1]):
            result[-1] += " " + piece
        else:
            result.append(piece)
    return [p for p in result if p]


def is_prose(text: str) -> bool:
    """A paragraph that explains (a sentence with a conjugated verb in the future or an
    impersonal "es vol", several sentences) rather than names something to do."""
    if _PROSE_START.match(text.strip()):
        return True
    if len(sentences(text)) >= 2:
        return True
    return bool(_FUTURE.search(text) or _IMPERSONAL.search(text))


def is_title_like(text: str) -> bool:
    """Short enough and shaped like the name of something to do."""
    words = len(text.split())
    return 0 < words <= 45 and not is_prose(text)


# Titles -------------------------------------------------------------------------------------

def is_shouting(text: str) -> bool:
    """Mostly capital letters."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.7


def sentence_case(text: str) -> str:
    """"ACOLLIDA | CURA DE MEMBRES" → "Acollida | Cura de membres": the first letter of the
    text and of each part after "|" or ":" capital, acronyms of up to five letters kept."""
    words = re.split(r"(\s+)", text.lower())
    originals = re.split(r"(\s+)", text)
    out, capital = [], True
    for word, original in zip(words, originals, strict=True):
        if not word.strip():
            out.append(word)
            continue
        bare = re.sub(r"[^A-Za-zÀ-ÿ]", "", original)
        if 1 < len(bare) <= 5 and original.isupper() and bare in KNOWN_ACRONYMS:
            out.append(original)
        elif capital:
            out.append(word[:1].upper() + word[1:])
        else:
            out.append(word)
        capital = bool(re.search(r"[|:.]$", word)) or word in ("|", ":")
    return "".join(out)


KNOWN_ACRONYMS = {"ESS", "XMESS", "XES", "XAC", "ACM", "FCMC", "PDE", "CCPR", "GT", "PEEST",
                  "CMESST", "LGTBI", "DGESSC", "BASA", "OAE", "ABC", "UE", "EU"}


def tidy_title(text: str) -> str:
    """A title as stored: single spaces, no markup, no final full stop (but "etc." stays),
    capital letters of a shouted heading brought down."""
    text = re.sub(r"\*\*|__", "", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])", r"\1", text)
    text = " ".join(text.split()).strip(" -–—")
    if is_shouting(text):
        text = sentence_case(text)
    if text.endswith(".") and not re.search(r"\b(etc|ex|Ex)\.$", text) \
            and not text.endswith(".."):
        text = text[:-1].rstrip()
    return text


def split_title(text: str) -> tuple[str, str]:
    """``(title, description)``: an item of several sentences is titled by its first one
    when that one is long enough to stand alone."""
    parts = sentences(text)
    if len(parts) >= 2 and len(parts[0].split()) >= 6:
        return tidy_title(parts[0]), " ".join(parts[1:]).strip()
    return tidy_title(text), ""
