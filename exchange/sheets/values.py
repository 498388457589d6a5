"""Reading one cell the way technicians write it, in Catalan, Spanish or English.

XLSX cells arrive typed (numbers, dates, booleans) and are taken as they are; CSV cells are
text. Numbers accept the Catalan and Spanish writing (``84.965,00``, ``84 965,00``, ``12,5``)
and the plain one (``84965.00``); a group of three digits after a single dot (``1.234``) is
read as thousands, since that is how a Catalan or Spanish spreadsheet shows them. Every
reader raises :class:`CellError` with a message in the user's language.
"""

import datetime
import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from exchange.values import parse_date as parse_date_text

LIST_SEPARATOR = "; "

TRUE_WORDS = frozenset({"si", "sí", "yes", "true", "x", "1", "cert", "vertader", "verdadero",
                        "cierto", "s", "y"})
FALSE_WORDS = frozenset({"no", "false", "0", "fals", "falso", "n"})
BOOLEAN_WORDS = {"ca": ("sí", "no"), "es": ("sí", "no"), "en": ("yes", "no")}

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_THOUSANDS_DOT = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^[1-9]\d{0,2}(,\d{3})+$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$|^\.\d+$")


class CellError(ValueError):
    """A cell that cannot be read; ``str(error)`` says why, in the user's language."""


def normalise(text) -> str:
    """A header, a sheet name or a choice as compared: no accents, lower case, single spaces."""
    return _normalise(str(text or ""))


@functools.lru_cache(maxsize=4096)  # the same few words, in every row
def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9%]+", " ", text.replace("·", "")).split())


def is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value) -> str:
    """A cell as text: numbers written plainly, line ends as ``\\n``, spaces trimmed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return BOOLEAN_WORDS["ca"][0 if value else 1]
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        value = format(value.normalize(), "f") if value == value.to_integral() else \
            format(value, "f")
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time() else value
    if isinstance(value, datetime.date):
        return value.isoformat()
    result = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in result.split("\n")).strip()


def one_line(value) -> str:
    return " ".join(text(value).split())


def decimal(value) -> Decimal | None:
    """A number, or None for an empty cell."""
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise CellError(_("“%(value)s” is not a number.") % {"value": text(value)})
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CellError(_("“%(value)s” is not a number.") % {"value": value})
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, datetime.date):
        raise CellError(_("“%(value)s” is a date, not a number.")
                        % {"value": value.strftime("%d/%m/%Y")})
    written = str(value)
    number = _SPACES.sub("", written).replace("€", "").replace("%", "")
    negative = number.startswith("-")
    if number[:1] in "+-":
        number = number[1:]
    if "," in number and "." in number:
        decimal_mark = "," if number.rfind(",") > number.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        whole, _mark, fraction = number.rpartition(decimal_mark)
        grouped = _THOUSANDS_DOT if thousands == "." else _THOUSANDS_COMMA
        if not grouped.match(whole) or not fraction.isdigit():
            raise CellError(_("“%(value)s” is not a number.") % {"value": written})
        number = whole.replace(thousands, "") + "." + fraction
    elif "," in number:
        number = number.replace(",", "") if _THOUSANDS_COMMA.match(number) and \
            number.count(",") > 1 else number.replace(",", ".", 1)
    elif _THOUSANDS_DOT.match(number):
        number = number.replace(".", "")
    if not _PLAIN.match(number):
        raise CellError(_("“%(value)s” is not a number.") % {"value": written})
    try:
        result = Decimal(number)
    except InvalidOperation:
        raise CellError(_("“%(value)s” is not a number.") % {"value": written}) from None
    return -result if negative else result


def integer(value) -> int | None:
    number = decimal(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": text(value)})
    return int(number)


def date(value) -> datetime.date | None:
    """A date cell, or a text such as 29/03/2022 or 2022-03-29."""
    if is_empty(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    written = text(value)
    candidate = re.sub(r"[T ]00:00(:00)?$", "", written)
    try:
        return parse_date_text(re.sub(r"^(\d{1,2})[.-](\d{1,2})[.-](\d{4})$", r"\1/\2/\3",
                                      candidate))
    except ValueError:
        raise CellError(_("“%(value)s” is not a date (29/03/2022 or 2022-03-29).")
                        % {"value": written}) from None


def boolean(value) -> bool | None:
    if is_empty(value):
        return None
    if isinstance(value, bool):
        return value
    word = normalise(text(value))
    if word in _words(TRUE_WORDS):
        return True
    if word in _words(FALSE_WORDS):
        return False
    raise CellError(_("“%(value)s” is neither yes nor no (write sí or no).")
                    % {"value": text(value)})


@functools.cache
def _words(words: frozenset[str]) -> frozenset[str]:
    return frozenset(normalise(w) for w in words)


def names(value) -> list[str]:
    """A list of names separated by semicolons (or line breaks): names may hold commas."""
    return [" ".join(part.split()) for part in re.split(r"[;\n]", text(value))
            if part.strip()]
