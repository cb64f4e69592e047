"""The floor every room stands on: errors, problems, dates, countries, text rules, resources."""
