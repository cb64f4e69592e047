"""Data out: tables, CSV/JSON/NDJSON, Frictionless Data Package, DataFrames, data dictionary."""
