"""Body rules that decide where the article ends: jusText-style prose, and what follows the
last prose paragraph (teaser links, repeated buttons), each with a small hand-written page."""

from __future__ import annotations

import pytest

from newsarchive.normalize import clean_text
from newsarchive.parse import parse
from newsarchive.parse.body import is_prose

PROSE = (
    "<p>The council approved the budget on Tuesday after a debate that ran late into the night.</p>"
    "<p>Opposition members said the plan would leave the libraries short of staff next winter.</p>"
)


def paragraphs(body: str) -> list[str]:
    html = f"<html><head><title>Budget</title></head><body><article>{body}</article></body></html>"
    article = parse(html.encode(), "page.html")
    return [p for s in article.sections for p in s.paragraphs]


def test_is_prose_wants_length_function_words_and_little_link_text() -> None:
    sentence = "The council approved the budget on Tuesday after a debate that ran late into the night."
    assert is_prose(sentence)
    assert not is_prose("Budget approved")
    assert not is_prose(sentence, linked=len(sentence))
    assert not is_prose("Apple Banana Cherry Damson Elderberry Fig Grape Honeydew Jackfruit Kiwi Lemon Mango")
    assert is_prose("市議会は火曜日に予算を承認した。議論は夜遅くまで続いた。図書館の職員が不足すると野党は述べた。")


def test_teaser_links_after_the_last_prose_paragraph_are_dropped() -> None:
    teasers = "<p><a href='/a'>Mayor resigns after a long row over housing plans</a></p>"
    assert paragraphs(PROSE + teasers) == [
        "The council approved the budget on Tuesday after a debate that ran late into the night.",
        "Opposition members said the plan would leave the libraries short of staff next winter.",
    ]


def test_a_button_printed_twice_after_the_article_is_dropped() -> None:
    buttons = "<div><p>Sign in to react</p><p>Register</p></div><div><p>Sign in to react</p><p>Register</p></div>"
    assert "Register" not in paragraphs(PROSE + buttons)


def test_repeated_table_cells_and_lines_under_a_later_heading_stay() -> None:
    table = "<table><tr><td>Home win</td><td>Away win</td></tr><tr><td>Home win</td><td>Away win</td></tr></table>"
    assert paragraphs(PROSE + table).count("Home win") == 2
    later = "<h2>Results</h2><p><a href='/x'>Full results table for the season</a></p>"
    assert "Full results table for the season" in paragraphs(PROSE + later)


def test_links_inside_the_article_before_its_last_prose_paragraph_stay() -> None:
    inline = "<p><a href='/r'>Read the full report on library staffing</a></p>"
    body = PROSE[: PROSE.index("<p>Opposition")] + inline + PROSE[PROSE.index("<p>Opposition") :]
    assert "Read the full report on library staffing" in paragraphs(body)


def test_clean_text_drops_invisible_format_characters() -> None:
    assert (
        clean_text("Paläs\u00adti\u00adnenser\u200b legt \ufeffBeschwerde\u2060 ein")
        == "Palästinenser legt Beschwerde ein"
    )


def test_an_article_split_over_same_class_containers_is_read_whole() -> None:
    first = (
        "<div class='RichText RichText--first'><p>The council approved the budget on Tuesday after a debate "
        "that ran late into the night, with the mayor warning of cuts to come.</p></div>"
    )
    ad = "<div class='ad-slot'><a href='/buy'>Buy now</a></div>"
    second = (
        "<div class='RichText'><p>Opposition members said the plan would leave the libraries short of staff "
        "next winter and called for a vote on the reserves.</p></div>"
    )
    html = (
        "<html><body><main><article><h1>Budget passes</h1><div><div>"
        f"{first}</div></div>{ad}<div><div>{second}</div></div></article></main>"
        "<aside><div class='RichText'><p>A teaser about another story that the sidebar shows for readers "
        "who came for the budget.</p></div></aside></body></html>"
    )
    text = " ".join(p for s in parse(html.encode(), "page.html").sections for p in s.paragraphs)
    assert "mayor warning of cuts" in text
    assert "called for a vote on the reserves" in text
    assert "sidebar shows" not in text


