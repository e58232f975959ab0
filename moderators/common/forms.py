"""Small helpers shared by the forms of several modules."""


def strip(value):
    """Field filter: surrounding blanks are never meant."""
    return value.strip() if isinstance(value, str) else value


def blank_to_none(value):
    return value or None
