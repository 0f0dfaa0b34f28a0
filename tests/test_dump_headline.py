"""The page-dump headline ranker's evidence (`parse.dump_model.features`) on hand-written
units, and the headline it picks in small dumps where that evidence decides."""

from __future__ import annotations

from newsarchive.parse import parse
from newsarchive.parse.dump import (
    LABEL_MARGIN,
    _title_for,
    _title_shaped,
    headline_candidates,
    is_dateline,
    other_form_elsewhere,
    page_units,
)
from newsarchive.parse.dump_model import (
    FEATURE_NAMES,
    LOOKAHEAD,
    LinkWords,
    PrintedInside,
    features,
    headline_score,
)
from newsarchive.parse.dump_region import Unit, find_region, units_of

HEADLINE = "Harbour ferry service to resume after two-year pause"
PROSE = (
    "The harbour ferry will start running again next month, the council said on Tuesday, after "
    "a two-year pause that left island residents with a long drive around the bay to reach the town."
)
MORE = (
    "Officials said the new boats are quieter and cleaner than the old ones, and that tickets will "
    "cost the same as before the service was stopped for repairs to the landing stages."
)
MENU = "  • News\n  • Sport\n  • Culture\n  • Opinion\n  • Video"
FOOT = "  • About us\n  • Contact\n  • Privacy\n  • Jobs\n  • Archive"


def named_features(text: str, line: str) -> dict[str, float]:
    """The features of the unit printing `line` in the dump `text`."""
    units = units_of(text)
    index = next(i for i, u in enumerate(units) if u.visible == line or u.raw == line)
    names = [False] * len(units)
    vector = features(
        units, index, len(units) - 1, datelines=[False] * len(units), bylines=[False] * len(units), h1_count=0,
        first_h1=None, names=names, elsewhere=other_form_elsewhere(units, range(len(units))),
    )  # fmt: skip
    assert vector is not None
    return dict(zip(FEATURE_NAMES, vector, strict=True))


def test_previous_post_link_with_an_arrow_is_marked_as_navigation() -> None:
    text = f"« Older post about the old pier\n\nNewer post about the new boats →\n\n{HEADLINE}\n\n{PROSE}\n"
    assert named_features(text, "« Older post about the old pier")["nav_arrow"] == 1.0
    assert named_features(text, "Newer post about the new boats →")["nav_arrow"] == 1.0
    assert named_features(text, HEADLINE)["nav_arrow"] == 0.0


def test_blockquote_line_is_marked_as_a_quote() -> None:
    text = f"# {HEADLINE}\n\n> _Time is what we want most and use worst._\n\n{PROSE}\n"
    assert named_features(text, "> _Time is what we want most and use worst._")["quote_mark"] == 1.0
    assert named_features(text, HEADLINE)["quote_mark"] == 0.0


def test_line_printed_again_right_after_it_is_marked_doubled() -> None:
    caption = "Ferry leaving the harbour at dawn"
    text = f"{HEADLINE}\n\n{caption}\n\n{caption}\n\n{PROSE}\n"
    assert named_features(text, caption)["doubled"] == 1.0
    assert named_features(text, HEADLINE)["doubled"] == 0.0


def test_title_printed_as_the_last_breadcrumb_item_and_as_a_line_is_marked() -> None:
    text = f"  1. Home\n  2. Local\n  3. {HEADLINE}\n\n{HEADLINE}\n\n{PROSE}\n\n{MENU}\n"
    assert named_features(text, HEADLINE)["other_form_elsewhere"] == 1.0
    assert named_features(text, f"3. {HEADLINE}")["other_form_elsewhere"] == 1.0
    assert named_features(text, "2. Local")["other_form_elsewhere"] == 0.0


def test_heading_inside_a_list_item_counts_as_that_heading_and_as_a_list_item() -> None:
    text = f"  1. [Home](/)\n  2. # {HEADLINE}\n\n{PROSE}\n"
    found = named_features(text, f"2. # {HEADLINE}")
    assert (found["h1"], found["bullet"]) == (1.0, 1.0)


