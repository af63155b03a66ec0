// How the page's Python starts: PyScript's `interpreter` setting points here, and PyScript
// calls `loadPyodide` as it would Pyodide's own. build.py fills in the addresses below (the
// standard library is the site's own, partly precompiled, under a hashed name).
//
// - A visit whose browser keeps the memory snapshot (Cache Storage, decompressed) restores
//   Python from it: the interpreter already started, the shop's modules already imported. A
//   worker (static/compile_worker.mjs) compiles the interpreter's WebAssembly meanwhile, from
//   the browser's code cache, off the page's thread.
// - Any other visit starts Python as usual (from bytecode), then, once the page has been idle
//   for a while, fetches the snapshot for the next visit (not on Save-Data or a 2G connection).
// - Anything wrong with a snapshot (another build, a damaged file, a browser without the APIs)
//   falls back to the usual start, and the damaged copy is dropped.
//
// The snapshot options of Pyodide 314 are private (`_loadSnapshot`); the snapshot is made by
// the same Pyodide at build time (tools/prepare_python.mjs). `document.documentElement.dataset.boot`
// says which way Python started: "snapshot", "fresh" or "fallback".

import { loadPyodide as startPyodide, version } from "__PYODIDE__/pyodide.mjs";
import createPyodideModule from "__PYODIDE__/pyodide.asm.mjs";

export { version };

const SNAPSHOT = "__SNAPSHOT__";
const WASM = "__PYODIDE__/pyodide.asm.wasm";
const COMPILE_WORKER = "__COMPILE_WORKER__";
const CACHE = "storefront-snapshot";
const IDLE_DELAY_MS = 3000;
const MIN_SNAPSHOT_BYTES = 1 << 20;
// A build with a snapshot, in a browser that can keep one (and decompress it to keep it).
const SNAPSHOTS_WORK = Boolean(SNAPSHOT) && "caches" in globalThis && "DecompressionStream" in globalThis;

function boot(way) {
  document.documentElement.dataset.boot = way;
  performance.mark(`sf:boot-${way}`);
}

async function keptSnapshot() {
  if (!SNAPSHOTS_WORK) return null;
  const cache = await caches.open(CACHE);
  const response = await cache.match(SNAPSHOT);
  if (!response) return null;
  const wasm = compiledElsewhere(); // while the snapshot is read
  const bytes = new Uint8Array(await response.arrayBuffer());
  // Pyodide checks the snapshot's magic number and build; a copy too short to hold them is
  // damaged before it gets that far.
  if (bytes.length < MIN_SNAPSHOT_BYTES || bytes.length % 16) throw new Error(`a ${bytes.length}-byte snapshot`);
  return { bytes, wasm };
}

// Instantiating from the browser's code cache on the page's thread took about 100 ms of it at
// every restore (deserialising the compiled code), and the restored interpreter ran slower at
// first; compiled in a worker and handed over, the catalog was usable about 80 ms sooner
// (measured, median of 7 warm visits). `null` when a worker cannot do it: Pyodide then compiles
// as usual.
function compiledElsewhere() {
  if (!("Worker" in globalThis)) return Promise.resolve(null);
  return new Promise((resolve) => {
    let worker;
    try {
      worker = new Worker(COMPILE_WORKER, { type: "module" });
    } catch {
      resolve(null);
      return;
    }
    worker.onmessage = ({ data }) => {
      worker.terminate();
      resolve(data.module ?? null);
    };
    worker.onerror = () => {
      worker.terminate();
      resolve(null);
    };
    worker.postMessage(new URL(WASM, location.href).href);
  });
}

// Pyodide instantiates its WebAssembly with `instantiateStreaming` (in `loadPyodide`, with no
// option to pass a compiled module): while the module is created, that call for the
// interpreter's file is answered with the module the worker compiled.
async function withCompiled(wasm, create) {
  if (!wasm) return create();
  performance.mark("sf:wasm-compiled-elsewhere");
  const instantiateStreaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const response = await source;
    if (!response.url.endsWith(WASM)) return instantiateStreaming(response, imports);
    response.body?.cancel();
    return { instance: await WebAssembly.instantiate(wasm, imports), module: wasm };
  };
  try {
    return await create();
  } finally {
    WebAssembly.instantiateStreaming = instantiateStreaming;
  }
}

