// Compiles the interpreter's WebAssembly off the page's thread (from the browser's code cache on
// a later visit) and hands the compiled module over: static/boot.mjs.
onmessage = async ({ data: url }) => {
  try {
    postMessage({ module: await WebAssembly.compileStreaming(fetch(url)) });
  } catch (error) {
    postMessage({ error: String(error) });
  }
};
