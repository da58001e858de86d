"""What several organisation rules share: the day the two-level local government began."""

from __future__ import annotations

from .._common import reorganisation

TWO_LEVEL = reorganisation("two_level_government")
