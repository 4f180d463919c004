"""Plan text → targets and tasks, each traced to its exact source span (docs/extraction.md)."""
