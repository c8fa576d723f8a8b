"""Allow `python -m ui`: the same as the `companion` command."""

from ui.launch import main

raise SystemExit(main())
