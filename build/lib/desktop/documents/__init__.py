"""Printed forms, PAdES signatures and the visible digital seal."""
