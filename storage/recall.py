"""FSRS-6 predicted recall in SQL, the same formula as flows.review.retrievability.

R = (1 + FACTOR * t / S) ^ -DECAY with t the whole days since the card's last review (as
py-fsrs counts them) and the decay of py-fsrs's default parameters. Every SQL reading of
mastery (progress, the admin API's analytics, the dashboard) uses this one expression, so
Slack and the dashboard show the same numbers.
"""

from __future__ import annotations

from fsrs.scheduler import DEFAULT_PARAMETERS

DECAY = DEFAULT_PARAMETERS[20]
FACTOR = 0.9 ** (-1 / DECAY) - 1


def recall_sql(table: str = "") -> str:
    """The recall of a review_cards row now; `table` qualifies the columns (e.g. "rc.")."""
    return (
        f"CASE WHEN {table}stability > 0 AND {table}last_review IS NOT NULL THEN "
        f"power(1 + {FACTOR!r} * greatest(floor(extract(epoch FROM now() - {table}last_review)"
        f" / 86400.0), 0) / {table}stability, {-DECAY!r}) ELSE 0 END"
    )


RECALL = recall_sql()
