"""Route tables, one module per area of the Storefront API, plus the sandbox's own controls."""
