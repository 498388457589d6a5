"""Reading the downloads back the way a reuser would."""

import csv
import io
import json

import openpyxl
from django.conf import settings

from exchange.demo import demo_load

PLANS = settings.BASE_DIR / "demo/plans"
TERRASSA = "terrassa--peest-2019-2026.yaml"
XMESS_2020 = "xmess--pla-treball-2020.yaml"


def load_demo(*names: str) -> None:
    demo_load(plan_files=[PLANS / name for name in names])


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def json_document(response) -> dict:
    return json.loads(response.content)


def workbook(response):
    return openpyxl.load_workbook(io.BytesIO(response.content))


def sheet_rows(book, name: str) -> list[dict]:
    rows = list(book[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
