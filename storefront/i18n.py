"""The message catalog: every string a shopper reads, in Indonesian (default) and English.

The build renders the first paint from the same catalog the browser uses afterwards, so the
pre-rendered shell and the Python views never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping

DEFAULT_LOCALE = "id"

MESSAGES: dict[str, dict[str, str]] = {
    "id": {
        "site.skip_to_content": "Lewati ke konten",
        "nav.catalog": "Katalog",
        "nav.cart": "Keranjang",
        "catalog.title": "Semua produk",
        "catalog.count": "{count} produk",
        "catalog.loading": "Memuat katalog…",
        "catalog.empty": "Belum ada produk di toko ini.",
        "catalog.load_more": "Muat lebih banyak",
        "card.bundle": "Paket",
        "card.out_of_stock": "Stok habis",
        "product.loading": "Memuat produk…",
        "product.back": "Kembali ke katalog",
        "product.not_found": "Produk tidak ditemukan.",
        "bundle.contents": "Isi paket",
        "error.generic": "Terjadi kesalahan. Coba lagi sebentar lagi.",
        "error.network": "Tidak dapat terhubung ke toko. Periksa koneksi internet Anda.",
        "error.retry": "Coba lagi",
        "notfound.title": "Halaman tidak ditemukan",
        "notfound.body": "Alamat yang Anda buka tidak ada di toko ini.",
        "status.starting": "Menyiapkan toko…",
    },
    "en": {
        "site.skip_to_content": "Skip to content",
        "nav.catalog": "Catalog",
        "nav.cart": "Cart",
        "catalog.title": "All products",
        "catalog.count": "{count} products",
        "catalog.loading": "Loading the catalog…",
        "catalog.empty": "This store has no products yet.",
        "catalog.load_more": "Load more",
        "card.bundle": "Bundle",
        "card.out_of_stock": "Out of stock",
        "product.loading": "Loading the product…",
        "product.back": "Back to the catalog",
        "product.not_found": "Product not found.",
        "bundle.contents": "In this bundle",
        "error.generic": "Something went wrong. Please try again shortly.",
        "error.network": "Cannot reach the store. Check your internet connection.",
        "error.retry": "Try again",
        "notfound.title": "Page not found",
        "notfound.body": "The address you opened does not exist in this store.",
        "status.starting": "Getting the store ready…",
    },
}


class Translator:
    def __init__(self, locale: str = DEFAULT_LOCALE, messages: Mapping[str, Mapping[str, str]] = MESSAGES):
        if locale not in messages:
            locale = DEFAULT_LOCALE
        self.locale = locale
        self._messages = messages[locale]
        self._fallback = messages[DEFAULT_LOCALE]

    def __call__(self, key: str, **values: object) -> str:
        template = self._messages.get(key) or self._fallback.get(key)
        if template is None:
            raise KeyError(f"no message {key!r}")
        return template.format(**values) if values else template
