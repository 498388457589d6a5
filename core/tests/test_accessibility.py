"""Every public page type and the main editor pages pass axe-core's WCAG 2.0 and 2.1 rules of
levels A and AA without a serious or critical violation, in a real browser.

axe-core comes from npm, pinned in package.json and package-lock.json; ``make test`` installs
it (``npm ci``). A missing axe-core fails, it is never skipped. How to run this test alone and
how to add a page: docs/accessibility.md.
"""

import datetime
import functools
from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.test import tag
from django.urls import reverse
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from budgets import services as budget_services
from core.browser import BrowserTestCase
from exchange.sheets.services import upload_create
from history.models import Change
from monitoring import services as monitoring_services
from monitoring.models import DisaggregationCategory

AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}

# The focused element, whether focus was there before, and the outline that shows it.
FOCUS_STYLE = """
const element = document.activeElement, style = getComputedStyle(element);
const again = element.dataset.focusSeen === "yes";
element.dataset.focusSeen = "yes";
return {again: again || element === document.body,
        name: (element.tagName + " " + (element.id || element.getAttribute("href") ||
               element.getAttribute("name") || element.textContent)).trim().slice(0, 80),
        outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
"""

RUN_AXE = """
const [tags, done] = [arguments[0], arguments[arguments.length - 1]];
axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
  .then(results => done(results.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map(n => ({target: n.target.join(" "), impact: n.impact,
                                summary: n.failureSummary}))}))))
  .catch(error => done({error: String(error)}));
"""


class Page(NamedTuple):
    name: str
    user: str | None  # the persona signed in (core/testing.py), or None: an anonymous visitor
    url: Callable  # (test case) -> path
    status: int = 200


def editor(name: str, **kwargs) -> Callable:
    """An editor address; an argument may be a function of the test case."""
    return lambda t: reverse(f"editor:{name}", kwargs={
        key: value(t) if callable(value) else value for key, value in kwargs.items()})


ORG = {"org": "terrassa"}
PLAN = {**ORG, "plan": "peest"}
ELEMENT = {**PLAN, "element_id": lambda t: t.action.pk}


def portal(name: str, *args) -> Callable:
    """A public address of Terrassa's plan; an argument may be a function of the test case."""
    return lambda t: reverse(f"portal:{name}", args=["terrassa", "peest", *[
        value(t) if callable(value) else value for value in args]])


def document_preview(t) -> str:
    """Read a plan's document in the browser, signed in: the draft it gives is kept in that
    browser's session, and its preview is the address this returns."""
    t.go(editor("document_import", **ORG)(t))
    t.find("#id_document").send_keys(str(
        settings.BASE_DIR / "exchange" / "tests" / "documents" /
        "terrassa-palanques-impuls-2022.txt"))
    t.find("main form button[type=submit]").click()
    t.wait_for("#counts")
    return t.browser.current_url.removeprefix(t.live_server_url)


