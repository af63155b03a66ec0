"""Local preview: the built site served with Cloudflare Pages' rules, next to the sandbox."""
