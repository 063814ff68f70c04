"""the font name an office writes into its Word files

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("office") as batch:
        batch.add_column(
            sa.Column("word_font", sa.String(), nullable=False, server_default="TH SarabunIT๙")
        )


def downgrade() -> None:
    with op.batch_alter_table("office") as batch:
        batch.drop_column("word_font")
