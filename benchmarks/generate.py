"""Benchmark data: ten years of a large programme, bulk-inserted at a chosen scale.

`python benchmarks/generate.py --scale 1 --database-url URL` (default: the SQLite file
instance/bench.sqlite; postgresql:// URLs work too) starts from an empty database: it deletes the
SQLite file, or drops and recreates a PostgreSQL database whose name contains "bench" (any other
must be empty). Then the app's migrations create the schema, the reference data is seeded and
the rows of benchmarks/dataset.py are inserted with Core `insert()` in chunks, no ORM objects.
The same seed gives the same data. At the end it prints the counts, the time taken and the
sign-in accounts (the demo accounts' e-mails and password).
"""

import argparse
import random
import sys
import time
from collections import defaultdict
from datetime import datetime
from datetime import time as time_of_day
from pathlib import Path

from sqlalchemy import create_engine, insert, inspect, make_url, select, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dataset import Dataset  # noqa: E402  (beside this file)
from pool import BERLIN, utc  # noqa: E402
from werkzeug.security import generate_password_hash  # noqa: E402

from moderators import create_app  # noqa: E402  (after the path: run from anywhere)
from moderators.auth.passwords import normalise  # noqa: E402
from moderators.common.models import District  # noqa: E402
from moderators.demo import (  # noqa: E402
    COORDINATOR_EMAIL,
    DEMO_PASSWORD,
    MODERATOR_EMAIL,
    SCHOOL_EMAIL,
)
from moderators.extensions import db  # noqa: E402
from moderators.languages.models import Language  # noqa: E402
from moderators.seed import seed_reference_data  # noqa: E402
from moderators.topics.models import Topic  # noqa: E402

DEFAULT_DATABASE_URL = f"sqlite:///{ROOT / 'instance' / 'bench.sqlite'}"
CHUNK = 20_000  # rows buffered before they go to the database
SEED = 8
COORDINATOR_ID = 1


