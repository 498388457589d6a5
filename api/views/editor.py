"""Editor pages of API tokens: each person creates, lists and revokes their own tokens of an
organisation in which they are an editor or an administrator."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from api import services
from api.forms import ApiTokenForm
from api.permissions import token_for_user
from core.forms import form_saved
from organizations.permissions import organization_for_user


@login_required
def token_list(request, org):
    organization = organization_for_user(request.user, org, write=True)
    form = ApiTokenForm(request.POST or None)
    created = []
    if form_saved(request, form, lambda data: created.append(services.api_token_create(
            user=request.user, organization=organization, name=data["name"]))):
        form = ApiTokenForm()
    response = render(request, "api/token_list.html", {
        "organization": organization, "section": "editor", "form": form,
        "created": created[0] if created else None,
        "tokens": organization.api_tokens.filter(user=request.user),
        "docs_url": reverse("api:docs")})
    add_never_cache_headers(response)  # the page may show a secret
    return response


@login_required
@require_POST
def token_revoke(request, org):
    organization = organization_for_user(request.user, org, write=True)
    try:
        token_id = int(request.POST.get("token", ""))
    except ValueError as exc:
        raise Http404 from exc
    token = token_for_user(request.user, organization, token_id)
    try:
        services.api_token_revoke(token=token, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The token “%(name)s” has been revoked: programs using it "
                                    "can no longer write.") % {"name": token.name})
    return redirect(reverse("editor:api_tokens", kwargs={"org": organization.slug}))
