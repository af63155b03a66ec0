"""The account's subscriptions: the list, and one subscription with what can be done to it
(stop at the period's end, keep it after all, move an item to a dearer or cheaper plan), each
asked first and the new state shown."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from ...api import StorefrontError
from ...api.models import PlanOption, Subscription, SubscriptionItem
from ...labels import interval_label, local_time, subscription_label
from ...money import format_idr
from ...routes import href
from .. import dom
from ..tasks import spawn
from ..widgets.confirm import confirm
from .base import View


def item_name(t: Any, item: SubscriptionItem) -> str:
    return t("subscription.item", product=item.product_name or "", variant=item.variant_name or "").strip(" –")


class SubscriptionsView(View):
    template_id = "tpl-view-account_subscriptions"

    async def load(self) -> None:
        page = await self.fetching(self.ctx.client.list_subscriptions())
        if page is None:
            return
        dom.slot(self.root, "loading").hidden = True
        dom.slot(self.root, "empty").hidden = bool(page.items)
        holder = dom.slot(self.root, "list")
        for sub in page.items:
            node = dom.clone("tpl-subscription-row")
            name = ", ".join(item_name(self.t, item) for item in sub.items)
            dom.set_text(node, "name", name)
            dom.set_text(node, "status", subscription_label(self.t, sub.status, sub.is_cancel_at_period_end))
            price = sum((item.price * item.quantity for item in sub.items), start=0)
            dom.set_text(
                node, "price", f"{format_idr(price)} {interval_label(self.t, sub.interval, sub.interval_count)}"
            )
            dom.set_text(node, "period", period_text(self, sub))
            link = dom.slot(node, "manage")
            link.href = href("account_subscription", id=sub.id)
            link.setAttribute("aria-label", self.t("subscriptions.manage", name=name))
            holder.append(node)


def period_text(view: View, sub: Subscription) -> str:
    if not sub.current_period_end or sub.status != "active":
        return ""
    end = local_time(sub.current_period_end, view.ctx.config.timezone)
    return view.t("subscription.ends" if sub.is_cancel_at_period_end else "subscription.renews", time=end)


class SubscriptionView(View):
    template_id = "tpl-view-account_subscription"

    def mount(self) -> Any:
        root = super().mount()
        self.sub: Subscription | None = None
        self.on(dom.slot(root, "cancel"), "click", lambda e: spawn(self.cancel()))
        self.on(dom.slot(root, "resume"), "click", lambda e: spawn(self.resume()))
        self.on(dom.slot(root, "options-close"), "click", lambda e: self.close_options())
        return root

    async def load(self) -> None:
        sub = await self.fetching(
            self.ctx.client.get_subscription(self.route.params["id"]), not_found=("title", "api.subscription_not_found")
        )
        if sub is not None:
            self.show(sub)

    def show(self, sub: Subscription) -> None:
        self.sub = sub
        dom.set_text(self.root, "title", ", ".join(item_name(self.t, item) for item in sub.items))
        dom.slot(self.root, "detail").hidden = False
        dom.set_text(self.root, "status", subscription_label(self.t, sub.status, sub.is_cancel_at_period_end))
        dom.set_text(self.root, "period", period_text(self, sub))
        dom.slot(self.root, "cancel").hidden = not sub.can_cancel
        dom.slot(self.root, "resume").hidden = not sub.can_resume
        holder = dom.slot(self.root, "items")
        dom.clear(holder)
        for item in sub.items:
            holder.append(self.item_row(sub, item))

    def item_row(self, sub: Subscription, item: SubscriptionItem) -> Any:
        node = dom.clone("tpl-subscription-item")
        dom.set_text(node, "name", f"{item_name(self.t, item)} × {item.quantity}")
        price = f"{format_idr(item.price)} {interval_label(self.t, sub.interval, sub.interval_count)}"
        dom.set_text(node, "price", price)
        status = dom.slot(node, "item-status")
        status.textContent = "" if item.status == "active" else subscription_label(self.t, item.status)
        status.hidden = item.status == "active"
        changeable = sub.can_cancel and item.status == "active"
        for direction in ("upgrade", "downgrade"):
            button = dom.slot(node, direction)
            button.hidden = not changeable
            self.on(button, "click", functools.partial(self._options_clicked, item, direction))
        return node

    # -- actions -----------------------------------------------------------------------------

    async def act(self, question: str, call: Callable[[], Awaitable[Subscription]], done_key: str) -> None:
        """Asks, then does it, then shows the subscription as the store now has it."""
        if not await confirm(question):
            return
        message = dom.slot(self.root, "message")
        try:
            sub = await call()
        except StorefrontError as exc:
            message.textContent = self.ctx.describe(exc)
            return
        if self.current:
            self.show(sub)
            end = local_time(sub.current_period_end or "", self.ctx.config.timezone)
            message.textContent = self.t(done_key, time=end)
            self.ctx.shell.announce(message.textContent)

    async def cancel(self) -> None:
        assert self.sub is not None
        sub, end = self.sub, local_time(self.sub.current_period_end or "", self.ctx.config.timezone)
        await self.act(
            self.t("subscription.cancel_confirm", time=end),
            lambda: self.ctx.client.cancel_subscription(sub.id),
            "subscription.cancelled",
        )
        dom.slot(self.root, "resume" if not dom.slot(self.root, "resume").hidden else "cancel").focus()

    async def resume(self) -> None:
        assert self.sub is not None
        sub, end = self.sub, local_time(self.sub.current_period_end or "", self.ctx.config.timezone)
        await self.act(
            self.t("subscription.resume_confirm", time=end),
            lambda: self.ctx.client.resume_subscription(sub.id),
            "subscription.resumed",
        )
        dom.slot(self.root, "cancel" if not dom.slot(self.root, "cancel").hidden else "resume").focus()

    def _options_clicked(self, item: SubscriptionItem, direction: str, event: Any) -> None:
        spawn(self.options(item, direction))

    async def options(self, item: SubscriptionItem, direction: str) -> None:
        panel = dom.slot(self.root, "options-panel")
        try:
            plans = await self.ctx.client.subscription_options(item.id, direction)
        except StorefrontError as exc:
            dom.set_text(self.root, "message", self.ctx.describe(exc))
            return
        key = "subscription.upgrade" if direction == "upgrade" else "subscription.downgrade"
        title = dom.set_text(self.root, "options-title", f"{self.t(key)}: {item_name(self.t, item)}")
        holder = dom.slot(self.root, "options")
        dom.clear(holder)
        for plan in plans:
            holder.append(self.plan_button(item, direction, plan))
        dom.slot(self.root, "no-options").hidden = bool(plans)
        panel.hidden = False
        title.focus()

    def plan_button(self, item: SubscriptionItem, direction: str, plan: PlanOption) -> Any:
        node = dom.clone("tpl-plan-option")
        price = f"{format_idr(plan.price)} {interval_label(self.t, plan.interval, plan.interval_count)}"
        dom.set_text(node, "name", self.t("subscription.move_to", name=plan.name or ""))
        dom.set_text(node, "price", price)
        question = self.t(f"subscription.{direction}_confirm", name=plan.name or "", price=price)

        def move() -> Awaitable[Subscription]:
            return self.ctx.client.change_subscription_item(item.id, direction, plan.id)

        async def chosen() -> None:
            await self.act(question, move, "subscription.changed")
            self.close_options()

        self.on(dom.slot(node, "choose"), "click", lambda e: spawn(chosen()))
        return node

    def close_options(self) -> None:
        dom.slot(self.root, "options-panel").hidden = True
