"""The API documentation page is served by the app with its assets: it works offline."""

import re

import pytest

DOCS = "/schema/swagger"


@pytest.mark.parametrize("docs", ["/schema", DOCS])
async def test_the_docs_page_and_every_asset_it_references_come_from_the_app(client, docs):
    page = await client.get(docs)
    assert page.status_code == 200, page.text[:500]
    assert page.headers["content-type"].startswith("text/html")
    html = page.text
    assert "SwaggerUIBundle" in html
    # Nothing from a CDN or any other host: the page works without the internet.
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html), \
        re.findall(r"""(?:src|href)\s*=\s*["']?[^"' >]+""", html)
    assets = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    assert {a.rsplit("/", 1)[-1] for a in assets} >= {
        "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css",
        "favicon-32x32.png"}
    for url in assets:
        assert url.startswith("/"), url
        asset = await client.get(url)
        assert asset.status_code == 200, url
        assert len(asset.content) > 500, url
    js = await client.get(next(a for a in assets if a.endswith("swagger-ui-bundle.js")))
    assert "javascript" in js.headers["content-type"]
    css = await client.get(next(a for a in assets if a.endswith(".css")))
    assert css.headers["content-type"].startswith("text/css")
    assert "sourceMappingURL" not in css.text  # the map is not shipped: nothing to fetch


async def test_the_schema_the_page_shows_is_the_apps(client):
    schema = await client.get("/schema/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "QuickJob API"
