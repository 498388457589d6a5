"""Tests that drive a real browser: Debian's Chromium, headless, through its ChromeDriver.

The browser is never skipped: ``make test`` installs Chromium where it is missing, and a
missing browser fails with a message that says how to install it.
"""

import shutil

from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from core.testing import PASSWORD, build_world

CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--window-size=1280,1000"]


def start_browser() -> webdriver.Chrome:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not binary or not driver:
        raise RuntimeError("The browser tests need Chromium and its driver: "
                           "apt-get install chromium chromium-driver (make test does it).")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument("--lang=ca")
    return webdriver.Chrome(service=Service(driver), options=options)


class BrowserTestCase(StaticLiveServerTestCase):
    """A live server with the shared personas, and a headless Chromium to use it."""

    # Keep what data migrations create (e.g. the disaggregation by sex) between tests.
    serialized_rollback = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.browser = start_browser()

    @classmethod
    def tearDownClass(cls):
        cls.browser.quit()
        super().tearDownClass()

    def setUp(self):
        build_world(self)
        self.browser.delete_all_cookies()

    def go(self, path: str) -> None:
        self.browser.get(self.live_server_url + path)

    def find(self, selector: str):
        return self.browser.find_element(By.CSS_SELECTOR, selector)

    def wait_for(self, selector: str, timeout: float = 10):
        return WebDriverWait(self.browser, timeout).until(
            expected_conditions.presence_of_element_located((By.CSS_SELECTOR, selector)))

    def sign_in(self, username: str) -> None:
        self.go("/accounts/login/")
        self.find("#id_username").send_keys(username)
        self.find("#id_password").send_keys(PASSWORD)
        self.find("main button[type=submit]").click()
        self.wait_for("nav .nav a[aria-current='page']")
