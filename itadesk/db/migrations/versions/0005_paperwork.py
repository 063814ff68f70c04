"""how an office shapes its papers: titles, paragraphs, sections, numbering (JSON)

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("office") as batch:
        batch.add_column(sa.Column("paperwork", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("office") as batch:
        batch.drop_column("paperwork")
