"""`python -m desktop` is the same as the `qonys` command."""

from desktop.cli import main

raise SystemExit(main())
