"""Identifiers shaped like Scalev's: UUIDv7 order keys, 40-character secret slugs,
``YYMMDD`` + letters order numbers, UUID guest tokens."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import string
import time
import uuid


def uuid7() -> str:
    millis = int(time.time() * 1000)
    value = (millis & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= int.from_bytes(os.urandom(2), "big") & 0x0FFF << 64
    value |= 0b10 << 62
    value |= int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    return str(uuid.UUID(int=value))


def secret_slug() -> str:
    return secrets.token_urlsafe(30)[:40]


def human_id(now: dt.datetime | None = None, letters: int = 6) -> str:
    now = now or dt.datetime.now(dt.UTC)
    return now.strftime("%y%m%d") + "".join(secrets.choice(string.ascii_uppercase) for _ in range(letters))


def guest_token() -> str:
    return str(uuid.uuid4())


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