def test_interface_labels_are_marked_by_capitals_glued_words_form_fields_and_repeated_words() -> None:
    text = (
        "Share Tweet Send\n\nSkip to contentSkip to site index\n\nSearch: [          ] [Go]\n\n"
        "TV & Movies TV & Movies Features\n\n"
        f"{HEADLINE}\n\n{PROSE}\n"
    )
    assert named_features(text, "Share Tweet Send")["all_capitalised"] == 1.0
    assert named_features(text, "Skip to contentSkip to site index")["glued"] == 1.0
    assert named_features(text, "Search: [ ] [Go]")["brackets"] == 1.0
    assert named_features(text, "TV & Movies TV & Movies Features")["distinct_words"] < 0.7
    title = named_features(text, HEADLINE)
    assert (title["all_capitalised"], title["glued"], title["brackets"], title["distinct_words"]) == (0, 0, 0, 1)


def test_a_line_that_is_only_a_name_is_marked_as_a_name_among_the_candidates() -> None:
    text = f"{MENU}\n\n{HEADLINE}\n\nSarah Archer\n\n{PROSE}\n\n{MORE}\n\n{FOOT}\n"
    units = units_of(text)
    start = next(i for i, u in enumerate(units) if u.visible == PROSE)
    candidates = headline_candidates(units, start, start + 2)
    found = {units[i].visible: dict(zip(FEATURE_NAMES, v, strict=True)) for i, v in candidates}
    assert found["Sarah Archer"]["name_only"] == 1.0
    assert found[HEADLINE]["name_only"] == 0.0


def test_headline_is_the_title_not_the_previous_post_link_above_it() -> None:
    text = (
        f"{MENU}\n\n← Lighthouse keepers return to the northern cape\n\n{HEADLINE}\n\n"
        f"Published on 5 March 2024 by Sarah Archer\n\n{PROSE}\n\n{MORE}\n\n{FOOT}\n"
    )
    assert parse(text.encode(), "page.txt").headline == HEADLINE


def test_headline_is_the_title_not_the_share_labels_between_it_and_the_byline() -> None:
    text = (
        f"{MENU}\n\n  1. Home\n  2. Local\n  3. {HEADLINE}\n\n{HEADLINE}\n\nShare Tweet Send\n\n"
        f"By Sarah Archer\n\n{PROSE}\n\n{MORE}\n\n{FOOT}\n"
    )
    assert parse(text.encode(), "page.txt").headline == HEADLINE


def test_units_made_by_hand_are_scored_without_a_page_around_them() -> None:
    unit = Unit(raw=HEADLINE, chars=len(HEADLINE), visible=HEADLINE)
    vector = features([unit], 0, 1, datelines=[False], bylines=[False], h1_count=0, first_h1=None)
    assert vector is not None and len(vector) == len(FEATURE_NAMES)


def test_an_opening_paragraph_is_not_credited_with_sharing_words_with_itself() -> None:
    text = f"{MENU}\n\n{HEADLINE}\n\n{PROSE}\n\n{MORE}\n\n{FOOT}\n"
    units = units_of(text)
    start = next(i for i, u in enumerate(units) if u.visible == PROSE)
    candidates = headline_candidates(units, start, start + 2)
    found = {units[i].visible: dict(zip(FEATURE_NAMES, v, strict=True)) for i, v in candidates}
    assert found[PROSE]["body_overlap"] < 0.5  # compared with MORE only
    assert found[HEADLINE]["body_overlap_third"] == 1.0


def test_the_line_after_a_long_list_is_marked_and_the_line_after_a_breadcrumb_is_not() -> None:
    menu = "\n".join(f"  • Section {n}" for n in range(8))
    text = f"{menu}\n\nShare this\n\n  1. Home\n  2. Local\n\n{HEADLINE}\n\n{PROSE}\n"
    assert named_features(text, "Share this")["after_long_list"] == 1.0
    assert named_features(text, HEADLINE)["after_long_list"] == 0.0


