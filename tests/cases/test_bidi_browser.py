"""A Latin reference and a title in the other script, side by side, read correctly in a real browser.

Without isolation the digits of a title that starts or ends with a number join the reference's
digits in one run, and in a right-to-left page "DR-2026-0042" followed by an English title
becomes one left-to-right run whose parts swap places. Each is isolated (``<bdi>`` or ``dir``),
the reference's characters stay in their order, and the reference comes first in the reading
direction of the page: left of the title in English, right of it in Arabic.
"""

import pytest

from tests.conftest import browser_login
from tests.factories import CaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARABIC_TITLE = "3 مدونين معتقلين بسبب منشورات 2026"
ENGLISH_TITLE = "2 bloggers arrested for posts in 2026"

# What the browser made of a pair: the computed isolation and direction of each element,
# their boxes, and the left edge of each character of the reference.
MEASURE = """([reference, title]) => {
  const style = (element) => getComputedStyle(element);
  const text = [...reference.childNodes].find((node) => node.nodeType === Node.TEXT_NODE) || reference.firstChild;
  const edges = [];
  const range = document.createRange();
  for (let i = 0; i < text.textContent.length; i++) {
    range.setStart(text, i);
    range.setEnd(text, i + 1);
    edges.push(range.getBoundingClientRect().left);
  }
  const box = (element) => {
    const r = element.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  };
  return {
    referenceText: reference.textContent,
    referenceIsolation: style(reference).unicodeBidi,
    referenceDirection: style(reference).direction,
    titleText: title.textContent.trim(),
    titleIsolation: style(title).unicodeBidi,
    titleDirection: style(title).direction,
    reference: box(reference),
    title: box(title),
    edges,
  };
}"""


def measure(page, reference_selector: str, title_selector: str) -> dict:
    reference = page.locator(reference_selector)
    title = page.locator(title_selector)
    assert reference.count() == 1 and title.count() == 1, (reference_selector, title_selector)
    return page.evaluate(MEASURE, [reference.element_handle(), title.element_handle()])


def assert_reads_correctly(found: dict, *, reference: str, title: str, page_direction: str, same_line: bool) -> None:
    title_direction = "rtl" if title == ARABIC_TITLE else "ltr"
    assert found["referenceText"] == reference
    assert found["titleText"] == title
    assert found["referenceIsolation"] == "isolate"
    assert found["titleIsolation"] == "isolate"
    assert found["referenceDirection"] == "ltr"
    assert found["titleDirection"] == title_direction
    # The reference's characters, digits included, from left to right in the order they are written.
    assert found["edges"] == sorted(found["edges"]) and len(set(found["edges"])) == len(reference)
    if page_direction == "ltr":
        assert found["reference"]["right"] <= found["title"]["left"]
    else:
        assert found["reference"]["left"] >= found["title"]["right"]
    if same_line:
        assert found["reference"]["top"] < found["title"]["bottom"]
        assert found["title"]["top"] < found["reference"]["bottom"]


@pytest.mark.parametrize(
    ("interface", "title", "title_language"),
    [("en", ARABIC_TITLE, "ar"), ("ar", ENGLISH_TITLE, "en")],
    ids=["arabic-title-in-english", "english-title-in-arabic"],
)
def test_reference_and_title_in_opposite_scripts_read_correctly(
    browser, live_server, advocacy, interface, title, title_language
):
    case = CaseFactory(reference="DR-2026-0042", title=title, language=title_language, title_translation="")
    direction = "rtl" if interface == "ar" else "ltr"
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "django_language", "value": interface, "url": live_server.url}])
    page = context.new_page()
    browser_login(page, live_server.url, advocacy)

    page.goto(f"{live_server.url}/cases/")
    assert page.locator("html").get_attribute("dir") == direction
    row = f"tr.case-row:has(a[href$='/{case.reference}/'])"
    found = measure(page, f"{row} td:nth-child(1) bdi", f"{row} td:nth-child(2)")
    assert_reads_correctly(found, reference=case.reference, title=title, page_direction=direction, same_line=True)

    page.goto(f"{live_server.url}/cases/{case.reference}/")
    found = measure(page, "h1 .reference", "h1 .reference + bdi")
    assert_reads_correctly(found, reference=case.reference, title=title, page_direction=direction, same_line=True)

    page.goto(f"{live_server.url}/reports/compose/case_file/")
    row = f".case-choice tr:has(#case-{case.pk})"
    found = measure(page, f"{row} label bdi", f"{row} td:nth-child(3)")
    assert_reads_correctly(found, reference=case.reference, title=title, page_direction=direction, same_line=True)
    context.close()
