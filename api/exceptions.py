"""Errors as JSON. A service's ``ValidationError`` (Django's) becomes a 400 answer keyed by
field, like a serializer's: ``{"percent": ["A percentage goes from 0 to 100; …"]}``; errors
not about one field come under ``non_field_errors``."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


def as_api_error(error: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(error, "error_dict"):
        detail = {(api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field):
                  messages for field, messages in error.message_dict.items()}
    else:
        detail = {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
    return exceptions.ValidationError(detail)


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = as_api_error(exc)
    return drf_exception_handler(exc, context)