# Every page the check visits. To cover a new page type, add a line here, with the persona who
# sees it and the data it needs made in setUp() below.
PAGES = [
    # Public pages
    Page("portal home", None, lambda t: reverse("portal:home")),
    Page("organisation", None, lambda t: reverse("portal:organization", args=["terrassa"])),
    Page("network", None, lambda t: reverse("portal:organization", args=["xmess"])),
    Page("published plan", None, portal("plan")),
    Page("plan, a period", None, lambda t: portal("plan")(t) + f"?period={t.period.slug}"),
    Page("plan elements, filtered", None,
         lambda t: portal("plan_elements")(t) + "?q=acci&status=in_progress"),
    Page("plan elements, a wrong filter", None,
         lambda t: portal("plan_elements")(t) + "?year=1999"),
    Page("public element", None, portal("element", lambda t: t.action.slug)),
    Page("public line", None, portal("element", lambda t: t.action.parent.slug)),
    Page("public element indicators", None,
         portal("element_indicators", lambda t: t.action.parent.slug)),
    Page("public element budget", None, portal("element_budget", lambda t: t.action.slug)),
    Page("public element activities", None,
         portal("element_activities", lambda t: t.action.slug)),
    Page("public budget", None, portal("plan_budget")),
    Page("public indicators", None, portal("plan_indicators")),
    Page("public activities", None, portal("plan_activities")),
    Page("public reports", None, portal("plan_reports")),
    Page("open data", None, portal("plan_data")),
    Page("public history", None, portal("plan_history")),
    Page("public change", None, portal("plan_change", lambda t: t.change.pk)),
    Page("search", None, lambda t: reverse("portal:search") + "?q=acció"),
    Page("sign in", None, lambda t: reverse("login")),
    Page("not found", None, lambda t: "/no-such-organisation/no-such-plan/", status=404),
    Page("accessibility statement", None, lambda t: reverse("accessibility")),
    # The editor, as Terrassa's administrator (who sees every control)
    Page("editor home", "carles", editor("home")),
    Page("editor organisation", "carles", editor("organization", **ORG)),
    Page("bodies", "carles", editor("bodies", **ORG)),
    Page("body form", "carles", editor("body", **ORG, body_id=lambda t: t.terrassa_service.pk)),
    Page("people", "carles", editor("members", **ORG)),
    Page("organisation history", "carles", editor("organization_history", **ORG)),
    Page("open data licence", "carles", editor("organization_licence", **ORG)),
    Page("API tokens", "carles", editor("api_tokens", **ORG)),
    Page("import a plan from its document", "carles", editor("document_import", **ORG)),
    Page("preview of a plan read from its document", "carles", document_preview),
    Page("plan tree", "carles", editor("plan", **PLAN)),
    Page("plan settings", "carles", editor("plan_settings", **PLAN)),
    Page("plan status", "carles", editor("plan_status", **PLAN)),
    Page("plan texts", "carles", editor("sections", **PLAN)),
    Page("levels", "carles", editor("levels", **PLAN)),
    Page("element", "carles", editor("element", **ELEMENT)),
    Page("element edit", "carles", editor("element_edit", **ELEMENT)),
    Page("monitoring dashboard", "carles",
         lambda t: editor("monitoring", **PLAN)(t) + f"?period={t.period.slug}"),
    Page("element monitoring", "carles", editor("element_monitoring", **ELEMENT)),
    Page("data entry", "carles", editor("entry", **ELEMENT, period_id=lambda t: t.period.pk)),
    Page("indicators", "carles", editor("indicators", **PLAN)),
    Page("indicator form", "carles", editor("indicator_create", **PLAN)),
    Page("activities", "carles", editor("events", **PLAN)),
    Page("activity form", "carles", editor("event_create", **PLAN)),
    Page("budgets", "carles", editor("budgets", **PLAN)),
    Page("budget", "carles", editor("budget", **PLAN, budget_id=lambda t: t.budget.pk)),
    Page("reports", "carles", editor("reports", **PLAN)),
    Page("spreadsheets", "carles", editor("spreadsheets", **PLAN)),
    Page("spreadsheet preview with errors", "carles", editor(
        "spreadsheet_preview", **PLAN, upload_id=lambda t: upload_create(
            plan=t.terrassa_plan, user=t.carles, filename="avenç.csv",
            data="element;període;% executat\nLE9;2021;molt\n".encode()).pk)),
    Page("spreadsheet preview with changes", "carles", editor(
        "spreadsheet_preview", **PLAN, upload_id=lambda t: upload_create(
            plan=t.terrassa_plan, user=t.carles, filename="elements.csv",
            data=("codi;pare;nivell;títol\nLE1.1;LE1;action;Acció revisada\n"
                  "LE1.9;LE1;action;Acció nova\n").encode()).pk)),
    Page("plan history", "carles", editor("plan_history", **PLAN)),
    Page("change", "carles", editor("change", change_id=lambda t: t.change.pk)),
    Page("monitoring settings", "carles", editor("monitoring_settings", **PLAN)),
    # Terrassa's viewer, where her role does not reach
    Page("not allowed", "nuria", editor("members", **ORG), status=403),
]


@functools.cache
def axe_source() -> str:
    if not AXE.exists():
        raise AssertionError(
            f"axe-core is missing ({AXE.relative_to(settings.BASE_DIR)}). Install it with "
            "`npm ci` at the repository root (`make test` does it; it needs Node.js and npm: "
            "apt-get install nodejs npm).")
    return AXE.read_text(encoding="utf-8")


