"""``python -m ecpat_data``: the same as the ``ecpat-data`` command."""

import sys

from ._cli.main import main

sys.exit(main())
