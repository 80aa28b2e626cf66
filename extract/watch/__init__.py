"""Saved searches and alerts: watches over the store, their hits, digests, feeds and e-mail."""