def test_a_long_metadata_line_opening_with_a_publication_label_gives_the_date() -> None:
    meta = (
        "Veröffentlicht: 05.01.2020 | Autor: gazette | Abgelegt unter: Hafen, Fähren, Stadtrat | "
        "Tags: Fähre, Hafen, Insel, Wiederaufnahme, Stadtrat"
    )
    assert len(meta) > 120  # longer than a dateline
    text = f"{MENU}\n\n{HEADLINE}\n\n{meta}\n\n{PROSE}\n\n{MORE}\n\n{FOOT}\n"
    assert parse(text.encode(), "page.txt").date == "2020-01-05"


def test_a_long_line_with_a_date_but_no_label_first_gives_no_date() -> None:
    line = (
        "Hafen, Fähren, Stadtrat | Tags: Fähre, Hafen, Insel, Wiederaufnahme, Stadtrat | "
        "Veröffentlicht: 05.01.2020 | Autor: gazette | Abgelegt unter: Hafen"
    )
    text = f"{MENU}\n\n{HEADLINE}\n\n{line}\n\n{PROSE}\n\n{MORE}\n\n{FOOT}\n"
    assert parse(text.encode(), "page.txt").date is None


def test_a_long_metadata_line_opening_with_a_publication_label_counts_as_a_dateline_for_the_ranker() -> None:
    meta = (
        "Published: 05.01.2020 | Author: gazette | Filed under: Harbour, Ferries, Council | "
        "Tags: ferry, harbour, island, service, council"
    )
    units = units_of(f"{HEADLINE}\n\n{meta}\n\nFerries: {meta}\n\n{PROSE}\n")
    assert [is_dateline(u) for u in units] == [False, True, False, False]
    text = f"{MENU}\n\nFerry\n\n{HEADLINE}\n\n{meta}\n\nIt all began with a question:\n\n{PROSE}\n\n{MORE}\n\n{FOOT}\n"
    assert parse(text.encode(), "page.txt").headline == HEADLINE


def test_a_title_whose_words_the_share_links_and_slug_repeat_agrees_with_the_link_targets() -> None:
    """The article's own URL slug and its share links' parameters spell its title; a teaser's
    title agrees only with its own link, which is left out."""
    slug = "https://news.example/local/harbour-ferry-service-to-resume-after-two-year-pause"
    quoted = slug.replace(":", "%3A").replace("/", "%2F")
    share = (
        f"[Share](https://facebook.example/sharer.php?u={quoted}) "
        f"[Tweet](https://twitter.example/intent/tweet?text=Harbour%20ferry%20service%20to%20resume&url={quoted}) "
        f"[Mail](mailto:?subject=Harbour%20ferry%20service%20to%20resume%20after%20two-year%20pause)"
    )
    teaser = "Lighthouse keepers return to the northern cape"
    text = (
        f"{MENU}\n\n{HEADLINE}\n\n{share}\n\n{PROSE}\n\n{MORE}\n\n"
        f"  * [{teaser}](https://news.example/local/lighthouse-keepers-return-to-the-northern-cape)\n\n{FOOT}\n"
    )
    units = units_of(text)
    start = next(i for i, u in enumerate(units) if u.visible == PROSE)
    candidates = headline_candidates(units, start, start + 2)
    found = {units[i].visible: dict(zip(FEATURE_NAMES, v, strict=True)) for i, v in candidates}
    assert found[HEADLINE]["url_share"] == 1.0
    assert found[HEADLINE]["url_links"] == 0.75  # slug, share link, mail subject: 3 of MANY_LINKS


