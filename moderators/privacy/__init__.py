"""Privacy (DSGVO): a moderator's own data export, anonymisation, retention and the audit log."""
