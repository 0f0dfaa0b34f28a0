"""Photo captions of HTML pages: what a figure or caption block holds (text, credit), and
which figures caption no photo at all; each rule with a small hand-written page."""

from __future__ import annotations

from newsarchive.model import Caption
from newsarchive.parse import parse
from newsarchive.parse.common import split_credit

PROSE = (
    "<p>The council approved the budget on Tuesday after a debate that ran late into the night.</p>"
    "<p>Opposition members said the plan would leave the libraries short of staff next winter.</p>"
)


def captions(body: str, after: str = "") -> list[tuple[str, str | None]]:
    html = f"<html><head><title>Budget</title></head><body><article>{body}</article>{after}</body></html>"
    return [(c.text, c.credit) for c in parse(html.encode(), "page.html").captions]


def test_a_caption_keeps_its_full_stop_before_a_foto_credit() -> None:
    """The sentence's own full stop is part of the caption; only the credit goes."""
    assert split_credit("Menschen vor dem Rathaus. Foto: Karin Vogt") == ("Menschen vor dem Rathaus.", "Karin Vogt")


def test_a_copyright_credit_of_two_long_names_is_split_off() -> None:
    """A `©` credit may name an agency and a graphics desk, longer than 80 characters."""
    credit = "Berliner Morgenpost Infografik/OSM | C. Schlippes /Berliner Morgenpost Infografik OSM Datawrapper"
    assert split_credit(f"Die Karte zeigt die Rauchwolke. © {credit}") == ("Die Karte zeigt die Rauchwolke.", credit)


def test_a_pull_quote_figure_names_its_speaker_not_a_photo() -> None:
    """A `<figure>` around a `<blockquote>` without a picture sets a quote; its figcaption is the speaker."""
    quote = (
        "<div class='pull-quote'><figure><blockquote><p>We played our cards well today.</p></blockquote></figure>"
        "<figcaption><div>Arthur Kluckers</div></figcaption></div>"
        "<figure><blockquote><p>It was too hot.</p></blockquote><figcaption>Alex Kirsch</figcaption></figure>"
    )
    assert captions(PROSE + quote + PROSE) == []


def test_an_offscreen_label_inside_a_longer_class_is_no_caption_text() -> None:
    """`<span class=h-offscreen>Legende:</span>` is read to screen readers only."""
    figure = (
        "<figure><img src='/a.jpg'><div class='media-caption'><span class='h-offscreen'>Legende:</span>"
        "<span class='media-caption__description'>Biden met his advisers on Saturday.</span>"
        "<span class='media-caption__source'>Keystone/AP</span></div></figure>"
    )
    assert captions(PROSE + figure + PROSE) == [("Biden met his advisers on Saturday.", "Keystone/AP")]


def test_photo_by_and_a_distributor_after_the_credit_element_go_to_the_credit() -> None:
    """`<span class=credit>Photo by X</span> /<span>AP</span>`: the label goes, the distributor joins the credit."""
    figure = (
        "<figure><img src='/a.jpg'><figcaption class='image-caption'><span class='caption'>Missiles hit the town."
        "</span> <span class='credit'>Photo by Kevin Vine</span> /<span class='distributor'>AP</span>"
        "</figcaption></figure>"
    )
    assert captions(PROSE + figure + PROSE) == [("Missiles hit the town.", "Kevin Vine / AP")]


def test_a_credit_that_is_the_captions_first_word_stays_in_the_text() -> None:
    """A credit printed at an end of the text counts only when it stands apart from the words there."""
    figure = (
        "<figure><img src='/a.jpg'><figcaption class='figcaption'><span class='figcaption__caption'>Etlaq’s launch"
        " site.</span> <span class='figcaption__credit'>Etlaq</span></figcaption></figure>"
    )
    assert captions(PROSE + figure + PROSE) == [("Etlaq’s launch site.", "Etlaq")]


