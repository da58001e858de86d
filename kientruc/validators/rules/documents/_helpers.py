"""What several documents rules share."""

from __future__ import annotations

import datetime as dt


QD28 = dt.date(2018, 7, 12)
