"""HTML parsing: decoding, each rule of the metadata cascades, body extraction, robustness.

Every record produced here is validated against the shipped JSON Schema.
"""

from __future__ import annotations

import socket
from typing import Any

import pytest

from newsarchive.errors import ParseError
from newsarchive.parse import parse
from newsarchive.parse.body import split_credit
from newsarchive.parse.html import decode_html, normalize_language, strip_site_suffix
from newsarchive.parse.html_byline import people_from_text
from newsarchive.serialize import to_dict

from .conftest import assert_valid_record

PARAGRAPHS = (
    "<p>The council approved the budget on Tuesday after a debate that ran late into the night.</p>"
    "<p>Opposition members said the plan would leave libraries short of staff next winter.</p>"
)


def record(html: str | bytes) -> dict[str, Any]:
    data = html.encode("utf-8") if isinstance(html, str) else html
    result = to_dict(parse(data, "page.html"))
    assert_valid_record(result)
    return result


def page(head: str = "", body: str = PARAGRAPHS, html_attrs: str = "") -> str:
    return f"<!DOCTYPE html><html {html_attrs}><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


# --- decoding ----------------------------------------------------------------------------


class TestDecoding:
    def test_declared_latin1_is_read_as_windows_1252(self) -> None:
        data = page("<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>",
                    "<h1>Gr\xfc\xdfe aus M\xfcnchen</h1>" + PARAGRAPHS).replace("charset='utf-8'", "")  # fmt: skip
        result = record(data.encode("latin-1"))
        assert result["headline"] == "Grüße aus München"
        assert result["source"]["encoding"] == "cp1252"

    def test_windows_1252_quotes_are_not_mojibake(self) -> None:
        html = page("<meta charset='windows-1252'>", "<h1>\u201cQuoted\u201d \u2013 title</h1>" + PARAGRAPHS)
        result = record(html.replace("<meta charset='utf-8'>", "").encode("cp1252"))
        assert result["headline"] == "\u201cQuoted\u201d \u2013 title"

    def test_bom_wins_over_declared_charset(self) -> None:
        html = page("<meta charset='iso-8859-1'>", "<h1>Café</h1>" + PARAGRAPHS).replace("<meta charset='utf-8'>", "")
        result = record(b"\xef\xbb\xbf" + html.encode("utf-8"))
        assert result["headline"] == "Café"
        assert result["source"]["encoding"] == "utf-8"

    def test_utf8_bytes_under_a_latin1_declaration_stay_utf8(self) -> None:
        text, encoding, _ = decode_html("<meta charset='iso-8859-1'><p>Zürich</p>".encode())
        assert (text.endswith("Zürich</p>"), encoding) == (True, "utf-8")

    def test_undeclared_single_byte_page_is_detected(self) -> None:
        text, encoding, _ = decode_html("<p>Caf\xe9 cr\xe8me</p>".encode("cp1252"))
        assert "Café crème" in text and encoding == "cp1252"


# --- headline ----------------------------------------------------------------------------


