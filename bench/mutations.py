"""Mutation check: plants small, realistic bugs one at a time and counts how many the test
suite catches.

    .venv/bin/python -m bench.mutations [--only refresh-lock,csp] [--list]

The work happens in a copy of the working tree (the project's files, with ``node_modules``
linked), so the tree itself is never touched. Each mutation replaces one exact piece of source
(it must occur exactly once, or the script stops: a mutation that no longer applies is a stale
check, not a pass), runs the whole suite there (``pytest -x -p no:randomly``: it stops at the
first failure) and puts the file back. A mutation is caught when the suite fails, the test that
failed fails again on its own, and passes without the mutation (otherwise it is counted as
unclear, not caught). The figure
printed at the end is the one to quote. The run takes a while: a mutation the suite misses
runs every test, the browser ones too.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclasses.dataclass(frozen=True)
class Mutation:
    name: str
    why: str  # the bug, as a shopper or a maintainer would meet it
    path: str
    old: str
    new: str


MUTATIONS = (
    # -- the bugs the suite once let through ---------------------------------------------------
    Mutation(
        "refresh-lock",
        "two calls in one tab renew the session at once",
        "storefront/api/flow.py",
        "        async with self._lock:\n            await job()",
        "        await job()",
    ),
    Mutation(
        "web-locks",
        "two tabs renew the session at once",
        "storefront/browser/locks.py",
        'locks = py_value(getattr(js.navigator, "locks", None))',
        "locks = None",
    ),
    Mutation(
        "spent-token-reread",
        "a tab whose storage lags behind another tab's renewal spends the old refresh token",
        "storefront/browser/locks.py",
        "before = await self.caught_up()",
        "before = self.storage.get(REFRESH_TOKEN_KEY)",
    ),
    Mutation(
        "local-total",
        "checkout shows a total worked out in the browser, not the store's",
        "storefront/amounts.py",
        "        return cls(\n            summary.gross_revenue,",
        "        return cls(\n            summary.product_price + summary.shipping_cost - amount,",
    ),
    Mutation(
        "cart-change-in-checkout",
        "couriers and totals stay as they were when the cart changes during checkout",
        "storefront/browser/views/checkout.py",
        "        self.show_cart()\n        spawn(self.refresh_offers())",
        "        self.show_cart()",
    ),
    Mutation(
        "draft-kept",
        "the next checkout shows the last buyer's name, email and address",
        "storefront/browser/views/checkout.py",
        "        self.drafts.remove(DRAFT_KEY)\n        self.ctx.cart.emptied()",
        "        self.ctx.cart.emptied()",
    ),
    Mutation(
        "drawer-rollback",
        "the drawer keeps a quantity the store refused",
        "storefront/cart_store.py",
        "            self.publish(self.cart if self.cart is not None else base)\n"
        "            await self._reread_after(exc)",
        "            await self._reread_after(exc)",
    ),
    Mutation(
        "sold-out-add",
        "a sold-out variant can be added",
        "storefront/browser/views/product.py",
        '            stock.classList.add("out")\n            add.disabled = True',
        '            stock.classList.add("out")\n            add.disabled = False',
    ),
    Mutation(
        "proof-limit",
        "a 10 GB transfer proof is accepted before upload",
        "storefront/payment.py",
        "MAX_PROOF_BYTES = 10 * 1024 * 1024",
        "MAX_PROOF_BYTES = 10 * 1024 * 1024 * 1024",
    ),
    Mutation(
        "sandbox-postal-code",
        "the sandbox takes a parcel without a postal code",
        "scalev_sandbox/checkout.py",
        'if location is not None and totals.shipping is not None and postal_code in (None, ""):',
        "if False:",
    ),
    Mutation(
        "csp-connect",
        "the page may send data to any https host",
        "build.py",
        '" ".join(["connect-src \'self\'", api, *settings.upload_origins, *hosts("connect")])',
        '" ".join(["connect-src \'self\' https:", api, *settings.upload_origins, *hosts("connect")])',
    ),
    # -- what this round of hardening guards ---------------------------------------------------
    Mutation(
        "dompurify-defaults",
        "merchant HTML with ids and styles takes the shop's place",
        "storefront/browser/sanitize.py",
        "fragment = dompurify.default.sanitize(html, config())",
        'fragment = dompurify.default.sanitize(html, js_object({"RETURN_DOM_FRAGMENT": True}))',
    ),
    Mutation(
        "url-policy",
        "a javascript: address from the store becomes a live link",
        "storefront/safe_url.py",
        '    if scheme == "https" and parts.netloc:',
        "    if True:",
    ),
    Mutation(
        "blind-order-retry",
        "a lost order answer is answered by sending the order again",
        "storefront/order_placing.py",
        "            return await self.recover(exc)",
        "            return await self.client.send_order(body, customer=account)",
    ),
    Mutation(
        "pending-not-kept",
        "a reload after a lost order answer forgets to look for the order",
        "storefront/order_placing.py",
        "        write_json(self.storage, PENDING_KEY, dataclasses.asdict(pending))",
        "        pass",
    ),
    Mutation(
        "stale-total-placeable",
        "an order is placed while the total shown is not the store's for the choices",
        "storefront/browser/widgets/summary.py",
        '        return ("checkout.reason.failed" if self.state == FAILED else "checkout.reason.updating"), True',
        "        return None, False",
    ),
    Mutation(
        "late-couriers",
        "an older courier answer is shown over a newer one",
        "storefront/browser/widgets/couriers.py",
        "        if not self.turn.is_current(turn):\n            return False\n        self.options = options",
        "        self.options = options",
    ),
    Mutation(
        "form-while-unknown",
        "the form stays usable while it is unknown whether the order went through",
        "storefront/browser/widgets/place_order.py",
        "        self.form.hidden = True\n        dom.set_text(self.check",
        "        dom.set_text(self.check",
    ),
    Mutation(
        "lost-answer-cart",
        "after a lost answer the badge shows a cart the store no longer holds",
        "storefront/cart_store.py",
        "        if uncertain(error):\n            await self.reread()",
        "        if False:\n            await self.reread()",
    ),
    Mutation(
        "spoiled-cache",
        "a cached read another version wrote breaks the page",
        "storefront/api/answers.py",
        "                    continue  # read again from the store",
        "                    raise",
    ),
    Mutation(
        "unread-answers",
        "an answer that is not JSON hangs the page instead of saying so",
        "storefront/api/client.py",
        '            raise BadAnswer(f"the answer is not JSON ({exc})", response.request_id) from None',
        "            raise",
    ),
    Mutation(
        "draft-types",
        "a hand-edited draft with wrong types breaks checkout",
        "storefront/checkout_form.py",
        '    if field.type in ("str", str):\n        return isinstance(value, str)',
        '    if field.type in ("str", str):\n        return True',
    ),
    Mutation(
        "stale-reset",
        "a 429 without a reset blocks reads for another bucket's minute",
        "storefront/api/policy.py",
        "        if not reset_given or self.reset_at is None",
        "        if self.reset_at is None",
    ),
    Mutation(
        "no-reference",
        "an unknown error hides the request id a merchant needs",
        "storefront/error_text.py",
        "    return f\"{text} {t('error.reference', id=request_id)}\" if request_id else text",
        "    return text",
    ),
    Mutation(
        "fragment-rerenders",
        "the skip link reloads the view",
        "storefront/browser/app.py",
        "        if str(js.location.pathname) != self.shown:",
        "        if True:",
    ),
    Mutation(
        "money-numbers",
        "money sent as a number is read as nothing",
        "storefront/money.py",
        '    if value is None or value == "":\n        return None',
        '    if value is None or value == "" or not isinstance(value, str):\n        return None',
    ),
    # -- conversion events and checkout intents -------------------------------------------------
    Mutation(
        "purchase-numeric-id",
        "order events carry the numeric id, so pixel and relay ids no longer follow Scalev's guide",
        "storefront/conversions.py",
        "order_number=order.order_id)",
        "order_number=order.id)",
    ),
    Mutation(
        "spam-purchase",
        "a probable-spam order is reported as a purchase",
        "storefront/conversions.py",
        "    if order.is_probably_spam or not order.order_id:",
        "    if not order.order_id:",
    ),
    Mutation(
        "snack-without-click",
        "the SnackVideo relay is called without a click id",
        "storefront/conversions.py",
        '        elif channel == "snackvideo" and attribution.kwai_click_id:',
        '        elif channel == "snackvideo":',
    ),
    Mutation(
        "consent-ignored",
        "pixels load before the shopper accepts",
        "storefront/browser/consent.py",
        "        return not self.required or self.choice == GRANTED",
        "        return True",
    ),
    Mutation(
        "purchase-twice",
        "an order the store answers with again (its duplicate-order window) is reported twice",
        "storefront/browser/tracking.py",
        "        if not self.on or order.order_id in reported:",
        "        if not self.on:",
    ),
    Mutation(
        "intent-not-linked",
        "the order does not name its checkout intent",
        "storefront/browser/views/checkout.py",
        "guest_order(self.draft, self.cart, self.shipping, intent_token=token)",
        "guest_order(self.draft, self.cart, self.shipping, intent_token=None)",
    ),
    Mutation(
        "sandbox-forwarded-for",
        "the sandbox believes X-Forwarded-For, so a header skips the sign-in limit",
        "scalev_sandbox/config.py",
        "    trust_forwarded_for: bool = False",
        "    trust_forwarded_for: bool = True",
    ),
    Mutation(
        "sandbox-control-open",
        "any web page can reset the sandbox with a simple POST",
        "scalev_sandbox/routes/control.py",
        '    if request.headers.get(CONTROL_HEADER) != "1":',
        "    if False:",
    ),
    Mutation(
        "sandbox-body-cap",
        "the sandbox reads a body of any size",
        "scalev_sandbox/requests.py",
        "        if size > limit:\n            raise too_large(limit)",
        "        if False:\n            raise too_large(limit)",
    ),
)


def copy_of_tree(into: Path) -> Path:
    """The project's files (tracked, and new ones not ignored) copied under ``into``."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    tree = into / "tree"
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (tree / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, tree / name)
    (tree / "node_modules").symlink_to(ROOT / "node_modules")
    return tree


