"""Transfer-proof upload for a bank-transfer order: the file is checked for type and size
before anything is sent, previewed, uploaded with progress through the client, and the order
is updated with it. ``on_done`` receives the updated order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import js

from ...api import StorefrontError
from ...api.models import Order
from ...payment import proof_problem
from .. import dom
from ..component import Component
from ..context import ViewContext
from ..ffi import py_value
from ..tasks import spawn


class ProofUpload(Component):
    def __init__(self, ctx: ViewContext, root: Any, order: Order, on_done: Callable[[Order], None]) -> None:
        super().__init__(ctx, root)
        self.order = order
        self.on_done = on_done
        self.file: Any = None
        self.message = dom.slot(root, "message")
        self.progress = dom.slot(root, "progress")
        self.on(dom.slot(root, "file"), "change", lambda e: self.chosen())
        self.on(dom.slot(root, "proof"), "submit", lambda e: (e.preventDefault(), spawn(self.upload())))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.textContent = text
        self.message.classList.toggle("error", error)

    def chosen(self) -> None:
        self._say("")
        files = dom.slot(self.root, "file").files
        self.file = files.item(0) if files.length else None
        preview = dom.slot(self.root, "preview")
        preview.hidden = True
        if self.file is None:
            return
        problem = proof_problem(str(self.file.type), int(self.file.size))
        if problem:
            self._say(self.t(problem), error=True)
            self.file = None
            return
        preview.src = js.URL.createObjectURL(self.file)
        preview.alt = str(self.file.name)
        preview.hidden = False

    async def upload(self) -> None:
        if self.file is None:
            self._say(self.t("order.proof_choose"), error=True)
            return
        submit, file, slug = dom.slot(self.root, "submit"), self.file, self.order.secret_slug
        submit.disabled = True
        client = self.ctx.client
        try:
            upload = await client.start_transfer_proof_upload(slug, str(file.name), str(file.type), int(file.size))
            self.progress.hidden = False
            await client.put_upload(upload, file, on_progress=self._progress)
            fields: dict[str, Any] = {
                "transferproof_url": upload.file_url,
                "transfer_time": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            }
            entity = str(py_value(dom.slot(self.root, "account").value) or "")
            if entity:
                fields["financial_entity_id"] = int(entity)
            updated = await client.update_order(slug, **fields)
        except StorefrontError as exc:
            self._say(self.ctx.describe(exc), error=True)
            return
        finally:
            submit.disabled = False
            self.progress.hidden = True
        self.on_done(updated)

    def _progress(self, percent: int) -> None:
        self.progress.value = percent
        self._say(self.t("order.proof_uploading", percent=percent))
