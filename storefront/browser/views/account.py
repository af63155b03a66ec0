"""The account's home and profile (name and phone editable, the email shown). Every account
route is for signed-in customers only: the app sends anyone else to sign in first."""

from __future__ import annotations

from typing import Any

from ...account_forms import profile_errors
from ...api import StorefrontError
from ...checkout_form import normalise_phone
from .. import dom
from ..tasks import spawn
from ..widgets.field_errors import FieldErrors
from ..widgets.text_fields import TextFields
from .base import View


class AccountHomeView(View):
    template_id = "tpl-view-account"

    async def load(self) -> None:
        identity = await self.fetching(self.ctx.customer.load_identity())
        if identity is not None:
            dom.set_text(self.root, "hello", self.t("account.hello", name=identity.name))


class ProfileView(View):
    template_id = "tpl-view-account_profile"

    def mount(self) -> Any:
        root = super().mount()
        self.form = dom.slot(root, "form")
        self.errors = FieldErrors(self.form, "pf", ("name", "phone"))
        ids = {"name": "pf-name", "phone": "pf-phone"}
        self.fields = self.own(TextFields(self.ctx, root, ids, lambda name, value: self.errors.clear(name)))
        self.on(self.form, "submit", self.submitted)
        return root

    async def load(self) -> None:
        profile = await self.fetching(self.ctx.client.get_profile())
        if profile is None:
            return
        self.ctx.customer.remember(profile)
        self.fields.fill({"name": profile.name or "", "phone": profile.phone or ""})
        dom.set_text(self.root, "email", profile.email or "")
        dom.slot(self.root, "loading").hidden = True
        self.form.hidden = False

    def submitted(self, event: Any) -> None:
        event.preventDefault()
        button = dom.slot(self.form, "submit")
        if not button.disabled:
            button.disabled = True
            spawn(self.save(button))

    async def save(self, button: Any) -> None:
        name, phone = self.fields.value("name").strip(), self.fields.value("phone").strip()
        message = dom.slot(self.form, "message")
        message.textContent = ""
        errors = profile_errors(name, phone, self.t)
        self.errors.clear_all()
        label = button.textContent
        button.textContent = self.t("common.saving")
        try:
            if errors:
                self.errors.report(errors, self.t("checkout.fix"))
                return
            profile = await self.ctx.client.update_profile(name=name, phone=normalise_phone(phone) if phone else None)
        except StorefrontError as exc:
            self.errors.form(self.ctx.describe(exc))
            return
        finally:
            button.disabled, button.textContent = False, label
        self.ctx.customer.updated(profile)
        self.fields.fill({"name": profile.name or "", "phone": profile.phone or ""})
        message.textContent = self.t("profile.saved")
