"""Every staff page each demo role can reach, at a phone's width and a desktop's (issue 13).

For each demo login a small crawler starts at the home page and follows the links of the
navigation and of every page it reaches, staying on staff pages and never submitting a
form. Every page it reaches, at 390 and at 1280 pixels wide, must have no serious or critical
axe finding, must not be a 403 (a link a role is shown must be one it may use), and must not
show a raw code (`young_person`, `in_progress`) where a person expects a word.

Long lists are sampled: one page of each shape of address (one case page, one action form of
each kind, the first page of a list), so the test stays quick.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from putright.complaints.constants import Channel, Kind, Outcome, StageStatus
from putright.complaints.services import procedure_ensure_builtins
from putright.demo.services import DEMO_USERS, demo_load, demo_password
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1280)
# Staff pages: everything else (the public front door, the API, Django's administration
# area, downloads) is out of the crawl.
STAFF_PREFIXES = (
    "/cases/",
    "/ombudsman/",
    "/dashboard/",
    "/reports/",
    "/audit/",
    "/data-protection/",
    "/equality/",
    "/publish/",
    "/accounts/",
)
NOT_PAGES = re.compile(
    r"(\.csv|\.pdf|\.xlsx|\.json|/attachments/|/download|/export|logout|/admin/)"
)
PAGES_PER_ROLE = 18
# A word of the form `informal_complaint` is a code; codes of the closed vocabularies too.
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
KNOWN_CODES = {
    code
    for choices in (Kind, Channel, Outcome, StageStatus)
    for code in choices.values
    if "_" in code
} | {"young_person", "awaiting_acknowledgement", "mp_enquiry"}
SCREENSHOTS = os.environ.get("PUTRIGHT_SCREENSHOTS")


def shape(url: str) -> str:
    """An address with its case references and numbers replaced, and its query's names
    without their values: one visit per shape."""
    parts = urlsplit(url)
    path = re.sub(r"/[A-Z]{2,4}-\d{4}-\d+", "/REF", parts.path)
    path = re.sub(r"/\d+", "/N", path)
    names = sorted(pair.split("=")[0] for pair in parts.query.split("&") if pair)
    return path + ("?" + "&".join(names) if names else "")


def is_staff_page(href: str) -> bool:
    parts = urlsplit(href)
    if parts.netloc and not parts.netloc.startswith(("127.0.0.1", "localhost")):
        return False
    if parts.path != "/" and not parts.path.startswith(STAFF_PREFIXES):
        return False
    return not NOT_PAGES.search(parts.path)


def links(page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "main a[href], header a[href]", "els => els.map(e => e.getAttribute('href'))"
    )
    found = []
    for href in hrefs:
        if not href or href.startswith(("#", "mailto:", "tel:")):
            continue
        parts = urlsplit(href)
        if parts.query and "page=" in parts.query:
            continue  # the first page of a list is enough
        if is_staff_page(href):
            found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def raw_codes(text: str) -> set[str]:
    words = set(SNAKE.findall(text))
    return words | {code for code in KNOWN_CODES if re.search(rf"\b{code}\b", text)}


# Summary-list labels that wrap inside a word ("Telephon/e") or run out of their column.
BROKEN_LABELS = """els => els.filter(e => {
  const style = getComputedStyle(e);
  return ["break-word", "anywhere"].includes(style.overflowWrap)
    || style.wordBreak === "break-all" || e.scrollWidth > e.clientWidth + 1;
}).map(e => e.innerText)"""


def check_page(page, label: str) -> list[str]:
    """What is wrong with the page open in `page`, at each width."""
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        problems.extend(
            f"{label} {width}px: {v['id']} ({v['impact']}) {v['help']}"
            for v in axe_violations(page)
        )
        broken = page.eval_on_selector_all(".govuk-summary-list__key", BROKEN_LABELS)
        if broken:
            problems.append(f"{label} {width}px: labels break {broken}")
    codes = raw_codes(page.locator("main").inner_text())
    if codes:
        problems.append(f"{label}: shows codes {sorted(codes)}")
    return problems


def crawl(page, username: str) -> tuple[list[str], list[str]]:
    """Visit what the role reaches from its home page; return (visited, problems)."""
    queue, seen_shapes, visited, problems = ["/"], set(), [], []
    while queue and len(visited) < PAGES_PER_ROLE:
        url = queue.pop(0)
        if shape(url) in seen_shapes:
            continue
        seen_shapes.add(shape(url))
        response = page.goto(url)
        page.wait_for_load_state("load")
        visited.append(url)
        if response.status == 403:
            problems.append(f"{username}: {url} is a 403 reached from a link")
        elif response.status >= 400:
            problems.append(f"{username}: {url} answered {response.status}")
        elif "text/html" in response.headers.get("content-type", ""):
            problems.extend(check_page(page, f"{username} {url}"))
            found = [link for link in links(page) if link not in visited]
            if "/cases/" in found:
                # Every case in the role's scope: the list shows those awaiting a response.
                found.append("/cases/?state=all")
            queue.extend(found)
    return visited, problems


def screenshot(page, username: str, name: str, url: str) -> None:
    folder = Path(SCREENSHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    page.goto(url)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(
            path=str(folder / f"{username}-{name}-{width}.png"), full_page=True
        )


def test_every_demo_role_reaches_only_accessible_pages_it_may_use(browser, live_server):
    procedure_ensure_builtins()
    demo_load(today=dt.date.today(), records=800, seed=13)
    password = demo_password()
    problems, visited = [], {}
    for username, _role, _directorate, _team in DEMO_USERS:
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state("load")
        assert "/accounts/login/" not in page.url, f"{username} could not sign in"
        visited[username], found = crawl(page, username)
        problems.extend(found)
        if SCREENSHOTS:
            screenshot(page, username, "home", "/")
            for name, pattern in (
                ("list", r"^/cases/$|^/ombudsman/$|^/reports/$"),
                ("case", r"^/cases/[A-Z]+-\d{4}-\d+/$"),
                ("form", r"/actions/|/new/"),
            ):
                first = next(
                    (u for u in visited[username] if re.search(pattern, u)), None
                )
                if first:
                    screenshot(page, username, name, first)
        context.close()
    assert problems == [], "\n".join(problems)
    # Each role got somewhere: the crawl itself did not silently stop at the home page.
    assert len(visited["complaints"]) > 8, visited["complaints"]
    assert any(re.match(r"/cases/[A-Z]", url) for url in visited["send.officer"])
    assert not any(url.startswith("/cases/") for url in visited["reporting"])
