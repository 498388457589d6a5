from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.richtext import html_to_markup, markup_to_html

MARKUP_HELP = _("Blank lines separate paragraphs. Lines starting with “- ” make a list; "
                "**bold**, *italic* and [text](https://…) work too.")


class RichTextField(forms.CharField):
    """A textarea in the light markup; cleans to sanitised HTML."""

    widget = forms.Textarea

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", MARKUP_HELP)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if value and isinstance(value, str) and value.lstrip().startswith("<"):
            return html_to_markup(value)
        return value

    def clean(self, value):
        return markup_to_html(super().clean(value) or "")


class LanguageSelect(forms.Select):
    """A choice of languages, each named in its own language and marked as such (WCAG 3.1.2,
    language of parts)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item)
    else:
        for message in error.messages:
            form.add_error(None, message)


def form_saved(request, form: forms.Form, save) -> bool:
    """Whether a POSTed ``form`` is valid and ``save(cleaned_data)`` (a service call) accepted
    it. A service's ValidationError is shown on the form instead; nothing was then stored."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


def parse_local_decimal(text: str, language: str) -> str:
    """Normalise a number as people type it into ``1234.5`` form.

    In Catalan and Spanish the comma is the decimal mark and the dot groups thousands
    (84.965,00); in English the other way round. A lone dot followed by other than groups of
    three digits is read as a decimal mark everywhere (12.5), so that pasted figures work.
    """
    text = text.strip().replace("\u00a0", "").replace(" ", "").replace("€", "").replace("%", "")
    if not text:
        return text
    decimal_mark, group_mark = (".", ",") if language == "en" else (",", ".")
    if decimal_mark in text and group_mark in text:
        return text.replace(group_mark, "").replace(decimal_mark, ".")
    if decimal_mark in text:
        return text.replace(decimal_mark, ".")
    if group_mark in text:
        groups = text.lstrip("-").split(group_mark)
        if len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
            return text.replace(group_mark, "")
        return text.replace(group_mark, ".")
    return text


class LocalDecimalField(forms.DecimalField):
    """A decimal typed the way the user's language writes it (84.965,00 in Catalan)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal",
                                                           "class": "number"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            from django.utils.translation import get_language

            value = parse_local_decimal(value, (get_language() or "ca")[:2])
        return super().to_python(value)

    def prepare_value(self, value):
        from decimal import Decimal

        from django.utils.formats import number_format

        if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
            places = max(0, -Decimal(value).normalize().as_tuple().exponent)
            return number_format(value, decimal_pos=min(places, self.decimal_places or 2),
                                 use_l10n=True, force_grouping=True)
        return value
