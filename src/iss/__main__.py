"""`python -m iss` is the same as the `iss` command."""

from iss.cli import main

raise SystemExit(main())
