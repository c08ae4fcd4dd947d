"""Column types shared by the models."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

LOCAL_TIME = ZoneInfo("Asia/Jakarta")  # JP and certificates count by the year in WIB

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    return datetime.now(UTC)