class TestHeadline:
    def test_visible_h1_matching_og_title_is_used(self) -> None:
        head = "<meta property='og:title' content='Budget passes | Daily Example'><title>x</title>"
        assert record(page(head, "<h1>Budget passes</h1>" + PARAGRAPHS))["headline"] == "Budget passes"

    @pytest.mark.parametrize(
        ("title", "sites", "expected"),
        [
            ("Budget passes | Daily Example", ["Daily Example"], "Budget passes"),
            ("Budget passes - Daily Example", ["Daily Example"], "Budget passes"),
            ("Budget passes • Daily Example", ["Daily Example"], "Budget passes"),
            ("Budget passes — Daily Example", ["Daily Example"], "Budget passes"),
            ("Daily Example | Budget passes", ["Daily Example"], "Budget passes"),
            ("Budget passes - News - Daily Example", ["Daily Example", "news"], "Budget passes"),
            ("Budget passes - BBC News", ["bbc", "bbc.co.uk"], "Budget passes"),
            ("Brexit - what happens next", [], "Brexit - what happens next"),
            ("A long headline about the budget | Examplepaper", [], "A long headline about the budget"),
        ],
        ids=["pipe", "hyphen", "bullet", "em-dash", "prefix", "section-and-site", "host-label", "no-site-kept",
             "short-pipe-tail"],
    )  # fmt: skip
    def test_site_suffix_is_removed(self, title: str, sites: list[str], expected: str) -> None:
        assert strip_site_suffix(title, sites) == expected

    def test_a_double_hyphen_separates_the_site_name_like_a_dash(self) -> None:
        """`--` is how plain-text habits type a dash (`Title -- Site.net`), so it separates as one."""
        assert strip_site_suffix("Budget passes after a long night -- Example.net", ["example"]) == (
            "Budget passes after a long night"
        )

    def test_section_segments_before_the_site_name_go_with_it(self) -> None:
        """`Title | Section | Site`: once the site name is off, the short section names before it
        are labels too, as they are when no site name is known."""
        assert strip_site_suffix("Budget passes after a long night | Politics | Local | Daily Example",
                                 ["Daily Example"]) == "Budget passes after a long night"  # fmt: skip

    def test_h1_that_is_a_segment_of_the_title_wins(self) -> None:
        assert strip_site_suffix(
            "Budget passes: what it means - Politics | Ex", [], ["Budget passes: what it means"]
        ) == ("Budget passes: what it means")

    def test_jsonld_headline_outranks_title_tag(self) -> None:
        head = (
            "<title>Other | Site</title>"
            '<script type="application/ld+json">{"@type":"NewsArticle","headline":"From LD"}</script>'
        )
        assert record(page(head))["headline"] == "From LD"

    def test_metadata_title_shown_as_h2_outranks_an_h1_matching_title_tag(self) -> None:
        head = "<title>Short label | Site</title><meta property='og:title' content='The full headline of the story'>"
        body = "<h1>Short label</h1><h2>The full headline of the story</h2>" + PARAGRAPHS
        assert record(page(head, body))["headline"] == "The full headline of the story"

    def test_metadata_title_shown_as_h2_outranks_an_unprinted_one_on_a_page_without_h1(self) -> None:
        """With no h1, the metadata title the page prints as an h2 is its visible headline."""
        head = ("<meta property='og:title' content='The full headline of the story'>"
                '<script type="application/ld+json">{"@type":"NewsArticle",'
                '"headline":"A search title the page never prints"}</script>')  # fmt: skip
        body = "<article><h2>The full headline of the story</h2>" + PARAGRAPHS + "</article>"
        assert record(page(head, body))["headline"] == "The full headline of the story"

    def test_h2_naming_the_site_is_not_the_headline_of_a_page_without_h1(self) -> None:
        """An h2 that prints the site's name does not make a site-named metadata title the headline."""
        head = ("<meta property='og:site_name' content='Valley Voice'>"
                "<meta name='twitter:title' content='Valley Voice'>"
                '<script type="application/ld+json">{"@type":"NewsArticle",'
                '"headline":"Wind farm approved after long debate"}</script>')  # fmt: skip
        body = "<h2>Valley Voice</h2><article>" + PARAGRAPHS + "</article>"
        assert record(page(head, body))["headline"] == "Wind farm approved after long debate"

    def test_logo_h1_is_not_the_headline(self) -> None:
        head = "<meta property='og:title' content='Budget passes after a long night'>"
        body = "<h1><a href='/'><img alt='Example'>Example Daily Logo</a></h1>" + PARAGRAPHS
        assert record(page(head, body))["headline"] == "Budget passes after a long night"

    def test_h1_with_a_section_label_gives_the_metadata_title(self) -> None:
        head = "<meta property='og:title' content='Brothel busted in the city centre'>"
        body = "<article><h1>Local News | Brothel busted in the city centre</h1>" + PARAGRAPHS + "</article>"
        assert record(page(head, body))["headline"] == "Brothel busted in the city centre"

    def test_unambiguous_visible_h1_wins_over_a_different_og_title(self) -> None:
        head = "<meta property='og:title' content='Brexit: Nervenkrieg geht weiter'>"
        body = "<article><h1>Der Nervenkrieg um den Brexit geht in die nächste Runde</h1>" + PARAGRAPHS + "</article>"
        assert record(page(head, body))["headline"] == "Der Nervenkrieg um den Brexit geht in die nächste Runde"

    def test_cjk_h1_in_the_article_counts_its_characters_as_words(self) -> None:
        head = "<meta property='og:title' content='新聞ストッカーは引越しにも使える！ 新聞も家具も簡単に固定'>"
        body = "<article><h1>新聞ストッカーは引越しにも使える！ 家具の固定も簡単</h1>" + PARAGRAPHS + "</article>"
        assert record(page(head, body))["headline"] == "新聞ストッカーは引越しにも使える！ 家具の固定も簡単"

    def test_short_cjk_h1_outside_the_article_is_a_label(self) -> None:
        head = "<meta property='og:title' content='早期発見、早期対処のセキュリティ'>"
        body = "<div><h1>イベント・セミナー情報</h1></div><article>" + PARAGRAPHS + "</article>"
        assert record(page(head, body))["headline"] == "早期発見、早期対処のセキュリティ"

    def test_kicker_set_apart_in_the_heading_is_dropped_when_og_title_is_the_rest(self) -> None:
        head = ("<meta property='og:title' content='Das Geheimnis der Riesenblumen'>"
                '<script type="application/ld+json">{"@type":"NewsArticle",'
                '"headline":"Genetik: Das Geheimnis der Riesenblumen"}</script>')  # fmt: skip
        body = ("<h2><span class='content__kicker'>Genetik</span><span class='sr-only'>: </span>"
                "<span class='content__title'>Das Geheimnis der Riesenblumen</span></h2>" + PARAGRAPHS)  # fmt: skip
        assert record(page(head, body))["headline"] == "Das Geheimnis der Riesenblumen"

    def test_kicker_in_the_h1_is_kept_when_og_title_spells_it(self) -> None:
        head = ("<meta property='og:title' content='Bubi-Bomber wieder da: Thioune fordert Geduld'>"
                '<script type="application/ld+json">{"@type":"NewsArticle",'
                '"headline":"Thioune fordert Geduld"}</script>')  # fmt: skip
        body = ("<article><h1><span class='kicker'>Bubi-Bomber wieder da</span>: "
                "<span>Thioune fordert Geduld</span></h1>" + PARAGRAPHS + "</article>")  # fmt: skip
        assert record(page(head, body))["headline"] == "Bubi-Bomber wieder da: Thioune fordert Geduld"

    def test_kicker_glued_to_the_h1_takes_the_separator_og_title_sets(self) -> None:
        head = "<meta property='og:title' content='Ausschuss zur Flut: Zwei Rücktritte und offene Fragen'>"
        body = ("<article><h1><span class='seitenkopf__topline'>Ausschuss zur Flut</span>"
                "<span>Zwei Rücktritte und offene Fragen</span></h1>" + PARAGRAPHS + "</article>")  # fmt: skip
        assert record(page(head, body))["headline"] == "Ausschuss zur Flut: Zwei Rücktritte und offene Fragen"

    def test_kicker_just_before_the_h1_is_kept_when_og_title_spells_it(self) -> None:
        head = "<meta property='og:title' content='Kenia: Nairobi von unten'>"
        body = ("<article><div id='overline'>Kenia</div><h1>Nairobi von unten</h1>"
                + PARAGRAPHS + "</article>")  # fmt: skip
        assert record(page(head, body))["headline"] == "Kenia: Nairobi von unten"

    def test_h2_headline_shown_after_a_kicker_is_the_og_title_it_shows(self) -> None:
        head = ("<meta property='og:title' content='Trump spricht über Bodeneinsätze'>"
                '<script type="application/ld+json">{"@type":"NewsArticle",'
                '"headline":"Olympia: ein ganz anderer Titel für Suchmaschinen"}</script>')  # fmt: skip
        body = ("<article><h2><span>&quot;Es wird bald beginnen&quot;</span>"
                "<span>Trump spricht über Bodeneinsätze</span></h2>" + PARAGRAPHS + "</article>")  # fmt: skip
        assert record(page(head, body))["headline"] == "Trump spricht über Bodeneinsätze"

    def test_h1_ending_the_metadata_title_drops_its_kicker(self) -> None:
        head = "<meta property='og:title' content='Siemens und die Kohlemine: Kaeser verarscht Neubauer'>"
        body = "<article><h1>Kaeser verarscht Neubauer</h1>" + PARAGRAPHS + "</article>"
        assert record(page(head, body))["headline"] == "Kaeser verarscht Neubauer"

    def test_h1_opening_the_metadata_title_is_a_label(self) -> None:
        head = "<meta property='og:title' content='Lust for Youth: Lust for Youth'>"
        body = "<article><h1>Lust for Youth</h1>" + PARAGRAPHS + "</article>"
        assert record(page(head, body))["headline"] == "Lust for Youth: Lust for Youth"

    def test_kicker_opening_the_h1_on_its_own_line_is_dropped_when_the_title_confirms(self) -> None:
        head = "<title>Wind farm approved - Valley Voice</title><meta property='og:site_name' content='Valley Voice'>"
        body = "<article><h1><span class='sub'>Energy:</span><br>Wind farm approved</h1>" + PARAGRAPHS + "</article>"
        assert record(page(head, body))["headline"] == "Wind farm approved"

    def test_h1_opening_with_an_element_is_kept_whole_without_a_confirming_title(self) -> None:
        body = "<article><h1><span>Energy:</span> Wind farm approved</h1>" + PARAGRAPHS + "</article>"
        assert record(page("<title>Valley Voice</title>", body))["headline"] == "Energy: Wind farm approved"

    def test_og_title_shortening_the_h1_that_the_title_tag_repeats_is_the_headline(self) -> None:
        """The publisher wrote a short headline (og:title's words a subsequence of the h1's,
        `<title>` the long one): that is its title; the printed h1 still leaves the body."""
        head = ("<title>Police to investigate reports of information leaks to gangs | Example News</title>"
                "<meta property='og:title' content='Police to investigate reports of leaks to gangs'>"
                "<meta property='og:site_name' content='Example News'>")  # fmt: skip
        body = ("<article><header><div>Jane Doe</div><h1>Police to investigate reports of information leaks to gangs"
                "</h1></header>" + PARAGRAPHS + "</article>")  # fmt: skip
        result = record(page(head, body))
        assert result["headline"] == "Police to investigate reports of leaks to gangs"
        assert [s["heading"] for s in result["sections"]] == [None]

    def test_og_title_cut_with_an_ellipsis_is_not_a_shortened_headline(self) -> None:
        """An og:title ending in `…` is the h1 cut for length: the printed h1 stays the headline."""
        h1 = "Police to investigate reports of information leaks to gangs"
        head = f"<title>{h1}</title><meta property='og:title' content='Police to investigate reports of information…'>"
        body = f"<article><h1>{h1}</h1>" + PARAGRAPHS + "</article>"
        assert record(page(head, body))["headline"] == h1

    def test_og_title_shortening_the_h1_is_not_taken_when_the_title_tag_differs(self) -> None:
        """Without `<title>` repeating the h1, the printed h1 stays the headline (rule 1d)."""
        head = ("<title>Leaks to gangs</title>"
                "<meta property='og:title' content='Police to investigate reports of leaks to gangs'>")  # fmt: skip
        h1 = "Police to investigate reports of information leaks to gangs"
        body = f"<article><h1>{h1}</h1>" + PARAGRAPHS + "</article>"
        assert record(page(head, body))["headline"] == h1

    def test_microdata_headline_of_the_article_wins_over_an_h1_outside_its_item(self) -> None:
        """The h1 labels a trail outside the article's schema.org item; the item's visible
        `itemprop="headline"` is the printed headline, a short first element of it a kicker."""
        head = "<title>Sick child: what employers must know | Example News</title>"
        body = ("<ul><li><a href='/law'>Law</a></li><li><h1>Sick child: what employers must know</h1></li></ul>"
                "<article itemscope itemtype='https://schema.org/Article'><header>"
                "<div itemprop='headline'><span class='hl'>Sick child</span> What employers must know about "
                "the rights of parents</div></header><div itemprop='articleBody'>" + PARAGRAPHS
                + "</div></article>")  # fmt: skip
        result = record(page(head, body))
        assert result["headline"] == "What employers must know about the rights of parents"
        assert "Sick child" not in " ".join(p for s in result["sections"] for p in s["paragraphs"])

    def test_microdata_headline_of_a_teaser_card_does_not_replace_the_h1(self) -> None:
        """An item without the article's body is a teaser's card: its headline is the teaser's."""
        body = ("<h1>Sick child: what employers must know</h1>" + PARAGRAPHS
                + "<div itemscope itemtype='https://schema.org/Article'><h3 itemprop='headline'>"
                "Ten tips for a calmer school morning routine</h3></div>")  # fmt: skip
        assert record(page("<title>Parents</title>", body))["headline"] == "Sick child: what employers must know"

    def test_microdata_headline_gives_way_to_an_h1_inside_its_item(self) -> None:
        """An h1 inside the item is the article's own heading: the cascade keeps it."""
        head = "<title>Sick child: what employers must know | Example News</title>"
        body = ("<article itemscope itemtype='https://schema.org/Article'>"
                "<h1>Sick child: what employers must know</h1>"
                "<div itemprop='headline'>What employers must know about the rights of parents</div>"
                + PARAGRAPHS + "</article>")  # fmt: skip
        assert record(page(head, body))["headline"] == "Sick child: what employers must know"

    def test_h1s_set_in_links_to_other_pages_are_teasers_not_the_headline(self) -> None:
        """A teaser's h1 links to its own story; the page's h1 is the one not set in a link,
        even past the first five h1s."""
        teasers = "".join(
            f"<article><a href='/news/{n}/story-{n}'><h1>Teaser story number {n} of the day</h1></a></article>"
            for n in range(6)
        )
        head = "<meta property='og:title' content='Council approves the budget'>"
        body = teasers + "<article><h1>Budget passes after a long night</h1>" + PARAGRAPHS + "</article>"
        assert record(page(head, body))["headline"] == "Budget passes after a long night"

    def test_h1_linking_to_the_page_itself_stays_the_headline(self) -> None:
        """A permalink h1 (`<h1><a href=own address>`) is the page's own title, not a teaser."""
        head = ("<link rel='canonical' href='https://example.org/2024/05/budget-passes'>"
                "<meta property='og:title' content='Budget passes after a long night'>")  # fmt: skip
        body = ("<div><h1>Notes from the town hall</h1></div><article><h1><a href='/2024/05/budget-passes/'>"
                "Budget passes after a long night</a></h1>" + PARAGRAPHS + "</article>")  # fmt: skip
        assert record(page(head, body))["headline"] == "Budget passes after a long night"

    def test_site_suffix_named_by_the_host_the_page_links_to_is_removed(self) -> None:
        """Without its own address, the page's links name its site: most lead to one host."""
        links = "".join(f"<a href='http://www.valleyvoice.example/news/{n}'>Story {n}</a> " for n in range(3))
        head = "<title>Council approves the budget - Valleyvoice</title>"
        body = "<nav>" + links + "<a href='https://other.example/'>Other</a></nav>" + PARAGRAPHS
        assert record(page(head, body))["headline"] == "Council approves the budget"

    def test_site_suffix_stays_when_no_host_takes_half_the_links(self) -> None:
        """Links spread over many hosts name no site, even the host most of them lead to: the
        title keeps its last segment."""
        links = "".join(f"<a href='http://site{n}.example/'>Site {n}</a> " for n in range(3))
        home = "<a href='http://valleyvoice.example/'>Home</a><a href='http://valleyvoice.example/about'>About</a>"
        head = "<title>Council approves the budget - Valleyvoice</title>"
        body = "<nav>" + links + home + "</nav>" + PARAGRAPHS
        assert record(page(head, body))["headline"] == "Council approves the budget - Valleyvoice"

    def test_linked_h1_that_og_title_spells_stays_the_headline(self) -> None:
        """A metadata title matches any h1: one it spells is the page's, whatever its link says."""
        head = ("<link rel='canonical' href='https://example.org/amp/budget'>"
                "<meta property='og:title' content='Budget passes after a long night'>")  # fmt: skip
        body = ("<div><h1>Notes from the town hall</h1></div><article><h1><a href='/2024/05/budget-passes'>"
                "Budget passes after a long night</a></h1>" + PARAGRAPHS + "</article>")  # fmt: skip
        assert record(page(head, body))["headline"] == "Budget passes after a long night"

    def test_blog_archive_segment_is_not_part_of_the_headline(self) -> None:
        head = ("<link rel='canonical' href='https://example.org/podcasts'>"
                "<title>Example.org &raquo; Blog Archive &raquo; Podcasts on a home server</title>")
        assert record(page(head))["headline"] == "Podcasts on a home server"

    def test_title_tag_is_the_last_resort(self) -> None:
        assert record(page("<title>Only the title</title>"))["headline"] == "Only the title"


