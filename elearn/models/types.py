"""Column types shared by the models."""

from contextvars import ContextVar
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

LOCAL_TIME = ZoneInfo("Asia/Jakarta")  # JP and certificates count by the year in WIB

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")


def aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; the platform stores UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# The demo city (elearn.demo_city) replays months of learning in seconds: while it runs,
# "now" is the moment it simulates. Unset everywhere else.
SIMULATED_NOW: ContextVar[datetime | None] = ContextVar("simulated_now", default=None)


def utcnow() -> datetime:
    return SIMULATED_NOW.get() or datetime.now(UTC)