def apply(tree: Path, mutation: Mutation) -> str:
    """Plants the mutation; returns the file's text as it was."""
    path = tree / mutation.path
    original = path.read_text()
    if original.count(mutation.old) != 1:
        raise SystemExit(f"{mutation.name}: its text occurs {original.count(mutation.old)} times in {mutation.path}")
    path.write_text(original.replace(mutation.old, mutation.new))
    return original


PYTEST = [str(ROOT / ".venv/bin/pytest"), "-q", "-p", "no:randomly", "-p", "no:cacheprovider"]


def caught(tree: Path, mutation: Mutation) -> tuple[str, str, float]:
    """``caught``, ``missed`` or ``unclear``, with the test that failed and the time taken.

    Caught means: the suite fails with the mutation, the test that failed fails again on its
    own with it, and passes on its own without it. A failure that does not repeat is a test
    that fails now and then (a loaded machine), which proves nothing: unclear."""
    original = apply(tree, mutation)
    started = time.monotonic()
    try:
        run = subprocess.run([*PYTEST, "-x"], cwd=tree, capture_output=True, text=True)
        failed = [line for line in run.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]
        test = failed[0].split()[1] if failed else ""
        again = subprocess.run([*PYTEST, test], cwd=tree, capture_output=True, text=True) if test else None
    finally:
        (tree / mutation.path).write_text(original)
    if run.returncode == 0:
        return "missed", "", time.monotonic() - started
    if again is None or again.returncode == 0:
        return "unclear", test, time.monotonic() - started
    clean = subprocess.run([*PYTEST, test], cwd=tree, capture_output=True, text=True)
    return ("caught" if clean.returncode == 0 else "unclear"), test, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="comma-separated mutation names")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    chosen = [m for m in MUTATIONS if not args.only or m.name in args.only.split(",")]
    if args.list:
        for m in chosen:
            print(f"{m.name:<24} {m.why}")
        return
    results = []
    work = Path(tempfile.mkdtemp(prefix="mutations-"))
    tree = copy_of_tree(work)
    for mutation in chosen:
        verdict, by, seconds = caught(tree, mutation)
        results.append((mutation, verdict))
        print(f"{verdict:<8} {mutation.name:<24} {seconds:5.0f} s  {by}", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    found = sum(verdict == "caught" for _, verdict in results)
    print(f"\nThe suite caught {found} of {len(results)} planted bugs ({100 * found // max(len(results), 1)} %).")
    for mutation, verdict in results:
        if verdict != "caught":
            print(f"  {verdict}: {mutation.name} — {mutation.why}")
    sys.exit(0 if found == len(results) else 1)


if __name__ == "__main__":
    main()
