"""The order page, by secret slug: status, lines, every amount, and how to pay.

E-payment instructions are created with ``POST …/payment`` when the order does not carry them
yet (the call is idempotent); bank transfers take a transfer-proof upload, checked for type
and size before anything is sent, with a preview and upload progress.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from typing import Any

import js
from pyodide.ffi import create_proxy

from ...api import StorefrontError
from ...api.models import Order
from ...money import format_idr
from ...payment import Instructions, instructions, needs_payment_call
from .. import dom
from ..ffi import Listeners, py_value
from ..tasks import spawn
from .base import View

MAX_PROOF_BYTES = 10 * 1024 * 1024
PROOF_TYPES = ("image/jpeg", "image/png", "image/webp")
METHOD_NAMES = {"gopay": "GoPay", "dana": "DANA", "shopeepay": "ShopeePay", "linkaja": "LinkAja", "ovo": "OVO"}


class OrderView(View):
    template_id = "tpl-view-order"
    order: Order | None = None

    def mount(self) -> Any:
        root = super().mount()
        self.payment_listeners = Listeners()
        self.file: Any = None
        return root

    def dispose(self) -> None:
        self.payment_listeners.dispose()
        super().dispose()

    async def load(self) -> None:
        order = await self.fetching(self.order_with_instructions(), not_found=("title", "order.not_found"))
        if order is None:
            return
        self.on(dom.slot(self.root, "refresh"), "click", lambda e: spawn(self.refresh()))
        self.show(order)

    async def order_with_instructions(self, *, fresh: bool = False) -> Order:
        """The order (just placed, or read again), with e-payment instructions created if missing."""
        slug = self.route.params["slug"]
        order = None if fresh else self.app.cache.pop("last_order", None)
        if order is None or order.secret_slug != slug:
            order = await self.app.client.get_order(slug)
        if needs_payment_call(order):
            order = await self.app.client.create_payment(slug)
        return order

    async def refresh(self) -> None:
        button = dom.slot(self.root, "refresh")
        button.disabled = True
        try:
            order = await self.order_with_instructions(fresh=True)
        except StorefrontError as exc:
            self.app.alert(self.app.describe(exc))
            return
        finally:
            button.disabled = False
        if self.current:
            self.show(order)
            self.app.announce(self.status_text(order))

    # -- rendering ---------------------------------------------------------------------------

    def status_text(self, order: Order) -> str:
        status = self.t(f"status.{order.status}") if self.t.has(f"status.{order.status}") else order.status
        payment = order.payment_status or ""
        paid = self.t(f"payment.{payment}") if self.t.has(f"payment.{payment}") else payment
        return f"{status} · {paid}"

    def show(self, order: Order) -> None:
        self.order = order
        dom.set_text(self.root, "title", self.t("order.title", order_id=order.order_id))
        dom.slot(self.root, "order").hidden = False
        status_key, payment_key = f"status.{order.status}", f"payment.{order.payment_status}"
        dom.set_text(self.root, "status", self.t(status_key) if self.t.has(status_key) else order.status)
        dom.set_text(self.root, "payment-status",
                     self.t(payment_key) if self.t.has(payment_key) else (order.payment_status or ""))
        method = next((m.label for m in self.app.cache.get("methods", []) if m.code == order.payment_method), None)
        dom.set_text(self.root, "method", f"{self.t('order.method')}: {method or _method_name(order.payment_method)}")
        expires = dom.slot(self.root, "expires")
        if order.payment_expiration_at and not order.is_paid and order.payment_method != "cod":
            # COD is paid to the courier on delivery: no deadline to show
            expires.textContent = self.t("order.expires", time=_local_time(order.payment_expiration_at))
            expires.hidden = False
        else:
            expires.hidden = True
        whatsapp = dom.slot(self.root, "whatsapp")
        if order.handler_phone:
            text = js.encodeURIComponent(order.chat_message or order.order_id)
            whatsapp.href = f"https://wa.me/{order.handler_phone}?text={text}"
            whatsapp.hidden = False
        self.render_lines(order)
        self.render_amounts(order)
        self.render_payment(order)

    def render_lines(self, order: Order) -> None:
        lines = dom.slot(self.root, "lines")
        dom.clear(lines)
        for line in order.lines:
            row = dom.clone("tpl-review-line")
            options = " / ".join(o for o in line.options if o)
            dom.set_text(row, "name", f"{line.product_name or ''}{' – ' + options if options else ''}")
            dom.set_text(row, "quantity", f"× {line.quantity}")
            dom.set_text(row, "total", format_idr(line.price * line.quantity) if line.price is not None else "")
            lines.append(row)

    def render_amounts(self, order: Order) -> None:
        rows = [("checkout.products", order.product_price, "")]
        optional = [
            ("order.product_discount", -order.product_discount, "discount"),
            ("checkout.shipping_cost", order.shipping_cost, ""),
            ("order.shipping_discount", -order.shipping_discount, "discount"),
            (order.other_income_name or "checkout.other_income", order.other_income, ""),
            ("checkout.service_fee", order.service_fee, ""),
            ("order.payment_link_income", order.payment_link_income, ""),
            ("order.unique_code", -order.unique_code_discount, "discount"),
        ]
        rows += [row for row in optional if row[1]]
        if order.discount_code_discount and not order.product_discount and not order.shipping_discount:
            rows.append(("checkout.discount_line", -order.discount_code_discount, "discount"))
        rows.append(("checkout.total", order.gross_revenue, "total"))
        amounts = dom.slot(self.root, "amounts")
        dom.clear(amounts)
        for label, value, kind in rows:
            row = dom.clone("tpl-amount-row")
            if kind:
                row.classList.add(kind)
            dom.set_text(row, "label", self.t(label) if self.t.has(label) else label)
            dom.set_text(row, "value", f"−{format_idr(-value)}" if value < 0 else format_idr(value))
            amounts.append(row)

    def render_payment(self, order: Order) -> None:
        self.payment_listeners.dispose()
        mobile = bool(js.matchMedia("(max-width: 720px)").matches)
        info = instructions(order, mobile=mobile)
        node = dom.clone(f"tpl-pay-{info.family}")
        render = getattr(self, f"pay_{info.family}", None)
        if render is not None:
            render(node, order, info)
        from ..translate import translate_tree

        translate_tree(node, self.t)
        dom.slot(self.root, "payment").replaceChildren(node)

    # -- one renderer per method family ------------------------------------------------------

    def copy_row(self, label: str, value: str, note: str = "") -> Any:
        row = dom.clone("tpl-copy-row")
        dom.set_text(row, "label", label)
        dom.set_text(row, "value", value)
        dom.set_text(row, "note", note)
        button = dom.slot(row, "copy")
        button.setAttribute("aria-label", f"{self.t('order.copy')}: {label}")

        def copy(event: Any) -> None:
            js.navigator.clipboard.writeText(value)
            self.app.announce(self.t("order.copied"))
            button.textContent = self.t("order.copied")

        self.payment_listeners.on(button, "click", copy)
        return row

    def pay_bank_transfer(self, node: Any, order: Order, info: Instructions) -> None:
        dom.set_text(node, "intro", self.t("order.bank_intro", amount=format_idr(order.gross_revenue)))
        accounts, select = dom.slot(node, "accounts"), dom.slot(node, "account")
        for account in info.accounts:
            bank = account.bank_name or (account.bank_code or "").upper()
            accounts.append(self.copy_row(bank, account.number or "",
                                          self.t("order.account_holder", holder=account.holder or "")))
            option = js.document.createElement("option")
            option.value = str(account.financial_entity_id or "")
            option.textContent = f"{bank} · {account.number}"
            select.append(option)
        accounts.append(self.copy_row(self.t("checkout.total"), str(int(order.gross_revenue))))
        if order.transferproof_url:
            self.show_received(node, order)
        self.payment_listeners.on(dom.slot(node, "file"), "change", lambda e: self.proof_chosen(node))
        self.payment_listeners.on(dom.slot(node, "proof"), "submit", lambda e: (e.preventDefault(),
                                                                                spawn(self.upload(node))))

    def show_received(self, node: Any, order: Order) -> None:
        received = dom.slot(node, "received")
        received.textContent = self.t("order.proof_received", time=_local_time(order.transfer_time) if order.transfer_time else "")
        received.hidden = False
        dom.slot(node, "proof").hidden = True

    def proof_chosen(self, node: Any) -> None:
        message = dom.slot(node, "message")
        message.textContent = ""
        message.classList.remove("error")
        files = dom.slot(node, "file").files
        self.file = files.item(0) if files.length else None
        preview = dom.slot(node, "preview")
        preview.hidden = True
        if self.file is None:
            return
        problem = self.proof_problem(self.file)
        if problem:
            message.textContent = problem
            message.classList.add("error")
            self.file = None
            return
        preview.src = js.URL.createObjectURL(self.file)
        preview.alt = str(self.file.name)
        preview.hidden = False

    def proof_problem(self, file: Any) -> str | None:
        if str(file.type) not in PROOF_TYPES:
            return self.t("order.proof_bad_type")
        if int(file.size) > MAX_PROOF_BYTES:
            return self.t("order.proof_too_big")
        return None

    async def upload(self, node: Any) -> None:
        message, submit, progress = dom.slot(node, "message"), dom.slot(node, "submit"), dom.slot(node, "progress")
        message.classList.remove("error")
        if self.file is None:
            message.textContent = self.t("order.proof_choose")
            message.classList.add("error")
            return
        order, file = self.order, self.file
        submit.disabled = True
        try:
            upload = await self.app.client.start_transfer_proof_upload(order.secret_slug, str(file.name), str(file.type),
                                                                      int(file.size))
            progress.hidden = False
            await put_with_progress(upload.upload_url, upload.content_type, file,
                                    lambda percent: self._progress(progress, message, percent))
            entity = str(py_value(dom.slot(node, "account").value) or "")
            fields: dict[str, Any] = {"transferproof_url": upload.file_url,
                                      "transfer_time": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()}
            if entity:
                fields["financial_entity_id"] = int(entity)
            updated = await self.app.client.update_order(order.secret_slug, **fields)
        except (StorefrontError, UploadFailed) as exc:
            message.textContent = self.app.describe(exc) if isinstance(exc, StorefrontError) else str(exc)
            message.classList.add("error")
            return
        finally:
            submit.disabled = False
            progress.hidden = True
        self.order = updated
        self.show_received(node, updated)
        self.app.announce(dom.slot(node, "received").textContent)

    def _progress(self, progress: Any, message: Any, percent: int) -> None:
        progress.value = percent
        message.textContent = self.t("order.proof_uploading", percent=percent)

    def pay_virtual_account(self, node: Any, order: Order, info: Instructions) -> None:
        dom.set_text(node, "intro", self.t("order.va_intro", bank=info.bank or ""))
        rows = dom.slot(node, "rows")
        rows.append(self.copy_row(f"Virtual Account {info.bank}", info.number or "", info.holder or ""))
        rows.append(self.copy_row(self.t("checkout.total"), str(int(order.gross_revenue))))

    def pay_retail(self, node: Any, order: Order, info: Instructions) -> None:
        dom.set_text(node, "intro", self.t("order.retail_intro", store=info.bank or ""))
        rows = dom.slot(node, "rows")
        rows.append(self.copy_row(info.bank or "", info.number or "", info.holder or ""))
        rows.append(self.copy_row(self.t("checkout.total"), str(int(order.gross_revenue))))

    def pay_qris(self, node: Any, order: Order, info: Instructions) -> None:
        image = dom.slot(node, "qr")
        image.src = info.qr_image_url or qr_data_url(info.qr_string or "")
        image.alt = self.t("order.qris_alt", amount=format_idr(order.gross_revenue))
        dom.set_text(node, "amount", format_idr(order.gross_revenue))

    def pay_ewallet(self, node: Any, order: Order, info: Instructions) -> None:
        name = _method_name(order.payment_method)
        dom.set_text(node, "intro", self.t("order.ewallet_intro", method=name))
        link = dom.slot(node, "open")
        link.textContent = self.t("order.ewallet_open", method=name)
        if info.url:
            link.href = info.url
        else:
            link.hidden = True
        if info.deeplink:
            app = dom.slot(node, "app")
            app.href = info.deeplink
            app.hidden = False
        if info.qr_string:
            image = dom.slot(node, "qr")
            image.src = qr_data_url(info.qr_string)
            image.alt = self.t("order.qris_alt", amount=format_idr(order.gross_revenue))
            image.hidden = False

    def pay_hosted(self, node: Any, order: Order, info: Instructions) -> None:
        dom.slot(node, "open").href = info.url or ""

    def pay_cod(self, node: Any, order: Order, info: Instructions) -> None:
        dom.set_text(node, "intro", self.t("order.cod_intro", amount=format_idr(order.gross_revenue)))

    def pay_pending(self, node: Any, order: Order, info: Instructions) -> None:
        self.payment_listeners.on(dom.slot(node, "retry"), "click", lambda e: spawn(self.refresh()))


class UploadFailed(Exception):
    """The storage PUT failed or was refused."""


async def put_with_progress(url: str, content_type: str, file: Any, on_progress: Any) -> None:
    """PUTs the file with XMLHttpRequest, asynchronously, because fetch cannot report
    upload progress."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    request = js.XMLHttpRequest.new()
    proxies = []

    def handler(fn: Any) -> Any:
        proxy = create_proxy(fn)
        proxies.append(proxy)
        return proxy

    def progress(event: Any) -> None:
        if event.lengthComputable:
            on_progress(int(event.loaded * 100 / max(event.total, 1)))

    def loaded(event: Any) -> None:
        if not done.done():
            if 200 <= request.status < 300:
                done.set_result(None)
            else:
                done.set_exception(UploadFailed(f"Upload refused ({request.status})"))

    def failed(event: Any) -> None:
        if not done.done():
            done.set_exception(UploadFailed("Upload failed: check your connection and try again"))

    request.upload.addEventListener("progress", handler(progress))
    request.addEventListener("load", handler(loaded))
    request.addEventListener("error", handler(failed))
    request.addEventListener("timeout", handler(failed))
    request.open("PUT", url)
    request.timeout = 120_000
    request.setRequestHeader("Content-Type", content_type)
    request.send(file)
    try:
        await done
        on_progress(100)
    finally:
        for proxy in proxies:
            proxy.destroy()


def qr_data_url(text: str) -> str:
    """The QR code as an SVG data URL, drawn in Python with segno."""
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="svg", scale=6, border=2, xmldecl=False)
    return "data:image/svg+xml;charset=utf-8," + str(js.encodeURIComponent(buffer.getvalue().decode()))


def _method_name(code: str) -> str:
    if code.startswith("va_"):
        return f"Virtual Account {code[3:].upper()}"
    return METHOD_NAMES.get(code, code.replace("_", " ").title())


def _local_time(value: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    wib = moment.astimezone(dt.timezone(dt.timedelta(hours=7)))
    return wib.strftime("%d/%m/%Y %H:%M WIB")
