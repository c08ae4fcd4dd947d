"""Slowing down password guessing without locking anyone out (OWASP ASVS V2.2.1).

A hard lockout after ten failures let anyone who knew a NIP (it is printed on every
certificate) lock its owner out again and again, and an office behind one address out
together. Instead, failed sign-ins are counted three ways, and past a number of free
tries each further attempt must wait, the wait doubling with every failure:

- an account from one address: the guesser's own path; waits up to 15 minutes;
- an account from anywhere (a guesser with many addresses): waits at most a minute,
  so its owner is slowed, never shut out;
- an address, whatever the account (one guesser trying many NIPs): at most a minute,
  so an office behind one address waits a minute at worst.

A counter is forgotten 15 minutes after its last failure; a successful sign-in clears
the account's counters. An attempt that must wait is refused before its password is
checked, with the time to try again. The counters live in Redis when it is configured
(shared by every app process), in the process otherwise; admins see and clear them.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app

WINDOW = 15 * 60
KINDS = ("pair", "account", "address")  # account from one address, account, address
PREFIX = "elearn:signin:"


def now() -> float:
    return time.time()


@dataclass(frozen=True)
class Counter:
    kind: str
    subject: str
    failures: int
    last: float

    def waits_until(self, free: int, cap: float) -> float:
        """When the next attempt may be made (``last`` plus a doubling delay)."""
        excess = self.failures - free
        if excess <= 0:
            return 0.0
        return self.last + min(2.0 ** (excess - 1), cap)


class MemoryStore:
    """Counters in this process (the embedded default: one process)."""

    def __init__(self) -> None:
        self._counters: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def add_failure(self, key: str, at: float) -> None:
        with self._lock:
            failures, last = self._live(key, at) or (0, at)
            self._counters[key] = (failures + 1, at)

    def get(self, key: str, at: float) -> tuple[int, float] | None:
        with self._lock:
            return self._live(key, at)

    def _live(self, key: str, at: float) -> tuple[int, float] | None:
        found = self._counters.get(key)
        if found and at - found[1] > WINDOW:
            del self._counters[key]
            return None
        return found

    def delete(self, key: str) -> None:
        with self._lock:
            self._counters.pop(key, None)

    def all(self, at: float) -> list[tuple[str, int, float]]:
        with self._lock:
            return [(k, *v) for k in list(self._counters) if (v := self._live(k, at))]


class RedisStore:
    """Counters in Redis, shared by every app process."""

    def __init__(self, url: str) -> None:
        import redis

        self.redis = redis.Redis.from_url(url)

    def add_failure(self, key: str, at: float) -> None:
        pipe = self.redis.pipeline()
        pipe.hincrby(PREFIX + key, "failures", 1)
        pipe.hset(PREFIX + key, "last", at)
        pipe.expire(PREFIX + key, WINDOW)
        pipe.execute()

    def get(self, key: str, at: float) -> tuple[int, float] | None:
        found = self.redis.hgetall(PREFIX + key)
        if not found:
            return None
        return int(found[b"failures"]), float(found[b"last"])

    def delete(self, key: str) -> None:
        self.redis.delete(PREFIX + key)

    def all(self, at: float) -> list[tuple[str, int, float]]:
        found = []
        for name in self.redis.scan_iter(match=PREFIX + "*", count=500):
            value = self.get(name.decode()[len(PREFIX) :], at)
            if value:
                found.append((name.decode()[len(PREFIX) :], *value))
        return found


class Throttle:
    """The sign-in counters of one app."""

    def __init__(self, app: Flask) -> None:
        url = app.config["REDIS_URL"]
        self.store: Any = RedisStore(url) if url else MemoryStore()

    @staticmethod
    def _keys(account: str, address: str) -> dict[str, str]:
        return {"pair": f"{account}|{address}", "account": account, "address": address}

    @staticmethod
    def _rule(kind: str) -> tuple[int, float]:
        config = current_app.config
        return {
            "pair": (config["LOGIN_FREE_TRIES"], 15 * 60.0),
            "account": (config["LOGIN_FREE_TRIES_ACCOUNT"], 60.0),
            "address": (config["LOGIN_FREE_TRIES_ADDRESS"], 60.0),
        }[kind]

    def retry_after(self, account: str, address: str) -> int:
        """Seconds to wait before this account may be tried from this address; 0: now."""
        at = now()
        latest = 0.0
        for kind, key in self._keys(account, address).items():
            found = self.store.get(f"{kind}:{key}", at)
            if found:
                latest = max(latest, Counter(kind, key, *found).waits_until(*self._rule(kind)))
        return max(0, round(latest - at + 0.49))

    def failed(self, account: str, address: str) -> None:
        at = now()
        for kind, key in self._keys(account, address).items():
            self.store.add_failure(f"{kind}:{key}", at)

    def succeeded(self, account: str, address: str) -> None:
        for kind in ("pair", "account"):
            self.store.delete(f"{kind}:{self._keys(account, address)[kind]}")

    def counters(self) -> list[tuple[Counter, int]]:
        """Every live counter with the seconds its subject must still wait."""
        at = now()
        found = []
        for key, failures, last in self.store.all(at):
            kind, _, subject = key.partition(":")
            counter = Counter(kind, subject, failures, last)
            wait = max(0, round(counter.waits_until(*self._rule(kind)) - at + 0.49))
            found.append((counter, wait))
        return sorted(found, key=lambda pair: (-pair[1], -pair[0].failures))

    def clear(self, kind: str, subject: str) -> None:
        if kind in KINDS:
            self.store.delete(f"{kind}:{subject}")


def throttle(app: Flask | None = None) -> Throttle:
    app = app or current_app
    if "elearn.throttle" not in app.extensions:
        app.extensions["elearn.throttle"] = Throttle(app)
    return app.extensions["elearn.throttle"]
