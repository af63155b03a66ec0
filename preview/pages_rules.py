"""Cloudflare Pages' ``_headers`` and ``_redirects`` rules, parsed and matched without I/O.

The preview server applies them exactly as production does, so a rule that is wrong shows up
locally: patterns with ``*`` (splat) and ``:placeholder`` segments; every matching header rule
applies, values of one header from several rules are joined with ", ", and ``! Name`` detaches
a header set by an earlier rule; the first matching redirect wins.
"""

from __future__ import annotations

import dataclasses
import re


def _pattern(source: str) -> re.Pattern[str]:
    regex = ""
    for token in re.split(r"(\*|:[A-Za-z]\w*)", source):
        if token == "*":
            regex += "(?P<splat>.*)"
        elif token.startswith(":"):
            regex += f"(?P<{token[1:]}>[^/]+)"
        else:
            regex += re.escape(token)
    return re.compile(f"^{regex}$")


@dataclasses.dataclass(frozen=True)
class HeaderRule:
    source: str
    set: tuple[tuple[str, str], ...]
    detach: tuple[str, ...]

    def matches(self, path: str) -> bool:
        return bool(_pattern(self.source).match(path))


@dataclasses.dataclass(frozen=True)
class Redirect:
    source: str
    destination: str
    status: int

    def apply(self, path: str) -> str | None:
        found = _pattern(self.source).match(path)
        if not found:
            return None
        target = self.destination
        for name, value in found.groupdict().items():
            target = target.replace(":splat" if name == "splat" else f":{name}", value)
        return target


def parse_headers(text: str) -> list[HeaderRule]:
    rules: list[HeaderRule] = []
    source: str | None = None
    sets: list[tuple[str, str]] = []
    detach: list[str] = []

    def flush() -> None:
        if source is not None:
            rules.append(HeaderRule(source, tuple(sets), tuple(detach)))

    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if not raw[0].isspace():
            flush()
            source, sets, detach = raw.strip(), [], []
            continue
        line = raw.strip()
        if source is None:
            raise ValueError(f"header line outside a rule: {line!r}")
        if line.startswith("!"):
            detach.append(line[1:].strip().lower())
        else:
            name, sep, value = line.partition(":")
            if not sep:
                raise ValueError(f"malformed header line: {line!r}")
            sets.append((name.strip(), value.strip()))
    flush()
    return rules


def headers_for(rules: list[HeaderRule], path: str) -> dict[str, str]:
    """The headers Pages adds to the response for ``path`` (names as first written)."""
    found: dict[str, tuple[str, str]] = {}  # lower name -> (name, value)
    for rule in rules:
        if not rule.matches(path):
            continue
        for name in rule.detach:
            found.pop(name, None)
        for name, value in rule.set:
            key = name.lower()
            if key in found:
                found[key] = (found[key][0], f"{found[key][1]}, {value}")
            else:
                found[key] = (name, value)
    return dict(found.values())


def parse_redirects(text: str) -> list[Redirect]:
    redirects = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) not in (2, 3):
            raise ValueError(f"malformed redirect: {line!r}")
        status = int(parts[2]) if len(parts) == 3 else 302
        redirects.append(Redirect(parts[0], parts[1], status))
    return redirects


def first_redirect(redirects: list[Redirect], path: str) -> tuple[Redirect, str] | None:
    for redirect in redirects:
        target = redirect.apply(path)
        if target is not None:
            return redirect, target
    return None
