"""The councils file (``patterns/councils.toml``): which sites to fetch from, as data."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ..patterns import pattern_path

PLATFORMS = ("moderngov",)


@dataclass
class FetchSettings:
    contact: str = "council-extract@example.org"
    min_interval: float = 1.0
    timeout: float = 60.0
    max_retries: int = 3
    max_bytes: int = 100 * 1024 * 1024

    def __post_init__(self) -> None:
        if self.min_interval < 0:
            raise ValueError("min_interval cannot be negative")
        if self.timeout <= 0:
            raise ValueError("timeout must be positive")
        if not 0 <= self.max_retries <= 10:
            raise ValueError("max_retries must be between 0 and 10")


@dataclass
class Council:
    name: str
    base_url: str
    platform: str = "moderngov"
    committees: list[str] = field(default_factory=list)  # empty: all
    contact: Optional[str] = None

    @property
    def slug(self) -> str:
        return slugify(self.name)

    def follows(self, committee: str) -> bool:
        if not self.committees:
            return True
        wanted = {c.casefold().strip() for c in self.committees}
        return committee.casefold().strip() in wanted


def slugify(text: str, limit: int = 60) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-") or "x"


def load_councils(path: Optional[str | Path] = None) -> tuple[list[Council], FetchSettings]:
    """Councils and fetch settings from the councils file (default: the shipped ``patterns/councils.toml``)."""
    source = Path(path) if path else pattern_path("councils.toml")
    with open(source, "rb") as fh:
        data: dict[str, Any] = tomllib.load(fh)
    settings = FetchSettings(**data.get("defaults", {}))
    councils = []
    for number, entry in enumerate(data.get("council", []), 1):
        missing = [k for k in ("name", "base_url") if not entry.get(k)]
        if missing:
            raise ValueError(f"{source}: council #{number} lacks {', '.join(missing)}")
        platform = entry.get("platform", "moderngov")
        if platform not in PLATFORMS:
            raise ValueError(f"{source}: council {entry['name']!r}: platform {platform!r} is not supported "
                             f"(supported: {', '.join(PLATFORMS)})")
        councils.append(Council(name=entry["name"], base_url=entry["base_url"].rstrip("/"), platform=platform,
                                committees=list(entry.get("committees") or []), contact=entry.get("contact")))
    return councils, settings