def test_link_agreement_reads_numbered_links_and_leaves_out_the_candidates_own_target() -> None:
    """A lynx teaser `[7]Title` links to its own slug: that target is no evidence for it."""
    references = {
        "7": "https://news.example/local/lighthouse-keepers-return-to-the-northern-cape",
        "8": "https://news.example/l%C3%B6we-im-z%C3%BCrcher-zoo-geboren",
    }
    units = units_of("[7]Lighthouse keepers return to the northern cape\n\nLöwe im Zürcher Zoo geboren\n")
    links = LinkWords(units, range(2), references)
    assert links.agreement(units, 0) == (0.0, 0)
    assert links.agreement(units, 1) == (1.0, 1)  # `zürcher` as the decoded slug writes it, `zurcher`


def test_a_heading_that_is_one_link_to_the_post_is_a_candidate_and_a_linked_line_is_not() -> None:
    """Blogs print a post's title as a heading linking to its own page (a permalink): that
    heading may be the headline, a line that is a link (a teaser) still may not."""
    permalink = "https://blog.example/2024/03/harbour-ferry-service-to-resume/"
    teaser = "Lighthouse keepers return to the northern cape"
    text = (
        f'{MENU}\n\nHarbour Notes\n\n## [{HEADLINE}]({permalink} "Permalink to {HEADLINE}")\n\n'
        f"Posted on 5 March 2024 by Sarah Archer\n\n{PROSE}\n\n{MORE}\n\n"
        f"[{teaser}](https://blog.example/2024/02/lighthouse-keepers/)\n\n{FOOT}\n"
    )
    units = units_of(text)
    start = next(i for i, u in enumerate(units) if u.visible == PROSE)
    shown = {units[i].visible for i, _ in headline_candidates(units, start, start + 3)}
    assert HEADLINE in shown
    assert teaser not in shown
    assert parse(text.encode(), "page.md").headline == HEADLINE


def test_a_title_over_its_byline_far_below_the_region_start_is_a_candidate() -> None:
    """A region may open on a cookie notice or a long standfirst far above the title: the
    units just over the region's first byline below the candidate window are candidates too."""
    notice = "\n\n".join(f"{PROSE} Notice paragraph {n}." for n in range(30))
    text = f"{MENU}\n\n{notice}\n\n{HEADLINE}\n\nBy Sarah Archer\n\n{PROSE}\n\n{MORE}\n\n{FOOT}\n"
    units = units_of(text)
    start = next(i for i, u in enumerate(units) if u.visible.startswith(PROSE))
    title = next(i for i, u in enumerate(units) if u.visible == HEADLINE)
    assert title >= start + 15
    shown = {units[i].visible for i, _ in headline_candidates(units, start, len(units) - 5)}
    assert HEADLINE in shown
    assert f"{PROSE} Notice paragraph 18." not in shown  # the notice between is not


def test_no_second_window_is_opened_when_the_candidate_window_holds_a_dateline() -> None:
    """A window holding a dateline holds the title's: a byline further down the region (an
    author box, a comment) opens no second window of candidates."""
    notice = "\n\n".join(f"{PROSE} Notice paragraph {n}." for n in range(30))
    text = (
        f"{MENU}\n\n{HEADLINE}\n\nPublished on 5 March 2024\n\n{notice}\n\nLighthouse keepers return home\n\n"
        f"By Sarah Archer\n\n{MORE}\n\n{FOOT}\n"
    )
    units = units_of(text)
    start = next(i for i, u in enumerate(units) if u.visible.startswith(PROSE))
    shown = {units[i].visible for i, _ in headline_candidates(units, start, len(units) - 5)}
    assert HEADLINE in shown
    assert "Lighthouse keepers return home" not in shown


def test_a_title_printed_inside_a_longer_line_elsewhere_is_marked() -> None:
    """Pages print their title again inside longer lines (glued after a section label, after a
    share label): evidence for it. A caption printed again right under it with a credit, and a
    list item printing the same text, are no such line."""
    caption = "Ferry leaving the harbour at dawn"
    text = (
        f"{MENU}\n\nLocal{HEADLINE}\n\n{HEADLINE}\n\n{caption}\n\n{caption} Photo: Sarah Archer\n\n"
        f"{PROSE}\n\n  • Lighthouse keepers return to the northern cape\n\n"
        f"Lighthouse keepers return to the northern cape\n\nShare this story: {HEADLINE}\n\n{FOOT}\n"
    )
    units = units_of(text)
    printed = PrintedInside(units)
    found = {u.visible: printed.holds(i) for i, u in enumerate(units)}
    assert found[HEADLINE] is True
    assert found[caption] is False  # its longer copy is its neighbour
    assert found["Lighthouse keepers return to the northern cape"] is False  # a list item is no longer line


