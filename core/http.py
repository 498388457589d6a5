from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """The request comes from HTMX, which wants a fragment rather than a page."""
    return request.headers.get("HX-Request") == "true"


class _SizeLimit(FileUploadHandler):
    """Stops receiving an uploaded file once it is larger than ``limit`` bytes, and marks the
    request (``upload_too_large``) so that the form can say so."""

    def __init__(self, request, limit: int):
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def limit_upload_size(request: HttpRequest, limit: int) -> None:
    """Receive no more than ``limit`` bytes of any file uploaded with ``request``; call it
    before the request's body is read (a view exempt from CSRF that checks CSRF after it)."""
    request.upload_handlers.insert(0, _SizeLimit(request, limit))


def upload_too_large(request: HttpRequest) -> bool:
    return getattr(request, "upload_too_large", False)