def fresh_database(url: str) -> None:
    """An empty database at url: never wipes one that is not obviously the benchmark's."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        if not parsed.database or parsed.database == ":memory:":
            raise SystemExit("generate.py needs a SQLite file, not an in-memory database")
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    name = parsed.database
    engine_url = parsed.set(drivername="postgresql+psycopg")
    if "bench" in (name or ""):
        admin = create_engine(engine_url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        return
    engine = create_engine(engine_url)
    tables = inspect(engine).get_table_names()
    engine.dispose()
    if tables:
        raise SystemExit(f"database {name!r} is not empty; use a database named like 'bench'")


def migrate_and_seed(app) -> None:
    from flask_migrate import upgrade

    with app.app_context():
        upgrade()
        seed_reference_data()


def references(app) -> dict:
    with app.app_context():
        return {
            "languages": dict(db.session.execute(select(Language.code, Language.id)).all()),
            "districts": dict(db.session.execute(select(District.name, District.id)).all()),
            "topics": list(db.session.scalars(select(Topic.id).order_by(Topic.position))),
            "coordinator_id": COORDINATOR_ID,
        }


class Loader:
    """Buffers rows per table and inserts them in dependency order, a chunk at a time."""

    def __init__(self, connection, stamp: datetime):
        self.connection, self.stamp = connection, stamp
        # Timestamps default to the dataset's "now", not the clock: the same rows on every run.
        self.stamped = {
            table.name for table in db.metadata.sorted_tables if "updated_at" in table.c
        }
        self.order = [table.name for table in db.metadata.sorted_tables]
        self.buffers: dict[str, list[dict]] = defaultdict(list)
        self.counts: dict[str, int] = defaultdict(int)
        self.pending = 0

    def emit(self, table: str, **row) -> None:
        if table in self.stamped:
            row.setdefault("created_at", self.stamp)
            row.setdefault("updated_at", row["created_at"])
        self.buffers[table].append(row)
        self.pending += 1
        if self.pending >= CHUNK:
            self.flush()

    def flush(self) -> None:
        for name in self.order:
            rows = self.buffers.pop(name, None)
            if rows:
                self.connection.execute(insert(db.metadata.tables[name]), rows)
                self.counts[name] += len(rows)
        self.pending = 0


def accounts(loader: Loader, moderator_id: int, school_id: int) -> None:
    """The three demo accounts, on a speaker of Turkish (a busy moderator) and the first school."""
    password_hash = generate_password_hash(normalise(DEMO_PASSWORD), method="scrypt")
    people = (
        (COORDINATOR_ID, COORDINATOR_EMAIL, "coordinator", None, None),
        (COORDINATOR_ID + 1, MODERATOR_EMAIL, "moderator", moderator_id, None),
        (COORDINATOR_ID + 2, SCHOOL_EMAIL, "school", None, school_id),
    )
    for user_id, email, role, linked_moderator, linked_school in people:
        loader.emit(
            "user",
            id=user_id,
            email=email,
            password_hash=password_hash,
            role=role,
            locale="de",
            active=True,
            moderator_id=linked_moderator,
            school_id=linked_school,
            session_version=0,
        )


def reset_sequences(connection) -> None:
    """Explicit ids leave PostgreSQL's sequences behind; the app's next insert needs them ahead."""
    if connection.dialect.name != "postgresql":
        return
    for table in db.metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement:
            quoted = connection.dialect.identifier_preparer.quote(table.name)
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{quoted}', 'id'), "
                    f"(SELECT coalesce(max(id), 0) + 1 FROM {quoted}), false)"
                )
            )


def load(app, scale: float, seed: int) -> dict[str, int]:
    # Seeded on purpose: the same data on every run and every engine; nothing secret comes from it.
    rng = random.Random(seed)  # nosec B311
    # Midnight today, not the moment: the same seed gives the same rows all day long.
    midnight = utc(datetime.now(BERLIN).date(), time_of_day(0))
    dataset = Dataset(rng, scale, references(app), midnight)
    with app.app_context(), db.engine.begin() as connection:
        loader = Loader(connection, midnight)
        dataset.moderators(loader.emit)
        dataset.schools(loader.emit)
        loader.flush()
        turkish = dataset.speakers[dataset.languages["tr"]]
        accounts(loader, turkish[0], 1)
        moderator_count = loader.counts["moderator"]
        dataset.cohorts(loader.emit, moderator_count)
        dataset.sessions(loader.emit)
        loader.flush()
        reset_sequences(connection)
    with app.app_context(), db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            # What autovacuum does in the background of a database ten years old: without
            # its visibility map, no index-only scan spares the table's rows (counting the
            # open requests: 0.97 -> 0.19 ms). VACUUM runs outside a transaction.
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            connection.execute(text("VACUUM ANALYZE"))
        else:
            connection.execute(text("ANALYZE"))
            connection.commit()
    return dict(loader.counts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = ten years of a large pool")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    started = time.perf_counter()
    fresh_database(args.database_url)
    app = create_app({"SQLALCHEMY_DATABASE_URI": args.database_url, "SECRET_KEY": "bench"})
    migrate_and_seed(app)
    schema_seconds = time.perf_counter() - started
    counts = load(app, args.scale, args.seed)
    seconds = time.perf_counter() - started
    print(f"scale {args.scale:g} into {make_url(args.database_url).render_as_string()}")
    for table, count in sorted(counts.items()):
        print(f"  {table:<22} {count:>9,}")
    print(f"  {'total':<22} {sum(counts.values()):>9,}")
    print(f"schema {schema_seconds:.1f} s, total {seconds:.1f} s")
    print(f"sign in as {COORDINATOR_EMAIL}, {MODERATOR_EMAIL} or {SCHOOL_EMAIL}")
    print(f"password: {DEMO_PASSWORD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
