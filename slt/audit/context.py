"""The request facts an audit event carries, set per request by RequestIdMiddleware."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestFacts:
    request_id: str = ""
    ip: str | None = None


current_request = ContextVar("slt_audit_request", default=RequestFacts())
