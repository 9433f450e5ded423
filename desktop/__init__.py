"""Qonys: the consular desk for emigration cases (MFA order No. 11-1-4/1)."""

import logging

__version__ = "0.1.0"

# The services log what they do (desktop/logs.py writes it to the log file). Where no file is
# set up (a command line, a test), the records go nowhere: never to the terminal, where
# Python's last-resort handler would print warnings beside a command's one-line answer.
logging.getLogger("desktop").addHandler(logging.NullHandler())
