"""Checking data files: parse, locate, validate, cross-file integrity, format, JSON Schema."""