def test_the_lead_figure_above_the_text_is_a_caption_but_a_sidebar_figure_is_not() -> None:
    lead = (
        "<figure><img src='/lead.jpg'><figcaption>Councillors vote on the budget. Photo: Jane Doe</figcaption></figure>"
    )
    side = "<aside><figure><img src='/ad.jpg'><figcaption>Win a holiday in the sun</figcaption></figure></aside>"
    html = (
        f"<html><body><article><header><h1>Budget passes</h1>{lead}</header>"
        f"<div class='story-text'>{PROSE}</div></article>{side}</body></html>"
    )
    article = parse(html.encode(), "page.html")
    assert [(c.text, c.credit) for c in article.captions] == [("Councillors vote on the budget.", "Jane Doe")]
    assert "Councillors vote" not in article.body


_JA_PARAGRAPHS = (
    "市の議会は十四日、新しい予算案を賛成多数で可決した。学校と道路の整備に重点を置くと説明している。",
    "反対派の議員は図書館への配分が少なすぎると批判した。市長は来年度に見直す考えを示している。",
    "予算の総額は前年より五パーセント増えた。財源の多くは国からの交付金でまかなう見通しだ。",
    "市は夏までに具体的な計画をまとめ、住民への説明会を各地区で開く予定だという。",
    "議会の議長は、住民の声を聞きながら計画を進めることが大切だと話した。",
)
_JA_PROMO = (
    "編集者が選んだニュースを毎朝お届けします。"
    "ご登録いただいたメールアドレス宛てに配信します。配信の解除はいつでも可能です。"
)


def _promo_in_content_class_page(article_body: str | None = None) -> bytes:
    ld = f'<script type="application/ld+json">{{"@type": "NewsArticle", "articleBody": "{article_body}"}}</script>'
    return (
        "<html><head><title>予算案を可決</title>" + (ld if article_body else "") + "</head><body>"
        f'<div class="article-body"><p>{_JA_PROMO}</p></div>'
        "<section><div>" + "".join(f"<p>{p}</p>" for p in _JA_PARAGRAPHS) + "</div></section></body></html>"
    ).encode()


def test_prose_reading_replaces_a_content_class_holding_a_fraction_of_the_prose() -> None:
    record = parse(_promo_in_content_class_page(), "page.html")
    paragraphs = [p for section in record.sections for p in section.paragraphs]
    assert paragraphs == list(_JA_PARAGRAPHS)


def test_prose_reading_gives_way_to_the_choice_that_covers_json_ld_article_body() -> None:
    promo_like = " ".join([_JA_PROMO] * 4)  # the page's articleBody matches the chosen block
    record = parse(_promo_in_content_class_page(promo_like), "page.html")
    paragraphs = [p for section in record.sections for p in section.paragraphs]
    assert paragraphs[0] == _JA_PROMO


def test_a_prose_paragraph_whose_class_holds_a_weak_boilerplate_word_stays() -> None:
    sentences = [
        "The council approved the new budget on Friday after a long debate about the schools and the roads.",
        "Members of the opposition said that the plan left far too little for the libraries of the town.",
    ]
    page = (
        "<html><body><article><h1>Council approves the budget</h1>"
        + "".join(f'<div><p class="tagStyle_x1">{s}</p></div>' for s in sentences)
        + '<div class="tag-list"><a href="/t/budget">Budget</a> <a href="/t/council">Council</a></div>'
        + "</article></body></html>"
    ).encode()
    paragraphs = [p for section in parse(page, "page.html").sections for p in section.paragraphs]
    assert paragraphs == sentences


def test_a_prose_paragraph_whose_whole_class_is_a_weak_boilerplate_word_goes() -> None:
    sentences = [
        "The council approved the new budget on Friday after a long debate about the schools and the roads.",
        "Members of the opposition said that the plan left far too little for the libraries of the town.",
    ]
    notice = "To post a comment, log into your chosen social network and then add your comment below the article."
    page = (
        "<html><body><article><h1>Council approves the budget</h1>"
        + "".join(f"<p>{s}</p>" for s in sentences)
        + f'<p class="meta">{notice}</p>'
        + "</article></body></html>"
    ).encode()
    paragraphs = [p for section in parse(page, "page.html").sections for p in section.paragraphs]
    assert paragraphs == sentences


def test_a_notice_sentence_printed_twice_is_not_the_last_prose_paragraph() -> None:
    notice = "<p>Follow this category to read its stories on your page; members only, registration is free.</p>"
    buttons = f"<div>{notice}<p>Register</p></div><div>{notice}<p>Register</p></div>"
    kept = paragraphs(PROSE + buttons)
    assert "Register" not in kept
    assert not any(p.startswith("Follow this category") for p in kept)


