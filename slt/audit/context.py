"""The request facts an audit event carries, set per request by RequestIdMiddleware."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestFacts:
    request_id: str = ""
    ip: str | None = None


NO_REQUEST = RequestFacts()
current_request: ContextVar[RequestFacts | None] = ContextVar("slt_audit_request", default=None)
