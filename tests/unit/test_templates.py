"""Every template id, slot and element id the browser code asks for exists in the rendered
shells, and every fragment lives next to the module that clones it
(``templates/fragments/<module>.html`` for ``storefront/browser/<module>.py``)."""

from __future__ import annotations

import ast
import html.parser
from collections import defaultdict
from pathlib import Path

from storefront.payment import FAMILIES
from storefront.routes import NOT_FOUND, ROUTES

ROOT = Path(__file__).resolve().parents[2]
BROWSER = ROOT / "storefront" / "browser"
FRAGMENTS = ROOT / "templates" / "fragments"
#: ``dom`` helpers and the position of the literal each one asks for.
LOOKUPS = {
    "clone": (0, "template"),
    "slot": (1, "slot"),
    "set_text": (1, "slot"),
    "by_id": (0, "id"),
    "by_id_in": (1, "id"),
}


class Shell(html.parser.HTMLParser):
    """Ids, slots, and which template each slot sits in, from one rendered page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.slots: set[str] = set()
        self.template_slots: dict[str, set[str]] = defaultdict(set)
        self.open_templates: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "template":
            self.open_templates.append(str(values.get("id")))
        if values.get("data-slot"):
            self.slots.add(str(values["data-slot"]))
            for template in self.open_templates:
                self.template_slots[template].add(str(values["data-slot"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self.open_templates.pop()


def shells(built_site: Path) -> Shell:
    parser = Shell()
    for route in (*ROUTES, NOT_FOUND):
        parser.feed((built_site / route.shell).read_text())
    return parser


def asked(module: Path) -> dict[str, set[str]]:
    """Literal template ids, slots and element ids a module passes to the ``dom`` helpers."""
    found: dict[str, set[str]] = defaultdict(set)
    for node in ast.walk(ast.parse(module.read_text())):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if not (isinstance(node.func.value, ast.Name) and node.func.value.id == "dom"):
            continue
        if node.func.attr not in LOOKUPS:
            continue
        position, kind = LOOKUPS[node.func.attr]
        argument = node.args[position] if len(node.args) > position else None
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            found[kind].add(argument.value)
        elif isinstance(argument, ast.JoinedStr) and kind == "template":
            prefix = "".join(v.value for v in argument.values if isinstance(v, ast.Constant))
            assert prefix == "tpl-pay-", f"{module}: a computed template id other than tpl-pay-<family>"
            found[kind].update(f"tpl-pay-{family}" for family in FAMILIES)
    return found


def modules() -> list[Path]:
    return sorted(BROWSER.rglob("*.py"))


def test_every_template_slot_and_id_the_browser_asks_for_exists(built_site: Path):
    page = shells(built_site)
    problems = []
    for module in modules():
        wanted = asked(module)
        name = module.relative_to(ROOT)
        problems += [f"{name}: no <template id={t}>" for t in wanted["template"] if t not in page.ids]
        problems += [f"{name}: no data-slot={s}" for s in wanted["slot"] if s not in page.slots]
        problems += [f"{name}: no #{i}" for i in wanted["id"] if i not in page.ids]
    assert problems == []
    assert sum(len(asked(m)["slot"]) for m in modules()) > 60  # the walk really reads the code


def test_the_lookup_walk_notices_a_missing_template(built_site: Path, tmp_path: Path):
    broken = tmp_path / "broken.py"
    broken.write_text('from . import dom\ndom.clone("tpl-nowhere")\ndom.slot(root, "no-such-slot")\n')
    wanted = asked(broken)
    page = shells(built_site)
    assert "tpl-nowhere" not in page.ids and "no-such-slot" not in page.slots
    assert wanted == {"template": {"tpl-nowhere"}, "slot": {"no-such-slot"}}


def test_every_fragment_sits_next_to_a_module_that_clones_it(built_site: Path):
    cloned_by: dict[str, set[str]] = defaultdict(set)
    for module in modules():
        stem = module.relative_to(BROWSER).with_suffix("").as_posix()
        for template in asked(module)["template"]:
            cloned_by[template].add(stem)
    problems = []
    for fragment in sorted(FRAGMENTS.rglob("*.html")):
        owner = fragment.relative_to(FRAGMENTS).with_suffix("").as_posix()
        if not (BROWSER / f"{owner}.py").is_file():
            problems.append(f"{fragment.name}: no module storefront/browser/{owner}.py")
        parser = Shell()
        parser.feed(fragment.read_text())
        for template in parser.template_slots.keys() | {i for i in parser.ids if i.startswith("tpl-")}:
            if owner not in cloned_by[template]:
                problems.append(f"{template} is in fragments/{owner}.html but {owner}.py does not clone it")
    assert problems == []
    view_templates = {f"tpl-view-{route.name}" for route in (*ROUTES, NOT_FOUND)}
    assert view_templates <= shells(built_site).ids
