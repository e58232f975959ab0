"""Shared building blocks: model mixins, the audit log, pagination, form helpers and filters."""
