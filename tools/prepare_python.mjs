// Prepares the browser's Python at build time, with the vendored Pyodide itself (in Node), so
// what it makes matches the browser's Python exactly. Called by tools/prepare_python.py:
//
//   node tools/prepare_python.mjs <pyodide dir> <app zip in> <out dir>
//
// Writes into <out dir>:
// - app.zip: every module of the app as a sourceless, unchecked-hash .pyc, compiled as with
//   -OO and without column ranges (the smallest bytecode there is), and the bytecode of
//   PyScript's own Python package, which PyScript writes as source and imports at every start;
// - stdlib.zip: Pyodide's standard library with the modules a start imports (Pyodide's own
//   start plus the app's imports, found by importing the app here) as .pyc and the rest as
//   source, so the download grows only by what every visit needs compiled;
// - snapshot.bin.gz: a memory snapshot of a started interpreter that has imported the app,
//   for static/boot.mjs to restore instead of starting Python (gzip: the browser decompresses
//   it with DecompressionStream);
// - report.json: what was done and how long it took.

import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import pyscriptSources from "../node_modules/@pyscript/core/src/stdlib/pyscript.js";
import { loadPyodide } from "../node_modules/pyodide/pyodide.mjs";

const [pyodideDir, appIn, outDir] = process.argv.slice(2);
const indexURL = pyodideDir.endsWith("/") ? pyodideDir : `${pyodideDir}/`;
const started = Date.now();

// -- bytecode -----------------------------------------------------------------------------------

const py = await loadPyodide({
  indexURL,
  // No column ranges in the bytecode: a third smaller; tracebacks still name the lines.
  env: { PYTHONNODEBUGRANGES: "1" },
});
py.FS.writeFile("/tmp/app.zip", new Uint8Array(readFileSync(appIn)));
// PyScript's own Python package, exactly as its bundle writes it into the browser's file system.
py.globals.set("PYSCRIPT_SOURCES", py.toPy(pyscriptSources.pyscript));
const report = JSON.parse(
  py.runPython(`
import ast
import importlib
import importlib.util
import json
import sys
import time
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

STDLIB = "/lib/python314.zip"


def pyc(source, filename, optimize=2):
    """Unchecked-hash bytecode without docstrings and asserts (-OO), as small as it gets."""
    code = compile(source, filename, "exec", dont_inherit=True, optimize=optimize)
    return _code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)


def entry(name):
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def module_of(path):
    name = path[:-3].replace("/", ".")
    return name[: -len(".__init__")] if name.endswith(".__init__") else name


# The app, imported with every view: what it pulls from the standard library is what a start
# or a later view needs compiled.
with zipfile.ZipFile("/tmp/app.zip") as app:
    app.extractall("/tmp/app")
sys.path.insert(0, "/tmp/app")
t = time.perf_counter()
import storefront.browser.app  # noqa: E402,F401
import storefront.browser.views  # noqa: E402

storefront.browser.views.import_all()
imported_ms = round((time.perf_counter() - t) * 1000)

# PyScript writes its package's sources into the file system and imports them at every start:
# what they import from the standard library is compiled too (found by importing it here).
PYSCRIPT = {f"pyscript/{name}": source for name, source in PYSCRIPT_SOURCES.items()}
for source in PYSCRIPT.values():
    for node in ast.walk(ast.parse(source)):
        names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            try:
                importlib.import_module(name)
            except Exception:  # PyScript's, Pyodide's or the browser's: not in the standard library
                pass
boot = {n for n, m in sys.modules.items() if (getattr(m, "__file__", None) or "").startswith(STDLIB + "/")}

with zipfile.ZipFile("/tmp/app.zip") as app, zipfile.ZipFile("/tmp/app-out.zip", "w") as out:
    for name in sorted(app.namelist()):
        data = app.read(name)
        if name.endswith(".py"):
            out.writestr(entry(name + "c"), pyc(data, "/home/pyodide/" + name))
        else:
            out.writestr(entry(name), data)
    # Checked-hash bytecode beside the sources PyScript writes: the import reads it instead of
    # compiling, and would compile the source should the two ever differ.
    for name, source in sorted(PYSCRIPT.items()):
        code = compile(source, "/home/pyodide/" + name, "exec", dont_inherit=True)
        data = _code_to_hash_pyc(code, importlib.util.source_hash(source.encode()), checked=True)
        out.writestr(entry(importlib.util.cache_from_source(name)), data)

compiled = 0
with zipfile.ZipFile(STDLIB) as stdlib, zipfile.ZipFile("/tmp/stdlib-out.zip", "w") as out:
    for info in stdlib.infolist():
        data = stdlib.read(info)
        name = module_of(info.filename)
        if info.filename.endswith(".py") and name in boot:
            # Pyodide's own modules read their docstrings (the JS objects' documentation): kept.
            keep_docs = name.split(".")[0] in ("pyodide", "_pyodide")
            out.writestr(entry(info.filename + "c"), pyc(data, STDLIB + "/" + info.filename, 0 if keep_docs else 2))
            compiled += 1
        else:
            out.writestr(entry(info.filename), data)

json.dumps({"python": sys.version.split()[0], "app_import_ms": imported_ms, "stdlib_compiled": compiled, "boot": sorted(boot)})
`),
);
const appZip = py.FS.readFile("/tmp/app-out.zip");
writeFileSync(`${outDir}/app.zip`, appZip);
writeFileSync(`${outDir}/stdlib.zip`, py.FS.readFile("/tmp/stdlib-out.zip"));
report.bytecode_ms = Date.now() - started;

// -- the memory snapshot --------------------------------------------------------------------------

const snapshotStarted = Date.now();
// Started on the very standard library the site ships, as the browser is.
const fresh = await loadPyodide({ indexURL, stdLibURL: `${outDir}/stdlib.zip`, _makeSnapshot: true });
fresh.unpackArchive(appZip, "zip", { extractDir: "/home/pyodide" });
// The page's own start-up, up to the app's first call: the app imported, nothing run. What
// the import system remembers of the files is dropped: the restored interpreter reads its
// own (a zip's directory held here would not match another zip).
fresh.runPython(`
import sys
import zipimport
sys.path.insert(0, "/home/pyodide")
import storefront.browser.app
import storefront.browser.views
storefront.browser.views.import_all()
zipimport._zip_directory_cache.clear()
sys.path_importer_cache.clear()
`);
const snapshot = fresh.makeMemorySnapshot();
const packed = gzipSync(snapshot, { level: 9 });
writeFileSync(`${outDir}/snapshot.bin.gz`, packed);
report.snapshot_bytes = snapshot.length;
report.snapshot_gzip_bytes = packed.length;
report.snapshot_ms = Date.now() - snapshotStarted;
report.total_ms = Date.now() - started;
writeFileSync(`${outDir}/report.json`, JSON.stringify(report, null, 1));
