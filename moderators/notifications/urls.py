"""Absolute links in mails, left out (and logged) where they cannot be built."""

from flask import current_app, url_for
from werkzeug.routing import BuildError

from moderators.scheduling.links import ACCEPT, DECLINE, offer_link


def external_url(endpoint: str, **values) -> str | None:
    """The page's absolute URL; None if the page does not exist or, outside a request, no
    SERVER_NAME is configured to build it with."""
    try:
        return url_for(endpoint, _external=True, **values)
    except (BuildError, RuntimeError) as error:
        current_app.logger.warning("Mail goes out without a link to %s: %s", endpoint, error)
        return None


def offer_links(assignment) -> dict[str, str] | None:
    """The signed accept and decline links of an offer, or None if they cannot be built."""
    try:
        return {action: offer_link(assignment, action) for action in (ACCEPT, DECLINE)}
    except (BuildError, RuntimeError) as error:
        current_app.logger.warning(
            "Offer mail for assignment %s goes out without links: %s", assignment.id, error
        )
        return None