def describe(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} serious or critical accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} "
                     f"<{violation['helpUrl']}>")
        for node in violation["nodes"][:8]:
            lines.append(f"    {node['target']}")
        lines.extend(f"      {line.strip()}" for line in
                     (violation["nodes"][0]["summary"] or "").splitlines()[1:3])
        if len(violation["nodes"]) > 8:
            lines.append(f"    … and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


@tag("browser", "accessibility")
class AccessibilityTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        plan, user = self.terrassa_plan, self.carles
        self.action = plan.elements.get(code="LE1.1")
        periods = monitoring_services.periods_generate(plan=plan, user=user, kind="year")
        self.period = next(p for p in periods if p.year == 2021)
        monitoring_services.progress_save(element=self.action, period=self.period, user=user,
                                          status="in_progress", percent=Decimal("40"),
                                          deployment="Sessions informatives cada mes.",
                                          bodies=[self.terrassa_service])
        sex = DisaggregationCategory.objects.get(key="sexe", organization__isnull=True)
        monitoring_services.indicator_save(plan=plan, user=user, element=self.action,
                                           name="Persones ateses", unit="persones",
                                           categories=[sex])
        monitoring_services.event_save(plan=plan, user=user, title="Sessió informativa",
                                       year=2021, element=self.action,
                                       date=datetime.date(2021, 3, 4), attendance=20,
                                       bodies=[self.terrassa_service])
        self.budget = budget_services.budget_save(plan=plan, user=user, element=self.action,
                                                  period_total=Decimal("12000"))
        budget_services.budget_line_save(budget=self.budget, user=user, year=2021,
                                         phase="executed", amount=Decimal("3000"))
        self.change = Change.objects.filter(plan=plan).latest("pk")
        # The public pages show the open period's data too, marked provisional.
        policy = monitoring_services.policy_of(plan)
        monitoring_services.policy_update(
            plan=plan, user=user, period_kind=policy.period_kind, pace=policy.pace,
            tolerance=policy.tolerance, rollup=policy.rollup, publication="entered")

    def test_pages_have_no_serious_or_critical_violations(self):
        axe_source()  # without axe-core, fail once, saying how to install it
        signed_in = None
        for page in PAGES:
            with self.subTest(page=page.name):
                if page.user != signed_in:
                    self.browser.delete_all_cookies()
                    if page.user:
                        self.sign_in(page.user)
                    signed_in = page.user
                url = page.url(self)
                self.assert_status(page, url)
                self.go(url)
                self.assert_no_blocking_violations()

    def test_a_form_with_errors_summarises_them_first_and_links_to_each_field(self):
        self.sign_in("marta")
        self.go(editor("element_edit", **ELEMENT)(self))
        self.find("#id_title").clear()
        self.find("main form button[type=submit]").click()
        summary = self.wait_for(".error-summary")
        self.assertEqual(self.active_element(), summary)  # read first by a screen reader
        self.assert_no_blocking_violations()
        summary.find_element(By.CSS_SELECTOR, "a[href='#id_title']").click()
        self.assertEqual(self.active_element(), self.find("#id_title"))
        self.assertIn("id_title_error", self.find("#id_title").get_attribute("aria-describedby"))

    def test_the_keyboard_skips_to_the_content_and_focus_is_always_visible(self):
        self.sign_in("marta")
        self.go(editor("element_edit", **ELEMENT)(self))
        self.press(Keys.TAB)
        skip_link = self.find(".skip-link")
        self.assertEqual(self.active_element(), skip_link)
        self.assertGreaterEqual(skip_link.rect["x"], 0, "the skip link shows when focused")
        self.press(Keys.ENTER)
        self.assertEqual(self.active_element(), self.find("main"))
        self.go(editor("element_edit", **ELEMENT)(self))
        reached, unmarked = 0, []
        for _ in range(300):  # round the page once
            self.press(Keys.TAB)
            focused = self.browser.execute_script(FOCUS_STYLE)
            if focused["again"]:
                break
            reached += 1
            if focused["outline"] == "none" or focused["width"] < 2:
                unmarked.append(focused["name"])
        self.assertGreater(reached, 20)
        self.assertEqual(unmarked, [], "focused without a visible outline")

    def assert_no_blocking_violations(self) -> None:
        self.browser.set_script_timeout(30)
        self.browser.execute_script(axe_source())
        violations = self.browser.execute_async_script(RUN_AXE, AXE_TAGS)
        if isinstance(violations, dict):
            self.fail(f"axe-core could not check {self.browser.current_url}: "
                      f"{violations['error']}")
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            self.fail(describe(self.browser.current_url, blocking))

    def assert_status(self, page: Page, url: str) -> None:
        """The page really is the one meant (not a sign-in redirect or a 404 by mistake)."""
        self.client.logout()
        if page.user:
            self.client.force_login(getattr(self, page.user))
        self.assertEqual(self.client.get(url).status_code, page.status, url)

    def active_element(self):
        return self.browser.switch_to.active_element

    def press(self, key: str) -> None:
        ActionChains(self.browser).send_keys(key).perform()