def test_a_later_section_of_linked_teasers_goes_with_its_heading() -> None:
    items = "".join(
        f"<li><a href='/s{n}'>Story number {n} on the new flood defences in the north</a> "
        "<span>13 January 2024, 08:00, by the politics desk</span></li>"
        for n in range(4)
    )
    html = f"<html><body><article>{PROSE}<h2>Politics</h2><ul>{items}</ul></article></body></html>"
    article = parse(html.encode(), "page.html")
    assert [s.heading for s in article.sections] == [None]
    assert len(article.sections[0].paragraphs) == 2


def test_the_article_goes_on_after_a_teaser_box_set_in_its_text() -> None:
    box = "<div class='most-read'><div><h2>Most Read</h2><div class='teaser-list'></div></div></div>"
    later = "<p>The mayor said the vote would be repeated in spring if the courts allowed a recount.</p>"
    assert paragraphs(PROSE + box + later)[-1] == later[3:-4]


def test_a_caption_span_after_the_picture_is_a_caption_not_text() -> None:
    html = (
        "<html><body><article>" + PROSE
        + "<div><p>The river rose through the night and closed the bridge.<img src='/f.jpg'></p>"
        "<span class='newsCaption'>The river at its highest point <span>(Image: Getty)</span></span></div>"
        "</article></body></html>"
    )
    article = parse(html.encode(), "page.html")
    assert [c.text for c in article.captions] == ["The river at its highest point"]
    assert not any("river at its highest" in p for s in article.sections for p in s.paragraphs)


def test_a_live_entry_time_and_author_line_is_not_text() -> None:
    entry = (
        "<div class='entry'><div class='entry-info'><time datetime='2024-07-18T11:48'><span>21 mins ago</span>11:48"
        "</time> <a href='/journalist/1'>Jon King</a></div>"
        "<p>The mayor said the vote would be repeated in spring if the courts allowed a recount.</p></div>"
    )
    kept = paragraphs(PROSE + entry)
    assert not any("mins ago" in p for p in kept)
    assert kept[-1].startswith("The mayor said")


def test_a_date_or_time_alone_is_not_text_outside_tables() -> None:
    table = "<table><tr><td>Kick-off</td><td>15:30</td></tr></table>"
    kept = paragraphs("<p>25.10.2025 - 15:26 Uhr</p><p>/ January 11, 2024</p>" + PROSE + table)
    assert "25.10.2025 - 15:26 Uhr" not in kept
    assert "/ January 11, 2024" not in kept
    assert "15:30" in kept


def test_the_headline_after_its_kicker_before_the_text_is_not_a_paragraph() -> None:
    html = (
        "<html><head><title>Cooling towers demolished</title></head><body><article>"
        "<p>Nuclear exit: Cooling towers demolished</p>" + PROSE + "</article></body></html>"
    )
    article = parse(html.encode(), "page.html")
    assert article.headline == "Cooling towers demolished"
    assert article.sections[0].paragraphs[0].startswith("The council approved")
    sentence = "<p>Engineers watched as the old cooling towers demolished</p>"
    html = html.replace("<p>Nuclear exit: Cooling towers demolished</p>", sentence)
    assert parse(html.encode(), "page.html").sections[0].paragraphs[0].startswith("Engineers watched")


def test_a_fact_box_behind_an_expand_toggle_is_not_the_article() -> None:
    box = (
        "<div class='expandable-box'><h2>Who is the expert?</h2>"
        "<div class='expandable-box__body'><p>The political scientist teaches at the university and has written "
        "three books on the region's elections.</p></div></div>"
    )
    later = "<p>The mayor said the vote would be repeated in spring if the courts allowed it.</p>"
    kept = paragraphs(PROSE + box + later)
    assert not any("political scientist" in p for p in kept)
    assert kept[-1].startswith("The mayor said")


