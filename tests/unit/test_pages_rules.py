from preview.pages_rules import first_redirect, headers_for, parse_headers, parse_redirects

HEADERS = """
# comment
/*
  Cache-Control: public, max-age=0, must-revalidate
  X-Frame-Options: DENY
/vendor/*
  ! Cache-Control
  Cache-Control: public, max-age=31536000, immutable
/products/:slug
  X-Robots-Tag: noindex
/*
  X-Frame-Options: SAMEORIGIN
"""


def test_every_matching_rule_applies_and_detach_removes_earlier_values():
    rules = parse_headers(HEADERS)
    vendor = headers_for(rules, "/vendor/pyodide/pyodide.asm.wasm")
    assert vendor["Cache-Control"] == "public, max-age=31536000, immutable"
    assert vendor["X-Frame-Options"] == "DENY, SAMEORIGIN"
    page = headers_for(rules, "/products/kaos")
    assert page["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert page["X-Robots-Tag"] == "noindex"
    assert "X-Robots-Tag" not in headers_for(rules, "/products/kaos/extra")


def test_redirects_take_placeholders_and_splats_and_the_first_match_wins():
    redirects = parse_redirects(
        "/products/:slug /_shells/product 200\n/old/* /new/:splat 301\n/old/x /never\n/go /there\n"
    )
    rule, target = first_redirect(redirects, "/products/kaos")
    assert (rule.status, target) == (200, "/_shells/product")
    assert first_redirect(redirects, "/old/a/b")[1] == "/new/a/b"
    assert first_redirect(redirects, "/old/x")[1] == "/new/x"
    assert first_redirect(redirects, "/go")[0].status == 302
    assert first_redirect(redirects, "/products/a/b") is None
