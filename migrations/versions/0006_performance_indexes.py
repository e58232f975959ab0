"""performance indexes: one for every filter, sort and join the pages use that had none

Revision ID: a6c1e0f4b2d9
Revises: 3e28d39eb963
Create Date: 2026-11-25 13:14:12.414759

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "a6c1e0f4b2d9"
down_revision = "3e28d39eb963"
branch_labels = None
depends_on = None

INDEXES = (
    # (name, table, columns)
    ("ix_assignment_session_status", "assignment", ["session_id", "status"]),
    ("ix_audit_log_actor_id", "audit_log", ["actor_id"]),
    ("ix_audit_log_object", "audit_log", ["object_type", "object_id"]),
    ("ix_info_session_school_time", "info_session", ["school_id", "starts_at"]),
    ("ix_info_session_topic_id", "info_session", ["topic_id"]),
    ("ix_session_request_status_created", "session_request", ["status", "created_at"]),
    ("ix_session_request_created_at", "session_request", ["created_at"]),
    ("ix_session_request_topic_id", "session_request", ["topic_id"]),
    ("ix_user_school_id", "user", ["school_id"]),
)


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade():
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
