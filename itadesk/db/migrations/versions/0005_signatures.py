"""a person's signature image; whether a memo prints signature images

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
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("signature", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("memo") as batch:
        batch.add_column(
            sa.Column("print_signatures", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("memo") as batch:
        batch.drop_column("print_signatures")
    with op.batch_alter_table("person") as batch:
        batch.drop_column("signature")