def test_headline_is_the_title_printed_again_in_the_share_line_not_the_line_over_it() -> None:
    """A title-shaped line over the title shares its context (the byline under both, words of
    the opening paragraph); the title printed again inside a longer line tells them apart."""
    text = (
        f"{MENU}\n\nIsland residents face a long drive\n\n{HEADLINE}\n\nBy Sarah Archer\n\n"
        f"{PROSE}\n\n{MORE}\n\nShare this story: {HEADLINE}\n\n{FOOT}\n"
    )
    assert parse(text.encode(), "page.txt").headline == HEADLINE


def test_a_candidate_far_into_the_region_is_measured_as_the_candidate_windows_end() -> None:
    """A title over the region's first byline far below a long opening (a cookie notice, teasers)
    is measured as the candidate window's end: the opening's length is no evidence against it."""
    notice = "\n\n".join(f"{PROSE} Notice paragraph {n}." for n in range(30))
    label = "Island news today"
    text = f"{MENU}\n\n{label}\n\n{notice}\n\n{HEADLINE}\n\nBy Sarah Archer\n\n{PROSE}\n\n{MORE}\n\n{FOOT}\n"
    units = units_of(text)
    start = next(i for i, u in enumerate(units) if u.visible.startswith(PROSE))
    title = next(i for i, u in enumerate(units) if u.visible == HEADLINE)
    assert title >= start + 30
    vectors = dict(headline_candidates(units, start, len(units) - 5))
    offset = FEATURE_NAMES.index("inside_offset_10")
    assert vectors[title][offset] == LOOKAHEAD / 10
    assert parse(text.encode(), "page.txt").headline == HEADLINE  # not the label over the notice


ESSAY = (
    "What do driverless cars and parcel drones have to do with the future of the city? Little, writes "
    "the author of this essay, as long as the streets are laid out for the traffic of the last century."
)
ESSAY_MORE = (
    "The essay argues that towns should decide first what their streets are for, and only then which "
    "machines may use them, since every new vehicle so far has been fitted to the old plan."
)


def model_scores(text: str, start: int) -> dict[str, float]:
    """The model's score of each candidate of the dump `text` (its region starting at unit
    `start`, its last five units a footer), by the candidate's text."""
    units = units_of(text)
    return {units[i].visible: headline_score(v) for i, v in headline_candidates(units, start, len(units) - 5)}


def assert_label_yields(text: str, label: str, title: str, start: int) -> None:
    """The model alone scores `label` above `title`, by at most `LABEL_MARGIN`; the headline
    read is `title`."""
    scores = model_scores(text, start)
    assert 0 < scores[label] - scores[title] <= LABEL_MARGIN
    assert parse(text.encode(), "page.txt").headline == title


def test_a_one_word_label_under_the_title_yields_to_the_title_line() -> None:
    """A section label shares the title's context (the dateline under both, its one word in the
    opening paragraph) by chance: scored just above the title-shaped line beside it, it stands
    for that line."""
    title = "Freedom of the planners"
    text = f"{MENU}\n\n{title}\n\nEssay\n\n25.10.2022 - Sarah Archer\n\n{ESSAY}\n\n{ESSAY_MORE}\n\n{FOOT}\n"
    assert_label_yields(text, "Essay", title, 6)


