"""What several organisation rules share."""

from __future__ import annotations

import datetime as dt


TWO_LEVEL = dt.date(2025, 7, 1)