async function dropSnapshot() {
  try {
    await (await caches.open(CACHE)).delete(SNAPSHOT);
  } catch {}
}

function keepSnapshotLater() {
  if (!SNAPSHOTS_WORK) return;
  const connection = navigator.connection;
  if (connection && (connection.saveData || /2g/.test(connection.effectiveType || ""))) return;
  const fetchIt = async () => {
    try {
      const cache = await caches.open(CACHE);
      for (const request of await cache.keys()) {
        if (!request.url.endsWith(SNAPSHOT)) await cache.delete(request); // an older build's
      }
      if (await cache.match(SNAPSHOT)) return;
      // Kept decompressed: inflating 30 MB took about 110 ms of the main thread at every start
      // (measured), where reading it plain from Cache Storage takes about half of that.
      const response = await fetch(SNAPSHOT);
      if (!response.ok) throw new Error(`${SNAPSHOT} answered ${response.status}`);
      const plain = await new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).blob();
      await cache.put(SNAPSHOT, new Response(plain));
    } catch (error) {
      console.warn("storefront: the start-up snapshot was not kept", error);
    }
  };
  const idle = globalThis.requestIdleCallback || ((run) => setTimeout(run, 0));
  setTimeout(() => idle(fetchIt, { timeout: 10_000 }), IDLE_DELAY_MS);
}

export async function loadPyodide(options) {
  performance.mark("sf:boot-called");
  const settings = { ...options, indexURL: "__PYODIDE__/", stdLibURL: "__STDLIB__" };
  let kept = null;
  try {
    kept = await keptSnapshot();
    if (kept) performance.mark("sf:snapshot-read");
  } catch (error) {
    console.warn("storefront: the kept start-up snapshot is damaged; starting afresh", error);
    await dropSnapshot();
    return startAfresh(settings, "fallback");
  }
  if (kept) {
    const { bytes: snapshot, wasm } = kept;
    try {
      const pyodide = await startPyodide({
        ...settings,
        _loadSnapshot: snapshot,
        // The snapshot's memory is larger than a new interpreter's: grown before it is copied in.
        createPyodideModule: async (moduleSettings) => {
          const module = await withCompiled(await wasm, () => createPyodideModule(moduleSettings));
          module._emscripten_resize_heap(snapshot.length);
          return module;
        },
      });
      unpackOnlyWhatIsMissing(pyodide);
      boot("snapshot");
      return pyodide;
    } catch (error) {
      console.warn("storefront: the start-up snapshot could not be used; starting afresh", error);
      await dropSnapshot();
      return startAfresh(settings, "fallback");
    }
  }
  return startAfresh(settings, "fresh");
}

// The restored interpreter has already imported the shop's modules, so PyScript's unpacking of
// the package (about 60 ms of a warm start in a profile) writes only what it has not: PyScript's own
// bytecode, and modules imported later (the QR code library).
const UNPACK_MISSING = `
import io, sys, zipfile

def unpack_missing(buffer, extract_dir):
    with zipfile.ZipFile(io.BytesIO(buffer.to_bytes())) as archive:
        for name in archive.namelist():
            if name.endswith(".pyc") and "__pycache__/" not in name:
                module = name[: -len(".pyc")].replace("/", ".").removesuffix(".__init__")
                if module in sys.modules:
                    continue
            archive.extract(name, extract_dir)
`;

function unpackOnlyWhatIsMissing(pyodide) {
  const namespace = pyodide.toPy({});
  pyodide.runPython(UNPACK_MISSING, { globals: namespace });
  const unpackMissing = namespace.get("unpack_missing");
  namespace.destroy();
  const unpack = pyodide.unpackArchive.bind(pyodide);
  pyodide.unpackArchive = (buffer, format, options = {}) =>
    format === "zip" ? unpackMissing(buffer, options.extractDir ?? ".") : unpack(buffer, format, options);
}

async function startAfresh(settings, way) {
  const pyodide = await startPyodide(settings);
  boot(way);
  keepSnapshotLater();
  return pyodide;
}