# --- dates -------------------------------------------------------------------------------


class TestDates:
    def test_jsonld_date_published_wins_and_keeps_offset(self) -> None:
        head = ('<meta property="article:published_time" content="2020-01-01T00:00:00Z">'
                '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-03-04T07:15:00+01:00"}'
                "</script>")  # fmt: skip
        result = record(page(head))
        assert (result["date"], result["date_raw"]) == ("2021-03-04T07:15:00+01:00", "2021-03-04T07:15:00+01:00")

    def test_meta_published_time_is_read(self) -> None:
        head = '<meta property="article:published_time" content="2019-10-02T06:00:00.000Z">'
        assert record(page(head))["date"] == "2019-10-02T06:00:00+00:00"

    def test_naive_time_gets_no_invented_offset(self) -> None:
        head = '<meta name="date" content="2019-10-02 06:00">'
        assert record(page(head))["date"] == "2019-10-02T06:00:00"

    def test_time_element_is_a_fallback(self) -> None:
        body = '<time class="published" datetime="2018-05-06">6 May</time>' + PARAGRAPHS
        assert record(page("", body))["date"] == "2018-05-06"

    def test_url_date_is_a_fallback(self) -> None:
        head = '<link rel="canonical" href="https://example.com/2017/08/09/story-slug">'
        result = record(page(head))
        assert (result["date"], result["date_raw"]) == ("2017-08-09", "2017/08/09")

    def test_date_written_in_german_in_a_date_element(self) -> None:
        body = "<h1>Titel</h1><span class='published'>31. Oktober 2023</span>" + PARAGRAPHS
        result = record(page("", body))
        assert (result["date"], result["date_raw"]) == ("2023-10-31", "31. Oktober 2023")

    def test_value_without_year_is_ignored(self) -> None:
        body = "<span class='date'>Oct 5</span>" + PARAGRAPHS
        assert record(page("", body))["date"] is None

    def test_printed_date_overrides_a_stale_metadata_date(self) -> None:
        head = '<meta property="article:published_time" content="2021-12-14T15:41:07+01:00">'
        body = "<div><h1>Warum sich das Warten lohnt</h1><span>04.02.2022 | 15:33 Uhr</span></div>" + PARAGRAPHS
        result = record(page(head, body))
        assert (result["date"], result["date_raw"]) == ("2022-02-04", "04.02.2022")

    def test_printed_update_date_becomes_date_modified(self) -> None:
        head = '<meta property="article:published_time" content="2019-06-17T00:00:00+00:00">'
        body = "<div><h1>Docker packaging guide</h1><p>Last updated 04 Jun 2020</p></div>" + PARAGRAPHS
        result = record(page(head, body))
        assert (result["date"][:10], result["date_modified"]) == ("2019-06-17", "2020-06-04")

    def test_one_day_gap_under_an_offset_keeps_the_timestamp(self) -> None:
        head = '<meta property="article:published_time" content="2016-12-29T01:32:00+00:00">'
        body = "<div><h1>An evening story</h1><span>December 28, 2016</span></div>" + PARAGRAPHS
        assert record(page(head, body))["date"] == "2016-12-29T01:32:00+00:00"

    def test_same_moment_is_kept_in_the_offset_the_page_prints(self) -> None:
        head = ('<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-05-05T21:00:00-05:00"}'
                '</script><meta property="article:published_time" content="2022-05-06T02:00:00Z">')  # fmt: skip
        body = "<div><span class='date'>6 May 2022 - 2:00 a. m.</span><h1>Orion case reopened</h1></div>" + PARAGRAPHS
        assert record(page(head, body))["date"] == "2022-05-06T02:00:00+00:00"

    def test_labelled_date_anywhere_is_the_last_resort(self) -> None:
        body = PARAGRAPHS + "<p class='foot'>Letzte Änderung: 31.10.2023<br>Erschienen am: 01.11.2023</p>"
        assert record(page("", body))["date"] == "2023-11-01"

    def test_modified_date_is_read_and_kept_apart(self) -> None:
        head = ('<meta property="article:published_time" content="2020-02-01T10:00:00Z">'
                '<meta property="article:modified_time" content="2020-02-03T08:00:00Z">')  # fmt: skip
        result = record(page(head))
        assert (result["date"][:10], result["date_modified"][:10]) == ("2020-02-01", "2020-02-03")

    def test_utc_time_without_a_printed_local_day_keeps_its_utc_day(self) -> None:
        head = ('<link rel="canonical" href="https://diario.example.bo/nota/123">'
                '<meta property="article:published_time" content="2022-05-04T02:41:00Z">')  # fmt: skip
        result = record(page(head, html_attrs="lang='es'"))
        assert result["date"] == "2022-05-04T02:41:00+00:00"

    def test_local_midnight_stored_in_utc_is_the_next_day_on_a_german_page(self) -> None:
        head = '<meta property="article:published_time" content="2022-11-06T23:00:00.000Z">'
        assert record(page(head, html_attrs="lang='de'"))["date"] == "2022-11-07"

    def test_printed_local_day_confirms_and_becomes_date_raw(self) -> None:
        head = ('<link rel="canonical" href="https://diario.example.bo/nota/123">'
                '<meta property="article:published_time" content="2022-05-04T02:41:00Z">')  # fmt: skip
        body = "<div><h1>Vecinos piden un puente nuevo</h1><span>3/5/2022 22:41</span></div>" + PARAGRAPHS
        result = record(page(head, body, html_attrs="lang='es'"))
        assert (result["date"], result["date_raw"]) == ("2022-05-03", "3/5/2022")

    def test_printed_utc_day_keeps_the_timestamp(self) -> None:
        head = '<meta property="article:published_time" content="2022-11-06T23:30:00Z">'
        body = "<div><h1>Herbst in der Provence</h1><span>6. November 2022</span></div>" + PARAGRAPHS
        assert record(page(head, body, html_attrs="lang='de'"))["date"] == "2022-11-06T23:30:00+00:00"

    @pytest.mark.parametrize("lang", ["en-US", "en", "pt-BR", "es"])
    def test_utc_time_is_kept_when_the_page_names_no_single_zone(self, lang: str) -> None:
        head = '<meta property="article:published_time" content="2016-12-29T01:32:00Z">'
        result = record(page(head, html_attrs=f"lang='{lang}'"))
        assert result["date"] == "2016-12-29T01:32:00+00:00"
        assert not any("UTC time" in w for w in result["warnings"])

    def test_utc_midnight_is_a_bare_day_and_keeps_it(self) -> None:
        head = '<meta property="article:published_time" content="2020-01-23T00:00:00Z">'
        assert record(page(head, html_attrs="lang='es-BO'"))["date"] == "2020-01-23T00:00:00+00:00"

    def test_an_iso_day_with_an_unreadable_time_gives_the_day(self) -> None:
        head = '<script type="application/ld+json">{"@type":"HowTo","datePublished":"2022-01-10T12:06:08:684Z"}'
        head += "</script>"
        assert record(page(head))["date"] == "2022-01-10"

    def test_printed_date_does_not_override_metadata_the_url_confirms(self) -> None:
        head = ('<link rel="canonical" href="https://example.com/article/Theatre-Scholarships-20161013">'
                '<meta itemprop="datePublished" value="2016-10-13T15:35:00+00:00">')  # fmt: skip
        body = "<div><h1>Theatre wing launches scholarships</h1><span>January 6, 2017</span></div>" + PARAGRAPHS
        assert record(page(head, body))["date"] == "2016-10-13T15:35:00+00:00"

    def test_day_with_a_nonstandard_time_is_read(self) -> None:
        head = '<meta name="dc.date.created" value="2017-03-13|19h18">'
        assert record(page(head))["date"] == "2017-03-13"

    def test_time_in_a_teaser_is_not_the_date(self) -> None:
        body = ("<article><h1>Judge quits after the party</h1>" + PARAGRAPHS + "</article>"
                "<div class='related'><a href='/x'>Other story</a><time datetime='2022-08-10T15:36Z'>1 h</time></div>"
                "<p>Published 13 March 2017</p>")  # fmt: skip
        assert record(page("", body))["date"] == "2017-03-13"

    def test_printed_date_after_the_headline_beats_one_closing_the_teaser_above(self) -> None:
        body = ("<section><a href='/other'>Market reopens</a> <b>19 March 2020</b></section>"
                "<section><div><div><div><h1>Mindful through the crisis</h1></div></div></div>"
                "<p>Breathing exercises for anxious weeks at home and at work.</p>"
                "<div><div><div><span>18 March 2020</span></div></div></div></section>" + PARAGRAPHS)  # fmt: skip
        assert record(page("", body))["date"] == "2020-03-18"

    def test_hindi_date_printed_under_the_headline_is_read(self) -> None:
        body = ("<h1>गांव में नया स्वास्थ्य केंद्र शुरू हुआ</h1><div class='meta'><span>४ सितंबर २०२४</span></div>"
                + PARAGRAPHS)  # fmt: skip
        assert record(page("", body, "lang='hi'"))["date"] == "2024-09-04"

    def test_time_labelled_as_published_wins_over_an_unlabelled_one(self) -> None:
        body = ("<time datetime='2017-03-20T08:00:00Z'>20 mars</time><h1>Judge quits after the party</h1>"
                "<time datetime='2017-03-13T19:18:46Z'>Publié le 13 mars 2017</time>" + PARAGRAPHS)  # fmt: skip
        assert record(page("", body, "lang='fr-CA'"))["date"] == "2017-03-13T19:18:46+00:00"

    def test_time_labelled_as_updated_is_the_modification_date(self) -> None:
        body = ("<h1>Judge quits after the party</h1><time datetime='2017-03-13T19:18:46Z'>13 mars 2017</time>"
                "<time datetime='2017-03-14T08:00:00Z'>Mis à jour le 14 mars 2017</time>" + PARAGRAPHS)  # fmt: skip
        result = record(page("", body))
        assert (result["date"][:10], result["date_modified"][:10]) == ("2017-03-13", "2017-03-14")

    def test_forum_post_stamp_with_a_two_digit_year_is_read(self) -> None:
        """Forum posts date themselves `dd/mm/yy, hh:mm`; a day over 12 makes the order certain."""
        body = "<h1>Forum rules</h1><p class='author'>von lupa am 26/10/13, 03:48 pm</p>" + PARAGRAPHS
        result = record(page("", body))
        assert (result["date"], result["date_raw"]) == ("2013-10-26", "26/10/13")

    def test_ambiguous_two_digit_year_stamp_is_not_read(self) -> None:
        """`3/09/15 8:00am` reads as March or September: no date rather than a guess."""
        body = "<h1>Saving on lunch</h1><p class='author'>Posted by Ann 3/09/15 8:00am</p>" + PARAGRAPHS
        assert record(page("", body))["date"] is None

    def test_date_opening_a_long_date_classed_block_is_not_the_date(self) -> None:
        """A `post-entry` block is a text, not a date line: the date opening it dates that text."""
        later_post = ("30.05.2014 23:07 Nachtrag: new members get their own forum after their third post, "
                      "where they can write about themselves, upload pictures and keep notes for the others. "
                      "Members who never log in within three days are listed as fans.")  # fmt: skip
        body = (f"<h1>Forum rules</h1>{PARAGRAPHS}<div class='post-entry'>{later_post}</div>"
                "<p class='author'>Posted by lupa on 26 October 2013</p>")  # fmt: skip
        assert record(page("", body))["date"] == "2013-10-26"

    def test_modified_before_published_is_dropped(self) -> None:
        head = ('<meta property="article:published_time" content="2020-02-05">'
                '<meta property="article:modified_time" content="2020-02-01">')  # fmt: skip
        assert record(page(head))["date_modified"] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stand: 05. Februar 2020, 12:30 Uhr", ("05. Februar 2020", "2020-02-05")),
        ("publié le 5 mars 2021", ("5 mars 2021", "2021-03-05")),
        ("3 de mayo de 2022", ("3 de mayo de 2022", "2022-05-03")),
        ("Posted March 25, 2019 by Ann", ("March 25, 2019", "2019-03-25")),
        ("26 Okt 2018 Wahlzensur", ("26 Okt 2018", "2018-10-26")),
        ("Erschienen am: 01.11.2023", ("01.11.2023", "2023-11-01")),
        ("2019-03-25T14:03:00Z", ("2019-03-25T14:03:00Z", "2019-03-25T14:03:00+00:00")),
        ("Provence6. November 2022Lavendel", ("6. November 2022", "2022-11-06")),
        ("nuevo3/5/2022 22:41", ("3/5/2022", "2022-05-03")),
        ("April Glaser wrote this", None),
        ("25 Apples 2019", None),
        ("प्रकाशित: 4 सितंबर 2024, 04:20 PM", ("4 सितंबर 2024", "2024-09-04")),
        ("अपडेट ४ सितम्बर २०२४", ("४ सितम्बर २०२४", "2024-09-04")),
        ("3 मई 2022 को", ("3 मई 2022", "2022-05-03")),
        ("5 हज़ार 2019 लोग", None),
    ],
    ids=["german", "french", "spanish", "english", "german-abbreviation", "numeric-dots", "iso", "glued-to-words",
         "numeric-glued-to-words", "name-not-date",
         "not-a-month", "hindi", "hindi-devanagari-digits", "hindi-two-letter-may", "hindi-not-a-month"],
)  # fmt: skip
def test_find_text_date(text: str, expected: tuple[str, str] | None) -> None:
    from newsarchive.parse.html_dates import find_text_date

    assert find_text_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("von lupa am 26/10/13, 03:48 pm", ("26/10/13", "2013-10-26")),
        ("posted 10/26/13 at 3:48", ("10/26/13", "2013-10-26")),
        ("15.04.25 09:56", ("15.04.25", "2025-04-15")),
        ("3/09/15 8:00am", None),
        ("26/10/13 without a time", None),
        ("1.2.26/10/13, 03:48", None),
    ],
    ids=["day-first", "month-first", "dots", "ambiguous", "no-time", "longer-number"],
)
def test_find_stamp_date(text: str, expected: tuple[str, str] | None) -> None:
    """Two-digit years are read only in a timestamp (a clock time follows) of certain order."""
    from newsarchive.parse.html_dates import find_stamp_date

    assert find_stamp_date(text) == expected


