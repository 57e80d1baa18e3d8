"""Imported once by the multiprocess executor's fork server, so each step process forked from it
starts with this work done: Dagster, the code location, the job, the instance's storage modules
(SQLite's, and PostgreSQL's when $DATELINE_PG_URL is set: about half a second a step otherwise) and the
tagger's vocabularies and gazetteer (another half second for each tagging step)."""
import gc
import os

import alembic.command  # noqa: F401  (the storage's schema checks)
import dagster._core.storage.event_log.sqlite  # noqa: F401
import dagster._core.storage.runs.sqlite  # noqa: F401
import dagster._core.storage.schedules.sqlite  # noqa: F401

from pipelines.instance_home import PG_URL_VAR

if os.environ.get(PG_URL_VAR):  # the instance is on PostgreSQL
    import dagster_postgres  # noqa: F401
    import sqlalchemy.dialects.postgresql.psycopg2  # noqa: F401  (30 ms a step otherwise)

import pyarrow as pa

from dateline.engine.tagging import warm_up
from pipelines.definitions import resolved_main_job

resolved_main_job()
warm_up()
# Arrow's jemalloc pool, told to return freed pages at once: the staging and clusters steps read
# and combine whole columns, and the default pool (mimalloc) kept about a hundred MB of the freed
# reading buffers resident at the run's peak.
try:
    pa.set_memory_pool(pa.jemalloc_memory_pool())
    pa.jemalloc_set_decay_ms(0)
except NotImplementedError:  # a pyarrow built without jemalloc: keep its default pool
    pass
# Everything loaded so far lives as long as the process: frozen, the garbage collector no longer
# walks it in every full collection of a tagging step, nor writes to its pages, which the forked
# step processes then keep sharing with this one.
gc.freeze()
