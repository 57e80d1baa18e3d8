"""The store: where the data lives and how it is written. The data layout (layout.py: the one place
that knows folder and file names), the datasets' schemas and shards (datasets.py), the manifest
(manifest.py), safe writing (atomic.py: the writer lock, whole files or none), the handoff files
between steps (handoff.py), publishing (publishing.py), the file system reads go through
(filesystem.py) and the published schemas described (dataset_schemas.py). It knows nothing of how rows are made."""
