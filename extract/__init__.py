"""council-extract: turn local-government committee papers into data.

Data flows one way: file -> pages (``extract.load``) -> record (``extract.parse``,
``extract.nlp``) -> SQLite (``extract.store``) -> tracking (``extract.track``).

``from extract import Store`` is the way in from Python (``extract.api``): a database
read as pandas DataFrames. It is imported on first use, so workers and the CLI do not
pay for pandas when they do not need it.
"""

from typing import Any

__version__ = "0.1.0"
__all__ = ["Store", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from .api import Store

        return Store
    raise AttributeError(f"module 'extract' has no attribute {name!r}")
