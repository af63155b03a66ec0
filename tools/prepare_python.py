"""The browser's Python, prepared at build time by ``tools/prepare_python.mjs`` (the vendored
Pyodide in Node, so what it makes matches the browser's Python exactly):

- **bytecode.** Pyodide's ``python_stdlib.zip`` ships source only, so every visit compiled the
  ~140 modules a start imports (≈ 0.7 s on this machine class), and the app's own modules
  besides. The build ships those as ``.pyc``: the app entirely, the standard library for what
  a start imports (the rest stays source, so the download grows only by what every visit
  needs);
- **a memory snapshot** of an interpreter that has started and imported the app, which
  ``static/boot.mjs`` restores on later visits instead of starting Python.

Results are cached under ``node_modules/.cache`` by the app archive's content. Without Node,
or when preparing fails, the build ships source and no snapshot, and says so in one line: the
site works the same, only slower to start.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tools" / "prepare_python.mjs"
PYSCRIPT_SOURCES = ROOT / "node_modules" / "@pyscript" / "core" / "src" / "stdlib" / "pyscript.js"
CACHE = ROOT / "node_modules" / ".cache" / "storefront-python"
OUTPUTS = ("app.zip", "stdlib.zip", "snapshot.bin.gz", "report.json")


@dataclasses.dataclass(frozen=True)
class PreparedPython:
    app_zip: bytes  # the app as bytecode
    stdlib_zip: bytes  # the standard library, what a start imports as bytecode
    snapshot_gz: bytes  # a started interpreter with the app imported, gzip-compressed
    report: dict[str, object]


def prepare_python(pyodide_dir: Path, app_zip: bytes) -> PreparedPython | None:
    """The prepared Python for ``app_zip``, or None (with a line on stdout) when it cannot be
    made here."""
    version = json.loads((pyodide_dir / "package.json").read_text())["version"]
    key = hashlib.sha256(app_zip + SCRIPT.read_bytes() + PYSCRIPT_SOURCES.read_bytes()).hexdigest()[:16]
    cached = CACHE / f"{version}-{key}"
    if all((cached / name).exists() for name in OUTPUTS):
        return _read(cached)
    node = shutil.which("node")
    if node is None:
        print("build: no Node.js here, so the Python ships as source and without a snapshot (slower to start)")
        return None
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        (folder / "in.zip").write_bytes(app_zip)
        try:
            subprocess.run(
                [node, str(SCRIPT), str(pyodide_dir), str(folder / "in.zip"), str(folder)],
                check=True,
                capture_output=True,
                timeout=300,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            detail = exc.stderr.decode(errors="replace").strip().splitlines()[-1:] if exc.stderr else []
            print(f"build: the Python could not be prepared ({' '.join(detail) or exc}); it ships as source")
            return None
        cached.mkdir(parents=True, exist_ok=True)
        for name in OUTPUTS:
            shutil.copyfile(folder / name, cached / name)
    return _read(cached)


def _read(folder: Path) -> PreparedPython:
    return PreparedPython(
        (folder / "app.zip").read_bytes(),
        (folder / "stdlib.zip").read_bytes(),
        (folder / "snapshot.bin.gz").read_bytes(),
        json.loads((folder / "report.json").read_text()),
    )
