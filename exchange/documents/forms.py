from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from exchange.documents import MAX_BYTES

ACCEPTED = ".docx,.pdf,.txt,.md"


class DocumentUploadForm(forms.Form):
    document = forms.FileField(
        label=_("The plan's document"),
        help_text=_("A Word (.docx), PDF, text (.txt) or markdown (.md) file of up to "
                    "%(limit)s MB.") % {"limit": MAX_BYTES // 1048576},
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}))

    def __init__(self, *args, too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        if too_large:  # the file was refused before the form saw it: say why, once
            self.fields["document"].required = False

    def clean(self):
        if self.too_large:
            raise ValidationError(_("The file is larger than %(limit)s MB; documents of up to "
                                    "%(limit)s MB can be read.")
                                  % {"limit": MAX_BYTES // 1048576})
        return super().clean()


class DraftCreateForm(forms.Form):
    title = forms.CharField(label=_("Title of the plan"), max_length=300)
    slug = forms.SlugField(
        label=_("Identifier"), max_length=70, required=False,
        help_text=_("Lowercase letters, digits and dashes, used in addresses. Left empty, it "
                    "comes from the title."))
    start_year = forms.IntegerField(label=_("First year"), min_value=1900, max_value=2200)
    end_year = forms.IntegerField(label=_("Last year"), min_value=1900, max_value=2200)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The last year comes before the first year."))
        return data