def test_class_flags_agree_with_class_words_on_class_and_id() -> None:
    from lxml import etree

    from newsarchive.parse.body import (
        F_BOILERPLATE,
        F_CONTENT,
        F_KNOWN,
        F_RELATED,
        class_flags,
        class_words,
    )

    def element(css: str | None, ident: str | None) -> etree._Element:
        attributes = {k: v for k, v in (("class", css), ("id", ident)) if v is not None}
        return etree.Element("div", attributes)

    cases = [
        ("shareBar", None, F_BOILERPLATE, True),  # camelCase split: `share`
        ("header-shadow", None, F_BOILERPLATE, False),  # `ad` is no word of `shadow`
        ("story", "related-links", F_RELATED, True),  # the id's words count too
        ("article_body", None, F_KNOWN, True),  # whole token, `_` removed
        ("article body", None, F_KNOWN, False),  # two tokens, neither a known one
        ("x content", None, F_CONTENT, True),
        (None, None, F_CONTENT, False),
    ]
    for css, ident, flag, expected in cases:
        node = element(css, ident)
        assert bool(class_flags(node) & flag) is expected, (css, ident)
    words, tokens = class_words(element("shareBar", "related-links"))
    assert {"share", "bar", "related", "links"} <= words and "relatedlinks" in tokens


def test_a_class_naming_the_comment_setting_does_not_drop_the_article() -> None:
    """`comments-enabled` says readers may comment; the block is the article, not a thread."""
    html = (
        "<html><head><title>Budget</title></head><body><div id='article' class='story comments-enabled'>"
        f"<div class='text'>{PROSE}</div></div><div class='comments'><p>First! Great piece, thanks.</p></div>"
        "</body></html>"
    )
    article = parse(html.encode(), "page.html")
    assert [p for s in article.sections for p in s.paragraphs] == [
        "The council approved the budget on Tuesday after a debate that ran late into the night.",
        "Opposition members said the plan would leave the libraries short of staff next winter.",
    ]


def test_a_link_with_a_weak_boilerplate_class_inside_a_sentence_is_kept() -> None:
    """An entity link classed `meta-org` is part of its sentence, not a meta block."""
    html = (
        "<html><head><title>Sale</title></head><body><article><p><a class='meta-org' "
        "href='https://example.com/topic/yahoo'>Yahoo</a>’s sale to Verizon is a complex deal that will take "
        "months to close, lawyers said on Monday.</p>" + PROSE + "</article></body></html>"
    )
    article = parse(html.encode(), "page.html")
    first = article.sections[0].paragraphs[0]
    assert first.startswith("Yahoo’s sale to Verizon")
    assert "https://example.com/topic/yahoo" in [link.href for link in article.links]


LATER = "<p>Suomi esitti viime syksynä, että unionin budjetti on 1,074 prosenttia kansantuotteesta.</p>"


@pytest.mark.parametrize(
    "label",
    ["Lue myös:", "Läs också:", "Les også:", "Læs også:", "Lees ook:",
     "Lue seuraavaksi:", "Läs mer:", "Les neste:", "Læs mere:", "Lees meer:"],
)  # fmt: skip
def test_read_also_next_or_more_lines_in_nordic_languages_and_dutch_announce_a_teaser(label: str) -> None:
    teaser = f"<p><strong>{label}</strong></p><div><a href='/uutiset/1'>Brexit kasvattaa maksuja</a></div>"
    assert paragraphs(PROSE + teaser + LATER)[-1] == clean_text(LATER.removeprefix("<p>").removesuffix("</p>"))
    assert "Brexit kasvattaa maksuja" not in paragraphs(PROSE + teaser + LATER)


def test_unlinked_sentences_after_a_teaser_line_continue_the_article() -> None:
    """A `Read more:` line skips its links, not the rest of the article."""
    teaser = "<p>Read more:</p><p><a href='/a'>Mayor resigns after a long row over housing plans</a></p>"
    later = "<p>The finance committee will publish its full report on the spending plan next month.</p>"
    assert paragraphs(PROSE + teaser + later)[-1] == (
        "The finance committee will publish its full report on the spending plan next month."
    )


@pytest.mark.parametrize("css", ["kommentarModul", "commentaires-liste", "comentarios"])
def test_comment_threads_named_in_german_french_or_spanish_are_dropped(css: str) -> None:
    thread = (f"<div class='{css}'><p>Sie sind aktuell nicht eingeloggt. Um einen Kommentar zu "
              "hinterlassen, loggen Sie sich bitte ein, es dauert nur einen Moment.</p></div>")  # fmt: skip
    assert not any("eingeloggt" in p for p in paragraphs(PROSE + thread))


