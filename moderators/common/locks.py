"""The rows the current transaction has locked (SELECT ... FOR UPDATE), so that a change asks
for each lock once; the record ends with the transaction, as the locks do."""

from moderators.extensions import db


def locks_held(area: str) -> set[tuple[type, int]]:
    """The (model, id) pairs `area` (one module's changes) has locked and read afresh in the
    current transaction. Each area keeps its own: what it read under a lock, with what it
    loads along, is its own business."""
    key = f"rows_locked_{area}"  # in the session's info: (the transaction, its pairs)
    session = db.session()
    transaction = session.get_transaction()
    held = session.info.get(key)
    if held is None or held[0] is not transaction:
        held = session.info[key] = (transaction, set())
    return held[1]
