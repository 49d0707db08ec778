import ipaddress
import re
import uuid

from django.conf import settings

from .context import RequestFacts, current_request

# A request id from a client or proxy is kept only when it is a plain token (a UUID matches): it is written to
# the audit log and echoed in the response, so nothing else (spaces, quotes, markup, control characters) gets in.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{16,64}$")


def request_id_for(request) -> str:
    incoming = request.headers.get("X-Request-ID", "")
    return incoming if _REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address. REMOTE_ADDR unless DJANGO_TRUSTED_PROXY_COUNT says that N proxies of our own
    stand in front: then the N-th address from the right of X-Forwarded-For (each proxy appends the address
    it saw, so what a client writes into the header itself stays on the left and is never used). A header
    with fewer addresses than that, or with an invalid one there, gives REMOTE_ADDR."""
    remote = _valid_ip(request.META.get("REMOTE_ADDR") or "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote
    return _valid_ip(forwarded[-count]) or remote


class RequestIdMiddleware:
    """Gives each request an id (or keeps a proxy's well-formed X-Request-ID) and the client's address, for the
    audit log and the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_for(request)
        request.request_id = request_id
        request.client_ip = client_ip(request)
        token = current_request.set(RequestFacts(request_id=request_id, ip=request.client_ip))
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        response.headers["X-Request-ID"] = request_id
        return response