@pytest.mark.parametrize(
    ("language", "host", "zone"),
    [
        ("es-BO", None, "America/La_Paz"),
        ("en-US", "example.de", None),
        ("es", "diario.example.bo", "America/La_Paz"),
        ("es", "example.co", "America/Bogota"),
        ("en", "startup.co", None),
        ("en", "radio.example.fm", None),
        ("de", "example.com", "Europe/Berlin"),
        ("ja", None, "Asia/Tokyo"),
        ("fr", "example.com", None),
        ("pt", "example.com.br", None),
        (None, None, None),
    ],
    ids=["region", "multi-zone-region-wins", "country-domain", "co-on-spanish-page", "co-as-generic", "generic-domain",
         "one-zone-language", "japanese", "many-zone-language", "multi-zone-domain", "nothing"],
)  # fmt: skip
def test_page_zone(language: str | None, host: str | None, zone: str | None) -> None:
    from newsarchive.parse.html_dates import page_zone

    assert page_zone(language, host) == zone


# --- authors -----------------------------------------------------------------------------


def names(result: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(p["name"], p["role"]) for p in result["byline"]]


class TestAuthors:
    def test_jsonld_persons_with_job_title(self) -> None:
        head = (
            '<script type="application/ld+json">{"@type":"NewsArticle","author":['
            '{"@type":"Person","name":"Ana Ruiz","jobTitle":"Editor"},{"@type":"Person","name":"Li Wei"}]}</script>'
        )
        assert names(record(page(head))) == [("Ana Ruiz", "Editor"), ("Li Wei", None)]

    def test_meta_author_with_two_names_is_split(self) -> None:
        assert names(record(page('<meta name="author" content="Sam Hill and Jo Park">'))) == [
            ("Sam Hill", None), ("Jo Park", None)]  # fmt: skip

    def test_by_prefix_is_stripped_as_a_word_only(self) -> None:
        assert names(record(page('<meta name="byl" content="By Abby Byron">'))) == [("Abby Byron", None)]

    @pytest.mark.parametrize(
        ("raw", "expected"),
        [("Byron Hale", "Byron Hale"), ("ByTravis Haney", "Travis Haney"), ("Byby Jo Park", "Jo Park"),
         ("About the author: Kate Dunn", "Kate Dunn"), ("Ann LeeAnn Lee", "Ann Lee"), ("April Glaser", "April Glaser")],
        ids=["name-starting-with-by", "glued-by", "doubled-by", "label", "printed-twice", "month-like-first-name"],
    )  # fmt: skip
    def test_single_name_is_tidied(self, raw: str, expected: str) -> None:
        assert people_from_text(raw) == [(expected, None)]

    def test_surname_first_pair_is_one_person(self) -> None:
        assert people_from_text("Gillman, Steve") == [("Steve Gillman", None)]

    def test_german_von_und_byline(self) -> None:
        body = "<h1>T</h1><p class='author'>Von Jürgen Weiß und Anke Müller</p>" + PARAGRAPHS
        assert names(record(page("", body))) == [("Jürgen Weiß", None), ("Anke Müller", None)]

    def test_agency_is_credited_as_agency(self) -> None:
        assert people_from_text("Von Lena Ott, dpa") == [("Lena Ott", None), ("dpa", "agency")]

    def test_agency_desk_code_keeps_the_agency(self) -> None:
        assert people_from_text("dpa/lno") == [("dpa/lno", "agency")]

    def test_dates_are_not_names(self) -> None:
        assert people_from_text("By Jo Lee | March 3, 2020") == [("Jo Lee", None)]
        assert people_from_text("Updated 12:30 GMT") == []

    def test_role_after_name_becomes_role(self) -> None:
        assert people_from_text("Alan Reid, BBC Scotland political editor") == [
            ("Alan Reid", "BBC Scotland political editor")]  # fmt: skip

    def test_byline_element_with_role_child(self) -> None:
        body = ("<h1>T</h1><div class='byline'><span class='byline__name'>By Abby Stone and Rui Costa</span>"
                "<span class='byline__title'>Science correspondents</span><time>May 9, 2023</time></div>"
                + PARAGRAPHS)  # fmt: skip
        assert names(record(page("", body))) == [
            ("Abby Stone", "Science correspondents"), ("Rui Costa", "Science correspondents")]  # fmt: skip

    def test_role_child_of_an_author_block_is_a_role_not_part_of_the_name(self) -> None:
        body = ("<h1>T</h1><div class='c-author'><span class='c-author__by-line'>Von <a href='/autor/hz/'>"
                "Holger Zapp</a></span><div class='c-author__position'>Leitender Redakteur</div></div>"
                + PARAGRAPHS)  # fmt: skip
        assert names(record(page("", body))) == [("Holger Zapp", "Leitender Redakteur")]

    def test_a_button_in_the_author_box_is_not_a_byline(self) -> None:
        head = ('<script type="application/ld+json">{"@type":"NewsArticle",'
                '"author":{"@type":"Person","name":"Ana Ruiz"}}</script>')  # fmt: skip
        body = (PARAGRAPHS + "<div><a href='/autor/ana-ruiz/'>Ana Ruiz</a>"
                "<button class='btn' id='authorBiographyBtn'>Ver biografía</button></div>")  # fmt: skip
        assert names(record(page(head, body))) == [("Ana Ruiz", None)]

    def test_breadcrumbs_and_teaser_credits_are_not_the_byline(self) -> None:
        head = ('<script type="application/ld+json">{"@type":"NewsArticle",'
                '"author":{"@type":"Person","name":"Ana Ruiz"}}</script>')  # fmt: skip
        body = ("<article><nav><div class='Breadcrumbs_breadbar ContentMetaInfo_author'><a href='/'>Startseite</a>"
                "<span>|</span><a href='/schweiz'>Schweiz</a></div></nav><h1>Headline here</h1>" + PARAGRAPHS
                + "<div><span class='TeaserMeta_author'>Rahel Frey, Adrian Vogt</span></div></article>")  # fmt: skip
        assert names(record(page(head, body))) == [("Ana Ruiz", None)]

    def test_visible_byline_beats_metadata_naming_nobody_on_the_page(self) -> None:
        head = '<meta name="author" content="Parent Company Inc">'
        body = "<div><h1>Headline here</h1><p class='byline'>By Alex Hutch</p></div>" + PARAGRAPHS
        assert names(record(page(head, body))) == [("Alex Hutch", None)]

    def test_author_meta_naming_the_site_is_a_last_resort(self) -> None:
        head = '<meta property="og:site_name" content="ABC News"><meta name="author" content="ABC News">'
        body = "<h1>Headline here</h1><div class='byline'>By Jo Haskell and Dee Caplan</div>" + PARAGRAPHS
        assert names(record(page(head, body))) == [("Jo Haskell", None), ("Dee Caplan", None)]

    def test_only_the_first_itemprop_author_block_counts(self) -> None:
        body = ("<h1>Headline here</h1><p><span itemprop='author'>Juli Clover</span></p>" + PARAGRAPHS
                + "<ul><li><span itemprop='author'>Teaser Writer</span></li></ul>")  # fmt: skip
        assert names(record(page("", body))) == [("Juli Clover", None)]

    def test_rel_author_link(self) -> None:
        body = "<h1>T</h1><a rel='author' href='/staff/kim'>Kim Osei</a>" + PARAGRAPHS
        assert names(record(page("", body))) == [("Kim Osei", None)]

    def test_names_in_sidebars_and_teasers_are_ignored(self) -> None:
        body = (PARAGRAPHS + "<aside><p class='author'>By Sidebar Person</p></aside>"
                "<div class='related-stories'><span class='byline'>By Teaser Writer</span></div>")  # fmt: skip
        assert names(record(page("", body))) == []

    def test_profile_url_in_author_meta_is_not_a_name(self) -> None:
        head = '<meta property="article:author" content="https://www.facebook.com/somepaper">'
        assert names(record(page(head))) == []

    def test_credit_line_inside_the_body_is_a_byline_with_section(self) -> None:
        body = (PARAGRAPHS + "<h2>Analysis</h2><p><strong>By Alan Reid</strong></p>"
                "<p>For years the bridge was the project every minister promised.</p>")  # fmt: skip
        result = record(page("", body))
        assert result["byline"] == [{"name": "Alan Reid", "role": None, "section": 1}]
        assert "By Alan Reid" not in result["body"]

    @pytest.mark.parametrize(
        ("line", "expected"),
        [("Autor: Rechtsanwalt Jonas Feld", ("Jonas Feld", "Rechtsanwalt")),
         ("Texte : Jeanne Morel", ("Jeanne Morel", None)), ("Autorin:Greta Lind", ("Greta Lind", None)),
         ("Por: Inés Vidal", ("Inés Vidal", None))],
        ids=["autor-with-title", "texte", "autorin-no-space", "por-colon"],
    )  # fmt: skip
    def test_labelled_credit_line_at_the_end_of_the_body(self, line: str, expected: tuple[str, str | None]) -> None:
        result = record(page("", PARAGRAPHS + f"<p>{line}</p>"))
        assert names(result) == [expected]
        assert line not in result["body"]

    def test_text_label_followed_by_a_sentence_is_not_a_credit(self) -> None:
        line = "Text: the full ruling runs to forty pages and is published online."
        result = record(page("", PARAGRAPHS + f"<p>{line}</p>"))
        assert names(result) == []

    @pytest.mark.parametrize(
        "credit",
        ["<h4>Autor</h4><p><a href='/profil/x'>Mira Stahl</a></p>",
         "<span> by </span><h3><a href='/profile/7'>Mira Stahl</a></h3>"],
        ids=["heading-label", "inline-by-label"],
    )  # fmt: skip
    def test_name_in_the_element_after_an_author_label(self, credit: str) -> None:
        body = f"<h1>Headline here</h1><div>{credit}</div>" + PARAGRAPHS
        assert names(record(page("", body))) == [("Mira Stahl", None)]

    def test_author_label_in_comments_is_not_a_credit(self) -> None:
        body = ("<h1>Headline here</h1>" + PARAGRAPHS
                + "<div class='comments'><span>by</span><b>Reader Name</b></div>")  # fmt: skip
        assert names(record(page("", body))) == []

    def test_author_page_link_next_to_the_headline(self) -> None:
        body = ("<div class='head'><h1>Headline here</h1><a href='/autoren/mira-stahl-12'>"
                "<span class='pic-credit'>&copy; Mira Stahl</span><span itemprop='name'>Mira Stahl</span></a></div>"
                + PARAGRAPHS)  # fmt: skip
        assert names(record(page("", body))) == [("Mira Stahl", None)]

    @pytest.mark.parametrize("folder", ["forfatter", "staff", "columnists"])
    def test_author_folders_come_from_the_one_lexicon_list(self, folder: str) -> None:
        body = (f"<div class='head'><h1>Headline here</h1><a href='/{folder}/mira-stahl'>Mira Stahl</a></div>"
                + PARAGRAPHS)  # fmt: skip
        assert names(record(page("", body))) == [("Mira Stahl", None)]

    @pytest.mark.parametrize("label", ["Written by", "Escrito por", "Auteur :"])
    def test_author_labels_come_from_the_one_lexicon_list(self, label: str) -> None:
        body = f"<h1>Headline here</h1><div><span>{label}</span><b>Mira Stahl</b></div>" + PARAGRAPHS
        assert names(record(page("", body))) == [("Mira Stahl", None)]

    def test_author_page_links_away_from_the_headline_are_not_credits(self) -> None:
        body = ("<main><div><div><div><h1>Headline here</h1></div></div></div>" + PARAGRAPHS + "</main>"
                "<div><a href='/author/other-writer'>Other Writer</a></div>")  # fmt: skip
        assert names(record(page("", body))) == []

    def test_job_title_before_a_name_is_the_role(self) -> None:
        assert people_from_text("Senior Reporter Dana Wolfe") == [("Dana Wolfe", "Senior Reporter")]
        assert people_from_text("Chief Keef") == [("Chief Keef", None)]


