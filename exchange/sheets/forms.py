from django import forms
from django.utils.translation import gettext_lazy as _

from exchange.sheets.columns import KINDS
from exchange.sheets.formats import FORMATS
from exchange.sheets.reading import max_bytes, size_label

EXTENSIONS = (".xlsx", ".csv", ".zip")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,.zip"}))

    def __init__(self, *args, too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        if too_large:  # the file was not kept: say why, not that it is missing
            self.fields["file"].required = False
        self.fields["file"].help_text = _(
            "An XLSX file, a CSV file or a zip of CSV files, of at most %(limit)s. Nothing is "
            "stored before you see the preview and confirm it.") % {"limit": size_label(
                max_bytes())}

    def clean(self):
        if self.too_large:
            self.add_error("file", _("The file is larger than %(limit)s; split it, or leave "
                                     "out the sheets you do not change.")
                           % {"limit": size_label(max_bytes())})
        return super().clean()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload:
            return upload
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("Send an XLSX file, a CSV file or a zip of CSV "
                                          "files."))
        if upload.size > max_bytes():
            raise forms.ValidationError(
                _("The file is %(size)s; files of at most %(limit)s are accepted.")
                % {"size": size_label(upload.size), "limit": size_label(max_bytes())})
        return upload


class DownloadForm(forms.Form):
    """Which template: a kind, a format and, for monitoring, a period (or all of them)."""

    kind = forms.ChoiceField(required=False, choices=[(k, v.label) for k, v in KINDS.items()])
    format = forms.ChoiceField(required=False, choices=[(k, k.upper()) for k in FORMATS])
    period = forms.ChoiceField(label=_("Period"), required=False)

    def __init__(self, *args, periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = {p.slug: p for p in periods}
        self.fields["period"].choices = [("", _("All periods"))] + [
            (p.slug, p.label) for p in periods]

    def clean(self):
        data = super().clean()
        data["kind"] = data.get("kind") or "structure"
        data["format"] = data.get("format") or "xlsx"
        period = self.periods.get(data.get("period") or "")
        data["period"] = period if data["kind"] == "monitoring" else None
        return data


class ConfirmForm(forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    delete = forms.BooleanField(required=False)
