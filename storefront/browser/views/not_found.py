"""The view for any address the shop does not know."""

from .base import View


class NotFoundView(View):
    template_id = "tpl-view-not_found"
