"""The whole plan as one JSON document: the plan document (docs/exchange-format.md) with its
public data only, each monitoring record marked ``provisional``, and ``metadata``."""

import json

from django.core.serializers.json import DjangoJSONEncoder

CONTENT_TYPE = "application/json"
EXTENSION = "json"
PER_TABLE = False


def render(dataset) -> bytes:
    return json.dumps(dataset.document, cls=DjangoJSONEncoder, ensure_ascii=False,
                      indent=2).encode("utf-8")


def label() -> str:
    return "JSON"
