"""Resources shared by the assets, checks and the sensor."""
from __future__ import annotations

from pathlib import Path

import dagster as dg

from dateline.engine.raw_files import RawFolderMissing, require_raw_folder
from dateline.store.filesystem import Location, StoreLocation, is_uri, location
from dateline.store.raw_copy import local_raw_copy
from dateline.store.layout import PROJECT_ROOT, data_folder, processed_folder, raw_folder


class DataPaths(dg.ConfigurableResource):
    """Where raw/ and processed/ are.

    The default is taken when this module is imported: DATELINE_DATA if set, else the project's data/
    folder, never the process's current folder. A relative data_dir is taken from the project root.
    """

    data_dir: str = str(data_folder())

    def data(self) -> Location:
        if is_uri(self.data_dir):
            return location(self.data_dir)
        folder = Path(self.data_dir).expanduser()
        return folder if folder.is_absolute() else (PROJECT_ROOT / folder).resolve()

    def raw(self) -> Path:
        """The raw input folder; raises if it is missing rather than finding nothing in it. A raw/ on an
        object store is read through its local copy (dateline.store.raw_copy)."""
        raw = raw_folder(self.data())
        if isinstance(raw, StoreLocation):
            try:
                return local_raw_copy(raw)
            except FileNotFoundError as error:
                raise RawFolderMissing(f"{error}; put the articles under it, or point DATELINE_DATA elsewhere") from error
        return require_raw_folder(raw)

    def processed(self) -> Location:
        folder = processed_folder(self.data())
        folder.mkdir(parents=True, exist_ok=True)
        return folder


# The steps that each read the whole published timeline (clusters, entities, picture) carry this tag, and
# the multiprocess executor runs them one at a time (pipelines.execution): together they made the run's
# peak memory, and each takes a second or two.
WHOLE_TIMELINE_READER_TAG = {"dateline/reads": "whole_timeline"}
