"""council websites -> files. Fetching lives apart from parsing, so parsers are tested offline.

``councils`` reads the councils file; ``http`` is a polite HTTP client (robots.txt,
a gap between requests to a host, conditional requests, bounded retries);
``moderngov_xml`` reads the ModernGov web service's XML; ``moderngov`` walks a
council's committees, meetings and documents; ``fetcher`` downloads each new
document once and records what the service said about it.
"""
