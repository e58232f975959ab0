"""E-mail to users, rendered in the recipient's language."""
