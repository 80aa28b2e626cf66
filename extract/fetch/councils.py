"""The councils file (``patterns/councils.toml``): which sites to fetch from, as data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from ..pattern_schema import PLATFORMS
from ..patterns import pattern_path, read_pattern_file

__all__ = ["PLATFORMS", "Council", "FetchSettings", "load_councils", "slugify"]


@dataclass
class FetchSettings:
    """How politely to fetch: the councils file's ``[defaults]`` (its defaults and bounds: ``pattern_schema``)."""

    contact: str
    min_interval: float
    timeout: float
    max_retries: int
    max_bytes: int


@dataclass
class Council:
    """One ``[[council]]`` of the councils file (defaults filled in by its schema)."""

    name: str
    base_url: str
    platform: str
    committees: list[str]  # empty: all
    contact: Optional[str]

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
    """Councils and fetch settings from the councils file (default: the shipped ``patterns/councils.toml``),
    checked against its schema (a problem is a ``PatternFileError`` naming the file and the key)."""
    data: dict[str, Any] = read_pattern_file(path or pattern_path("councils.toml"), "councils.toml")
    councils = [Council(name=entry["name"], base_url=entry["base_url"].rstrip("/"), platform=entry["platform"],
                        committees=list(entry["committees"]), contact=entry.get("contact"))
                for entry in data["council"]]
    return councils, FetchSettings(**data["defaults"])
