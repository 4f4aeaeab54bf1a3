"""Visitor journeys through the public pages, in a real browser."""

import pytest
from django.utils import timezone

from resources.models import Resource
from tests.factories import (
    CommuniqueFactory,
    EventFactory,
    NewsItemFactory,
    ResourceFactory,
    ThemeFactory,
    resource_with_file,
)
from tests.files import wav_upload
from tests.helpers import days_from_now

pytestmark = pytest.mark.django_db(transaction=True)

NARROW = 360


def some_content():
    theme = ThemeFactory(name="Coopération internationale des collectivités territoriales")
    communique = CommuniqueFactory(
        title="Webinaire : la coopération décentralisée à l’épreuve de la crise sanitaire",
        surtitre="MEAE/DAECT : communiqué",
        body="<p>" + "Un texte assez long pour passer à la ligne plusieurs fois. " * 20 + "</p>"
        "<table><tr><td>Colonne une très large</td><td>Colonne deux très large</td>"
        "<td>Colonne trois très large</td><td>Colonne quatre très large</td></tr></table>",
        themes=[theme],
        published_at=days_from_now(-3),
    )
    event = EventFactory(
        title="Rencontres franco-japonaises de la coopération décentralisée",
        starts_at=days_from_now(10),
        ends_at=days_from_now(13),
        place="Lyon, Hôtel de Région",
        online_url="https://visio.example.org/salle-de-reunion-tres-longue-adresse",
        access="members",
        themes=[theme],
        published_at=days_from_now(-2),
    )
    NewsItemFactory(title="Retour sur l’atelier de la dynamique Sahel", themes=[theme])
    video = ResourceFactory(
        title="Vidéo : les Rencontres en trois minutes",
        kind=Resource.Kind.VIDEO,
        external_url="https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        transcript="Voix off : quatre jours d’échanges entre élus des deux pays.",
        themes=[theme],
    )
    return theme, communique, event, video


def test_visitor_goes_from_home_to_the_agenda_and_an_event(live_server, page):
    _theme, _communique, event, _video = some_content()
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Agenda"
    ).click()
    page.wait_for_url("**/agenda/")
    assert page.get_by_role("heading", level=1).inner_text() == "Agenda"
    month = timezone.localtime(event.starts_at)  # the heading holds month and year
    assert page.get_by_role("heading", level=2).first.inner_text().lower().endswith(str(month.year))
    page.get_by_role("link", name=event.title).click()
    page.wait_for_url(f"**{event.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == event.title
    assert page.get_by_text("Réservé aux adhérents").is_visible()
    current = page.get_by_role("navigation", name="Navigation principale").locator("[aria-current]")
    assert current.inner_text() == "Agenda"
    # The print button needs the script: it is shown once the script has run.
    assert page.get_by_role("button", name="Imprimer").is_visible()


def test_theme_page_lists_the_content_on_that_theme(live_server, page):
    theme, communique, event, video = some_content()
    page.goto(live_server.url + "/themes/")
    page.get_by_role("link", name=theme.name).click()
    page.wait_for_url(f"**{theme.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == theme.name
    for item in (communique, event, video):
        assert page.get_by_role("link", name=item.title).is_visible()


def test_header_search_box_is_reached_by_keyboard_right_after_the_skip_link(live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Aller au contenu"
    assert page.locator(".skip-link").is_visible()  # shown when focused
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "recherche-q":
            break
    assert page.evaluate("document.activeElement.id") == "recherche-q"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_skip_link_moves_to_the_main_content(live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


def test_no_page_scrolls_sideways_at_360_pixels(live_server, new_page):
    _theme, communique, event, video = some_content()
    photo = ResourceFactory(kind=Resource.Kind.PHOTO, title="Une photo sans fichier")
    page = new_page(width=NARROW)
    for url in (
        "/",
        communique.get_absolute_url(),
        "/agenda/",
        event.get_absolute_url(),
        video.get_absolute_url(),
        "/ressources/",
        "/ressources/photo/",
        photo.get_absolute_url(),
        "/accessibilite/",
        "/plan-du-site/",
    ):
        page.goto(live_server.url + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= NARROW, f"{url} is {width} px wide"


def test_external_video_is_requested_only_after_the_visitor_asks(live_server, page):
    *_, video = some_content()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(live_server.url + video.get_absolute_url())
    page.wait_for_load_state("networkidle")
    assert all(url.startswith(live_server.url) for url in requests), requests
    assert page.locator("iframe").count() == 0

    # Playwright answers the player's request itself: nothing leaves the machine.
    page.route("https://www.youtube-nocookie.com/**", lambda route: route.fulfill(body="ok"))
    page.get_by_role("button", name="Lire la vidéo (YouTube)").click()
    frame = page.locator("iframe")
    assert frame.get_attribute("src") == (
        "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"
    )
    # The title already says "Vidéo :": the player's name does not say it twice.
    assert frame.get_attribute("title") == "Vidéo : les Rencontres en trois minutes"
    page.wait_for_load_state("networkidle")
    outside = [url for url in requests if not url.startswith(live_server.url)]
    assert outside and all(url.startswith("https://www.youtube-nocookie.com/") for url in outside)


def test_without_javascript_the_video_is_a_plain_link(live_server, browser):
    *_, video = some_content()
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + video.get_absolute_url())
        assert not page.get_by_role("button", name="Lire la vidéo (YouTube)").is_visible()
        link = page.get_by_role("link", name="Voir la vidéo sur YouTube")
        assert link.get_attribute("href") == video.external_url
        assert not page.get_by_role("button", name="Imprimer").is_visible()
    finally:
        context.close()


def test_printing_an_article_leaves_out_navigation_sidebar_and_share_links(live_server, page):
    _theme, communique, _event, _video = some_content()
    page.goto(live_server.url + communique.get_absolute_url())
    page.emulate_media(media="print")
    for selector in (".site-header", ".site-footer", ".related", ".article-tools"):
        assert not page.locator(selector).is_visible(), selector
    assert page.get_by_role("heading", level=1).is_visible()


def test_a_visitor_can_seek_in_a_sound_file(live_server, page):
    # The browser's player asks for byte ranges; a server without them leaves some mobile
    # players unable to seek, or to play at all.
    sound = resource_with_file(
        kind=Resource.Kind.SOUND, upload=wav_upload(seconds=3), title="Témoignage d’élue"
    )
    answers = []
    page.on(
        "response",
        lambda response: (
            answers.append((response.status, response.headers.get("content-range")))
            if response.url.endswith(sound.file_url)
            else None
        ),
    )
    page.goto(live_server.url + sound.get_absolute_url())
    page.wait_for_function("() => document.querySelector('audio').readyState >= 1")
    assert page.evaluate("document.querySelector('audio').duration") == pytest.approx(3, abs=0.1)
    page.evaluate("document.querySelector('audio').currentTime = 2.5")
    page.wait_for_function("() => document.querySelector('audio').seeking === false")
    assert page.evaluate("document.querySelector('audio').currentTime") == pytest.approx(
        2.5, abs=0.1
    )
    assert any(status == 206 and content_range for status, content_range in answers), answers
