"""Users, roles, sign-in, invitations, API tokens and the access rules of every route."""
