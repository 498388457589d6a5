"""Reading values the way people write them in data files."""

import datetime
import re

_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(value) -> datetime.date:
    """``2022-03-29`` or ``29/03/2022`` (or a date already); ValueError otherwise."""
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        match = _DMY.match(text)
        if not match:
            raise
        return datetime.date(int(match[3]), int(match[2]), int(match[1]))
