"""PySide6 windows, dialogs and item models. Calls services only."""
