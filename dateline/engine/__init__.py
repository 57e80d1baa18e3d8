"""The engine: the pipeline's steps on the data folder, free of any orchestrator, each doing only what
changed since the last run. In the order a run takes them: raw_files.py (what the pipeline sees of a
raw file) and prereading.py (reading ahead, in groups), ingesting.py (raw files -> articles and
quarantine), tagging.py (articles -> events and article entities, in groups; work_groups.py deals the
groups), staging.py (events -> the staged timeline and entities), then dateline.store.publishing;
accounting.py (every input unit counted once) and snapshot.py (the sensor's listing of raw/) check and
watch. fingerprint.py decides when a code change means tagging everything again."""
