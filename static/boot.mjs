// How the page's Python starts: PyScript's `interpreter` setting points here, and PyScript
// calls `loadPyodide` as it would Pyodide's own. build.py fills in the addresses below (the
// standard library is the site's own, partly precompiled, under a hashed name).
//
// - A visit whose browser keeps the memory snapshot (Cache Storage) restores Python from it:
//   the interpreter already started, the shop's modules already imported.
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
const CACHE = "storefront-snapshot";
const IDLE_DELAY_MS = 3000;

function boot(way) {
  document.documentElement.dataset.boot = way;
  performance.mark(`sf:boot-${way}`);
}

async function keptSnapshot() {
  if (!SNAPSHOT || !("caches" in globalThis) || !("DecompressionStream" in globalThis)) return null;
  const cache = await caches.open(CACHE);
  const response = await cache.match(SNAPSHOT);
  if (!response) return null;
  const stream = response.body.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function dropSnapshot() {
  try {
    await (await caches.open(CACHE)).delete(SNAPSHOT);
  } catch {}
}

function keepSnapshotLater() {
  if (!SNAPSHOT || !("caches" in globalThis) || !("DecompressionStream" in globalThis)) return;
  const connection = navigator.connection;
  if (connection && (connection.saveData || /2g/.test(connection.effectiveType || ""))) return;
  const fetchIt = async () => {
    try {
      const cache = await caches.open(CACHE);
      for (const request of await cache.keys()) {
        if (!request.url.endsWith(SNAPSHOT)) await cache.delete(request); // an older build's
      }
      if (!(await cache.match(SNAPSHOT))) await cache.add(SNAPSHOT);
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
  let snapshot = null;
  try {
    snapshot = await keptSnapshot();
    if (snapshot) performance.mark("sf:snapshot-read");
  } catch (error) {
    console.warn("storefront: the kept start-up snapshot is damaged; starting afresh", error);
    await dropSnapshot();
    return startAfresh(settings, "fallback");
  }
  if (snapshot) {
    try {
      const pyodide = await startPyodide({
        ...settings,
        _loadSnapshot: snapshot,
        // The snapshot's memory is larger than a new interpreter's: grown before it is copied in.
        createPyodideModule: async (moduleSettings) => {
          const module = await createPyodideModule(moduleSettings);
          module._emscripten_resize_heap(snapshot.length);
          return module;
        },
      });
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

async function startAfresh(settings, way) {
  const pyodide = await startPyodide(settings);
  boot(way);
  keepSnapshotLater();
  return pyodide;
}
