"""File formats and output: plan YAML, CSV/XLSX readers and writers, JSON records and terminal
tables. No SQL; calls no store."""
