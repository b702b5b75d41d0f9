"""`python -m tulosmittari` runs the `tulos` command."""

from tulosmittari.cli import main

raise SystemExit(main())
