"""The download views: fetch the plan through the gateway, answer 304 when nothing changed
since the copy the client holds, otherwise render the requested format."""

from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from opendata import selectors
from opendata.formats import FORMATS
from opendata.tables import TABLE_KEYS
from plans.permissions import published_plan


@require_safe
def plan_file(request, org, plan, format_name, table=None):
    plan = published_plan(org, plan)
    if table is not None and table not in TABLE_KEYS:
        raise Http404
    output = FORMATS[format_name]
    # The addresses carry no language: the texts of the XLSX "about" sheet follow the
    # visitor's language cookie or browser, Catalan by default.
    language = translation.get_language_from_request(request)
    version = selectors.data_version(plan, variant=f"{format_name}|{table}|{language}")
    last_modified = int(version.last_modified.timestamp()) if version.last_modified else None
    response = get_conditional_response(request, etag=version.etag,
                                        last_modified=last_modified)
    if response is None:
        with translation.override(language):
            dataset = selectors.plan_dataset(
                plan, base_url=request.build_absolute_uri("/")[:-1], table=table)
            response = HttpResponse(output.render(dataset), content_type=output.CONTENT_TYPE)
        name = "--".join(filter(None, (plan.organization.slug, plan.slug, table)))
        disposition = "inline" if format_name == "json" else "attachment"
        response["Content-Disposition"] = f'{disposition}; filename="{name}.{output.EXTENSION}"'
    response["ETag"] = version.etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Link"] = f'<{plan.organization.licence_url}>; rel="license"'
    # Open data: any site may read it from a browser. Caches keep it but ask again each time.
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, no_cache=True)
    return response
