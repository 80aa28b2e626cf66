"""records -> SQLite: the store, its full-text search, export and summary.

- ``schema.py``  the tables, made and upgraded in place (``open_db``, ``SCHEMA_VERSION``)
- ``keys.py``    natural keys: a row is what it says (council, body, date, number, text), not a counter
- ``rows.py``    one extraction result -> rows per table (pure)
- ``ingest.py``  ``write_document`` (one transaction per document), run/error bookkeeping for the batch
- ``search.py``  ``search(db, query, **filters)``: FTS5 with porter stemming
- ``export.py``  tables -> CSV / JSON / Parquet, typed from the schema
- ``summary.py`` what went in, files still failing, open actions

Other features keep their own tables beside these (the tracker's statuses and notes) and refer to
rows by their natural ``key`` without a foreign-key constraint: the store never writes those
tables, and a key that disappears when its only document is replaced comes back, the same, when
the document is ingested again.
"""

from .ingest import (finish_run, is_stored, make_result, record_error, record_outcome, remove_document, start_run,
                     write_document)
from .schema import SCHEMA_VERSION, open_db
from .search import search

__all__ = ["SCHEMA_VERSION", "open_db", "is_stored", "write_document", "remove_document", "make_result",
           "record_error", "start_run", "record_outcome", "finish_run", "search"]
