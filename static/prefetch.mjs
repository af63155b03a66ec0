// The store's first answers for the page, asked for while Python starts (a module of ours: the
// CSP allows no inline script). The app's transport takes an answer from here instead of asking
// again (storefront/browser/transport.py), so the page's first reads cost no round trip after
// Python is ready. Only the public reads of the catalog and of a product or bundle page are
// asked for, with the storefront key alone, and not when the tab already keeps them.

const config = JSON.parse(document.getElementById("sf-config").textContent);
const root = `${config.api_base}/v3/stores/${config.store_unique_id}`;
const SLUG = /^[A-Za-z0-9._~-]+$/;

function reads(path) {
  if (path === "/") return ["/public/items/count", "/public/items?page_size=12", "/public/categories"];
  const found = path.match(/^\/(products|bundles)\/([^/]+)$/);
  if (!found || !SLUG.test(found[2])) return [];
  return [found[1] === "products" ? `/public/products/${found[2]}` : `/public/bundle-price-options/${found[2]}`];
}

function kept(url) {
  try {
    const stored = sessionStorage.getItem(`scalev_cache:${url}`);
    return stored !== null && JSON.parse(stored)[0] > Date.now() / 1000;
  } catch {
    return false;
  }
}

const prefetched = new Map();
for (const path of reads(location.pathname)) {
  const url = root + path;
  if (kept(url)) continue;
  const answer = fetch(url, {
    headers: { Accept: "application/json", "X-Scalev-Storefront-Api-Key": config.storefront_api_key },
    credentials: "omit",
    mode: "cors",
  }).then(async (response) => ({ status: response.status, headers: [...response.headers], text: await response.text() }));
  answer.catch(() => {}); // a failure here is the app's to meet again, when it asks itself
  prefetched.set(url, answer);
}
window.__sfPrefetched = prefetched;

// The runtime's large files (Pyodide's JavaScript and WebAssembly, the standard library, the
// package: about 7 MB) preloaded once the shell has painted, not from the head: asked for at once
// they shared the connection with what the shopper looks at first, and Lighthouse counted those
// that finished before the first paint into it (largest paint 1.1 s or 17 s from one run to
// the next, measured). PyScript asks for them itself a little later; this only starts them sooner.
function preloadRuntime() {
  const runtime = JSON.parse(document.getElementById("sf-runtime").textContent);
  const links = [
    ...runtime.modules.map((href) => ({ rel: "modulepreload", href })),
    ...runtime.files.map((href) => ({ rel: "preload", as: "fetch", href })),
  ];
  for (const attributes of links) {
    const link = Object.assign(document.createElement("link"), attributes);
    link.crossOrigin = "anonymous";
    link.fetchPriority = "low";
    document.head.append(link);
  }
}
requestAnimationFrame(() => setTimeout(preloadRuntime, 0));
