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


def test_after_signing_in_the_shopper_returns_only_to_pages_of_this_shop():
    from storefront.routes import return_path, sign_in_path

    assert return_path("/checkout") == "/checkout"
    assert return_path("/account/orders?x=1") == "/account/orders?x=1"
    for hostile in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", ""):
        assert return_path(hostile) == "/account"
    assert return_path("/signin") == "/account" and return_path("/no/such/page") == "/account"
    assert sign_in_path("/checkout?a=b") == "/signin?next=%2Fcheckout%3Fa%3Db"
    assert match("/account/orders/0193").params == {"id": "0193"}
