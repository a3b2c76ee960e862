#!/usr/bin/env python3
"""Check a Parquet export of sitrep's event table (`sitrep export --format parquet`).

Usage: python3 scripts/check_parquet.py EVENTS.parquet

Reads the file with pyarrow, checks that it has at least one row, every column of
docs/FORMAT.md ("Exports", Parquet) with its type, values where they must be
present, and that the `mentions` column holds JSON arrays; prints a short
summary. Exits 0 when the file passes, 1 when a check fails, 2 on usage errors.
Needs Python 3.11 and pyarrow.
"""

from __future__ import annotations

import json
import sys

try:
    import pyarrow as pa
    import pyarrow.parquet as pq
except ImportError:  # pragma: no cover - depends on the machine
    print("check_parquet: needs pyarrow (pip install pyarrow)", file=sys.stderr)
    sys.exit(2)

STRING = pa.string()
# Column name -> (type, may hold nulls), in file order (export format version 2).
COLUMNS: dict[str, tuple[pa.DataType, bool]] = {
    "event_id": (STRING, False),
    "story": (STRING, False),
    "date": (pa.date32(), True),
    "date_basis": (STRING, True),
    "event_type": (STRING, False),
    "event_mode": (STRING, True),
    "cameo": (STRING, False),
    "cameo_label": (STRING, False),
    "cameo_root": (STRING, True),
    "quad_class": (pa.int32(), True),
    "goldstein": (pa.float64(), True),
    "source_actor_id": (STRING, False),
    "source_name": (STRING, False),
    "source_text": (STRING, False),
    "source_country": (STRING, True),
    "source_sector": (STRING, True),
    "source_cameo": (STRING, True),
    "target_actor_id": (STRING, False),
    "target_name": (STRING, False),
    "target_text": (STRING, False),
    "target_country": (STRING, True),
    "target_sector": (STRING, True),
    "target_cameo": (STRING, True),
    "mutual": (pa.bool_(), False),
    "historical": (pa.bool_(), False),
    "num_mentions": (pa.int64(), False),
    "num_sources": (pa.int64(), False),
    "num_independent": (pa.int64(), False),
    "num_articles": (pa.int64(), False),
    "first_report": (pa.date32(), True),
    "last_report": (pa.date32(), True),
    "source_url": (STRING, True),
    "date_conflicts": (STRING, True),
    "mentions": (STRING, False),
}


def check(path: str) -> list[str]:
    """Returns the problems found in the file (empty: it passes)."""
    problems: list[str] = []
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException) as e:
        return [f"cannot read as Parquet: {e}"]
    if table.num_rows == 0:
        problems.append("no rows")
    names = table.schema.names
    for name, (typ, nullable) in COLUMNS.items():
        if name not in names:
            problems.append(f"missing column {name}")
            continue
        column = table.column(name)
        if column.type != typ:
            problems.append(f"column {name}: type {column.type}, expected {typ}")
        if not nullable and column.null_count:
            problems.append(f"column {name}: {column.null_count} nulls")
    extra = [n for n in names if n not in COLUMNS]
    if extra:
        problems.append(f"unexpected columns: {', '.join(extra)}")
    if "mentions" in names and "num_mentions" in names:
        mentions = table.column("mentions").to_pylist()
        counts = table.column("num_mentions").to_pylist()
        for i, (text, count) in enumerate(zip(mentions, counts)):
            try:
                items = json.loads(text) if text is not None else None
            except json.JSONDecodeError as e:
                problems.append(f"row {i}: mentions is not JSON: {e}")
                continue
            if not isinstance(items, list) or len(items) != count:
                problems.append(f"row {i}: mentions does not hold num_mentions={count} reports")
    version = (table.schema.metadata or {}).get(b"sitrep.export_version")
    if version is None:
        problems.append("no sitrep.export_version in the schema metadata")
    return problems


def summary(path: str) -> str:
    table = pq.read_table(path)
    dates = [d for d in table.column("date").to_pylist() if d is not None]
    span = f"{min(dates)} to {max(dates)}" if dates else "no dated events"
    types: dict[str, int] = {}
    for t in table.column("event_type").to_pylist():
        types[t] = types.get(t, 0) + 1
    top = ", ".join(f"{t} {n}" for t, n in sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
    stories = len(set(table.column("story").to_pylist()))
    mentions = sum(table.column("num_mentions").to_pylist())
    version = (table.schema.metadata or {}).get(b"sitrep.export_version", b"?").decode()
    return (
        f"{path}: {table.num_rows} events in {stories} stories, {mentions} mentions, "
        f"{len(table.schema.names)} columns, export version {version}\n"
        f"  dates: {span} ({table.num_rows - len(dates)} undated)\n"
        f"  event types: {top}"
    )


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    path = argv[1]
    problems = check(path)
    if problems:
        for p in problems:
            print(f"check_parquet: {path}: {p}", file=sys.stderr)
        return 1
    print(summary(path))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