def test_a_figcaption_of_only_a_date_is_no_caption() -> None:
    """A figcaption without a word (`15.05.2023`) labels a player or a teaser, not a photo."""
    figure = "<figure><img src='/a.jpg'><figcaption>15.05.2023</figcaption></figure>"
    assert captions(PROSE + figure + PROSE) == []


def test_a_caption_block_with_a_running_time_is_a_video_not_a_photo() -> None:
    """A `<time datetime="PT1M48S">` (an ISO 8601 duration) in the caption block times a video."""
    block = (
        "<div><img src='/v.jpg'></div><div class='media__caption'><time datetime='PT1M48S'>01:48 min</time>"
        "<div class='media__description'>All six voters have cast their ballots</div></div>"
    )
    assert captions(PROSE + block + PROSE) == []


def test_a_gallery_figure_keeps_each_picture_its_own_caption() -> None:
    """A figure of captioned figures is a gallery: one caption per picture, each with its credit."""
    gallery = (
        "<figure class='gallery'><ul><li><figure><img src='/a.jpg'><figcaption><span class='caption'>Mission"
        " control.</span> <span class='credit'>Etlaq</span></figcaption></figure></li>"
        "<li><figure><img src='/b.jpg'><figcaption><span class='caption'>The offices in Muscat.</span> "
        "<span class='credit'>Eman Ali</span></figcaption></figure></li></ul></figure>"
    )
    assert captions(PROSE + gallery + PROSE) == [("Mission control.", "Etlaq"), ("The offices in Muscat.", "Eman Ali")]


def test_a_caption_block_is_read_whole_around_a_caption_classed_credit() -> None:
    """`<span class=newsCaption>Text <span class=caption>(Image: Getty)</span></span>`: the inner part is the credit."""
    block = (
        "<div><p><img src='/a.jpg'></p><span class='newsCaption'>The river at its highest point "
        "<span class='caption'>(Image: Getty)</span></span></div>"
    )
    assert captions(PROSE + block + PROSE) == [("The river at its highest point", "Getty")]


def test_a_credit_alone_makes_no_caption() -> None:
    """A caption block holding only a credit (`<span class=source>Lego</span>`) captions nothing."""
    block = (
        "<div class='image'><img src='/a.jpg' alt=''><div class='caption'><span class='source'>Lego</span></div></div>"
    )
    assert captions(PROSE + block + PROSE) == []


def test_a_figure_between_two_blocks_of_the_text_is_a_caption() -> None:
    """A picture set between two text blocks of the article (outside both) belongs to the article."""
    text = "<div class='RichText'>" + PROSE + "</div>"
    figure = (
        "<div><figure><img src='/a.jpg'><figcaption><p>The vice chair at the hearing.</p>"
        "<span class='RichTextCredit'>Foto: <p>Andrew Harnik / AP</p></span></figcaption></figure></div>"
    )
    article = parse(
        f"<html><body><article>{text}{figure}{text.replace('budget', 'plan')}</article></body></html>".encode(),
        "page.html",
    )
    assert [c.text for c in article.captions] == ["The vice chair at the hearing."]
    assert isinstance(article.captions[0], Caption)


def test_an_alt_text_that_is_a_file_name_is_no_caption() -> None:
    """A credit-only figure captions nothing, and its alt text (`Rosettaimpact.jpg`) is not printed."""
    figure = "<figure><img src='/r.jpg' alt='Rosettaimpact.jpg'><figcaption>Photo: ESA/ATG</figcaption></figure>"
    assert captions(PROSE + figure + PROSE) == []


def test_a_figure_printing_only_a_credit_takes_no_caption_from_its_alt_text() -> None:
    """The alt text describes the picture to screen readers; a figure that prints only a credit captions nothing."""
    figure = (
        "<figure><img src='/c.jpg' alt='A line chart of emissions between 1990 and 2035, rising under every policy.'>"
        "<figcaption><span class='credit'>Repeat Project</span></figcaption></figure>"
    )
    assert captions(PROSE + figure + PROSE) == []


