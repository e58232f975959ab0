"""The password rule: 12 to 128 characters of any script, and none of the most common ones."""

import unicodedata
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash
from wtforms.validators import ValidationError

MIN_LENGTH, MAX_LENGTH = 12, 128

# The 10,000 most common passwords of Mark Burnett's list ("10,000 Top Passwords", xato.net),
# one a line, lower case: lib/"10k most common.txt" of the npm package common-password 0.1.2
# by Michał Adamski (ISC licence, which allows copying with the notice kept: this comment).
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common-passwords.txt")

# Checked when the e-mail address is unknown, so that a wrong address takes as long to refuse
# as a wrong password: an scrypt hash of a phrase no account has.
UNKNOWN_USER_HASH = (
    "scrypt:32768:8:1$I3Pc1pFKHgTN0ddr$1347ae9448f2a389474c9b2dbe13b2e1dc44782e8e3e09f1b68cc07f"
    "04c1de347b047d17ae3352dc27a6640e717a1c37cec4276bfee53f394149fb74fc66ac28"
)


def normalise(password: str) -> str:
    """NFKC, so that the same password typed on another keyboard counts the same."""
    return unicodedata.normalize("NFKC", password)


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(normalise(line).casefold() for line in lines if line)


def is_common(password: str) -> bool:
    return normalise(password).casefold() in common_passwords()


def password_problem(password: str | None):
    """What is wrong with a new password (a message for the user), or None.

    No rules about digits or capitals: length and not being on the list are what make a
    password hard to guess (NIST SP 800-63B).
    """
    length = len(normalise(password or ""))
    if length < MIN_LENGTH:
        return _l("Das Passwort muss mindestens %(min)d Zeichen lang sein.", min=MIN_LENGTH)
    if length > MAX_LENGTH:
        return _l("Das Passwort darf höchstens %(max)d Zeichen lang sein.", max=MAX_LENGTH)
    if is_common(password):
        return _l(
            "Dieses Passwort gehört zu den häufigsten und ist leicht zu erraten. "
            "Bitte wählen Sie ein anderes."
        )
    return None


class GoodPassword:
    """WTForms validator: the message appears next to the password field."""

    def __call__(self, form, field) -> None:
        problem = password_problem(field.data)
        if problem is not None:
            raise ValidationError(str(problem))


def waste_a_check(password: str) -> None:
    """One scrypt check against a hash no account has, for an address that is not known."""
    check_password_hash(UNKNOWN_USER_HASH, password or "")