def test_wordpress_postmetadata_line_is_not_article_text() -> None:
    meta = ("<div class='postmetadata'>Der Beitrag wurde am Dienstag um 23:30 Uhr geschrieben und unter "
            "<a href='/category/linux/' rel='category tag'>Linux</a> abgelegt, Kommentare sind willkommen.</div>")
    assert not any("Beitrag wurde" in p for p in paragraphs(PROSE + meta + LATER))


def test_a_description_with_a_credit_right_after_its_picture_is_a_caption() -> None:
    figure = ("<div class='visual'><picture><img src='/i/notch.jpg' alt=''></picture><div class='image-desc'>"
              "<strong class='title'>Eine kleine runde Aussparung für die Kamera.</strong>"
              "<span class='copy'>© Jon Prosser</span></div></div>")  # fmt: skip
    html = f"<html><head><title>Budget</title></head><body><article>{PROSE}{figure}{LATER}</article></body></html>"
    article = parse(html.encode(), "page.html")
    assert not any("Aussparung" in p for s in article.sections for p in s.paragraphs)
    assert [(c.text, c.credit) for c in article.captions] == [
        ("Eine kleine runde Aussparung für die Kamera.", "Jon Prosser")]  # fmt: skip


def test_a_list_item_of_links_set_in_a_sentence_stays_a_menu_does_not() -> None:
    sentence = (
        "<h3>Tabs</h3><ul><li>Neil has patches up to <a href='/b/1'>improve the behaviour of the tab unloader</a>,"
        " and <a href='/b/2'>show a notice when frames crash</a></li></ul>"
    )
    menu = "<ul><li><a href='/news'>News</a> | <a href='/sport'>Sport</a> | <a href='/weather'>Weather</a></li></ul>"
    found = paragraphs(PROSE + sentence + menu + PROSE.replace("council", "board"))
    assert any(p.startswith("Neil has patches up to improve") for p in found)
    assert not any("Weather" in p for p in found)


@pytest.mark.parametrize(
    "line",
    ["15.04.2025, 17:59 Lesezeit: 5 Min.", "2 minute readApril 25, 2023", "Reading time: 4 min", "4 min de lecture"],
)
def test_a_reading_time_line_is_not_article_text(line: str) -> None:
    found = paragraphs(f"<p>{line}</p>" + PROSE)
    assert line not in found
    assert found[0].startswith("The council approved the budget")


def test_a_sentence_about_minutes_of_reading_stays() -> None:
    sentence = "<p>He read 2 minutes of the report aloud before the vote.</p>"
    assert "He read 2 minutes of the report aloud before the vote." in paragraphs(PROSE + sentence)


def test_a_share_bar_classed_sns_is_not_article_text() -> None:
    """`sns` (social networking service) names share bars on Japanese and Korean sites."""
    bar = "<div class='sns'><a href='/share/x'>X</a> <a href='/share/line'>LINE</a> <span>メールで送る</span></div>"
    later = "<p>The board will publish the final figures for each district next month.</p>"
    found = paragraphs(PROSE + bar + later)
    assert not any("メールで送る" in p or p == "LINE" for p in found)
    assert found[-1] == "The board will publish the final figures for each district next month."


def test_a_post_embedded_in_a_social_classed_wrapper_is_article_text_a_share_bar_is_not() -> None:
    embed = (
        "<div class='social-media-embed'><blockquote class='twitter-tweet'><p>The state spent nearly half a"
        " million dollars on this campaign.</p>&mdash; Jo Reader (@joreader) <a href='/s/1'>November 18, 2019</a>"
        "</blockquote></div>"
    )
    share = "<div class='social-share'><a href='/s/fb'>Facebook</a> <a href='/s/x'>Share on X</a></div>"
    later = "<p>The board will publish the final figures for each district next month.</p>"
    found = paragraphs(PROSE + embed + share + later)
    assert "The state spent nearly half a million dollars on this campaign." in found
    assert not any("Facebook" in p or "Share on X" in p for p in found)


def test_a_name_with_a_hover_card_stays_in_its_sentence_the_card_goes() -> None:
    card = (
        "<p>South Dakota Gov. <span class='rollover'><a href='/people/kim-noe'>Kim Noe</a><span class='card'>"
        "<a href='/people/kim-noe'>Kim Lynn Noe</a> <a href='/n/1'>Governor doubles down on campaign</a>"
        " <a href='/n/2'>State drops pipeline protest laws after lawsuit</a></span></span>"
        " (R) is defending the state’s new anti-drug campaign.</p>"
    )
    found = paragraphs(PROSE + card)
    assert "South Dakota Gov. Kim Noe (R) is defending the state’s new anti-drug campaign." in found


