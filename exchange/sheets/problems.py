"""What an import reports: problems with their place, and the rows it creates, changes or
deletes."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass
class Problem:
    """An error (nothing is stored) or a warning, with the sheet, row and column it is in."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        if self.sheet and self.row and self.column:
            return _("Sheet “%(sheet)s”, row %(row)s, column “%(column)s”: %(message)s") % {
                "sheet": self.sheet, "row": self.row, "column": self.column,
                "message": self.message}
        if self.sheet and self.row:
            return _("Sheet “%(sheet)s”, row %(row)s: %(message)s") % {
                "sheet": self.sheet, "row": self.row, "message": self.message}
        if self.sheet and self.column:
            return _("Sheet “%(sheet)s”, column “%(column)s”: %(message)s") % {
                "sheet": self.sheet, "column": self.column, "message": self.message}
        if self.sheet:
            return _("Sheet “%(sheet)s”: %(message)s") % {"sheet": self.sheet,
                                                            "message": self.message}
        return self.message


@dataclass
class FieldChange:
    column: str
    before: str
    after: str


@dataclass
class RowChange:
    """A record an import creates, changes or (when confirmed) deletes."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"

    action: str
    sheet: str
    row: int | None
    label: str
    fields: list[FieldChange] = field(default_factory=list)
