"""The address book: saved addresses with add, edit, delete (asked first) and the default one
(which checkout chooses first). The form uses the same destination picker as checkout."""

from __future__ import annotations

from typing import Any

from ...account_forms import AddressDraft, address_lines, default_address_id
from ...api import StorefrontError
from ...api.models import Address
from .. import dom
from ..tasks import spawn
from ..widgets.confirm import confirm
from ..widgets.destination import DestinationPicker, Place
from ..widgets.field_errors import FieldErrors
from ..widgets.text_fields import TextFields
from .base import View

FIELDS = ("name", "phone", "location", "postal_code", "address", "notes")


class AddressBookView(View):
    template_id = "tpl-view-account_addresses"

    def mount(self) -> Any:
        root = super().mount()
        self.addresses: list[Address] = []
        self.editing: Address | None = None
        self.draft = AddressDraft()
        self.form = dom.slot(root, "form")
        self.errors = FieldErrors(self.form, "ad", FIELDS)
        ids = {name: f"ad-{name}" for name in ("name", "phone", "address", "notes")}
        self.fields = self.own(TextFields(self.ctx, root, ids, self.typed))
        self.picker = self.own(DestinationPicker(self.ctx, self.form, "ad", self.place_changed, self.side_error))
        self.picker_ready = False
        self.on(dom.slot(root, "add"), "click", lambda e: spawn(self.open_form(None)))
        self.on(dom.slot(root, "cancel"), "click", lambda e: self.close_form())
        self.on(self.form, "submit", self.submitted)
        return root

    def side_error(self, error: Exception) -> None:
        self.errors.form(self.ctx.describe(error), focus=False)

    async def load(self) -> None:
        if await self.fetching(self.refresh()) is not None:
            dom.slot(self.root, "loading").hidden = True
            dom.slot(self.root, "add").hidden = False

    async def refresh(self) -> bool:
        """Reads every saved address (all pages) and shows them."""
        found: list[Address] = []
        cursor = None
        while True:
            page = await self.ctx.client.list_addresses(cursor=cursor)
            found += page.items
            if not page.has_next or not page.next_cursor:
                break
            cursor = page.next_cursor
        self.addresses = found
        self.show_list()
        return True

    def show_list(self) -> None:
        holder = dom.slot(self.root, "list")
        dom.clear(holder)
        default = default_address_id(self.addresses, self.ctx.customer.default_address())
        for address in self.addresses:
            holder.append(self.card(address, address.id == default))
        dom.slot(self.root, "empty").hidden = bool(self.addresses)

    def card(self, address: Address, is_default: bool) -> Any:
        node = dom.clone("tpl-address-card")
        name = address.name or address.address or ""
        lines = dom.slot(node, "lines")
        for text in address_lines(address):
            line = dom.clone("tpl-address-line")
            line.textContent = text
            lines.append(line)
        dom.slot(node, "default").hidden = not is_default
        make_default = dom.slot(node, "make-default")
        make_default.hidden = is_default
        buttons = (
            ("edit", "addresses.edit_label"),
            ("delete", "addresses.delete_label"),
            ("make-default", "addresses.make_default_label"),
        )
        for slot, key in buttons:
            dom.slot(node, slot).setAttribute("aria-label", self.t(key, name=name))
        self.on(dom.slot(node, "edit"), "click", lambda e: spawn(self.open_form(address)))
        self.on(dom.slot(node, "delete"), "click", lambda e: spawn(self.delete(address)))
        self.on(make_default, "click", lambda e: self.make_default(address))
        return node

    # -- the form ----------------------------------------------------------------------------

    async def open_form(self, address: Address | None) -> None:
        self.editing = address
        self.draft = AddressDraft.of(address) if address else AddressDraft()
        self.errors.clear_all()
        self.fields.fill(
            {
                "name": self.draft.name,
                "phone": self.draft.phone,
                "address": self.draft.address,
                "notes": self.draft.notes,
            }
        )
        key = "addresses.form_edit" if address else "addresses.form_new"
        title = dom.set_text(self.form, "form-title", self.t(key))
        self.form.hidden = False
        dom.slot(self.root, "add").hidden = True
        place = Place(self.draft.location, self.draft.postal_code) if self.draft.location else None
        if not self.picker_ready:
            try:
                provinces = await self.picker.load_provinces()
            except StorefrontError as exc:
                self.side_error(exc)
                return
            self.picker.start(provinces, place)
            self.picker_ready = True
        else:
            self.picker.set_place(place)
        title.focus()
        await self.picker.restore_postal_codes()

    def close_form(self) -> None:
        self.form.hidden = True
        add = dom.slot(self.root, "add")
        add.hidden = False
        add.focus()

    def typed(self, name: str, value: str) -> None:
        setattr(self.draft, name, value)
        self.errors.clear(name)

    def place_changed(self, place: Place | None) -> None:
        self.draft.location = place.location if place else None
        self.draft.postal_code = place.postal_code if place else ""
        self.errors.clear("location")
        if self.draft.postal_code:
            self.errors.clear("postal_code")

    def submitted(self, event: Any) -> None:
        event.preventDefault()
        button = dom.slot(self.form, "submit")
        if not button.disabled:
            button.disabled = True
            spawn(self.save(button))

    async def save(self, button: Any) -> None:
        errors = self.draft.errors(self.t)
        self.errors.clear_all()
        try:
            if errors:
                self.errors.report(errors, self.t("checkout.fix"))
                return
            body = self.draft.to_json()
            if self.editing is None:
                await self.ctx.client.create_address(**body)
            else:
                await self.ctx.client.update_address(self.editing.id, **body)
            await self.refresh()
        except StorefrontError as exc:
            self.errors.form(self.ctx.describe(exc))
            return
        finally:
            button.disabled = False
        self.close_form()
        self.say(self.t("addresses.saved"))

    # -- actions on a saved address ----------------------------------------------------------

    async def delete(self, address: Address) -> None:
        if not await confirm(self.t("addresses.delete_confirm", name=address.name or address.address or "")):
            return
        try:
            await self.ctx.client.delete_address(address.id)
            if self.ctx.customer.default_address() == address.id:
                self.ctx.customer.set_default_address(None)
            await self.refresh()
        except StorefrontError as exc:
            self.ctx.shell.alert(self.ctx.describe(exc))
            return
        self.say(self.t("addresses.deleted"))

    def make_default(self, address: Address) -> None:
        self.ctx.customer.set_default_address(address.id)
        self.show_list()
        self.say(self.t("addresses.now_default", name=address.name or address.address or ""))

    def say(self, text: str) -> None:
        dom.set_text(self.root, "message", text)
        self.ctx.shell.announce(text)