# --- other fields ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("en", "en"), ("EN", "en"), ("en_us", "en-US"), ("de-de", "de-DE"), ("zh-hans-cn", "zh-Hans-CN"),
     ("fr-FR,fr;q=0.9", "fr-FR"), ("", None), ("12", None)],
    ids=["plain", "upper", "underscore", "region", "script", "accept-list", "empty", "junk"],
)  # fmt: skip
def test_language_is_normalised_to_bcp47(raw: str, expected: str | None) -> None:
    assert normalize_language(raw) == expected


def test_language_precedence_html_lang_then_meta_then_og_locale() -> None:
    assert record(page('<meta property="og:locale" content="fr_FR">', html_attrs="lang='de-AT'"))["language"] == "de-AT"
    assert record(page('<meta property="og:locale" content="fr_FR">'))["language"] == "fr-FR"


def test_canonical_link_outranks_og_url() -> None:
    head = '<link rel="canonical" href="https://a.example/story"><meta property="og:url" content="https://b.example/x">'
    assert record(page(head))["url"] == "https://a.example/story"


def test_relative_canonical_is_resolved_against_og_url() -> None:
    head = '<link rel="canonical" href="/story"><meta property="og:url" content="https://b.example/x?y=1">'
    assert record(page(head))["url"] == "https://b.example/story"


