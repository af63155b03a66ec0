"""Sandbox state in SQLite: JSON documents grouped by kind, plus id counters.

A file keeps preview state (carts, orders, sign-ins) across restarts; tests use memory.
The sandbox serves one event loop, so a single connection behind a lock is enough.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    body TEXT NOT NULL,
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    UNIQUE (kind, id)
);
CREATE TABLE IF NOT EXISTS counters (kind TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS blobs (key TEXT PRIMARY KEY, content_type TEXT NOT NULL, data BLOB NOT NULL);
"""


class Database:
    def __init__(self, path: Path | None = None) -> None:
        if path is not None:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(str(path) if path else ":memory:", check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL" if path else "PRAGMA journal_mode=MEMORY")
        self._conn.executescript(SCHEMA)
        self._lock = threading.Lock()

    def get(self, kind: str, key: object) -> dict[str, Any] | None:
        with self._lock:
            row = self._conn.execute("SELECT body FROM docs WHERE kind = ? AND id = ?", (kind, str(key))).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, kind: str, key: object, body: dict[str, Any]) -> dict[str, Any]:
        text = json.dumps(body, separators=(",", ":"), default=str)
        with self._lock:
            self._conn.execute(
                "INSERT INTO docs (kind, id, body) VALUES (?, ?, ?) "
                "ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body",
                (kind, str(key), text),
            )
        return body

    def delete(self, kind: str, key: object) -> bool:
        with self._lock:
            cursor = self._conn.execute("DELETE FROM docs WHERE kind = ? AND id = ?", (kind, str(key)))
        return cursor.rowcount > 0

    def all(self, kind: str) -> list[dict[str, Any]]:
        """Every document of ``kind`` in insertion order."""
        with self._lock:
            rows = self._conn.execute("SELECT body FROM docs WHERE kind = ? ORDER BY seq", (kind,)).fetchall()
        return [json.loads(row[0]) for row in rows]

    def count(self, kind: str) -> int:
        with self._lock:
            return self._conn.execute("SELECT COUNT(*) FROM docs WHERE kind = ?", (kind,)).fetchone()[0]

    def next_id(self, kind: str, start: int = 1) -> int:
        with self._lock:
            self._conn.execute(
                "INSERT INTO counters (kind, value) VALUES (?, ?) ON CONFLICT (kind) DO UPDATE SET value = value + 1",
                (kind, start),
            )
            return self._conn.execute("SELECT value FROM counters WHERE kind = ?", (kind,)).fetchone()[0]

    def put_blob(self, key: str, content_type: str, data: bytes) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO blobs (key, content_type, data) VALUES (?, ?, ?)", (key, content_type, data)
            )

    def get_blob(self, key: str) -> tuple[str, bytes] | None:
        with self._lock:
            row = self._conn.execute("SELECT content_type, data FROM blobs WHERE key = ?", (key,)).fetchone()
        return (row[0], bytes(row[1])) if row else None

    def clear(self) -> None:
        with self._lock:
            self._conn.execute("DELETE FROM docs")
            self._conn.execute("DELETE FROM counters")
            self._conn.execute("DELETE FROM blobs")

    def close(self) -> None:
        self._conn.close()
