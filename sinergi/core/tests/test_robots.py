"""robots.txt: search engines index the public catalogue and the open statistics, nothing else."""

import pytest


@pytest.mark.django_db
def test_robots_allows_only_the_public_pages_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Allow: /katalog/",
        "Allow: /statistik/",
        "Disallow: /",
        "Sitemap: http://testserver/katalog/sitemap.xml",
    ]