def test_saved_from_comment_is_the_last_url_source() -> None:
    html = "<!-- saved from url=(0030)https://saved.example/page -->\n" + page()
    assert record(html)["url"] == "https://saved.example/page"


def test_tags_merge_sources_without_repeats() -> None:
    head = ('<meta property="article:tag" content="Rail"><meta name="keywords" content="rail, Travel, ">'
            '<script type="application/ld+json">{"@type":"NewsArticle","keywords":["Europe"]}</script>')  # fmt: skip
    assert record(page(head))["tags"] == ["Rail", "Europe", "Travel"]


def test_standfirst_outranks_description() -> None:
    head = '<meta name="description" content="The description.">'
    body = "<h1>T</h1><p class='standfirst'>The standfirst says what happened and why it matters.</p>" + PARAGRAPHS
    assert record(page(head, body))["summary"] == "The standfirst says what happened and why it matters."


def test_publisher_from_og_site_name_then_jsonld() -> None:
    ld = '<script type="application/ld+json">{"@type":"NewsArticle","publisher":{"name":"LD Pub"}}</script>'
    assert record(page(ld))["publisher"] == "LD Pub"
    assert record(page(ld + '<meta property="og:site_name" content="OG Pub">'))["publisher"] == "OG Pub"


# --- body --------------------------------------------------------------------------------


