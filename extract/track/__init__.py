"""recommendations over time: what a panel asked for, who owes it, and whether it was answered."""

from .items import STATUSES, refresh
from .status import effective_rows, select, set_status

__all__ = ["STATUSES", "refresh", "effective_rows", "select", "set_status"]
