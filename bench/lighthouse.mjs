// Lighthouse (mobile settings, the default) over the intro, a question and a result page.
// Run by bench/lighthouse.py, which starts the app and passes: BASE_URL QUESTION_FORM RESULT_FORM
// (the forms as JSON lists of [name, value]). Prints one JSON line: page -> category -> score.
//
// The question and result pages only exist as answers to a POST, as for a visitor. So the browser
// first opens the quiz, then Lighthouse audits the navigation that a same-origin form submission
// starts, with the browser cache emptied first so the CSS and JS load cold.

import {readFileSync} from "node:fs";
import lighthouse, {navigation} from "lighthouse";
import puppeteer from "puppeteer-core";

const [baseUrl, questionJson, resultJson] = process.argv.slice(2);
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
// The browser tests' form submission: a function of ([action, fields]).
const SUBMIT_FORM = readFileSync(new URL("../tests/support/submit_form.js", import.meta.url), "utf8");

async function audit(page, requestor) {
  const flags = {logLevel: "error", onlyCategories: CATEGORIES};
  const result = typeof requestor === "string"
    ? await lighthouse(requestor, flags, undefined, page)
    : await navigation(page, requestor, {flags});
  const lhr = result.lhr;
  // The audits that count towards a category score, and are short of full marks.
  const weighted = new Set(CATEGORIES.flatMap((id) => lhr.categories[id].auditRefs)
    .filter((ref) => ref.weight > 0).map((ref) => ref.id));
  const failed = Object.values(lhr.audits)
    .filter((a) => weighted.has(a.id) && a.score !== null && a.score < 1)
    .map((a) => `${a.id}: ${(a.details?.items ?? []).map((item) => item.reason ?? item.description ?? item.url ?? "")
      .filter(Boolean).map((text) => String(text).slice(0, 120)).join("; ") || a.score}`);
  return {
    url: lhr.finalDisplayedUrl,
    formFactor: lhr.configSettings.formFactor,
    throttling: lhr.configSettings.throttlingMethod,
    // null when Lighthouse could not measure (its runtimeError says why), never a made-up 0
    scores: Object.fromEntries(CATEGORIES.map((id) => [id, rounded(lhr.categories[id].score, 100)])),
    fcp_ms: rounded(lhr.audits["first-contentful-paint"].numericValue, 1),
    lcp_ms: rounded(lhr.audits["largest-contentful-paint"].numericValue, 1),
    below_full_marks: failed,
    runtimeError: lhr.runtimeError?.message,
  };
}

function rounded(value, scale) {
  return typeof value === "number" ? Math.round(value * scale) : null;
}

async function postForm(page, action, fields) {
  await page.goto(`${baseUrl}/quiz`, {waitUntil: "load"});
  const session = await page.createCDPSession();
  await session.send("Network.clearBrowserCache");
  await session.detach();
  return async () => {
    await page.evaluate(`(${SUBMIT_FORM})(${JSON.stringify([action, fields])})`);
  };
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  headless: true,
  defaultViewport: null,
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const results = {};
  for (const [name, target] of [["intro", "/"], ["question", "/quiz"], ["result", "/result"]]) {
    const page = await browser.newPage();
    if (name === "intro") {
      results[name] = await audit(page, `${baseUrl}/`);
    } else {
      const fields = JSON.parse(name === "question" ? questionJson : resultJson);
      results[name] = await audit(page, await postForm(page, `${baseUrl}${target}`, fields));
    }
    await page.close();
  }
  console.log(JSON.stringify(results));
} finally {
  await browser.close();
}
