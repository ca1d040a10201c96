"""The investigators' UI in chromium, against bravo, which holds sixty signals of its own and three of alpha's that
three of its items matched: the first login with its enrolment, a wrong code, a later login with a code computed by
pyotp, the account page and logout; the dashboard; searching, paging, opening, exporting, creating (with a
validation error), removing and bulk-removing signals; the review queue's match views, a claim and a decision; the
peers page and a sync; an auditor who reads the audit log but cannot change anything; and an admin who adds a user.
Fails on any console error (a script, a blocked resource, a Content-Security-Policy violation) and on any page that
loads something from outside the node."""
import argparse
import io
import json
import pathlib
import re
import sys
import time
import urllib.request

import pyotp
import zxingcpp
from PIL import Image
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

parser = argparse.ArgumentParser()
parser.add_argument("--url", required=True)
parser.add_argument("--user", required=True, help="the JSON `lantern user add --json` printed")
parser.add_argument("--auditor", required=True, help="the JSON `lantern user add --role auditor --json` printed")
parser.add_argument("--admin", required=True, help="the JSON `lantern user add --role admin --json` printed")
parser.add_argument("--screenshots")
args = parser.parse_args()
user = json.loads(args.user)
auditor = json.loads(args.auditor)
admin = json.loads(args.admin)
base = args.url.rstrip("/")
shots = pathlib.Path(args.screenshots) if args.screenshots else None
if shots:
    shots.mkdir(parents=True, exist_ok=True)

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--disable-gpu"]:
    options.add_argument(flag)
options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
# Debian's driver, named outright, so selenium does not look for one on the internet.
driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"))
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def page(name, screenshot=True, focus=None):
    """After each page: no console error, nothing fetched from elsewhere, and a screenshot when asked.

    A form shown again with its error is answered 400, 401, 403, 422 or 429, as it should be, and chromium logs that status of
    the page itself as a console error; those entries, naming a page the browser navigated to, are the only ones let
    through."""
    for entry in driver.get_log("browser"):
        own_status = re.match(r"(\S+) - Failed to load resource: the server responded with a status of (400|401|403|422|429)", entry["message"])
        if own_status and own_status.group(1) in navigated:
            continue
        check(entry["level"] != "SEVERE", f"{name}: console error: {entry['message']}")
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            requested = message["params"]["request"]["url"]
            check(requested.startswith(base) or requested.startswith("data:"), f"{name}: fetched {requested}")
    if shots and screenshot:
        if focus:
            ActionChains(driver).scroll_to_element(driver.find_element(By.CSS_SELECTOR, focus)).perform()
        driver.save_screenshot(str(shots / f"{name}.png"))


def text(selector):
    found = driver.find_elements(By.CSS_SELECTOR, selector)
    if not found:
        failures.append(f"{driver.current_url} has no {selector}")
        print(f"FAIL: {driver.current_url} has no {selector}; the page is:\n{driver.page_source[:3000]}")
        return ""
    return found[0].text


navigated = set()


def navigate(element, target):
    """Clicks and waits for the next page to replace this one. While the old page goes, chromium may answer "Node with
    given id does not belong to the document" instead of "stale element"; both mean the page is being replaced."""
    old = driver.find_element(By.TAG_NAME, "html")
    navigated.add(target)
    element.click()
    WebDriverWait(driver, 10, ignored_exceptions=[WebDriverException]).until(expected_conditions.staleness_of(old))
    navigated.add(driver.current_url)


def click(element):
    """Submits the element's form."""
    navigate(element, element.get_attribute("action") or element.find_element(By.XPATH, "ancestor::form").get_attribute("action"))


def follow(link):
    """Follows a link."""
    navigate(link, link.get_attribute("href"))


def visit(path):
    navigated.add(base + path)
    driver.get(base + path)


def first_login(account, password):
    """An account's first login: its temporary password, the authenticator's enrolment, a password of its own."""
    visit("/ui/login")
    fill(name=account["name"], password=account["temporary_password"])
    key = text("#enrol-key").replace(" ", "")
    fill(code=pyotp.TOTP(key).now())
    follow(driver.find_element(By.ID, "recovery-continue"))
    fill(current_password=account["temporary_password"], new_password=password)
    check(driver.current_url.endswith("/ui/account?done=password"), f"{account['name']}'s first login ended at {driver.current_url}")


def fill(**fields):
    for name, value in fields.items():
        element = driver.find_element(By.NAME, name)
        element.clear()
        element.send_keys(value)
    click(driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))


