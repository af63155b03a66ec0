"""Forgotten passwords: asking for a reset link (always the same confirmation, whether or not
the email has an account), and the page that link opens, ``/reset-password?token=…``."""

from __future__ import annotations

from typing import Any

from ...account_forms import PASSWORD_MIN, email_errors, new_password_errors
from ...api import ApiError, StorefrontError
from .. import dom
from ..tasks import spawn
from ..widgets.field_errors import FieldErrors
from ..widgets.text_fields import TextFields
from .base import View

DEAD_TOKEN = {"reset_token_not_found", "reset_token_expired"}


class ForgotPasswordView(View):
    template_id = "tpl-view-forgot_password"

    def mount(self) -> Any:
        root = super().mount()
        self.form = dom.slot(root, "form")
        self.errors = FieldErrors(self.form, "fp", ("email",))
        self.fields = self.own(TextFields(self.ctx, root, {"email": "fp-email"}, lambda n, v: self.errors.clear(n)))
        self.on(self.form, "submit", self.submitted)
        return root

    def submitted(self, event: Any) -> None:
        event.preventDefault()
        button = dom.slot(self.form, "submit")
        if not button.disabled:
            button.disabled = True
            spawn(self.send(button))

    async def send(self, button: Any) -> None:
        email = self.fields.value("email").strip()
        errors = email_errors(email, self.t)
        self.errors.clear_all()
        try:
            if errors:
                self.errors.report(errors, self.t("checkout.fix"))
                return
            await self.ctx.client.forgot_password(email)
        except StorefrontError as exc:
            self.errors.form(self.ctx.describe(exc))
            return
        finally:
            button.disabled = False
        sent = dom.set_text(self.root, "sent", self.t("forgot.sent", email=email))
        sent.hidden, self.form.hidden = False, True
        sent.focus()


class ResetPasswordView(View):
    template_id = "tpl-view-reset_password"

    def mount(self) -> Any:
        root = super().mount()
        self.form = dom.slot(root, "form")
        self.errors = FieldErrors(self.form, "rp", ("password", "confirm"))
        ids = {"password": "rp-password", "confirm": "rp-confirm"}
        self.fields = self.own(TextFields(self.ctx, root, ids, lambda n, v: self.errors.clear(n)))
        dom.set_text(root, "rules", self.t("reset.rules", count=PASSWORD_MIN))
        show = dom.slot(root, "show-password")

        def reveal(event: Any) -> None:
            for element in self.fields.elements.values():
                element.type = "text" if show.checked else "password"

        self.on(show, "change", reveal)
        self.on(self.form, "submit", self.submitted)
        self.token = self.ctx.query("token")
        if not self.token:
            self.dead_link(self.t("reset.no_token"))
        return root

    def dead_link(self, message: str) -> None:
        """The link cannot set a password (missing, unknown, expired or used): say so, and
        offer a new one."""
        self.form.hidden = True
        dom.set_text(self.root, "dead-message", message)
        dom.slot(self.root, "dead-link").hidden = False

    def submitted(self, event: Any) -> None:
        event.preventDefault()
        button = dom.slot(self.form, "submit")
        if not button.disabled:
            button.disabled = True
            spawn(self.save(button))

    async def save(self, button: Any) -> None:
        password, confirm = self.fields.value("password"), self.fields.value("confirm")
        errors = new_password_errors(password, confirm, self.t)
        self.errors.clear_all()
        try:
            if errors:
                self.errors.report(errors, self.t("checkout.fix"))
                return
            await self.ctx.client.save_password(self.token, password)
        except ApiError as exc:
            if set(exc.codes) & DEAD_TOKEN or exc.status == 404:
                self.dead_link(self.ctx.describe(exc))
            else:
                self.errors.form(self.ctx.describe(exc))
            return
        except StorefrontError as exc:
            self.errors.form(self.ctx.describe(exc))
            return
        finally:
            button.disabled = False
        self.form.hidden = True
        done = dom.slot(self.root, "done")
        done.hidden = False
        done.focus()
