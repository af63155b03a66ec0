"""The header's account corner: "Masuk" when signed out; the customer's name with a menu
(account, orders, courses, sign out) when signed in. It follows the customer session, so it
is right on every page load and changes when another tab signs in or out."""

from __future__ import annotations

from typing import Any

import js

from ..api import StorefrontError
from ..customer_session import Identity
from ..routes import match
from . import dom
from .component import Component
from .context import ViewContext
from .tasks import spawn


class AccountMenu(Component):
    def __init__(self, ctx: ViewContext) -> None:
        super().__init__(ctx, dom.by_id("account-menu"))
        self.signin = dom.by_id("signin-link")
        self.button = dom.by_id("account-button")
        self.list = dom.by_id("account-list")

    def install(self) -> None:
        self.on(self.button, "click", lambda e: self.toggle())
        self.on(self.root, "keydown", self._key)
        self.on(self.list, "click", self._picked)
        self.on(dom.by_id("signout-button"), "click", lambda e: spawn(self.sign_out()))
        self.listen(self.ctx.customer.changed, self.show)
        self.listen(self.ctx.customer.named, self.show)
        self.show(self.ctx.customer.identity)
        if self.ctx.customer.signed_in and self.ctx.customer.identity is None:
            spawn(self._load_identity())  # signed in before the name was kept (or by another version)

    async def _load_identity(self) -> None:
        try:
            self.show(await self.ctx.customer.load_identity())
        except StorefrontError:
            pass  # the header shows "Akun saya" until the profile can be read

    def show(self, identity: Identity | None) -> None:
        signed_in = self.ctx.customer.signed_in
        self.signin.hidden = signed_in
        self.root.hidden = not signed_in
        name = identity.name if identity else self.t("nav.account")
        dom.by_id("account-name").textContent = name
        self.signin.href = self.signin_href()
        if not signed_in:
            self.close()

    def signin_href(self) -> str:
        """The sign-in page, coming back here afterwards (not to an account page: those send
        the shopper to sign in themselves)."""
        here = str(js.location.pathname)
        if match(here).name in ("signin", "forgot_password", "reset_password", "not_found"):
            return "/signin"
        return f"/signin?next={js.encodeURIComponent(here + str(js.location.search))}"

    def toggle(self) -> None:
        opening = self.list.hidden
        self.list.hidden = not opening
        self.button.setAttribute("aria-expanded", "true" if opening else "false")
        if opening:
            first = self.list.querySelector("a, button")
            if first is not None:
                first.focus()

    def close(self) -> None:
        self.list.hidden = True
        self.button.setAttribute("aria-expanded", "false")

    def _key(self, event: Any) -> None:
        if event.key == "Escape" and not self.list.hidden:
            self.close()
            self.button.focus()

    def _picked(self, event: Any) -> None:
        if event.target.closest("a") is not None:
            self.close()

    async def sign_out(self) -> None:
        self.close()
        await self.ctx.customer.sign_out()  # the app follows: guest cart, away from account pages
        self.ctx.shell.announce(self.t("account.signed_out"))
        self.signin.focus()
