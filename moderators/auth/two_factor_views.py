"""Two-factor sign-in pages: the code after the password, and setting it up or off."""

import segno
from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user
from markupsafe import Markup

from moderators.auth import services, two_factor
from moderators.auth.access import public, roles_required
from moderators.auth.models import COORDINATOR
from moderators.auth.signed_in import signed_in_user
from moderators.auth.two_factor_forms import (
    DisableTwoFactorForm,
    EnableTwoFactorForm,
    TwoFactorCodeForm,
)
from moderators.common.security import safe_next
from moderators.extensions import limiter

bp = Blueprint("two_factor", __name__)

# What a coordinator may still reach while the setting makes them set up two-factor sign-in.
OPEN_DURING_SETUP = frozenset({"two_factor.setup", "auth.logout", "auth.switch_language", "static"})


def _code_attempts_key() -> str:
    """Code attempts count per person (the pending or signed-in user), whatever their address."""
    user_id = two_factor.pending_user_id() or (
        current_user.get_id() if current_user.is_authenticated else None
    )
    return f"two-factor:{user_id}" if user_id else get_remote_address()


def _code_limit() -> str:
    return current_app.config["TWO_FACTOR_RATE_LIMIT"]


@bp.before_app_request
def require_two_factor_setup():
    """With TWO_FACTOR_REQUIRED_FOR_COORDINATORS, a coordinator without it sees only the
    set-up page (and can sign out or switch the language) until it is done."""
    if not current_app.config["TWO_FACTOR_REQUIRED_FOR_COORDINATORS"]:
        return None
    if request.endpoint is None or request.endpoint in OPEN_DURING_SETUP:
        return None
    if not current_user.is_authenticated or current_user.role != COORDINATOR:
        return None
    if two_factor.is_enabled(current_user):
        return None
    return redirect(url_for("two_factor.setup"))


@bp.route("/login/code", methods=["GET", "POST"])
@public
@limiter.limit(_code_limit, methods=["POST"], key_func=_code_attempts_key)
def code():
    """The second step of signing in, for those who have two-factor sign-in on."""
    if current_user.is_authenticated:
        return redirect(url_for("auth.home"))
    user = two_factor.pending_user()
    if user is None:
        flash(_("Die Anmeldung ist abgelaufen. Bitte melden Sie sich noch einmal an."), "info")
        return redirect(url_for("auth.login", next=safe_next(request.args.get("next"))))
    form = TwoFactorCodeForm()
    if form.validate_on_submit():
        try:
            two_factor.verify_code(user, form.code.data)
        except two_factor.TwoFactorError as error:
            form.code.errors.append(error.message)
        else:
            remember = two_factor.pending_remember()
            services.sign_in(user, remember=remember)
            return redirect(safe_next(request.args.get("next")) or url_for("auth.home"))
    return render_template("auth/two_factor_code.html", form=form)


@bp.route("/account/two-factor", methods=["GET", "POST"])
@roles_required(COORDINATOR)
@limiter.limit(_code_limit, methods=["POST"], key_func=_code_attempts_key)
def setup():
    """Turn two-factor sign-in on (QR code, then a first code), or see that it is on."""
    user = signed_in_user()
    if two_factor.is_enabled(user):
        return render_template(
            "auth/two_factor_setup.html",
            user=user,
            disable_form=DisableTwoFactorForm(),
            required=two_factor.is_required(user),
        )
    form = EnableTwoFactorForm()
    secret = two_factor.start_setup(user)
    if form.validate_on_submit():
        try:
            two_factor.confirm_setup(user, form.code.data)
        except two_factor.TwoFactorError as error:
            _show_error(form, error)
        else:
            flash(_("Die Zwei-Faktor-Anmeldung ist eingeschaltet."), "success")
            return redirect(url_for("auth.account", _anchor="two-factor"))
    uri = two_factor.provisioning_uri(user)
    return render_template(
        "auth/two_factor_setup.html",
        user=user,
        form=form,
        required=two_factor.is_required(user),
        uri=uri,
        qr_code=_qr_svg(uri),
        secret_groups=[secret[i : i + 4] for i in range(0, len(secret), 4)],
    )


@bp.route("/account/two-factor/disable", methods=["POST"])
@roles_required(COORDINATOR)
@limiter.limit(_code_limit, key_func=_code_attempts_key)
def disable():
    """Turn it off again: only with the current password and a current code."""
    user = signed_in_user()
    form = DisableTwoFactorForm()
    if form.validate_on_submit():
        try:
            two_factor.disable(user, form.password.data, form.code.data)
        except two_factor.TwoFactorError as error:
            _show_error(form, error)
        else:
            flash(_("Die Zwei-Faktor-Anmeldung ist ausgeschaltet."), "success")
            return redirect(url_for("auth.account", _anchor="two-factor"))
    if not two_factor.is_enabled(user):
        return redirect(url_for("two_factor.setup"))
    return render_template(
        "auth/two_factor_setup.html",
        user=user,
        disable_form=form,
        required=two_factor.is_required(user),
    )


def _show_error(form, error: two_factor.TwoFactorError) -> None:
    if error.field and error.field in form:
        form[error.field].errors.append(error.message)
    else:
        form.form_errors.append(error.message)


def _qr_svg(uri: str) -> Markup:
    """The QR code as inline SVG, made here: the secret never goes to an outside service.
    Dark on a white ground, whatever the page's colours, so that cameras read it."""
    svg = segno.make(uri, error="m").svg_inline(
        scale=4, border=4, light="#fff", title=_("QR-Code für Ihre Authenticator-App")
    )
    # segno writes the SVG itself and escapes the title; the URI is only encoded as modules.
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))  # nosec B704
