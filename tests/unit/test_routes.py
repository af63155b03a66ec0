from storefront.routes import href, match


def test_paths_match_their_routes_with_parameters():
    assert match("/").name == "catalog"
    found = match("/products/kaos-katun-premium")
    assert (found.name, found.params) == ("product", {"slug": "kaos-katun-premium"})
    assert match("/bundles/paket-hemat-3-kelas/").params == {"slug": "paket-hemat-3-kelas"}


def test_unknown_and_nested_paths_are_not_found():
    assert match("/nope").name == "not_found"
    assert match("/products/a/b").name == "not_found"
    assert match("/products/").name == "not_found"


def test_href_quotes_parameters():
    assert href("product", slug="kaos-katun-premium") == "/products/kaos-katun-premium"
    assert href("product", slug="a/b c") == "/products/a%2Fb%20c"
    assert match(href("bundle", slug="x")).name == "bundle"
