"""Provinces, cities and subdistricts from the seed, with the v3 shapes and search."""

from __future__ import annotations

from typing import Any

from .seed import Seed


class Locations:
    def __init__(self, seed: Seed) -> None:
        self.provinces = seed.section("locations")
        self.by_id: dict[int, dict[str, Any]] = {}
        for province in self.provinces:
            for city in province["cities"]:
                for sub in city["subdistricts"]:
                    self.by_id[sub["id"]] = {
                        "id": sub["id"],
                        "subdistrict_name": sub["subdistrict_name"],
                        "city_name": city["city_name"],
                        "province_name": province["province_name"],
                        "display": f"{sub['subdistrict_name']}, {city['city_name']}, {province['province_name']}",
                        "_province_id": province["province_id"],
                        "_city_id": city["city_id"],
                        "_zone": province.get("zone", 2),
                        "_postal_codes": sub["postal_codes"],
                    }

    @staticmethod
    def public(location: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in location.items() if not k.startswith("_")}

    @staticmethod
    def _matches(search: str | None, *names: str) -> bool:
        if not search:
            return True
        needle = search.strip().lower()
        return any(needle in name.lower() for name in names)

    def list_provinces(self, search: str | None) -> list[dict[str, Any]]:
        return [
            {"province_id": p["province_id"], "province_name": p["province_name"]}
            for p in sorted(self.provinces, key=lambda p: p["province_name"])
            if self._matches(search, p["province_name"])
        ]

    def list_cities(self, province_id: int | None, search: str | None) -> list[dict[str, Any]]:
        return [
            {"city_id": c["city_id"], "city_name": c["city_name"]}
            for p in self.provinces
            if province_id is None or p["province_id"] == province_id
            for c in sorted(p["cities"], key=lambda c: c["city_name"])
            if self._matches(search, c["city_name"])
        ]

    def list_subdistricts(self, city_id: int | None, search: str | None) -> list[dict[str, Any]]:
        rows = [
            loc
            for loc in self.by_id.values()
            if (city_id is None or loc["_city_id"] == city_id) and self._matches(search, loc["subdistrict_name"])
        ]
        return [self.public(loc) for loc in sorted(rows, key=lambda l: l["subdistrict_name"])]

    def search(self, search: str | None) -> list[dict[str, Any]]:
        """Matches subdistrict, city or province names, as Scalev documents."""
        rows = [
            loc
            for loc in self.by_id.values()
            if self._matches(search, loc["subdistrict_name"], loc["city_name"], loc["province_name"], loc["display"])
        ]
        return [self.public(loc) for loc in sorted(rows, key=lambda l: l["display"])]

    def postal_codes(self, location_id: int, search: str | None) -> list[dict[str, str]] | None:
        location = self.by_id.get(location_id)
        if location is None:
            return None
        return [
            {"postal_code": code} for code in location["_postal_codes"] if not search or code.startswith(search.strip())
        ]

    def get(self, location_id: Any) -> dict[str, Any] | None:
        try:
            return self.by_id.get(int(location_id))
        except (TypeError, ValueError):
            return None
