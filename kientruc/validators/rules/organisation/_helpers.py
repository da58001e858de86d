"""What several organisation rules share: the day the two-level local government began."""

from __future__ import annotations

import datetime as dt


TWO_LEVEL = dt.date(2025, 7, 1)
