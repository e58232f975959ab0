"""Bearer-token authentication and the role rule of every API endpoint."""

from functools import wraps

from flask import g, request

from moderators.api.errors import forbidden, unauthorized
from moderators.auth.models import ROLES
from moderators.auth.signed_in import SignedInUser, user_for_api_token


def bearer_user() -> SignedInUser | None:
    """The active user whose personal token the request carries, or None."""
    authorization = request.authorization
    if authorization is None or authorization.type != "bearer" or not authorization.token:
        return None
    return user_for_api_token(authorization.token)


def api_roles(*roles: str):
    """Let in only requests with a valid token of a user in one of `roles`: 401 or 403 else.

    The user becomes `g.api_user`, so the audit log names them as the actor.
    """
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles: {unknown}")

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            user = bearer_user()
            if user is None:
                raise unauthorized()
            if user.role not in roles:
                raise forbidden()
            g.api_user = user
            return view(*args, **kwargs)

        wrapped.access = frozenset(roles)
        return wrapped

    return decorator


def api_user() -> SignedInUser:
    return g.api_user
