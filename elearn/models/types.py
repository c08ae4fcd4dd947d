"""Column types shared by the models."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

LOCAL_TIME = ZoneInfo("Asia/Jakarta")  # JP and certificates count by the year in WIB

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")


def aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; the platform stores UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)
