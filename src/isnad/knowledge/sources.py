"""The outlet behind an article, from the domain of its URL.

The registry (``data/sources.json``) lists outlets of Arabic conflict reporting with their Arabic and
English names, the country they are based in, their alignment in the Syrian war (a closed
vocabulary documented in the file) and the ACLED source scale of their coverage. A URL matches the
outlet whose listed domain is the longest suffix of its host: ``https://mubasher.aljazeera.net/x``
is Al Jazeera Mubasher, ``https://blogs.aljazeera.net/x`` is Al Jazeera.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from isnad.resources import read_json

SOURCE_SCALES = ("Subnational", "National", "Regional", "International", "Other")
_LABEL = re.compile(r"^(?!-)[\w-]{1,63}(?<!-)$")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_OTHER_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:(?!//)(?!\d+(?:[/?#]|$))")
_ENCODED = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*%3A)?%2F%2F", re.IGNORECASE)


@dataclass(frozen=True)
class Outlet:
    """One news outlet (or organisation) of the registry."""

    domains: tuple[str, ...]
    name: str  # in Arabic
    name_en: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2 of its base
    perspective: str | None = None  # one of the registry's perspectives
    source_scale: str | None = None  # ACLED source scale of its own coverage


def domain_of(url: str) -> str | None:
    """The lower-case host of a URL or bare domain, without ``www.`` and port; None for anything
    that is not a domain name (empty, an IP address, spaces or stray characters in the host)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if _ENCODED.match(url):
        url = unquote(url)  # a whole URL percent-encoded, as redirect parameters carry it
    if not url or any(c.isspace() for c in url):
        return None
    if _OTHER_SCHEME.match(url):
        return None  # mailto:, javascript:, tel:, data: ...
    if not _SCHEME.match(url):
        url = "//" + url.lstrip("/")
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".").lower()
    host = host.removeprefix("www.")
    try:
        ipaddress.ip_address(host)
        return None
    except ValueError:
        pass
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        return None
    return host


def acled_scale(outlet: Outlet, event_country: str | None) -> str | None:
    """The outlet's ACLED source scale for an event in ``event_country``: a national or subnational
    outlet of another country reports as a Regional source."""
    if outlet.source_scale in ("National", "Subnational") and event_country and outlet.country \
            and outlet.country != event_country:
        return "Regional"
    return outlet.source_scale


class SourceRegistry:
    """Outlets by domain; :meth:`lookup` finds the outlet of a URL."""

    def __init__(self, outlets: Iterable[Outlet], perspectives: Iterable[str] = ()):
        self.outlets = tuple(outlets)
        self.perspectives = frozenset(perspectives)
        self._by_domain: dict[str, Outlet] = {}
        for outlet in self.outlets:
            for domain in outlet.domains:
                if domain in self._by_domain:
                    raise ValueError(f"domain {domain} listed for {self._by_domain[domain].name} and {outlet.name}")
                self._by_domain[domain] = outlet

    @classmethod
    def load(cls, path: str | Path | None = None) -> SourceRegistry:
        """The registry in ``path`` (default: the packaged ``data/sources.json``)."""
        data = json.loads(Path(path).read_text(encoding="utf-8")) if path is not None else read_json("sources.json")
        outlets = [Outlet(domains=tuple(e["domains"]), name=e["name"], name_en=e.get("name_en"),
                          country=e.get("country"), perspective=e.get("perspective"),
                          source_scale=e.get("source_scale"))
                   for e in data["outlets"]]
        return cls(outlets, data.get("_perspectives", {}))

    domain_of = staticmethod(domain_of)

    def lookup(self, url_or_domain: str) -> Outlet | None:
        """The outlet whose domain is the longest suffix of the URL's host, or None."""
        host = domain_of(url_or_domain)
        if host is None:
            return None
        labels = host.split(".")
        for i in range(len(labels) - 1):
            found = self._by_domain.get(".".join(labels[i:]))
            if found is not None:
                return found
        return None

    def __len__(self) -> int:
        return len(self.outlets)

    def __iter__(self) -> Iterator[Outlet]:
        return iter(self.outlets)


@lru_cache(maxsize=1)
def default_registry() -> SourceRegistry:
    """The packaged registry, loaded once."""
    return SourceRegistry.load()
