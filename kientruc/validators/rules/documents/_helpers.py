"""What several electronic-document rules share: the day QĐ 28/2018/QĐ-TTg took effect."""

from __future__ import annotations

import datetime as dt


QD28 = dt.date(2018, 7, 12)
