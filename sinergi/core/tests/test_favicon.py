from django.test import Client


def test_every_page_links_the_favicon(db):
    html = Client().get("/masuk/").content.decode()
    assert '<link rel="icon" type="image/svg+xml" href="/static/favicon.svg">' in html


def test_the_favicon_is_a_static_file():
    from django.contrib.staticfiles import finders

    with open(finders.find("favicon.svg")) as svg:
        assert svg.read().startswith("<svg ")
