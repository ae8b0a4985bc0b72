"""Editors' tools beside the generator: verifying the article's quotes, checking sources."""
