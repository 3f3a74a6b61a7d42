// Drives the dashboard in headless Chromium against the sandbox: builds it with Vite, serves
// the build, then connects, pages, creates, edits, creates a key, lists the workspace's keys
// and revokes one through the page's own forms and buttons, checking what the page shows. Saves a screenshot to
// target/dashboard.png. Ends with "N passed, N failed".
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { chromiumArgs } from "../../test/chromium.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const screenshot = join(here, "../../../target/dashboard.png");
const { MODELGATES_BASE_URL: baseUrl, MODELGATES_API_KEY: apiKey } = process.env;
if (!baseUrl || !apiKey) throw new Error("run under scripts/with-sandbox.sh");

execFileSync(join(here, "node_modules/.bin/vite"), ["build", "--logLevel", "warn"], { cwd: here, stdio: "inherit" });

// Enough workspaces for a second page (the page shows 5), made straight over HTTP.
const run = Math.random().toString(36).slice(2, 8);
for (let i = 0; i < 6; i++) {
  const response = await fetch(`${baseUrl}/workspaces`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ name: `Seed ${i}`, slug: `seed-${run}-${i}` }),
  });
  if (response.status !== 201) throw new Error(`seeding failed: ${response.status}`);
}

async function workspaceIdOf(slug) {
  const response = await fetch(`${baseUrl}/workspaces/${slug}`, { headers: { authorization: `Bearer ${apiKey}` } });
  return (await response.json()).data.id;
}

const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };
const server = createServer((req, res) => {
  let path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (path === "/") path = "/index.html";
  try {
    const body = readFileSync(join(here, "dist", path));
    res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));

let passed = 0, failed = 0;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: chromiumArgs });
const page = await browser.newPage();
const lines = [];
page.on("console", (message) => lines.push(message.text()));
page.on("pageerror", (error) => lines.push(`pageerror: ${error}`));
const status = page.locator("#status");
const expectText = async (locator, pattern) => {
  await locator.filter({ hasText: pattern }).first().waitFor({ timeout: 10_000 });
};
async function step(name, body) {
  try {
    await body();
    console.log(`ok   ${name}`);
    passed++;
  } catch (error) {
    console.log(`FAIL ${name}\n     ${String(error.message ?? error).split("\n")[0]}`);
    failed++;
  }
}

let secret = "";
try {
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await step("connects and lists the first page", async () => {
    await page.fill("#base-url", baseUrl);
    await page.fill("#api-key", apiKey);
    await page.click("#connect-button");
    await expectText(status, "Connected.");
    await expectText(page.locator("#range"), /^1–5 of \d+$/);
    if ((await page.locator("#rows tr").count()) !== 5) throw new Error("not 5 rows");
    if (!(await page.locator("#prev").isDisabled())) throw new Error("Previous enabled on page 1");
  });
  await step("pages forward and back", async () => {
    const first = await page.locator("#rows tr").first().getAttribute("data-slug");
    await page.click("#next");
    await expectText(page.locator("#range"), /^6–\d+ of \d+$/);
    const second = await page.locator("#rows tr").first().getAttribute("data-slug");
    if (second === first) throw new Error("page 2 shows page 1");
    await page.click("#prev");
    await expectText(page.locator("#range"), /^1–5 of/);
  });
  const slug = `dash-${run}`;
  await step("creates a workspace", async () => {
    await page.fill("#create-name", "Dashboard team");
    await page.fill("#create-slug", slug);
    await page.click("#create button");
    await expectText(status, `Created workspace ${slug}.`);
  });
  await step("refuses a bad slug, naming the field", async () => {
    await page.fill("#create-name", "Bad");
    await page.fill("#create-slug", "Not A Slug");
    await page.click("#create button");
    await expectText(status, "InvalidInputError (invalid_input, field slug)");
    await page.fill("#create-name", "");
    await page.fill("#create-slug", "");
  });
  // The new workspace is the last one: walk to the last page.
  const row = page.locator(`#rows tr[data-slug="${slug}"]`);
  await step("finds the new workspace by paging", async () => {
    const range = page.locator("#range");
    // One page at a time: wait for each page to show before looking for the row or clicking on.
    for (let i = 0; i < 50 && !(await row.count()); i++) {
      if (await page.locator("#next").isDisabled()) break;
      const before = await range.textContent();
      await page.click("#next");
      await page.waitForFunction((shown) => document.querySelector("#range")?.textContent !== shown, before);
    }
    await row.waitFor({ timeout: 5_000 });
  });
  await step("edits it", async () => {
    await row.getByRole("button", { name: "Edit" }).click();
    await page.fill("#edit-name", "Dashboard team (edited)");
    await page.fill("#edit-description", "Edited from the browser");
    await page.click("#edit button:text('Save')");
    await expectText(status, `Saved workspace ${slug}.`);
    await expectText(row, "Edited from the browser");
    await expectText(row, "Dashboard team (edited)");
  });
  await step("creates a key and shows its secret once", async () => {
    await row.getByRole("button", { name: "New key" }).click();
    await page.fill("#key-name", "dashboard key");
    await page.fill("#key-limit", "12.5");
    await page.click("#key button");
    await expectText(status, `in ${slug}.`);
    secret = (await page.textContent("#secret")) ?? "";
    if (!/^sk-mg-v1-[0-9a-f]{64}$/.test(secret)) throw new Error("no secret shown");
    await page.screenshot({ path: screenshot, fullPage: true });
    await page.click("#secret-done");
    if ((await page.textContent("#secret")) !== "" || !(await page.locator("#secret-box").isHidden())) {
      throw new Error("the secret stays on the page");
    }
    if ((await page.content()).includes(secret)) throw new Error("the secret is still in the DOM");
  });
  await step("lists the workspace's keys and revokes one", async () => {
    await row.getByRole("button", { name: "Keys" }).click();
    await expectText(page.locator("#keys-workspace"), slug);
    const keyRows = page.locator("#key-rows tr");
    await keyRows.first().waitFor({ timeout: 10_000 });
    if ((await keyRows.count()) !== 1) throw new Error(`${await keyRows.count()} keys listed`);
    await expectText(keyRows.first(), "dashboard key");
    await expectText(keyRows.first(), "12.5");
    if ((await page.content()).includes(secret)) throw new Error("a key list shows the secret");
    page.once("dialog", (dialog) => dialog.accept());
    await keyRows.first().getByRole("button", { name: "Revoke" }).click();
    await expectText(status, "Revoked key");
    await page.locator("#keys-empty").waitFor({ state: "visible", timeout: 10_000 });
    if ((await keyRows.count()) !== 0) throw new Error("the revoked key is still listed");
    // The revoked key is gone on the server too.
    const listed = await fetch(`${baseUrl}/keys?include_disabled=true&workspace_id=${await workspaceIdOf(slug)}`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    const keys = (await listed.json()).data;
    if (keys.length !== 0) throw new Error(`the server still has ${keys.length} keys`);
  });
  await step("no console line shows the management key or the key secret", async () => {
    // The page logs every error it shows (the refused slug at least): a scan of nothing proves nothing.
    if (!lines.some((line) => line.includes("InvalidInputError"))) throw new Error(`no error was logged (${lines.length} lines)`);
    const leaks = lines.filter((line) => line.includes(apiKey) || (secret && line.includes(secret)));
    if (leaks.length) throw new Error(`${leaks.length} console lines leak a secret`);
  });
} finally {
  await browser.close();
  server.close();
}
console.log(`screenshot: ${screenshot}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