def test_a_breadcrumb_trail_yields_to_its_last_item_printed_beside_it() -> None:
    """A breadcrumb trail ends with the page's title; printed as a line beside the trail, that
    line is the title, however the model scores the trail."""
    text = (
        f"{MENU}\n\nSearch: Home » Ferries\n\nFerries\n\n5 March 2024 · by Sarah Archer · in Local\n\n"
        f"{PROSE}\n\n{MORE}\n\n{FOOT}\n"
    )
    scores = model_scores(text, 8)
    assert scores["Search: Home » Ferries"] > scores["Ferries"]  # the model alone picks the trail
    assert parse(text.encode(), "page.txt").headline == "Ferries"


def test_a_label_yields_only_to_a_title_shaped_line_not_a_date_byline_list_item_or_quote() -> None:
    """Only a line that may be a title takes a label's place: four words or more, no list or
    blockquote mark (an epigraph), link, closing full stop, date or byline."""
    text = (
        f"{HEADLINE}\n\n5 March 2024 at the harbour office\n\nBy Sarah Archer and Tom Reed\n\n"
        "  • Ferry timetables for the islands\n\n> “Time is what we want most and use worst”\n\n"
        "The ferry is back on the water.\n\nFerry news\n"
    )
    shaped = {unit.visible: _title_shaped(unit) for unit in units_of(text)}
    assert shaped[HEADLINE]
    assert not any(shaped[line] for line in list(shaped)[1:])


def test_a_three_word_caption_yields_to_a_title_shaped_line_over_its_byline() -> None:
    """A photo caption under the byline shares the title's context (a byline and dateline under
    it, its words in the opening paragraphs): scored just above a title-shaped line with its own
    byline under it, it stands for that line."""
    title = "Voters back a pension rise for retired teachers"
    opening = (
        "The measure passed at the Texas State Capitol count on Tuesday night, and the state will now pay "
        "more to the fund that the Capitol set up for those who taught in its schools for twenty years."
    )
    more = (
        "Officials at the Capitol said the state fund may still run short within ten years, since fewer "
        "people now pay into it than draw from it, and the gap grows a little every single year."
    )
    meta = "by: Sarah Archer\n\nPosted: Mar 5, 2024 / 04:43 PM"
    text = f"{MENU}\n\n{title}\n\n{meta}\n\nTexas State Capitol\n\n{meta}\n\n{opening}\n\n{more}\n\n{FOOT}\n"
    assert_label_yields(text, "Texas State Capitol", title, 12)


def test_a_caption_does_not_yield_to_a_line_of_names_over_a_byline() -> None:
    """A line of names stands over a byline as often as a title does (`Jane Doe and John Roe`
    over `By …`): it never takes a caption's place."""
    units = units_of(f"Texas State Capitol\n\nSarah Archer and Tom Reed\n\nBy Sarah Archer\n\n{PROSE}\n")
    label = [0.0] * len(FEATURE_NAMES)
    over_byline = [0.0] * len(FEATURE_NAMES)
    over_byline[FEATURE_NAMES.index("byline_next3")] = 1.0
    names = [*over_byline]
    names[FEATURE_NAMES.index("name_only")] = 1.0
    assert _title_for(units, 0, {0: label, 1: names}) == 0
    assert _title_for(units, 0, {0: label, 1: over_byline}) == 1  # a title-shaped line over a byline


def test_a_name_with_its_job_title_is_never_the_headline() -> None:
    """A name with its job title after it (`Jane Doe Deputy Editor`) is a byline, never a title,
    however the model scores it: the highest-scoring other candidate that is no name line is."""
    title = "Lighthouse keeper kept six boats hidden in a barn for years"
    text = (
        f"{MENU}\n\n  •  \n  • News\n  • Local\n\n{title}\n\n"
        "Villagers said there was a strange noise coming from the barn at night\n\n  •  \n  •  \n  •  \n\n \n"
        "News\nSarah Archer Deputy Content Hub Director\n08:39, 06 Jan 2026Updated 08:41, 06 Jan 2026\n\n"
        "Passengers wait for the ferry at the island landing stage on a grey morning last winter.\n"
        f"View 3 Images\n\n{PROSE}\n\n{MORE}\n\n{FOOT}\n"
    )
    scores = model_scores(text, 16)
    assert scores["Sarah Archer Deputy Content Hub Director"] > scores[title]  # the model alone picks the name
    assert parse(text.encode(), "page.txt").headline == title