def test_a_name_with_a_slash_in_the_text_is_no_distributor() -> None:
    """Only a name set apart after a spaced slash follows the credit element; `Nintendo/Apple` is the text."""
    figure = (
        "<figure><img src='/n.jpg'><figcaption>Nintendo/Apple <span class='credit'>Provided by Insider</span>"
        "</figcaption></figure>"
    )
    assert captions(PROSE + figure + PROSE) == [("Nintendo/Apple", "Provided by Insider")]


def test_a_bracketed_photo_credit_closing_a_figcaption_is_its_credit() -> None:
    """`… [사진 = X]`, `…（X撮影）`: the bracket the dump reading splits off is split off a figcaption too."""
    korean = "<figure><img src='/k.jpg'><figcaption>당선인 모습. [사진 출처 = 민주당 캠프]</figcaption></figure>"
    japanese = "<figure><img src='/j.jpg'><figcaption>警視庁を出る容疑者（潟沼義樹撮影）</figcaption></figure>"
    assert captions(PROSE + korean + japanese + PROSE) == [
        ("당선인 모습.", "사진 출처 = 민주당 캠프"),
        ("警視庁を出る容疑者", "潟沼義樹撮影"),
    ]


def test_a_figcaption_printed_twice_in_one_figure_is_read_once() -> None:
    """A figure may print its caption for narrow and for wide screens: one caption, its credit split off."""
    twice = "<figcaption><span>The gutted remains.</span> Photograph: Eva Manez/Reuters</figcaption>"
    figure = f"<figure><img src='/g.jpg'><span>{twice}</span><span>{twice}</span></figure>"
    assert captions(PROSE + figure + PROSE) == [("The gutted remains.", "Eva Manez/Reuters")]


def test_an_aside_or_button_holding_one_captioned_picture_is_a_figure() -> None:
    """A lightbox `<button>` or an `<aside>` around one picture and its caption is a figure, not a
    control or a sidebar."""
    button = (
        "<button class='slide-viewer'><div><img src='/a.jpg'><figcaption><span>Heidnik is led into court</span>"
        "</figcaption></div></button>"
    )
    aside = (
        "<aside class='left image'><a href='/b.jpg'><img src='/b.jpg'></a><p class='caption'>A rally in Des Moines. "
        "<span class='credits'>(Courtesy of Tanner Fischer)</span></p></aside>"
    )
    sidebar = "<aside><ul><li><a href='/x'>Most read story of the day</a></li></ul></aside>"
    found = captions(PROSE + button + PROSE + aside + sidebar + PROSE)
    assert found == [("Heidnik is led into court", None), ("A rally in Des Moines.", "Courtesy of Tanner Fischer")]


def test_a_credit_elements_own_brackets_are_no_part_of_the_credit() -> None:
    """`<span class=credit>(Robert Bukaty / AP)</span>`: the brackets only set the credit apart."""
    figure = (
        "<figure><img src='/c.jpg'><figcaption>Christie quits. <span class='credit'>(Robert Bukaty / AP)</span>"
        "</figcaption></figure>"
    )
    assert captions(PROSE + figure + PROSE) == [("Christie quits.", "Robert Bukaty / AP")]


def test_a_lead_figure_captioned_by_a_caption_classed_block_is_read() -> None:
    """A lead picture above the text whose caption is a caption-classed block, not a `<figcaption>`, is captioned."""
    lead = (
        "<header><h1>Budget passed</h1><figure class='hero'><img src='/lead.jpg'>"
        "<div class='image-caption'><span>The council chamber on Tuesday night.</span></div></figure></header>"
    )
    body = f"{lead}<section class='story-section'>{PROSE}{PROSE}</section>"
    assert captions(body) == [("The council chamber on Tuesday night.", None)]


