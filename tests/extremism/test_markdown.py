"""Markdown from editors is rendered and then sanitised (nh3): nothing in it runs, in the page or in print."""

import pytest
from django.urls import reverse

from extremism import services
from extremism.models import GuideSection, WarningSign
from extremism.rendering import render_markdown

pytestmark = pytest.mark.django_db

ATTACKS = {
    "script": "<script>alert('x')</script>",
    "javascript_link": "[Klikk her](javascript:alert('x'))",
    "onerror": '<img src="x" onerror="alert(\'x\')">',
    "iframe": '<iframe src="https://angriper.example/"></iframe>',
    "onclick": '<a href="https://ok.example/" onclick="alert(\'x\')">lenke</a>',
    "data_url": "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
}
DANGEROUS = ["<script", "javascript:", "onerror", "<iframe", "onclick", "data:text/html", "alert("]


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_the_renderer_neutralises(attack):
    html = render_markdown(f"Trygg tekst.\n\n{ATTACKS[attack]}\n\nMer tekst.")
    assert "Trygg tekst." in html and "Mer tekst." in html
    assert not any(bad in html for bad in DANGEROUS), html


def test_ordinary_markdown_survives_and_links_to_other_sites_are_safe():
    html = render_markdown("# Tittel\n\n**Viktig**: [PST](https://www.pst.no) og [e-post](mailto:a@b.no)\n\n- en\n- to")
    assert "<h2>Tittel</h2>" in html  # the page's own title is the only h1
    assert "<strong>Viktig</strong>" in html
    assert '<a href="https://www.pst.no" rel="noopener noreferrer">PST</a>' in html
    assert 'href="mailto:a@b.no"' in html
    assert "<li>en</li>" in html


@pytest.fixture
def hostile_guide(radicalisation_contact):
    body = "Innledning.\n\n" + "\n\n".join(ATTACKS.values())
    section = services.section_save(
        actor=radicalisation_contact,
        section=GuideSection(),
        slug="fiendtlig",
        title="Fiendtlig",
        kind="facts",
        order=1,
        body=body,
    )
    sign = services.sign_save(
        actor=radicalisation_contact,
        sign=WarningSign(),
        title="Tegn",
        meaning=ATTACKS["script"] + " Kan bety noe.",
        not_alone=ATTACKS["onerror"] + " Betyr ikke alt.",
        what_to_do=ATTACKS["javascript_link"] + " Snakk med leder.",
        order=1,
    )
    return section, sign


def _main(html):
    """The page's own content, without the base template's script tags."""
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize(
    "url",
    [
        lambda s: s.get_absolute_url(),
        lambda s: reverse("extremism:section_print", args=[s.slug]),
        lambda s: reverse("extremism:guide_print"),
        lambda s: reverse("extremism:sign_list"),
        lambda s: reverse("extremism:section_history", args=[s.slug]),
    ],
    ids=["page", "print-section", "print-guide", "signs", "history"],
)
def test_pages_and_print_views_neutralise_script(client_for, agency_member, hostile_guide, url):
    section, _sign = hostile_guide
    response = client_for(agency_member).get(url(section))
    assert response.status_code == 200
    main = _main(response.text)
    assert not any(bad in main for bad in DANGEROUS), main
    if "historikk" not in response.request["PATH_INFO"]:
        assert "Innledning." in main or "Kan bety noe." in main


def test_search_excerpts_are_escaped(client_for, agency_member, hostile_guide):
    response = client_for(agency_member).get(reverse("extremism:guide_search"), {"q": "Innledning"})
    main = _main(response.text)
    assert "Fiendtlig" in main
    assert "<script" not in main and "<iframe" not in main
