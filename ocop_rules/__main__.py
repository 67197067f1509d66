"""`python -m ocop_rules …` is the `ocop-rules` command."""

import sys

from ocop_rules.cli import main

sys.exit(main())