def test_a_date_line_is_never_the_headline() -> None:
    """A date line over the title and its byline can outscore a two-word title on its neighbours'
    evidence; a date is never the title, so the highest-scoring other candidate is."""
    text = f"{MENU}\n\nMarch 9 2017 4:21 PM\n\nBroken Pledge\n\nBy Jane Doe\n\n{PROSE}\n\n{MORE}\n\n{FOOT}\n"
    scores = model_scores(text, 8)
    assert scores["March 9 2017 4:21 PM"] > scores["Broken Pledge"]  # the model alone picks the date
    assert parse(text.encode(), "page.txt").headline == "Broken Pledge"


# A text browser's page: menu lines and a teaser printed line after line, then the article.
RUN = "Home\nNews\nSport\nCulture\nWeather\nThe new timetable for the island buses this winter\nLog in\n"
SHORT_TITLE = "Harbour ferry returns in May"
FOOTER = "About us\nContact\nPrivacy\nJobs\n"


def test_a_line_between_blank_lines_is_marked_alone_and_a_line_in_a_run_of_lines_is_not() -> None:
    """Text browsers print a heading as a paragraph of its own and menus line after line: in a
    dump without markup the blank lines around a line are the only trace of a heading."""
    page = page_units(f"{RUN}\n{SHORT_TITLE}\n\n{PROSE}\n\n{MORE}\n\n{FOOTER}")
    assert page is not None
    alone = {unit.visible: unit.alone for unit in page[0]}
    assert alone[SHORT_TITLE] and alone[PROSE]
    assert not alone["Weather"] and not alone["The new timetable for the island buses this winter"]
    glued = page_units(f"{RUN}{SHORT_TITLE}\n\n{PROSE}\n\n{MORE}\n\n{FOOTER}")
    assert glued is not None
    assert not next(unit for unit in glued[0] if unit.visible == SHORT_TITLE).alone
    # A line of spaces, tabs or no-break spaces is blank, as the units read it.
    spaced = page_units(f"{RUN}\u00a0\n{SHORT_TITLE}\n \t\n{PROSE}\n\n{MORE}\n\n{FOOTER}")
    assert spaced is not None
    assert next(unit for unit in spaced[0] if unit.visible == SHORT_TITLE).alone


def test_a_markdown_heading_counts_as_alone_even_inside_a_list_item() -> None:
    """html2text prints a page's heading inside its breadcrumb list (`4. # Title`): a heading
    mark says what the blank lines would."""
    text = f"{MENU}\n\n  1. [Home](https://example.org/)\n  2. # {HEADLINE}\n\n{PROSE}\n\n{MORE}\n\n{FOOT}\n"
    page = page_units(text)
    assert page is not None
    units, references = page
    start, end, _ = find_region(units)
    index = next(i for i, u in enumerate(units) if HEADLINE in u.raw)
    assert not units[index].alone
    found = dict(headline_candidates(units, start, end, references))
    assert found[index][FEATURE_NAMES.index("alone")] == 1.0


def test_headline_is_the_line_printed_alone_not_the_teaser_in_the_menu_run_above_it() -> None:
    """A short title printed as its own paragraph wins over a longer teaser line inside the
    menu's run of lines; printed in that run itself, the teaser would win."""
    alone = f"{RUN}\n{SHORT_TITLE}\n\n{PROSE}\n\n{MORE}\n\n{FOOTER}"
    assert parse(alone.encode(), "page.txt").headline == SHORT_TITLE
    glued = f"{RUN}{SHORT_TITLE}\n\n{PROSE}\n\n{MORE}\n\n{FOOTER}"
    assert parse(glued.encode(), "page.txt").headline != SHORT_TITLE
