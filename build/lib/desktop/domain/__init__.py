"""The Rules as pure code: no Qt, no SQL, no I/O."""
