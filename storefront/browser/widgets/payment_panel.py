"""How to pay an order, one renderer per method family (``storefront.payment`` reads the
family and its data from the order): bank accounts with copy buttons and the transfer-proof
upload, virtual account, retail code, QRIS, e-wallet links, hosted pages, cash on delivery.

The guest order page and the account's order detail both show it. ``on_refresh`` is asked
when the shopper wants the instructions read again; ``on_order`` hears an updated order.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import js

from ...api.models import Order
from ...labels import local_time, method_name
from ...money import format_idr
from ...payment import Instructions, instructions
from .. import dom
from ..component import Component
from ..context import ViewContext
from ..links import link_to
from .proof_upload import ProofUpload


class PaymentPanel(Component):
    def __init__(
        self, ctx: ViewContext, root: Any, on_refresh: Callable[[], object], on_order: Callable[[Order], None]
    ) -> None:
        super().__init__(ctx, root)
        self.on_refresh = on_refresh
        self.on_order = on_order

    def show(self, order: Order) -> None:
        self.dispose()  # the previous instructions' listeners and upload form
        mobile = bool(js.matchMedia("(max-width: 720px)").matches)
        info = instructions(order, mobile=mobile)
        node = dom.clone(f"tpl-pay-{info.family}")
        render = getattr(self, f"_{info.family}", None)
        if render is not None:
            render(node, order, info)
        self.root.replaceChildren(node)

    def copy_row(self, label: str, value: str, note: str = "") -> Any:
        row = dom.clone("tpl-copy-row")
        dom.set_text(row, "label", label)
        dom.set_text(row, "value", value)
        dom.set_text(row, "note", note)
        button = dom.slot(row, "copy")
        button.setAttribute("aria-label", f"{self.t('order.copy')}: {label}")

        def copy(event: Any) -> None:
            js.navigator.clipboard.writeText(value)
            self.ctx.shell.announce(self.t("order.copied"))
            button.textContent = self.t("order.copied")

        self.on(button, "click", copy)
        return row

    def total_row(self, order: Order) -> Any:
        return self.copy_row(self.t("checkout.total"), str(int(order.gross_revenue)))

    # -- one renderer per family -------------------------------------------------------------

    def _bank_transfer(self, node: Any, order: Order, info: Instructions) -> None:
        dom.set_text(node, "intro", self.t("order.bank_intro", amount=format_idr(order.gross_revenue)))
        accounts, select = dom.slot(node, "accounts"), dom.slot(node, "account")
        for account in info.accounts:
            bank = account.bank_name or (account.bank_code or "").upper()
            accounts.append(
                self.copy_row(
                    bank,
                    account.account_number or "",
                    self.t("order.account_holder", holder=account.account_holder or ""),
                )
            )
            select.append(dom.option(str(account.financial_entity_id or ""), f"{bank} · {account.account_number}"))
        accounts.append(self.total_row(order))
        if order.transferproof_url:
            self._received(node, order)
        self.own(ProofUpload(self.ctx, node, order, lambda updated: self._uploaded(node, updated)))

    def _uploaded(self, node: Any, order: Order) -> None:
        self._received(node, order)
        self.ctx.shell.announce(dom.slot(node, "received").textContent)
        self.on_order(order)

    def _received(self, node: Any, order: Order) -> None:
        received = dom.slot(node, "received")
        time = local_time(order.transfer_time, self.ctx.config.timezone) if order.transfer_time else ""
        received.textContent = self.t("order.proof_received", time=time)
        received.hidden = False
        dom.slot(node, "proof").hidden = True

    def _virtual_account(self, node: Any, order: Order, info: Instructions) -> None:
        dom.set_text(node, "intro", self.t("order.va_intro", bank=info.bank or ""))
        rows = dom.slot(node, "rows")
        rows.append(self.copy_row(method_name(self.t, order.payment_method), info.number or "", info.holder or ""))
        rows.append(self.total_row(order))

    def _retail(self, node: Any, order: Order, info: Instructions) -> None:
        dom.set_text(node, "intro", self.t("order.retail_intro", store=info.bank or ""))
        rows = dom.slot(node, "rows")
        rows.append(self.copy_row(info.bank or "", info.number or "", info.holder or ""))
        rows.append(self.total_row(order))

    def _qris(self, node: Any, order: Order, info: Instructions) -> None:
        image = dom.slot(node, "qr")
        image.src = info.qr_image_url or qr_data_url(info.qr_string or "")
        image.alt = self.t("order.qris_alt", amount=format_idr(order.gross_revenue))
        dom.set_text(node, "amount", format_idr(order.gross_revenue))

    def _ewallet(self, node: Any, order: Order, info: Instructions) -> None:
        name = method_name(self.t, order.payment_method)
        dom.set_text(node, "intro", self.t("order.ewallet_intro", method=name))
        link = dom.slot(node, "open")
        link.textContent = self.t("order.ewallet_open", method=name)
        link_to(link, info.url, self.t)
        link_to(dom.slot(node, "app"), info.deeplink, self.t, app=True)
        if info.qr_string:
            image = dom.slot(node, "qr")
            image.src = qr_data_url(info.qr_string)
            image.alt = self.t("order.qris_alt", amount=format_idr(order.gross_revenue))
            image.hidden = False

    def _hosted(self, node: Any, order: Order, info: Instructions) -> None:
        link_to(dom.slot(node, "open"), info.url, self.t)

    def _cod(self, node: Any, order: Order, info: Instructions) -> None:
        dom.set_text(node, "intro", self.t("order.cod_intro", amount=format_idr(order.gross_revenue)))

    def _pending(self, node: Any, order: Order, info: Instructions) -> None:
        self.on(dom.slot(node, "retry"), "click", lambda e: self.on_refresh())


def qr_data_url(text: str) -> str:
    """The QR code as an SVG data URL, drawn in Python with segno (imported on first use:
    most pages never draw one)."""
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="svg", scale=6, border=2, xmldecl=False)
    return "data:image/svg+xml;charset=utf-8," + str(js.encodeURIComponent(buffer.getvalue().decode()))
