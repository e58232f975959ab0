"""Who may use a route: every view carries an `access` rule that the access test reads."""

from functools import wraps

from flask import abort
from flask_login import current_user

from moderators.auth.models import ROLES
from moderators.extensions import login_manager

PUBLIC = frozenset({"anonymous", *ROLES})


def roles_required(*roles: str):
    """Let only signed-in users with one of `roles` in; others sign in first or get 403."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles: {unknown}")

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        wrapped.access = frozenset(roles)
        return wrapped

    return decorator


def signed_in(view):
    """Any signed-in user, whatever the role."""
    return roles_required(*ROLES)(view)


def public(view):
    """Open to everyone, signed in or not."""
    view.access = PUBLIC
    return view
