"""The Consular Service Department side: receive packages, record decisions, send back."""
