"""``python -m kiemtra``: the ``kiemtra`` command (see :mod:`kiemtra._cli`)."""

from kiemtra._cli import main

raise SystemExit(main())
