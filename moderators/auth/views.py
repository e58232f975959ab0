"""Sign-in and sign-out, invitation links, account settings and the language switcher."""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from moderators.auth import services, sessions, two_factor
from moderators.auth.access import public, roles_required, signed_in
from moderators.auth.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    ForgotPasswordForm,
    LocaleForm,
    LoginForm,
    SetPasswordForm,
)
from moderators.auth.models import COORDINATOR, INVITE, MODERATOR, RESET, SCHOOL, User
from moderators.auth.signed_in import signed_in_user
from moderators.common.forms import choices
from moderators.common.security import safe_next
from moderators.extensions import db, limiter
from moderators.i18n import available_locales, native_language_name

bp = Blueprint("auth", __name__)

HOME_BY_ROLE = {COORDINATOR: "roster.index", MODERATOR: "roster.own_profile", SCHOOL: "schools.own"}
NEW_FEED_URL_KEY = "new_calendar_feed_url"


def _safe_next(target: str | None) -> str | None:
    """Only paths on this site; never another host (moderators/common/security.py)."""
    return safe_next(target)


def _per_address_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _per_account_limit() -> str:
    return current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"]


def _account_key() -> str:
    """Attempts on one account count together, from whichever address they come."""
    return "login-account:" + services.normalise_email(request.form.get("email", ""))


def _sign_in_failed(response) -> bool:
    return response.status_code != 302


def locale_choices() -> list[tuple[str, str]]:
    return [(code, native_language_name(code) or code) for code in available_locales()]


