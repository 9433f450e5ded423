"""`python -m desktop` is the same as the `qonys` command."""

from desktop.launch import main

raise SystemExit(main())
