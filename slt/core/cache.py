"""The cache holds only what can be computed again (aggregated statistics): when Redis is down or slow, a
read is a miss and a write is dropped, with a warning in the log, instead of a server error on the page.

Short socket timeouts (settings: REDIS_SOCKET_TIMEOUT) keep a hanging Redis from holding up a request.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

FAILURES = (RedisError, OSError)


def _fail_soft(name, fallback):
    method = getattr(RedisCacheClient, name)

    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except FAILURES as error:
            logger.warning("Cache unavailable (%s): %s", name, error)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    wrapper.__name__ = name
    return wrapper


class FailSoftRedisCacheClient(RedisCacheClient):
    add = _fail_soft("add", False)
    get = _fail_soft("get", lambda key, default: default)
    set = _fail_soft("set", None)
    touch = _fail_soft("touch", False)
    delete = _fail_soft("delete", False)
    get_many = _fail_soft("get_many", lambda keys: {})
    has_key = _fail_soft("has_key", False)
    set_many = _fail_soft("set_many", lambda data, timeout: list(data))
    delete_many = _fail_soft("delete_many", None)
    clear = _fail_soft("clear", False)

    def ping(self) -> bool:
        """For the health check: does Redis answer (within the socket timeout)?"""
        return bool(self.get_client(write=True).ping())


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = FailSoftRedisCacheClient

    def ping(self) -> bool:
        return self._cache.ping()
