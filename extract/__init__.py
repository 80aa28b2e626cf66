"""council-extract: turn local-government committee papers into data.

Data flows one way: file -> pages (``extract.load``) -> record (``extract.parse``,
``extract.nlp``) -> SQLite (``extract.store``) -> tracking (``extract.track``).
"""

__version__ = "0.1.0"