@bp.route("/")
@public
def home():
    if not current_user.is_authenticated:  # parents and the public: the sessions for them
        return redirect(url_for("public.sessions"))
    return redirect(url_for(HOME_BY_ROLE[current_user.role]))


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(_per_address_limit, methods=["POST"])
@limiter.limit(
    _per_account_limit,
    methods=["POST"],
    key_func=_account_key,
    deduct_when=_sign_in_failed,
)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("auth.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            # Second factor: those who have it on give a code first (two_factor_views.code).
            pending = two_factor.begin(user, form.remember.data)
            if pending is not None:
                return pending
            services.sign_in(user, remember=form.remember.data)
            return redirect(_safe_next(request.args.get("next")) or url_for("auth.home"))
        form.password.errors.append(_("E-Mail-Adresse oder Passwort ist falsch."))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@signed_in
def logout():
    services.sign_out_everywhere(signed_in_user())
    sessions.end_session()
    flash(_("Sie sind abgemeldet."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/invitations/<token>", methods=["GET", "POST"])
@public
def accept_invitation(token):
    return _set_password_from_link(token, INVITE)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@public
def reset_password(token):
    return _set_password_from_link(token, RESET)


@bp.route("/password/forgot", methods=["GET", "POST"])
@public
@limiter.limit(_per_address_limit, methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.send_password_reset(form.email.data)
        flash(
            _(
                "Wenn es ein Konto mit dieser Adresse gibt, ist eine E-Mail mit einem Link "
                "unterwegs. Der Link gilt zwei Stunden."
            ),
            "success",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot_password.html", form=form)


def _set_password_from_link(token: str, purpose: str):
    invitation = services.find_invitation(token, purpose)
    if invitation is None:
        return render_template("auth/invitation_invalid.html", purpose=purpose), 410
    form = SetPasswordForm()
    if form.validate_on_submit():
        user = services.accept_invitation(invitation, form.password.data)
        if current_user.is_authenticated:
            logout_user()
        # A new password alone does not pass the second factor: a reset link is only an e-mail.
        pending = two_factor.begin(user, False)
        if pending is None:
            services.sign_in(user)
        flash(_("Ihr Passwort ist gespeichert. Willkommen!"), "success")
        return pending or redirect(url_for("auth.home"))
    return render_template(
        "auth/accept_invitation.html", form=form, user=invitation.user, purpose=purpose
    )


@bp.route("/account", methods=["GET", "POST"])
@signed_in
def account():
    form = LocaleForm(locale=current_user.locale or session.get("locale") or "de")
    form.locale.choices = choices(locale_choices())
    user = signed_in_user()
    if form.validate_on_submit():
        services.set_locale(user, form.locale.data)
        flash(_("Ihre Einstellungen sind gespeichert."), "success")
        return redirect(url_for("auth.account"))
    return render_template(
        "auth/account.html",
        form=form,
        user=user,
        new_feed_url=session.pop(NEW_FEED_URL_KEY, None),
    )


@bp.route("/account/password", methods=["GET", "POST"])
@signed_in
@limiter.limit(_per_address_limit, methods=["POST"])
def change_password():
    """A new password, given the current one; other devices are signed out, this one stays."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = signed_in_user()
        try:
            services.change_password(user, form.current_password.data, form.password.data)
        except services.AccountFieldError as error:
            form[error.field].errors.append(error.message)
        else:
            sessions.renew_session(user)
            flash(
                _("Ihr Passwort ist geändert. Auf anderen Geräten sind Sie nun abgemeldet."),
                "success",
            )
            return redirect(url_for("auth.account"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/account/email", methods=["GET", "POST"])
@signed_in
@limiter.limit(_per_address_limit, methods=["POST"])
def change_email():
    """A new sign-in address, given the current password; the old address gets a notice."""
    form = ChangeEmailForm()
    if form.validate_on_submit():
        user = signed_in_user()
        try:
            services.change_email(user, form.current_password.data, form.email.data)
        except services.AccountFieldError as error:
            form[error.field].errors.append(error.message)
        else:
            flash(_("Ihre E-Mail-Adresse ist geändert."), "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/change_email.html", form=form)


@bp.route("/account/calendar", methods=["POST"])
@signed_in
def issue_calendar_feed():
    """Create the personal calendar address, or a new one in place of the old.

    Only the token's digest is stored, so the address is shown once: it waits in the browser
    session until the account page has shown it.
    """
    token = services.issue_calendar_token(signed_in_user())
    session[NEW_FEED_URL_KEY] = url_for("calendar.feed", calendar_token=token, _external=True)
    flash(_("Ihre Kalender-Adresse ist erstellt. Eine frühere Adresse gilt nicht mehr."), "success")
    return redirect(url_for("auth.account", _anchor="calendar"))


@bp.route("/account/calendar/revoke", methods=["POST"])
@signed_in
def revoke_calendar_feed():
    services.revoke_calendar_token(signed_in_user())
    session.pop(NEW_FEED_URL_KEY, None)
    flash(
        _("Ihre Kalender-Adresse ist gelöscht. Abonnierte Kalender erhalten keine Termine mehr."),
        "success",
    )
    return redirect(url_for("auth.account", _anchor="calendar"))


@bp.route("/users/<int:user_id>/active", methods=["POST"])
@roles_required(COORDINATOR)
def set_user_active(user_id):
    """Block an account (the person can no longer sign in) or let it in again."""
    user = db.get_or_404(User, user_id)
    active = request.form.get("active") == "1"
    if user.id == current_user.id and not active:
        flash(_("Ihren eigenen Zugang können Sie nicht sperren."), "error")
    else:
        services.set_active(user, active)
        message = _("Der Zugang ist freigegeben.") if active else _("Der Zugang ist gesperrt.")
        flash(message, "success")
    return redirect(_safe_next(request.form.get("next")) or url_for("auth.home"))


@bp.route("/language", methods=["POST"])
@public
def switch_language():
    """The language switcher in the header; keeps the choice in the session (and the account)."""
    locale = request.form.get("locale")
    if locale in available_locales():
        session["locale"] = locale
        if current_user.is_authenticated:
            services.set_locale(signed_in_user(), locale)
    return redirect(_safe_next(request.form.get("next")) or url_for("auth.home"))
