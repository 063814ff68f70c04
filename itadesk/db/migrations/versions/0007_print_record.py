"""the documents printed or saved as files, for the home screen's checklist

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "print_record",
        sa.Column("fiscal_year_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=True),
        sa.Column("output", sa.String(), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["fiscal_year_id"], ["fiscal_year.id"],
            name=op.f("fk_print_record_fiscal_year_id_fiscal_year"), ondelete="CASCADE",
        ),  # fmt: skip
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_record")),
        sa.UniqueConstraint("uuid", name=op.f("uq_print_record_uuid")),
    )


def downgrade() -> None:
    op.drop_table("print_record")
