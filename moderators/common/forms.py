"""Small helpers shared by the forms of several modules."""

from wtforms import SelectChoice


def strip(value):
    """Field filter: surrounding blanks are never meant."""
    return value.strip() if isinstance(value, str) else value


def blank_to_none(value):
    return value or None


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms select choices; lazy labels stay lazy."""
    return [SelectChoice(value, label) for value, label in pairs]