ARTICLE = PROSE + (
    "<p>The mayor told reporters that the libraries would open on Sundays again from the spring onwards.</p>"
    "<p>Staff at the central library welcomed the plan but asked the council to fund two more posts.</p>"
    "<p>The budget also sets aside money for repairs to the swimming pool and to three of the schools.</p>"
)
OFFER = (
    "<p>Want more on your town? You can order our monthly print issue and we send it to your door: "
    "<a href='https://shop.example.org/issue?utm_source=site&amp;utm_medium=article'>order your copy here</a>.</p>"
)


def test_a_closing_offer_to_the_reader_with_a_campaign_link_is_not_article_text() -> None:
    """A tail speaking to its reader and linking with `utm_` parameters is the publisher's own promotion."""
    html = f"<html><head><title>Budget</title></head><body><article>{ARTICLE}{OFFER}</article></body></html>"
    article = parse(html.encode(), "page.html")
    texts = [p for s in article.sections for p in s.paragraphs]
    assert texts[-1].startswith("The budget also sets aside")
    assert not any("utm_source" in link.href for link in article.links)


def test_a_closing_address_to_the_reader_without_a_campaign_link_stays() -> None:
    """Speaking to the reader alone does not make a promotion: articles close that way too."""
    plain = OFFER.replace("?utm_source=site&amp;utm_medium=article", "")
    assert paragraphs(ARTICLE + plain)[-1].startswith("Want more on your town?")


def test_link_density_reads_the_visible_text_not_the_source_indentation() -> None:
    """Pretty-printed markup pads a link list with whitespace, which must not dilute its link text."""
    from lxml import html as lxml_html

    from newsarchive.parse.body import RawLengths, link_density

    pad = "\n" + " " * 60
    items = "".join(f"<div>{pad}<a href='/d{n}'>{pad}Archive day {n}{pad}</a>{pad}</div>" for n in range(20))
    box = lxml_html.fragment_fromstring(f"<div>{items}</div>")
    assert link_density(box, RawLengths()) > 0.9


def test_an_archive_of_linked_lines_does_not_outscore_the_article() -> None:
    """A line that is all link text (an archive's or a teaser list's item) is no paragraph to score."""
    items = "".join(
        f"<div class='item'><a href='/archive?d={n}'>Tue Dec {n % 28 + 1:02d} 14:53:21 EST 2013</a> |</div>"
        for n in range(800)
    )
    prose = (
        "<p>The council approved the budget on Tuesday, after a debate that ran late into the night, "
        "and the mayor said the vote was close.</p>"
        "<p>Opposition members said the plan would leave the libraries, the pools and the parks short of staff.</p>"
        "<p>The budget now goes to the regional authority, which has until March to approve it or send it back.</p>"
    )
    html = (
        "<html><head><title>Budget</title></head><body>"
        f"<div><div class='story'>{prose}</div></div><div><div class='box'>{items}</div></div></body></html>"
    )
    article = parse(html.encode(), "page.html")
    text = [p for s in article.sections for p in s.paragraphs]
    assert any(p.startswith("The council approved the budget") for p in text)
    assert not any("EST 2013" in p for p in text)


def test_an_article_printed_twice_is_read_once() -> None:
    """The same run of prose set twice (a copy for another screen) is one text, not two."""
    text = [
        "The council approved the budget on Tuesday after a debate that ran late into the night, the mayor said.",
        "Opposition members said the plan would leave the libraries and the pools short of staff next winter.",
    ]
    copy = "<div class='intro'>" + "".join(f"<p>{p}</p>" for p in text) + "</div>"
    assert paragraphs(copy + copy) == text


def test_a_repeated_question_or_data_line_stays() -> None:
    """A line repeated alone (an interview's question) or lines of data repeated are the article's."""
    answers = [
        "We began with soup, and the readers asked us for more of it every single week after that.",
        "It started as a joke among friends, and then it grew into the page that you can see today.",
    ]
    interview = "".join(f"<p>What inspired your page?</p><p>{a}</p>" for a in answers)
    plan = "<p>Eat 60 minutes before your workout</p><p>Containers: 1 Green, 1 Red, 1 Yellow</p>" * 2
    kept = paragraphs(interview + plan + PROSE)
    assert kept.count("What inspired your page?") == 2
    assert kept.count("Containers: 1 Green, 1 Red, 1 Yellow") == 2


