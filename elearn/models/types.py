"""Column types shared by the models."""

from contextvars import ContextVar
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

LOCAL_TIME = ZoneInfo("Asia/Jakarta")  # JP and certificates count by the year in WIB

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")


def aware(moment: datetime) -> datetime:
    """A moment with its zone: a naive one (raw SQL on SQLite, or not yet stored) is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class UtcDateTime(sa.TypeDecorator):
    """A moment stored as UTC on every database and read back aware, in UTC.

    SQLAlchemy's ``DateTime`` on SQLite writes an aware value's wall-clock time and drops
    its zone, so a moment in Jakarta time compared with stored UTC ones was compared as
    text seven hours off (PostgreSQL converts). Binding through this type converts
    first, in a column's values and in every comparison with a column of this type."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None or value.tzinfo is None:
            return value
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# The demo city (elearn.demo_city) replays months of learning in seconds: while it runs,
# "now" is the moment it simulates. Unset everywhere else.
SIMULATED_NOW: ContextVar[datetime | None] = ContextVar("simulated_now", default=None)


def utcnow() -> datetime:
    return SIMULATED_NOW.get() or datetime.now(UTC)