def test_a_figure_between_paragraphs_chosen_one_by_one_is_read_without_an_article() -> None:
    """Paragraphs chosen one by one (no `<article>`): a figure among them, in their parent, is the article's."""
    paragraph = "<p class='article-text'>{}</p>"
    figure = (
        "<figure><img src='/a.jpg'><figcaption><span class='title'>Ministers met in Madrid on Sunday."
        "<span class='author'>EFE/ J. Doe</span></span></figcaption></figure>"
    )
    sentences = [
        "The council approved the budget on Tuesday after a debate that ran late into the night and past midnight.",
        "Opposition members said the plan would leave the libraries short of staff for most of next winter.",
        "The mayor said the savings were needed to keep the buses running on the routes that serve schools.",
    ]
    body = paragraph.format(sentences[0]) + figure + "".join(paragraph.format(s) for s in sentences[1:])
    html = f"<html><head><title>Budget</title></head><body><div class='col'>{body}</div></body></html>"
    found = [(c.text, c.credit) for c in parse(html.encode(), "page.html").captions]
    assert found == [("Ministers met in Madrid on Sunday.", "EFE/ J. Doe")]


def test_a_widget_classed_block_holding_one_captioned_picture_is_a_figure() -> None:
    """`widget` is a weak boilerplate word: a block of that class that is one captioned picture is no widget."""
    figure = (
        "<div class='widget widget--type-image'><figure><img src='/a.jpg'>"
        "<figcaption>A woman photographs the refinery dock. (AP Photo)</figcaption></figure></div>"
    )
    assert captions(PROSE + figure + PROSE) == [("A woman photographs the refinery dock.", "AP Photo")]


def _lead_block(image: str, line: str) -> str:
    return f"<header><h1>Budget passed</h1><div class='lead-picture'>{image}<p>{line}</p></div></header>"


def test_a_picture_block_without_figure_markup_above_the_text_is_a_figure() -> None:
    """A block of a picture and one short line after it, nothing else, is a figure set without `<figure>`."""
    line = "The mayor speaks to the council on Tuesday. Jo Doe/AP"
    lead = _lead_block("<picture><img src='/lead.jpg'></picture>", line)
    body = f"{lead}<section class='story-section'>{PROSE}{PROSE}</section>"
    assert captions(body) == [("The mayor speaks to the council on Tuesday.", "Jo Doe/AP")]


def test_an_avatar_beside_a_name_and_date_is_no_picture_block() -> None:
    """A picture declared at most `MAX_ICON_PIXELS` on both sides is an author's avatar: its line is no caption."""
    lead = _lead_block("<img src='/jo.jpg' width='96' height='96'>", "Jo Doe, last changed on 06.11.2023 at noon")
    assert captions(f"{lead}<section class='story-section'>{PROSE}{PROSE}</section>") == []


def test_a_credit_line_after_a_picture_is_no_caption() -> None:
    """A line that is only a credit (`Bloomberg via Getty Images`) captions nothing."""
    lead = _lead_block("<img src='/lead.jpg'>", "Bloomberg via Getty Images")
    assert captions(f"{lead}<section class='story-section'>{PROSE}{PROSE}</section>") == []


def test_a_short_cjk_line_after_a_picture_is_its_caption() -> None:
    """CJK text has no spaces between words, so a line in CJK script captions the picture whatever its word count."""
    lead = _lead_block("<img src='/lead.jpg'>", "市议会周二通过预算")
    body = f"{lead}<section class='story-section'>{PROSE}{PROSE}</section>"
    assert captions(body) == [("市议会周二通过预算", None)]


def test_a_short_latin_line_after_a_picture_is_no_caption() -> None:
    """Fewer than `CAPTION_LINE_WORDS` words of Latin script (`Read more`) are a label, not a caption."""
    lead = _lead_block("<img src='/lead.jpg'>", "Council chamber")
    assert captions(f"{lead}<section class='story-section'>{PROSE}{PROSE}</section>") == []
