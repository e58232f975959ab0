"""Accept and decline links in offer mails: signed, expiring, and good for one answer."""

from flask import current_app, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

ACCEPT, DECLINE = "accept", "decline"
SALT = "offer-response"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def offer_link(assignment, action: str) -> str:
    """An absolute URL that answers the offer; it works once, since an answered offer is no
    longer open, and expires after OFFER_LINK_MAX_AGE."""
    token = _serializer().dumps({"assignment": assignment.id, "action": action})
    return url_for("moderator_sessions.respond_by_link", token=token, _external=True)


def read_offer_link(token: str) -> tuple[int, str] | None:
    """(assignment id, action) from a valid, unexpired token; None otherwise."""
    max_age = current_app.config["OFFER_LINK_MAX_AGE"].total_seconds()
    try:
        data = _serializer().loads(token, max_age=max_age)
    except (BadSignature, SignatureExpired):
        return None
    if not isinstance(data, dict) or data.get("action") not in (ACCEPT, DECLINE):
        return None
    return int(data["assignment"]), data["action"]
