"""Courses a signed-in customer owns: structure from the seed, progress per customer.

A customer owns a course variant when the seed says so or a paid order of theirs contains it.
Anything not owned answers 404, the sandbox's choice where Scalev allows 403 or 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import not_found
from .ids import now_iso

if TYPE_CHECKING:
    from .state import SandboxState

SEEDED_AT = "2026-05-01T00:00:00Z"


class Courses:
    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self.by_variant = {c["variant_id"]: c for c in state.seed.section("courses")}
        self.sections: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
        self.contents: dict[str, tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = {}
        for course in self.by_variant.values():
            for section in course["sections"]:
                self.sections[section["uuid"]] = (course, section)
                for content in section["contents"]:
                    self.contents[content["uuid"]] = (course, section, content)

    def owned_variants(self, customer: dict[str, Any]) -> set[int]:
        owned = set(customer.get("owns_variants") or [])
        for order in self.state.db.all("order"):
            if order.get("customer_id") == customer["id"] and order["payment_status"] == "paid":
                owned |= {line["item_id"] for line in order["lines"] if line["kind"] == "variant"}
        return owned

    def _owned(self, customer: dict[str, Any], variant_id: int) -> None:
        if variant_id not in self.owned_variants(customer) or variant_id not in self.by_variant:
            raise not_found("Course", "course_not_found")

    def course_for_variant_uuid(self, customer: dict[str, Any], variant_uuid: str) -> dict[str, Any]:
        match = next(((p, v) for p, v in self.state.catalog.variants.values() if v.get("uuid") == variant_uuid), None)
        if match is None:
            raise not_found("Course", "course_not_found")
        product, variant = match
        self._owned(customer, variant["id"])
        course = self.by_variant[variant["id"]]
        view = self.state.catalog.variant_view(product, variant, lambda n: n)
        return {
            "id": variant["id"],
            "item_type": product["item_type"],
            "pricing_type": variant.get("pricing_type", "one_time"),
            "interval": variant.get("interval"),
            "interval_count": variant.get("interval_count"),
            "validity_period_unit": None,
            "validity_period": None,
            "product_id": product["id"],
            "description": course.get("description"),
            "product_name": product["name"],
            "fullname": view["fullname"],
            "course_settings": {"is_sequential": False},
            "course_sections": [self.section_view(customer, course, s, i) for i, s in enumerate(course["sections"], 1)],
        }

    def section(self, customer: dict[str, Any], section_uuid: str) -> dict[str, Any]:
        found = self.sections.get(section_uuid)
        if found is None:
            raise not_found("Course section", "course_section_not_found")
        course, section = found
        self._owned(customer, course["variant_id"])
        return self.section_view(customer, course, section, course["sections"].index(section) + 1)

    def content(self, customer: dict[str, Any], content_uuid: str) -> dict[str, Any]:
        found = self.contents.get(content_uuid)
        if found is None:
            raise not_found("Course content", "course_content_not_found")
        course, section, content = found
        self._owned(customer, course["variant_id"])
        return self.content_view(customer, course, section, content, section["contents"].index(content) + 1)

    def set_progress(self, customer: dict[str, Any], content_uuid: str, progress: float) -> dict[str, Any]:
        self.content(customer, content_uuid)  # ownership and existence
        self.state.db.put(
            "progress", f"{customer['id']}:{content_uuid}", {"progress": progress, "updated_at": now_iso()}
        )
        return self.content(customer, content_uuid)

    def _progress(self, customer: dict[str, Any], content_uuid: str) -> dict[str, Any]:
        row = self.state.db.get("progress", f"{customer['id']}:{content_uuid}")
        value = float(row["progress"]) if row else 0.0
        return {"updated_at": row["updated_at"] if row else None, "progress": value, "is_completed": value >= 100}

    def content_view(
        self,
        customer: dict[str, Any],
        course: dict[str, Any],
        section: dict[str, Any],
        content: dict[str, Any],
        order: int,
    ) -> dict[str, Any]:
        return {
            "uuid": content["uuid"],
            "title": content.get("title"),
            "text": content.get("text"),
            "type": content.get("type"),
            "duration": content.get("duration"),
            "video_url": content.get("video_url"),
            "sequence_order": order,
            "is_shown": True,
            "is_discussion_active": False,
            "is_email_notification_active": False,
            "section_uuid": section["uuid"],
            "variant_id": course["variant_id"],
            "boosts": [],
            "progress": self._progress(customer, content["uuid"]),
            "is_notification_enabled": False,
            "inserted_at": SEEDED_AT,
            "updated_at": SEEDED_AT,
        }

    def section_view(
        self, customer: dict[str, Any], course: dict[str, Any], section: dict[str, Any], order: int
    ) -> dict[str, Any]:
        contents = [self.content_view(customer, course, section, c, i) for i, c in enumerate(section["contents"], 1)]
        values = [c["progress"]["progress"] for c in contents]
        average = sum(values) / len(values) if values else 0.0
        updated = max((c["progress"]["updated_at"] for c in contents if c["progress"]["updated_at"]), default=None)
        return {
            "uuid": section["uuid"],
            "title": section.get("title"),
            "type": "section",
            "sequence_order": order,
            "is_shown": True,
            "variant_id": course["variant_id"],
            "course_contents": contents,
            "progress": {"updated_at": updated, "progress": round(average, 2), "is_completed": average >= 100},
            "inserted_at": SEEDED_AT,
            "updated_at": SEEDED_AT,
        }
