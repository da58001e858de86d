"""What several electronic-document rules share: the day QĐ 28/2018/QĐ-TTg took effect (from the catalogue of laws)."""

from __future__ import annotations

from ....frameworks import law_day

QD28 = law_day("qd-28-2018")
