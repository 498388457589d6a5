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
