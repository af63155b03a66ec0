"""Signing in: email and password, then, on stores that send a code, the code step (with a
new code after a cool-down). What is said never tells whether an email has an account.

Once signed in, the app takes the shopper back where they were (``?next=``); the client has
merged their guest cart into the account.
"""

from __future__ import annotations

import asyncio
from typing import Any

from ...account_forms import Cooldown, code_errors, sign_in_errors
from ...api import StorefrontError
from ...api.models import OtpChallenge
from .. import dom
from ..tasks import spawn
from ..widgets.field_errors import FieldErrors
from ..widgets.text_fields import TextFields
from .base import View


class SignInView(View):
    template_id = "tpl-view-signin"

    def mount(self) -> Any:
        root = super().mount()
        self.password_form, self.code_form = dom.slot(root, "password-step"), dom.slot(root, "code-step")
        self.password_errors = FieldErrors(self.password_form, "si", ("email", "password"))
        self.code_errors = FieldErrors(self.code_form, "si", ("code",))
        ids = {"email": "si-email", "password": "si-password", "code": "si-code"}
        self.fields = self.own(TextFields(self.ctx, root, ids, lambda name, value: self._clear(name)))
        self.cooldown = Cooldown()
        self.email = ""
        self.password = ""  # kept in memory only, to send a new code
        self.busy = False
        self.on(self.password_form, "submit", lambda e: self.submit(e, self.sign_in()))
        self.on(self.code_form, "submit", lambda e: self.submit(e, self.verify()))
        self.on(dom.slot(root, "resend"), "click", lambda e: spawn(self.resend()))
        self.on(dom.slot(root, "other-email"), "click", lambda e: self.password_step())
        show = dom.slot(root, "show-password")
        self.on(
            show,
            "change",
            lambda e: setattr(self.fields.elements["password"], "type", "text" if show.checked else "password"),
        )
        return root

    def _clear(self, name: str) -> None:
        (self.code_errors if name == "code" else self.password_errors).clear(name)

    def submit(self, event: Any, work: Any) -> None:
        event.preventDefault()
        if self.busy:  # a second press while the first is on its way
            work.close()
            return
        self.busy = True
        spawn(self._run(work))

    async def _run(self, work: Any) -> None:
        try:
            await work
        finally:
            self.busy = False

    async def sign_in(self) -> None:
        email, password = self.fields.value("email").strip(), self.fields.value("password")
        errors = sign_in_errors(email, password, self.t)
        self.password_errors.clear_all()
        if errors:
            self.password_errors.report(errors, self.t("checkout.fix"))
            return
        answer = await self.attempt(
            self.password_form, self.password_errors, "signin.submitting", self.ctx.customer.sign_in(email, password)
        )
        if isinstance(answer, OtpChallenge):
            self.email, self.password = email, password
            self.code_step()
        elif answer is not None:
            self.ctx.shell.announce(self.t("signin.welcome", name=answer.name))  # the app takes them back

    async def attempt(self, form: Any, errors: FieldErrors, busy_key: str, call: Any) -> Any:
        """Runs a sign-in call with the form's button busy; a failure is said above the form."""
        button = dom.slot(form, "submit")
        label = button.textContent
        button.disabled, button.textContent = True, self.t(busy_key)
        try:
            return await call
        except StorefrontError as exc:
            if self.current:
                errors.form(self.ctx.describe(exc))
            return None
        finally:
            if self.current:
                button.disabled, button.textContent = False, label

    # -- the code step -----------------------------------------------------------------------

    def code_step(self) -> None:
        self.password_form.hidden = True
        self.code_form.hidden = False
        dom.set_text(self.root, "code-sent", self.t("signin.code_sent", email=self.email))
        self.cooldown.start(self.ctx.client.clock.now())
        spawn(self.count_down())
        self.fields.elements["code"].focus()

    def password_step(self) -> None:
        self.code_form.hidden = True
        self.password_form.hidden = False
        self.password = ""
        self.fields.elements["email"].focus()

    async def count_down(self) -> None:
        """The resend button says how long to wait, then becomes usable."""
        resend = dom.slot(self.root, "resend")
        while self.current:
            left = self.cooldown.left(self.ctx.client.clock.now())
            resend.disabled = left > 0
            resend.textContent = self.t("signin.resend_in", seconds=left) if left else self.t("signin.resend")
            if not left:
                return
            await asyncio.sleep(1)

    async def verify(self) -> None:
        code = self.fields.value("code").strip()
        errors = code_errors(code, self.t)
        self.code_errors.clear_all()
        if errors:
            self.code_errors.report(errors, errors["code"])
            return
        identity = await self.attempt(
            self.code_form, self.code_errors, "signin.submitting", self.ctx.customer.verify(self.email, code)
        )
        if identity is not None:
            self.ctx.shell.announce(self.t("signin.welcome", name=identity.name))

    async def resend(self) -> None:
        if self.cooldown.left(self.ctx.client.clock.now()) or not self.password:
            return
        self.cooldown.start(self.ctx.client.clock.now())
        spawn(self.count_down())
        message = dom.slot(self.root, "message")
        try:
            await self.ctx.customer.sign_in(self.email, self.password)
        except StorefrontError as exc:
            message.textContent = self.ctx.describe(exc)
            return
        message.textContent = self.t("signin.resent")
        self.fields.elements["code"].value = ""
        self.fields.elements["code"].focus()