def test_an_article_split_over_wrapped_blocks_is_read_whole() -> None:
    """A block that is its wrapper's only child stands for the wrapper, whose siblings hold the rest."""
    text = [
        f"Part {n}: the council approved the budget on Tuesday, after a debate that ran late, and the mayor said "
        f"the vote, {n} to {n + 1}, was close."
        for n in range(8)
    ]
    blocks = "".join(
        f"<section><div class='t{n}'>" + "".join(f"<p>{p}</p>" for p in text[n * 4 : n * 4 + 4]) + "</div></section>"
        for n in range(2)
    )
    html = f"<html><head><title>Budget</title></head><body><main>{blocks}</main><p>Imprint</p></body></html>"
    article = parse(html.encode(), "page.html")
    assert [p for s in article.sections for p in s.paragraphs] == text


@pytest.mark.parametrize("wrap", ["{}", "<span class='text'>{}</span>"])
def test_text_between_line_breaks_makes_its_div_the_article(wrap: str) -> None:
    """`<br>`-separated text is its div's own paragraphs, so the div, not the page, is the root."""
    text = [
        f"Part {n}: the council approved the budget on Tuesday, after a debate that ran late, and the mayor said "
        f"the vote, {n} to {n + 1}, was close."
        for n in range(4)
    ]
    html = (
        "<html><head><title>Budget</title></head><body><h1>Budget</h1>"
        f"<div class='x'>{'<br><br>'.join(wrap.format(t) for t in text)}</div>"
        "<footer>Copyright 2024 Town News. All rights reserved.</footer></body></html>"
    )
    article = parse(html.encode(), "page.html")
    assert [p for s in article.sections for p in s.paragraphs] == text


def _declared_page(shown: str) -> bytes:
    import json

    text = "\n".join(
        f"Part {n}: the council approved the budget on Tuesday, after a debate that ran late into the night."
        for n in range(8)
    )
    data = json.dumps({"@type": "NewsArticle", "headline": "Budget", "articleBody": text})
    return (
        f"<html><head><title>Budget</title><script type='application/ld+json'>{data}</script></head>"
        f"<body><h1>Budget</h1><div id='app'>{shown}</div></body></html>"
    ).encode()


def test_the_declared_article_body_stands_in_for_a_page_without_its_text() -> None:
    """A page whose text a script writes in still gives the text its JSON-LD articleBody declares."""
    article = parse(_declared_page("<p>Loading the article, please wait for a moment or two.</p>"), "page.html")
    paragraphs = [p for s in article.sections for p in s.paragraphs]
    assert len(paragraphs) == 8
    assert paragraphs[0].startswith("Part 0: the council approved the budget")


def test_the_page_reading_wins_when_it_holds_the_declared_text() -> None:
    """The declared body only stands in: a page printing the text keeps its own reading."""
    shown = "".join(
        f"<p>Part {n}: the council approved the budget on Tuesday, after a debate that ran late into the night.</p>"
        for n in range(8)
    ) + "<p>This closing line is printed on the page only, after every part of the text.</p>"
    paragraphs = [p for s in parse(_declared_page(shown), "page.html").sections for p in s.paragraphs]
    assert paragraphs[-1] == "This closing line is printed on the page only, after every part of the text."


def test_a_short_article_whose_wrapper_names_a_boilerplate_word_stays() -> None:
    """A block holding most of the page's prose is the article, whatever its class names."""
    text = [
        "The council approved the budget on Tuesday after a debate that ran late into the night, the mayor said.",
        "Opposition members said the plan would leave the libraries and the pools short of staff next winter.",
    ]
    teasers = "".join(f"<li><a href='/r{n}'>Another story about the town, number {n}</a></li>" for n in range(6))
    html = (
        "<html><head><title>Budget</title></head><body><h1>Budget</h1>"
        "<div class='article has-related-links'>" + "".join(f"<p>{p}</p>" for p in text) + "</div>"
        f"<div class='sidebar'><p>Sign up for our newsletter to get the news every morning.</p><ul>{teasers}</ul></div>"
        "</body></html>"
    )
    article = parse(html.encode(), "page.html")
    assert [p for s in article.sections for p in s.paragraphs] == text


