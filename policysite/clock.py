"""The build's today: POLICY_TODAY (YYYY-MM-DD) if set, else the calendar. The one place a build reads the clock.

Only what depends on the date by nature reads it: whether a consultation is
still open. Everything else a page shows is dated from its content, so two
builds of the same content differ only if a consultation closed in between;
set POLICY_TODAY to build as of a given day (tests, previews of a deadline,
reproducible builds).
"""
from __future__ import annotations

import datetime as dt
import os
import re
from typing import Mapping

ENV = "POLICY_TODAY"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ClockError(ValueError):
    """POLICY_TODAY is set but is not a date."""


def today(environ: Mapping[str, str] | None = None) -> dt.date:
    value = (os.environ if environ is None else environ).get(ENV, "").strip()
    if not value:
        return dt.date.today()
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ClockError(
            f"{ENV}={value!r} is not a date. Write it as YYYY-MM-DD, e.g. {ENV}=2012-08-02, or unset it "
            f"to use today's date. / {ENV} skal være en dato skrevet ÅÅÅÅ-MM-DD, fx {ENV}=2012-08-02."
        ) from None
