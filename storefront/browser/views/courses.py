"""The courses a customer owns, and one course: its sections and lessons, each lesson's video
or file link and its text (merchant HTML, sanitised), and the progress made.

A course page for a course the customer does not own says so and links to the product."""

from __future__ import annotations

import asyncio
import functools
from typing import Any

from ...api import ApiError, StorefrontError
from ...api.models import Course, CourseContent, ItemCard, ProductDetail
from ...courses import course_cards, course_variant, owned_courses, owned_variant_ids
from ...routes import href
from .. import dom
from ..links import link_to
from ..sanitize import set_sanitized_html
from ..tasks import spawn
from .base import View


class CoursesView(View):
    template_id = "tpl-view-account_courses"

    async def load(self) -> None:
        courses = await self.fetching(self.find())
        if courses is None:
            return
        dom.slot(self.root, "loading").hidden = True
        dom.slot(self.root, "empty").hidden = bool(courses)
        holder = dom.slot(self.root, "list")
        for course in courses:
            node = dom.clone("tpl-course-card")
            link = dom.slot(node, "link")
            link.href = href("account_course", slug=course.slug)
            link.setAttribute("aria-label", self.t("courses.open", name=course.name))
            dom.set_text(node, "name", course.name)
            if course.image:
                dom.slot(node, "image").src = course.image
            holder.append(node)

    async def find(self) -> list[Any]:
        """Paid orders say which variants give a course; the catalog's course products say
        which product each belongs to."""
        client = self.ctx.client
        orders, cards = await asyncio.gather(all_orders(client), all_cards(client))
        owned = owned_variant_ids(orders)
        details = await asyncio.gather(*(client.get_product(card.slug) for card in course_cards(cards)))
        return owned_courses(details, owned)


async def all_orders(client: Any) -> list[Any]:
    found, cursor = [], None
    while True:
        page = await client.list_orders(page_size=50, cursor=cursor)
        found += page.items
        if not page.has_next or not page.next_cursor:
            return found
        cursor = page.next_cursor


async def all_cards(client: Any) -> list[ItemCard]:
    found, cursor = [], None
    while True:
        page = await client.list_items(page_size=100, cursor=cursor)
        found += page.items
        if not page.has_next or not page.next_cursor:
            return found
        cursor = page.next_cursor


class CourseView(View):
    template_id = "tpl-view-account_course"

    def mount(self) -> Any:
        root = super().mount()
        self.course: Course | None = None
        self.lesson: CourseContent | None = None
        return root

    async def load(self) -> None:
        slug = self.route.params["slug"]
        detail: ProductDetail | None = await self.fetching(
            self.ctx.client.get_product(slug), not_found=("title", "course.not_found")
        )
        if detail is None:
            return
        dom.set_text(self.root, "title", detail.card.name)
        variant = course_variant(detail)
        try:
            if variant is None or not variant.uuid:
                raise ApiError(404, {"error": "Not a course", "error_code": "course_not_found"})
            course = await self.ctx.client.get_course(variant.uuid)
        except ApiError as exc:
            if self.current and exc.status in (403, 404):
                self.not_owned(slug)
            elif self.current:
                self.show_error(exc)
            return
        except StorefrontError as exc:
            if self.current:
                self.show_error(exc)
            return
        if self.current:
            self.show(course)

    def not_owned(self, slug: str) -> None:
        dom.slot(self.root, "buy").href = href("product", slug=slug)
        dom.slot(self.root, "not-owned").hidden = False

    def show(self, course: Course) -> None:
        self.course = course
        dom.slot(self.root, "course").hidden = False
        self.show_progress()
        holder = dom.slot(self.root, "sections")
        dom.clear(holder)
        for section in course.sections:
            node = dom.clone("tpl-course-section")
            dom.set_text(node, "title", section.title or "")
            lessons = dom.slot(node, "contents")
            for content in section.contents:
                item = dom.clone("tpl-course-lesson-link")
                button = dom.slot(item, "open")
                button.dataset.uuid = content.uuid
                dom.set_text(item, "name", content.title or "")
                dom.slot(item, "done").hidden = not content.is_completed
                self.on(button, "click", functools.partial(self._opened, content))
                lessons.append(item)
            holder.append(node)

    def show_progress(self) -> None:
        assert self.course is not None
        percent = self.course.progress
        dom.set_text(self.root, "progress", self.t("course.progress", percent=percent))
        dom.slot(self.root, "progress-bar").value = percent

    def _opened(self, content: CourseContent, event: Any) -> None:
        spawn(self.open(content))

    async def open(self, content: CourseContent) -> None:
        try:
            lesson = await self.ctx.client.get_course_content(content.uuid)
        except StorefrontError as exc:
            self.ctx.shell.alert(self.ctx.describe(exc))
            return
        if not self.current:
            return
        self.lesson = lesson
        for button in self.root.querySelectorAll("[data-slot=open]"):
            button.setAttribute("aria-current", "true" if button.dataset.uuid == lesson.uuid else "false")
        node = dom.clone("tpl-lesson")
        heading = dom.set_text(node, "title", lesson.title or "")
        minutes = round((lesson.duration or 0) / 60)
        dom.set_text(node, "duration", self.t("course.minutes", minutes=minutes) if minutes else "")
        watch = dom.slot(node, "watch")
        link_to(watch, lesson.video_url, self.t)
        set_sanitized_html(dom.slot(node, "text"), lesson.text)
        complete = dom.slot(node, "complete")
        self.show_done(node, lesson.is_completed)
        self.on(complete, "click", lambda e: spawn(self.complete(node, lesson)))
        dom.slot(self.root, "lesson").replaceChildren(node)
        heading.focus()

    def show_done(self, node: Any, done: bool) -> None:
        dom.slot(node, "complete").hidden = done
        dom.slot(node, "completed").hidden = not done

    async def complete(self, node: Any, lesson: CourseContent) -> None:
        try:
            updated = await self.ctx.client.set_course_progress(lesson.uuid, 100)
        except StorefrontError as exc:
            self.ctx.shell.alert(self.ctx.describe(exc))
            return
        if not self.current or self.course is None:
            return
        self.show_done(node, updated.is_completed)
        self.course = self.course.with_content(updated)
        self.show_progress()
        for button in self.root.querySelectorAll("[data-slot=open]"):
            if button.dataset.uuid == updated.uuid:
                button.parentElement.querySelector("[data-slot=done]").hidden = False
        self.ctx.shell.announce(self.t("course.progress", percent=self.course.progress))