try:
    driver.get(base + "/ui/")
    check(driver.current_url == base + "/ui/login", f"/ui/ without a session went to {driver.current_url}")
    page("login")

    fill(name=user["name"], password="not the password")
    check(
        text("#login-error") == "The user name or password is wrong, or the account is locked or disabled.",
        "a wrong password was not refused",
    )

    # The first login: enrol the authenticator from the QR code, which must carry the key shown beside it.
    fill(name=user["name"], password=user["temporary_password"])
    check(driver.current_url.endswith("/ui/login/enrol"), f"the first login went to {driver.current_url}")
    key = text("#enrol-key").replace(" ", "")
    image = Image.open(io.BytesIO(driver.find_element(By.CSS_SELECTOR, "#enrol-qr svg").screenshot_as_png))
    decoded = [result.text for result in zxingcpp.read_barcodes(image)]
    check(len(decoded) == 1 and f"secret={key}" in decoded[0], f"the QR code reads {decoded}, not the key {key}")
    check(decoded and decoded[0].startswith("otpauth://totp/"), "the QR code is not an otpauth address")
    page("enrol")
    totp = pyotp.TOTP(key)
    wrong = f"{(int(totp.now()) + 1) % 1_000_000:06d}"
    fill(code=wrong)
    check("The code is wrong" in text("#enrol-error"), "a wrong enrolment code was not refused")
    fill(code=totp.now())
    used_step = int(time.time()) // 30
    codes = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "#recovery-codes code")]
    check(len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{5}-[a-z2-7]{5}", c) for c in codes), f"recovery codes: {codes}")
    page("recovery-codes")
    follow(driver.find_element(By.ID, "recovery-continue"))

    # A temporary password is changed before anything else opens; the rule is shown beside the field.
    check(driver.current_url.endswith("/ui/account/password"), f"a temporary password led to {driver.current_url}")
    fill(current_password=user["temporary_password"], new_password="short")
    check("at least 12 characters" in text("#new_password-error"), "a short password was not refused beside its field")
    page("password")
    new_password = "correct horse battery staple"
    fill(current_password=user["temporary_password"], new_password=new_password)
    check(driver.current_url.endswith("/ui/account?done=password"), f"the password change led to {driver.current_url}")
    check(text("#recovery-left") == "10", "the account page does not count ten recovery codes")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#sessions tbody tr")) == 1, "the session list is not one session")
    page("account")

    click(driver.find_element(By.CSS_SELECTOR, "form.logout button"))
    check(driver.current_url.endswith("/ui/login"), f"logout led to {driver.current_url}")

    # A later login: password, then a code from pyotp (a new time step: a code works once).
    fill(name=user["name"], password=new_password)
    check(driver.current_url.endswith("/ui/login/code"), f"the second login went to {driver.current_url}")
    fill(code=wrong)
    check("The code is wrong" in text("#code-error"), "a wrong code was not refused")
    page("code")
    while int(time.time()) // 30 == used_step:
        time.sleep(0.5)
    fill(code=totp.now())
    check(driver.current_url == base + "/ui/", f"the code led to {driver.current_url}")
    check(user["name"] in text("header .who"), "the header does not name the user")

    # The dashboard counts the sixty seeded signals and alpha's three.
    check(text("#total") == "63", f"the dashboard counts {text('#total')} signals, not 63")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#weekly svg rect")) == 24, "the weekly chart has not twelve pairs of bars")
    page("dashboard")

    # Search and page: fifty, then the thirteen older ones.
    follow(driver.find_element(By.CSS_SELECTOR, "header nav a[href='/ui/signals']"))
    check(len(driver.find_elements(By.CSS_SELECTOR, "#results tbody tr")) == 50, "the first page does not hold fifty signals")
    page("signals")
    follow(driver.find_element(By.ID, "next-page"))
    check(len(driver.find_elements(By.CSS_SELECTOR, "#results tbody tr")) == 13, "the second page does not hold the last thirteen")
    check(not driver.find_elements(By.ID, "next-page"), "the last page offers another")
    fill(value="https://seed.example/case/7")
    rows = driver.find_elements(By.CSS_SELECTOR, "#results tbody tr")
    check(len(rows) == 1 and "case/7" in rows[0].text, f"the value search found {len(rows)} rows")
    follow(driver.find_element(By.CSS_SELECTOR, "#results tbody tr a"))
    check(text("#signal-value") == "https://seed.example/case/7", "the detail page does not show the value")
    page("signal")

    # Export: the whole result set, as the browser's session downloads it.
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(base + "/ui/signals/export?format=csv&type=url", headers={"Cookie": cookie})
    with urllib.request.urlopen(request) as response:
        lines = response.read().decode().strip().split("\r\n")
    check(len(lines) == 62 and lines[0].startswith("id,origin,type,value"), f"the CSV export has {len(lines)} lines")

    # Create: the node's message beside the field at fault, then a value that must stay text.
    visit("/ui/signals/new")
    Select(driver.find_element(By.NAME, "type")).select_by_visible_text("url")
    fill(value="not a url", tags="csam")
    check(bool(text("#value-error")), "a bad value was not refused beside its field")
    page("signal-form-error")
    hostile = "https://example.com/<script>alert(1)</script>"
    fill(value=hostile)
    check("The signal is stored" in text("[role=status]"), f"the creation led to {driver.current_url}")
    # A script in the value would have opened an alert, which fails every later step.
    check("example.com/" in text("#signal-value"), "the new signal's value is not shown")
    page("signal-created")
    # An edit shows among the signal's revisions: who changed which field from what to what.
    follow(driver.find_element(By.ID, "edit"))
    Select(driver.find_element(By.NAME, "severity")).select_by_visible_text("SEVERE")
    fill(description="seen again <b>today</b>")
    check("The signal is changed" in text("[role=status]"), f"the edit led to {driver.current_url}")
    changed = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "#revisions .change .field")]
    check(changed == ["severity", "description"], f"the revisions list {changed}")
    check(user["name"] in text("#revisions"), "the revision does not name who made it")
    page("signal-revisions", focus="#revisions")
    click(driver.find_element(By.CSS_SELECTOR, "#remove button"))
    check("The signal is removed" in text("[role=status]"), f"the removal led to {driver.current_url}")
    page("signal-removed", screenshot=False)
    # Bulk: two signals selected on a page of results, removed at once.
    for box in driver.find_elements(By.CSS_SELECTOR, "#results input[type=checkbox]")[:2]:
        box.click()
    driver.find_element(By.CSS_SELECTOR, "#bulk input[value=remove]").click()
    page("signals-selected")
    click(driver.find_element(By.CSS_SELECTOR, "#bulk button[type=submit]"))
    check(text("h1") == "Remove: 2 done, 0 refused", f"the bulk removal says {text('h1')}")
    page("bulk-result")

    # Upload: a file of four lines, one refused; its page follows the import and lists the refused line.
    upload = pathlib.Path(args.screenshots or "/tmp") / "upload-example.jsonl"
    lines = [
        {"type": "url", "value": f"https://upload.example/{n}", "tags": ["sextortion"], "severity": "WARNING",
         "review_status": "UNREVIEWED", "audience": "all"} for n in range(3)
    ] + [{"type": "url", "value": "no scheme", "tags": ["sextortion"], "severity": "WARNING", "review_status": "UNREVIEWED",
          "audience": "all"}]
    upload.write_text("".join(json.dumps(line) + "\n" for line in lines))
    visit("/ui/signals/upload")
    driver.find_element(By.ID, "file").send_keys(str(upload.resolve()))
    page("upload")
    click(driver.find_element(By.CSS_SELECTOR, "#upload button[type=submit]"))
    check("/ui/signals/upload/" in driver.current_url, f"the upload led to {driver.current_url}")
    WebDriverWait(driver, 30).until(lambda d: "Done" in d.find_element(By.ID, "upload-state").text)
    check(text("#created") == "3" and text("#rejected") == "1", f"the upload stored {text('#created')}, refused {text('#rejected')}")
    check(text("#line-errors tbody td") == "4", "the refused line is not line 4")
    page("upload-job")
    upload.unlink()

    # The review queue: the three matches, each beside its signal with why it matched.
    follow(driver.find_element(By.CSS_SELECTOR, "header nav a[href='/ui/review']"))
    rows = driver.find_elements(By.CSS_SELECTOR, "#queue tbody tr")
    check(len(rows) == 3, f"the queue holds {len(rows)} items, not 3")
    items = {row.find_elements(By.TAG_NAME, "td")[1].text: row.find_element(By.CSS_SELECTOR, "a.item-link").get_attribute("href")
             for row in rows}
    page("review")
    visit(items.get("pdq", "/ui/review").removeprefix(base))
    check("3 of 256 bits apart" in text("#explanation"), f"the PDQ match says {text('#explanation')}")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#why svg rect.bit-differs")) == 3, "the bit grid does not mark three bits")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#item-hash mark")) == 3, "the item's hash does not mark three digits")
    page("review-pdq")
    visit(items.get("text", "/ui/review").removeprefix(base))
    check(text("#item-value mark") == "send pics", "the keyword is not marked in the passage")
    page("review-keyword")
    visit(items.get("url", "/ui/review").removeprefix(base))
    click(driver.find_element(By.CSS_SELECTOR, "#claim button"))
    check(text("#item-status") == "claimed", f"the claimed item is {text('#item-status')}")
    driver.find_element(By.CSS_SELECTOR, "#decide input[value=confirmed]").click()
    driver.find_element(By.CSS_SELECTOR, "#decide input[value=url_blocked]").click()
    driver.find_element(By.ID, "note").send_keys("blocked at the edge")
    page("review-item")
    click(driver.find_element(By.CSS_SELECTOR, "#decide button[type=submit]"))
    check("The decision is recorded" in text("[role=status]"), f"the decision led to {driver.current_url}")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#queue tbody tr")) == 2, "the decided item still waits")
    page("review-decided", screenshot=False)

    # The peers: alpha, in sync after bravo's pull; a sync now reports what it did.
    follow(driver.find_element(By.CSS_SELECTOR, "header nav a[href='/ui/peers']"))
    check("alpha" in text("#peers tbody"), "the peers page does not list alpha")
    click(driver.find_element(By.CSS_SELECTOR, "#peers form button"))
    check("alpha" in text("#sync-report"), "the sync did not report on alpha")
    page("peers")
    visit("/ui/account")
    page("account-after-login", screenshot=False)
    click(driver.find_element(By.CSS_SELECTOR, "form.logout button"))

    # An auditor reads, and is refused every change.
    first_login(auditor, "an auditor reads every record")
    visit("/ui/signals")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#results tbody tr")) == 50, "the auditor does not see the signals")
    check(not driver.find_elements(By.ID, "bulk"), "the auditor is offered bulk changes")
    check(not driver.find_elements(By.CSS_SELECTOR, "a[href='/ui/signals/new']"), "the auditor is offered a new signal")
    follow(driver.find_element(By.CSS_SELECTOR, "#results tbody tr a"))
    check(not driver.find_elements(By.ID, "remove"), "the auditor is offered a removal")
    visit("/ui/signals/new")
    check(text("h1") == "Not allowed", "the auditor reached the signal form")
    page("auditor-refused", screenshot=False)
    visit("/ui/review")
    follow(driver.find_element(By.CSS_SELECTOR, "#queue a.item-link"))
    check(not driver.find_elements(By.ID, "claim") and not driver.find_elements(By.ID, "decide"), "the auditor is offered a claim")
    # The audit log, whose chain holds, shows what the investigator did.
    follow(driver.find_element(By.CSS_SELECTOR, "header nav a[href='/ui/audit']"))
    check(bool(driver.find_elements(By.ID, "chain-intact")), "the audit page does not say the chain holds")
    Select(driver.find_element(By.ID, "action")).select_by_visible_text("review.decide")
    click(driver.find_element(By.CSS_SELECTOR, "#audit-filter button"))
    decided = driver.find_elements(By.CSS_SELECTOR, "#audit tbody tr")
    check(len(decided) == 1 and user["name"] in decided[0].text, f"the audit log shows {len(decided)} decisions")
    Select(driver.find_element(By.ID, "action")).select_by_value("")
    click(driver.find_element(By.CSS_SELECTOR, "#audit-filter button"))
    page("audit")
    click(driver.find_element(By.CSS_SELECTOR, "form.logout button"))

    # An admin adds a user, whose temporary password is shown once, and sees the tokens.
    first_login(admin, "an admin keeps the roster")
    follow(driver.find_element(By.CSS_SELECTOR, "header nav a[href='/ui/admin/users']"))
    page("admin-users")
    driver.find_element(By.ID, "name").send_keys("cy")
    click(driver.find_element(By.CSS_SELECTOR, "#add-user button"))
    check(len(text("#temporary-password")) == 20, "the new user's temporary password is not shown")
    page("admin-user-added")
    visit("/ui/admin/tokens")
    page("admin-tokens")
finally:
    driver.quit()

if failures:
    print(f"{len(failures)} failures")
    sys.exit(1)
print("The UI passed in chromium.")
