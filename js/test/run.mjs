// Runs suite.js in headless Chromium (the system's, through playwright-core: no browser
// download) against the sandbox named by MODELGATES_BASE_URL / MODELGATES_API_KEY, and fails if
// any console line shows the management key or a key secret. Ends with "N passed, N failed".
import { createServer } from "node:http";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { chromiumArgs } from "./chromium.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const {
  MODELGATES_BASE_URL: baseUrl, MODELGATES_API_KEY: apiKey, MODELGATES_RESTRICTED_KEY: restrictedKey,
  MODELGATES_DIRECT_BASE_URL: directBaseUrl = baseUrl,
} = process.env;
if (!baseUrl || !apiKey) throw new Error("run under scripts/with-sandbox.sh");

const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  try {
    const body = await readFile(join(root, path));
    res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const page_url = `http://127.0.0.1:${server.address().port}/test/page.html`;

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: chromiumArgs });
let passed = 0, failed = 0;
try {
  const page = await browser.newPage();
  const lines = [];
  page.on("console", (message) => lines.push(message.text()));
  page.on("pageerror", (error) => lines.push(`pageerror: ${error}`));
  await page.goto(page_url);
  const { results, secrets } = await page.evaluate(
    async (config) => (await import("./suite.js")).run(config),
    { baseUrl, apiKey, restrictedKey, directBaseUrl },
  );
  for (const { name, ok, error } of results) {
    console.log(`${ok ? "ok  " : "FAIL"} ${name}${ok ? "" : `\n     ${error}`}`);
    ok ? passed++ : failed++;
  }
  const leaks = lines.filter((line) => [apiKey, ...secrets].some((secret) => line.includes(secret)));
  const ok = leaks.length === 0 && lines.length > 0 && secrets.length > 0;
  console.log(`${ok ? "ok  " : "FAIL"} no console line (of ${lines.length}) shows the management key or a key secret`);
  ok ? passed++ : failed++;
  // The tally `just audit` reads (every error the suite forces is logged to the console above).
  await mkdir(join(root, "../target/test-logs/leak-scan"), { recursive: true });
  await writeFile(join(root, "../target/test-logs/leak-scan/js.txt"),
    `leak-scan js: ${lines.length} console lines scanned, ${leaks.length} hits\n`);
} finally {
  await browser.close();
  server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
