"""The rows the current transaction has locked (SELECT ... FOR UPDATE), so that a change asks
for each lock once; the record ends with the transaction, as the locks do."""

from sqlalchemy import select

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


def locked_row(area: str, model, object_id: int, *options):
    """The object with what `options` load along, its row locked until the transaction ends
    (SELECT ... FOR UPDATE OF its table) and read afresh (also what the session held of it), in
    one statement; None if there is none. `area` holds the lock from then on."""
    found = (
        db.session.execute(
            select(model)
            .where(model.id == object_id)
            .options(*options)
            .with_for_update(of=model)
            .execution_options(populate_existing=True)
        )
        .unique()
        .scalar_one_or_none()
    )
    if found is not None:
        locks_held(area).add((model, object_id))
    return found


def lock_once(area: str, model, object_id: int, *options):
    """As locked_row, unless `area` holds the row already in this transaction: then the object
    as the session has it, read when the lock was taken."""
    if (model, object_id) in locks_held(area):
        return db.session.get(model, object_id)
    return locked_row(area, model, object_id, *options)
