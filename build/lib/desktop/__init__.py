"""Qonys: the consular desk for emigration cases (MFA order No. 11-1-4/1)."""

__version__ = "0.1.0"
