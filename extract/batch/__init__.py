"""many files -> the database, in parallel: ``council-extract ingest``.

``runner.run_batch`` collects files, hashes them (skipping what is stored), hands
each to ``worker.run_task`` on an executor from ``executors.open_pool`` (a local
process pool, or Dask with ``cluster=``), and writes every result itself, one
transaction per document. ``progress.Progress`` draws the line on stderr.
"""