def test_a_block_spelling_the_pictures_alt_text_under_it_is_its_caption() -> None:
    """A publisher printing the picture's alt text right under it prints its caption, not the text."""
    picture = (
        "<a href='/p.jpg'><img src='/p.jpg' alt='The mayor, photo: Town archive'></a>"
        "<div class='img-metadata'><span>The mayor, photo: Town archive</span></div>"
    )
    body = PROSE[: PROSE.index("<p>Opposition")] + picture + PROSE[PROSE.index("<p>Opposition") :]
    html = f"<html><head><title>Budget</title></head><body><article>{body}</article></body></html>"
    article = parse(html.encode(), "page.html")
    assert not any("photo:" in p for s in article.sections for p in s.paragraphs)
    assert [c.text.rstrip(",") for c in article.captions] == ["The mayor"]


def test_a_link_wrapped_around_a_heading_is_a_teaser_card() -> None:
    """A link holding a heading (picture, kicker, title, snippet) points to another story: not text."""
    card = (
        "<div class='box'><a href='/other'><img src='/o.jpg' alt=''><span>Football</span>"
        "<h2>Status quo: what is still happening at the club</h2><p>The coach spoke about the next weeks.</p></a></div>"
    )
    html = f"<html><head><title>Budget</title></head><body><article>{PROSE}{card}{LATER}</article></body></html>"
    article = parse(html.encode(), "page.html")
    text = [p for s in article.sections for p in ((s.heading,) if s.heading else ()) + s.paragraphs]
    assert not any("Status quo" in p or "coach" in p for p in text)
    assert [link.kind for link in article.links if link.href.endswith("/other")] == ["related"]


def test_a_caption_named_block_without_a_picture_in_sight_is_not_text() -> None:
    """A lazily loaded picture leaves its caption block alone: still a caption, not article text."""
    lazy = (
        "<div class='InlineImage-imageEmbed'><div class='lazyload-placeholder'></div>"
        "<div><div class='InlineImage-imageEmbedCaption'>The mayor passes the town hall on Monday, Nov. 13.</div>"
        "<div class='InlineImage-imageEmbedCredit'>Jo Doe | Town News</div></div></div>"
    )
    text = paragraphs(lazy + PROSE)
    assert not any("passes the town hall" in p for p in text)
    assert text[0].startswith("The council approved the budget")


def test_a_line_linking_its_author_and_its_category_is_post_metadata() -> None:
    """`rel="author"` and `rel="category tag"` links in one short line make a post's metadata line."""
    meta = (
        "<div class='singlepostmeta'>This entry was written on 21/02/2021 by <a href='/author/jo' rel='author'>"
        "Jo Doe</a> and filed under <a href='/category/town' rel='category tag'>Town</a>.</div>"
    )
    assert not any("filed under" in p for p in paragraphs(PROSE + meta + PROSE.replace("council", "board")))
    mention = "<p>The mayor, <a href='/author/jo' rel='author'>Jo Doe</a> wrote, will stand again next year.</p>"
    assert any("will stand again" in p for p in paragraphs(PROSE + mention))


def test_a_sign_up_form_inside_the_article_is_not_text() -> None:
    """A `<form>` in the article (a newsletter sign-up) holds labels and small print, not text."""
    form = (
        "<form action='/signup' method='post'><h2>The Weekly</h2><div>Fridays. A weekly digest of the best of our "
        "coverage, sent to you.</div><p>By signing up, you confirm that you are over the age of sixteen and agree "
        "to receive occasional offers.</p><input type='email'></form>"
    )
    text = paragraphs(PROSE + form + PROSE.replace("council", "board"))
    assert not any("signing up" in p or "weekly digest" in p for p in text)


def test_a_page_built_as_one_form_keeps_its_article() -> None:
    """Pages built as one `<form>` (ASP.NET) hold the article inside it: the form stays."""
    html = (
        "<html><head><title>Budget</title></head><body><form id='aspnetForm' method='post' action='page.aspx'>"
        f"<div class='wrap'>{PROSE}{LATER}</div></form></body></html>"
    )
    article = parse(html.encode(), "page.html")
    assert len([p for s in article.sections for p in s.paragraphs]) == 3
