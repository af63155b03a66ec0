"""The storefront that runs in the shopper's browser (Pyodide) and is unit-tested in CPython.

Everything outside ``storefront.browser`` is free of the DOM and of I/O.
"""
