"""Acquisition of document copies and reading the passport MRZ."""