BOILERPLATE = """
<nav><a href="/">Home</a><a href="/news">News</a></nav>
<div class="cookie-banner"><p>We use cookies to make this site work. Accept all cookies to continue.</p></div>
<article>
<h1>Budget passes</h1>
<div class="share-bar"><a href="https://s.example/fb">Facebook</a><a href="https://s.example/tw">Twitter</a></div>
<p>The council approved the budget on Tuesday after a debate that ran late into the night.</p>
<h2>What changes</h2>
<p>Bus fares fall by ten per cent from April, and <a href="/parks">parks</a> get longer opening hours.</p>
<ul><li>Libraries open on Sundays again from the summer onwards.</li><li>Street lights are switched to LED.</li></ul>
<h3>Reaction</h3>
<blockquote><p>"This is a budget for families," the council leader said after the vote.</p></blockquote>
<div class="newsletter-signup"><p>Sign up to our newsletter for the latest council news every morning.</p></div>
<script>var tracking = "never in the body";</script><style>.x{color:red}</style>
</article>
<section id="comments" class="comments"><p>What a waste of money this whole thing is, frankly.</p></section>
<aside class="sidebar"><h3>Most read</h3><p>A completely different story everybody reads today.</p></aside>
<footer><p>Copyright Example Media 2020. All rights reserved.</p></footer>
"""


class TestBody:
    def test_only_the_article_text_is_kept(self) -> None:
        body = record(page('<link rel="canonical" href="https://news.example/budget">', BOILERPLATE))["body"]
        assert "approved the budget" in body and "This is a budget for families" in body
        for junk in ("cookies", "Facebook", "newsletter", "waste of money", "different story", "Copyright",
                     "tracking", "color:red", "Home"):  # fmt: skip
            assert junk not in body

    def test_headings_start_sections_with_their_level(self) -> None:
        sections = record(page("", BOILERPLATE))["sections"]
        assert [(s["heading"], s["level"]) for s in sections] == [(None, 2), ("What changes", 2), ("Reaction", 3)]

    def test_list_items_are_paragraphs(self) -> None:
        sections = record(page("", BOILERPLATE))["sections"]
        assert "Libraries open on Sundays again from the summer onwards." in sections[1]["paragraphs"]

    def test_inline_links_are_absolute_with_their_section(self) -> None:
        result = record(page('<link rel="canonical" href="https://news.example/budget">', BOILERPLATE))
        assert result["links"] == [
            {"text": "parks", "href": "https://news.example/parks", "section": 1, "kind": "inline"}
        ]

    def test_base_href_is_used_for_links(self) -> None:
        body = "<p>Read the <a href='report.pdf'>full report</a> on the council website today.</p>" + PARAGRAPHS
        result = record(page('<base href="https://files.example/docs/">', body))
        assert result["links"][0]["href"] == "https://files.example/docs/report.pdf"

    def test_captions_are_split_and_never_in_paragraphs(self) -> None:
        body = ("<figure><img src='/a.jpg'><figcaption>Crowds outside the hall <span class='credit'>Jo Fox/AFP</span>"
                "</figcaption></figure>" + PARAGRAPHS)  # fmt: skip
        result = record(page('<link rel="canonical" href="https://x.example/s">', body))
        assert result["captions"] == [
            {"text": "Crowds outside the hall", "credit": "Jo Fox/AFP", "src": "https://x.example/a.jpg", "section": 0}
        ]
        assert "Crowds" not in result["body"] and "AFP" not in result["body"]

    def test_standfirst_outside_the_article_root_opens_the_body(self) -> None:
        body = ("<h1>Budget passes</h1><p class='intro'>After a night of debate, the council has a budget for the next"
                " two years.</p><div class='article-body'>" + PARAGRAPHS + "</div>")  # fmt: skip
        paragraphs = record(page("", body))["sections"][0]["paragraphs"]
        assert paragraphs[0].startswith("After a night of debate") and len(paragraphs) == 3

    def test_figure_wrapping_the_whole_article_is_read_as_text(self) -> None:
        long_text = "The figure element here wraps the story itself, paragraph after paragraph. " * 12
        body = (f"<figure><img src='/a.jpg'><p>{long_text}</p><p>{long_text}</p>"
                "<figcaption>A caption</figcaption></figure>")  # fmt: skip
        result = record(page("", body))
        assert "wraps the story itself" in result["body"] and "A caption" not in result["body"]
        assert [c["text"] for c in result["captions"]] == ["A caption"]

    def test_jsonld_article_body_rescues_a_wrong_root(self) -> None:
        text = "The real article text is here and it is long enough to be the body of the story. " * 4
        ld = f'<script type="application/ld+json">{{"@type":"NewsArticle","articleBody":"{text}"}}</script>'
        body = (f"<div class='article-body'><p>Short teaser for another story entirely.</p></div>"
                f"<div><p>{text}</p><p>{text}</p></div>")  # fmt: skip
        assert "real article text" in record(page(ld, body))["body"]


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("Image copyright Getty Images Image caption Crowds gathered", ("Crowds gathered", "Getty Images")),
        ("Crowds gathered (Photo: Jo Fox / Reuters)", ("Crowds gathered", "Jo Fox / Reuters")),
        ("Menschen vor dem Rathaus. Foto: Karin Vogt", ("Menschen vor dem Rathaus.", "Karin Vogt")),
        ("Das neue Stadion. Bild: Stadt Beispiel", ("Das neue Stadion.", "Stadt Beispiel")),
        ("A view of the bay. Credit: Sam Lee", ("A view of the bay.", "Sam Lee")),
        ("Police at the scene. Jo Fox / AFP", ("Police at the scene.", "Jo Fox / AFP")),
        ("Police at the scene. REUTERS/Jo Fox", ("Police at the scene.", "REUTERS/Jo Fox")),
        ("A quiet street in the old town", ("A quiet street in the old town", None)),
    ],
    ids=["bbc-labels", "photo-parenthesis", "foto", "bild", "credit", "trailing-agency", "agency-slash-name",
         "no-credit"],
)  # fmt: skip
def test_split_credit(caption: str, expected: tuple[str, str | None]) -> None:
    assert split_credit(caption) == expected


# --- robustness --------------------------------------------------------------------------


def test_deep_nesting_does_not_raise_recursion_error() -> None:
    html = "<html><body>" + "<div>" * 20000 + "<p>Deep text in the middle of it all.</p>" + "</div>" * 20000
    try:
        result = record(html + "</body></html>")
    except ParseError:
        return
    assert isinstance(result["body"], str)


@pytest.mark.parametrize(
    "data",
    [b"<html><body></body></html>", b"<html>\x00\x01\x02</html>", b"<<<>>><html <p", b"<html><head><title></title>"],
    ids=["empty-body", "control-bytes", "broken-tags", "no-body"],
)
def test_garbage_gives_parse_error_or_valid_record(data: bytes) -> None:
    try:
        record(data)
    except ParseError:
        pass


def test_html_fragment_is_parsed_as_html() -> None:
    result = record("<p>The council approved the budget on Tuesday after a long debate.</p>")
    assert result["source"]["format"] == "html"
    assert result["body"] == "The council approved the budget on Tuesday after a long debate."


@pytest.mark.parametrize(
    "fragment",
    ["<h1>Budget passes</h1><p>The council approved the budget on Tuesday night.</p>",
     "<header><h2>Budget passes</h2></header><p>The council approved the budget on Tuesday night.</p>",
     "<ul><li>The council approved the budget on Tuesday night.</li></ul>"],
    ids=["h1", "header", "list"],
)  # fmt: skip
def test_fragments_starting_with_other_tags_are_html(fragment: str) -> None:
    result = record(fragment)
    assert result["source"]["format"] == "html"
    assert "The council approved the budget on Tuesday night." in result["body"]


def test_parsing_never_opens_a_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    html = ('<!DOCTYPE html SYSTEM "http://dtd.example/x.dtd"><html><head>'
            '<link rel="stylesheet" href="http://css.example/a.css"></head><body>'
            '<img src="http://img.example/a.jpg"><iframe src="http://frame.example/"></iframe>'
            + PARAGRAPHS + "</body></html>")  # fmt: skip
    assert record(html)["body"].startswith("The council approved")


