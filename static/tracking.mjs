// Advertising pixels and reCAPTCHA, loaded only when the store turns them on (and, where the
// store asks for consent, only after the shopper accepts). Python decides what to send
// (storefront/conversions.py); this module only talks to the vendors' browser libraries.
//
// Each library is loaded from its vendor's host (allowed by the site's CSP only when its
// channel is on) with the queue its own loader snippet would set up, so calls made before the
// script arrives are kept and replayed by it. A script that fails to load changes nothing.

const loaded = new Map();

function addScript(src) {
  const script = document.createElement("script");
  script.async = true;
  script.src = src;
  script.addEventListener("error", () => console.warn(`storefront: ${new URL(src).host} did not load`));
  document.head.append(script);
}

function metaQueue() {
  if (window.fbq) return window.fbq;
  const fbq = function (...args) {
    if (fbq.callMethod) fbq.callMethod(...args);
    else fbq.queue.push(args);
  };
  fbq.push = fbq;
  fbq.loaded = true;
  fbq.version = "2.0";
  fbq.queue = [];
  window.fbq = fbq;
  window._fbq = fbq;
  return fbq;
}

const TIKTOK_METHODS = ["page", "track", "identify", "instances", "debug", "on", "off", "once", "ready", "alias",
  "group", "enableCookie", "disableCookie", "holdConsent", "revokeConsent", "grantConsent"];

function tiktokQueue() {
  window.TiktokAnalyticsObject = "ttq";
  const ttq = (window.ttq = window.ttq || []);
  if (ttq.load) return ttq;
  ttq.methods = TIKTOK_METHODS;
  ttq.setAndDefer = (target, method) => {
    target[method] = (...args) => target.push([method, ...args]);
  };
  for (const method of TIKTOK_METHODS) ttq.setAndDefer(ttq, method);
  ttq.instance = (id) => {
    const instance = ttq._i[id] || [];
    for (const method of TIKTOK_METHODS) ttq.setAndDefer(instance, method);
    return instance;
  };
  ttq.load = (id, options) => {
    const base = "https://analytics.tiktok.com/i18n/pixel/events.js";
    ttq._i = ttq._i || {};
    ttq._i[id] = [];
    ttq._i[id]._u = base;
    ttq._t = ttq._t || {};
    ttq._t[id] = Date.now();
    ttq._o = ttq._o || {};
    ttq._o[id] = options || {};
    addScript(`${base}?sdkid=${encodeURIComponent(id)}&lib=ttq`);
  };
  return ttq;
}

function snackQueue(id) {
  // Kwai's library registers `kwaiq` itself; calls wait here until it has.
  const pending = (window.__storefrontKwai = window.__storefrontKwai || []);
  const script = document.createElement("script");
  script.async = true;
  script.src = `https://s1.kwai.net/kos/s101/nlav11187/pixel/events.js?sdkid=${encodeURIComponent(id)}&lib=kwaiq`;
  script.addEventListener("load", () => {
    if (!window.kwaiq || typeof window.kwaiq.load !== "function") return;
    window.kwaiq.load(id);
    window.kwaiq.page();
    for (const [name, properties] of pending.splice(0)) window.kwaiq.instance(id).track(name, properties);
  });
  script.addEventListener("error", () => console.warn("storefront: the SnackVideo pixel did not load"));
  document.head.append(script);
}

export function loadPixel(channel, id) {
  if (loaded.has(channel)) return;
  loaded.set(channel, id);
  if (channel === "meta") {
    const fbq = metaQueue();
    addScript("https://connect.facebook.net/en_US/fbevents.js");
    fbq("init", id);
    fbq("track", "PageView");
  } else if (channel === "tiktok") {
    const ttq = tiktokQueue();
    ttq.load(id);
    ttq.page();
  } else if (channel === "snackvideo") {
    snackQueue(id);
  }
}

export function track(channel, name, params, eventId) {
  const id = loaded.get(channel);
  if (!id) return;
  const properties = params ? JSON.parse(params) : {};
  if (channel === "meta") window.fbq("track", name, properties, { eventID: eventId });
  else if (channel === "tiktok") window.ttq.track(name, properties, { event_id: eventId });
  else if (channel === "snackvideo") {
    if (window.kwaiq && typeof window.kwaiq.instance === "function") window.kwaiq.instance(id).track(name, properties);
    else window.__storefrontKwai.push([name, properties]);
  }
}

let recaptcha = null;

export function recaptchaToken(siteKey, action) {
  if (!recaptcha) {
    recaptcha = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.async = true;
      script.src = `https://www.google.com/recaptcha/api.js?render=${encodeURIComponent(siteKey)}`;
      script.addEventListener("load", () => window.grecaptcha.ready(() => resolve(window.grecaptcha)));
      script.addEventListener("error", () => reject(new Error("reCAPTCHA did not load")));
      document.head.append(script);
    });
  }
  return recaptcha.then((grecaptcha) => grecaptcha.execute(siteKey, { action }));
}
