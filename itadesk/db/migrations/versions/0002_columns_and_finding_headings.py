"""measure table columns chosen by the office; finding headings and their intro

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DEFAULT_COLUMNS = '["measure", "steps", "owner", "period", "follow_up"]'


def upgrade() -> None:
    with op.batch_alter_table("office") as batch:
        batch.add_column(
            sa.Column("measure_columns", sa.JSON(), nullable=False, server_default=DEFAULT_COLUMNS)
        )
        batch.add_column(sa.Column("column_titles", sa.JSON(), nullable=False, server_default="{}"))
    with op.batch_alter_table("finding") as batch:
        batch.add_column(sa.Column("heading", sa.String(), nullable=False, server_default=""))
    with op.batch_alter_table("ita_result") as batch:
        batch.add_column(sa.Column("finding_intro", sa.String(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("ita_result") as batch:
        batch.drop_column("finding_intro")
    with op.batch_alter_table("finding") as batch:
        batch.drop_column("heading")
    with op.batch_alter_table("office") as batch:
        batch.drop_column("column_titles")
        batch.drop_column("measure_columns")
