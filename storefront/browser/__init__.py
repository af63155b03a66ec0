"""The thin browser layer: DOM, events and ``fetch``. Imported only inside Pyodide."""