class TestCreditLines:
    """A line of names above or below the text credits the author when the metadata names only the site."""

    HEAD = "<meta property='og:site_name' content='Valley Times'><meta name='author' content='Valley Times'>"
    LONG = (
        "<p>The council approved the budget on Tuesday after a debate that ran late into the night, "
        "and opposition members said the plan would leave the libraries short of staff next winter.</p>"
    )

    def test_a_bold_name_line_before_the_text_is_the_author(self) -> None:
        result = record(page(self.HEAD, "<article><p><strong>Mary Moshoeshoe</strong></p>" + self.LONG + "</article>"))
        assert [p["name"] for p in result["byline"]] == ["Mary Moshoeshoe"]
        assert "Mary Moshoeshoe" not in result["body"]

    def test_names_split_by_a_slash_are_two_authors(self) -> None:
        body = "<article><p><strong>Ann Sebusi/Tom Phakela</strong></p>" + self.LONG + "</article>"
        assert [p["name"] for p in record(page(self.HEAD, body))["byline"]] == ["Ann Sebusi", "Tom Phakela"]

    def test_the_site_then_its_source_on_the_last_line_credits_the_source(self) -> None:
        body = "<article>" + self.LONG + PARAGRAPHS + "<p>Valley Times / Última Hora</p></article>"
        assert [p["name"] for p in record(page(self.HEAD, body))["byline"]] == ["Última Hora"]

    def test_an_account_named_after_the_page_category_is_no_credit(self) -> None:
        head = ("<meta property='og:site_name' content='Valley Times'><script type='application/ld+json'>"
                '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Nachrichten"}}</script>')  # fmt: skip
        body = ("<article><a href='/category/nachrichten/' rel='category tag'>Nachrichten</a>" + self.LONG
                + PARAGRAPHS + "<p>Valley Times / Última Hora</p></article>")  # fmt: skip
        assert [p["name"] for p in record(page(head, body))["byline"]] == ["Última Hora"]

    @pytest.mark.parametrize("line", ["25.10.2022 - Reiner Nagel", "Reiner Nagel | 3. Mai 2024"])
    def test_a_date_then_a_name_on_a_line_of_its_own_credits_the_name(self, line: str) -> None:
        """A dateline that a byline shares (`25.10.2022 - Reiner Nagel`): the date goes, the name credits."""
        result = record(page(self.HEAD, f"<article><p>{line}</p>" + self.LONG + "</article>"))
        assert [p["name"] for p in result["byline"]] == ["Reiner Nagel"]
        assert "Reiner Nagel" not in result["body"]

    def test_a_date_inside_a_line_of_words_credits_nobody(self) -> None:
        """Only a date at either end of the line parts it from names: `Reiner 2022 Nagel` is no credit."""
        result = record(page(self.HEAD, "<article><p>Reiner 2022 Nagel</p>" + self.LONG + "</article>"))
        assert [p["name"] for p in result["byline"]] == ["Valley Times"]

    def test_lines_with_digits_or_sentences_or_a_named_author_credit_nobody_new(self) -> None:
        for line in ("<p>Updated 3 May</p>", "<p>Read this now.</p>", "<p>FEATURED FUNDS</p>"):
            result = record(page(self.HEAD, "<article>" + line + self.LONG + "</article>"))
            assert [p["name"] for p in result["byline"]] == ["Valley Times"]
        head = "<meta name='author' content='Jane Doe'>"
        body = "<article><p><strong>Mary Moshoeshoe</strong></p>" + self.LONG + "</article>"
        assert [p["name"] for p in record(page(head, body))["byline"]] == ["Jane Doe"]


class TestSoleAuthorLink:
    """An author box linking to one author's folder credits that author where the page names nobody."""

    BOX = ("<footer><div class='author-bio'>"
           "<h3><a href='https://site.example/author/martin'>Martin Junker</a></h3>"
           "<p><a href='https://site.example/author/martin'>Alles von Martin Junker</a></p>"
           "</div></footer>")  # fmt: skip

    def test_one_author_folder_whose_path_spells_the_name_is_the_author(self) -> None:
        """Every author link leads to one person, whose name the path spells: the box under the text credits them."""
        assert names(record(page("", f"<article>{PARAGRAPHS}{self.BOX}</article>"))) == [("Martin Junker", None)]

    def test_links_to_several_authors_are_teasers_credits(self) -> None:
        """Two authors' folders: teasers' credits, not the page's author."""
        other = "<li><a href='https://site.example/author/jana-weber'>Jana Weber</a></li>"
        assert names(record(page("", f"<article>{PARAGRAPHS}{self.BOX}<ul>{other}</ul></article>"))) == []

    def test_a_path_that_does_not_spell_the_text_is_an_account_menu(self) -> None:
        """`Edit Profile` under `/profile/details/` is a control, not a person."""
        menu = "<ul><li><a href='/casting/profile/details/'>Edit Profile</a></li></ul>"
        assert names(record(page("", f"<article>{PARAGRAPHS}{menu}</article>"))) == []


def test_the_shareaholic_author_meta_names_the_author() -> None:
    """Shareaholic's WordPress plugin writes the post's author where pages set no `author` meta."""
    head = "<meta name='shareaholic:article_author_name' content='Wolfgang Hase'>"
    assert names(record(page(head))) == [("Wolfgang Hase", None)]


def test_the_meta_description_printed_under_the_headline_opens_the_body() -> None:
    dek = "Snow on solar panels lowers their yield and its weight strains the modules and their mounts."
    head = f"<meta name='description' content='{dek}'>"
    body = (f"<header><h2>Snow strains solar panels</h2><p class='text-xl'>{dek}</p></header>"
            f"<div class='paywall'>{PARAGRAPHS}</div>")  # fmt: skip
    result = record(page(head, body))
    assert result["body"].startswith(dek)
    unshown = record(page(head, f"<div>{PARAGRAPHS}</div>"))
    assert not unshown["body"].startswith("Snow on solar")


# --- the author's links ------------------------------------------------------------------


AUTHOR_PAGE = (
    "<link rel='canonical' href='https://news.example/2024/05/budget'>",
    "<article><h1>Council passes the budget</h1>"
    "<p class='byline'>By <a href='/by/jane-doe'>Jane Doe</a></p><div class='article-body'>" + PARAGRAPHS
    + "</div><div class='author'><p><i>Jane Doe is a city hall reporter. She writes the"
    " <a href='/column/city-desk'>City Desk</a> column. <a href='https://social.example/janedoe'>@janedoe</a></i></p></div>"
    "<div class='share'><a href='https://social.example/share?u=1'>Share</a></div></article>"
    "<footer><p>Jane Doe <a href='/by/jane-doe/archive'>archive</a></p></footer>",
)


class TestAuthorLinks:
    def test_byline_author_link_is_kept_as_an_inline_link(self) -> None:
        """The byline's link to the author's page is the article's own, though the byline is no body text."""
        links = record(page(*AUTHOR_PAGE))["links"]
        expected = {"text": "Jane Doe", "href": "https://news.example/by/jane-doe", "section": None, "kind": "inline"}
        assert expected in links

    def test_author_note_links_are_kept_and_share_bar_and_footer_links_are_not(self) -> None:
        """A paragraph opening with the credited name is the author's note: its links are the article's."""
        result = record(page(*AUTHOR_PAGE))
        hrefs = [link["href"] for link in result["links"]]
        assert "https://news.example/column/city-desk" in hrefs
        assert "https://social.example/janedoe" in hrefs
        assert "https://social.example/share?u=1" not in hrefs
        assert "https://news.example/by/jane-doe/archive" not in hrefs
        assert "city hall reporter" not in result["body"]  # the body reading leaves the note out

    def test_paragraph_merely_mentioning_the_author_lends_no_links(self) -> None:
        """Only a paragraph that opens with the name as a whole is a note: a mention mid-sentence is not."""
        body = (
            "<article><h1>Council passes the budget</h1><p class='byline'>By Jane Doe</p><div class='article-body'>"
            + PARAGRAPHS + "</div><div class='author'><p>More on <a href='/tag/city'>the city</a> by Jane Doe.</p>"
            "<p>Jane Doelittle wrote <a href='/tag/parks'>the parks series</a>.</p></div></article>"
        )
        hrefs = [link["href"] for link in record(page(AUTHOR_PAGE[0], body))["links"]]
        assert "https://news.example/tag/city" not in hrefs
        assert "https://news.example/tag/parks" not in hrefs  # a longer name is not the author's
