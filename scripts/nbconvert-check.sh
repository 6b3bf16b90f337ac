#!/bin/sh
# Runs notebooks through real Jupyter: Debian's nbconvert/nbclient talking to this repository's tslab
# kernel spec (jupyter/kernels/tslab) over the kernel protocol. For each notebook it checks that the
# saved file is valid nbformat, that every cell runs (printing a failing cell's stderr, which nbconvert
# itself hides), and that the saved outputs are what the kernel produces. Exits 1 on any failure.
#
#   scripts/nbconvert-check.sh [notebook.ipynb ...]      (default: notebooks/*.ipynb and notebooks/zh/*.ipynb)
#
# Each kernel runs in its notebook's folder, so the Chinese editions print Chinese (notebooks/zh/beanlab.json);
# $BEANLAB_LANG is cleared, as npm run lessons clears it, so that the shell cannot change a saved output.
#
# Needs Debian's Jupyter (PyPI is not used):
#   apt-get install -y --no-install-recommends jupyter-nbconvert python3-nbclient jupyter-client python3-nbformat
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
# Debian's Python: a pyenv python3 earlier on PATH has no Jupyter.
python=/usr/bin/python3

if ! "$python" -c "import nbconvert, nbclient, nbformat" 2>/dev/null; then
  echo "Debian's nbconvert/nbclient are missing. Install them with:" >&2
  echo "  apt-get install -y --no-install-recommends jupyter-nbconvert python3-nbclient jupyter-client python3-nbformat" >&2
  exit 2
fi
if [ ! -f "$root/jupyter/kernels/tslab/kernel.json" ]; then
  echo "The kernel spec jupyter/kernels/tslab/kernel.json is missing: run npm run kernel." >&2
  exit 2
fi
if [ $# -eq 0 ]; then
  set -- "$root"/notebooks/*.ipynb
  if [ ! -e "$1" ]; then
    echo "No notebooks in notebooks/."
    exit 0
  fi
  for zh in "$root"/notebooks/zh/*.ipynb; do
    if [ -e "$zh" ]; then set -- "$@" "$zh"; fi
  done
fi
unset BEANLAB_LANG

JUPYTER_PATH="$root/jupyter" exec "$python" - "$@" <<'PYTHON'
import copy
import os
import sys
import time

import nbformat
from nbconvert.preprocessors import CellExecutionError, ExecutePreprocessor
from nbconvert.preprocessors.coalescestreams import coalesce_streams


class Execute(ExecutePreprocessor):
    """nbconvert's --execute, remembering which cell runs so that a failure can name it."""

    def preprocess_cell(self, cell, resources, index):
        self.index = index
        return super().preprocess_cell(cell, resources, index)


def indent(text):
    return "\n".join("    " + line for line in text.rstrip("\n").split("\n"))


def check(path):
    """Returns None when the notebook is fine, else what is wrong."""
    name = os.path.relpath(path)
    try:
        saved = nbformat.read(path, nbformat.NO_CONVERT)
        nbformat.validate(saved)
    except Exception as error:  # bad JSON and schema errors alike mean "not a valid notebook"
        return f"not a valid notebook: {error}"
    if saved.nbformat != 4:
        return f"nbformat {saved.nbformat}, not 4: open and save it in Jupyter to upgrade it"
    executed = copy.deepcopy(saved)
    run = Execute(kernel_name="tslab", record_timing=False, timeout=600)
    try:
        run.preprocess(executed, {"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    except CellExecutionError:
        cell = executed.cells[run.index]
        stderr = "".join(out.text for out in cell.outputs if out.output_type == "stream" and out.name == "stderr")
        return f"cell {run.index + 1} failed:\n{indent(cell.source)}\n  stderr:\n{indent(stderr or '(nothing)')}"
    # What `jupyter nbconvert --to notebook --execute` does next, before saving.
    executed, _ = coalesce_streams(executed, {})
    try:
        nbformat.validate(executed)
    except nbformat.ValidationError as error:
        return f"the kernel's outputs are not valid nbformat: {error.message}"
    differ = [str(i + 1) for i, (old, new) in enumerate(zip(saved.cells, executed.cells))
              if old.cell_type == "code" and old.outputs != new.outputs]
    if differ:
        return (f"saved outputs differ from the kernel's in cell {', '.join(differ)}.\n"
                f"Refresh them with: npm run lessons -- {name}\n"
                "(If that does not change the file, npm run lessons and the kernel disagree.)")
    return None


failed = 0
for path in sys.argv[1:]:
    started = time.monotonic()
    problem = check(path)
    print(f"{'✗' if problem else '✓'} {os.path.relpath(path)}  ({time.monotonic() - started:.1f} s)", flush=True)
    if problem:
        failed += 1
        print(indent(problem), flush=True)
total = len(sys.argv) - 1
print(f"{total - failed} of {total} notebooks ran in Jupyter and match their saved outputs.")
sys.exit(1 if failed else 0)
PYTHON
