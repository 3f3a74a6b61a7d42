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
  const url = new URL(req.url, "http://x");
  const path = normalize(decodeURIComponent(url.pathname));
  // `?csp=POLICY` serves the page under that Content-Security-Policy header.
  const csp = url.searchParams.get("csp");
  try {
    const body = await readFile(join(root, path));
    res.writeHead(200, {
      "content-type": types[extname(path)] ?? "application/octet-stream",
      ...(csp ? { "content-security-policy": csp } : {}),
    });
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
  const { results, secrets, notes } = await page.evaluate(
    async (config) => (await import("./suite.js")).run(config),
    { baseUrl, apiKey, restrictedKey, directBaseUrl },
  );
  for (const { name, ok, error } of results) {
    console.log(`${ok ? "ok  " : "FAIL"} ${name}${ok ? "" : `\n     ${error}`}`);
    ok ? passed++ : failed++;
  }
  for (const note of notes) console.log(`note ${note}`);
  // Older browsers: no AbortSignal.any or AbortSignal.timeout (Safari < 17.4, Firefox < 124).
  const old = await browser.newPage();
  await old.addInitScript(() => { delete AbortSignal.any; delete AbortSignal.timeout; });
  old.on("console", (message) => lines.push(message.text()));
  await old.goto(page_url);
  const withoutModernSignals = await old.evaluate(
    async (config) => (await import("./suite.js")).run(config),
    { baseUrl, apiKey, restrictedKey, directBaseUrl, only: [
      "create, get, update, list, iterate and create a key, all camelCase",
      "timeouts and aborts are distinct kinds",
    ] },
  );
  const hidden = await old.evaluate(() => typeof AbortSignal.any + typeof AbortSignal.timeout);
  for (const { name, ok, error } of withoutModernSignals.results) {
    const really = ok && hidden === "undefinedundefined";
    console.log(`${really ? "ok  " : "FAIL"} without AbortSignal.any/timeout: ${name}${really ? "" : `\n     ${error ?? hidden}`}`);
    really ? passed++ : failed++;
  }
  secrets.push(...withoutModernSignals.secrets);

  // The first request for the engine fails (offline for a moment): the next call loads it.
  const flaky = await browser.newPage();
  flaky.on("console", (message) => lines.push(message.text()));
  let wasmRequests = 0;
  await flaky.route("**/*.wasm", (route) => (++wasmRequests === 1 ? route.abort("internetdisconnected") : route.continue()));
  await flaky.goto(page_url);
  const engineLoad = await flaky.evaluate(
    async (config) => (await import("./suite.js")).run(config),
    { baseUrl, apiKey, restrictedKey, directBaseUrl, only: ["an engine that fails to load is an EngineLoadError, and the next call loads it"] },
  );
  for (const { name, ok, error } of engineLoad.results) {
    const really = ok && wasmRequests === 2;
    console.log(`${really ? "ok  " : "FAIL"} ${name}${really ? "" : `\n     ${error ?? `${wasmRequests} requests for the .wasm`}`}`);
    really ? passed++ : failed++;
  }
  if (engineLoad.results.length !== 1) { console.log("FAIL the engine-load test did not run"); failed++; }

  // A module Web Worker imports the package and calls the sandbox.
  const worker = await page.evaluate((config) => new Promise((resolve) => {
    const w = new Worker(new URL("./worker.js", location.href), { type: "module" });
    w.onmessage = ({ data }) => { resolve(data); w.terminate(); };
    w.onerror = (event) => resolve({ error: String(event.message) });
    w.postMessage(config);
  }), { baseUrl, apiKey });
  const inWorker = worker.slug === "default";
  console.log(`${inWorker ? "ok  " : "FAIL"} a module Web Worker uses the package${inWorker ? "" : `\n     ${worker.error}`}`);
  inWorker ? passed++ : failed++;

  // A strict Content-Security-Policy header: with 'wasm-unsafe-eval' the SDK works; without it
  // the engine cannot compile, which is an EngineLoadError (not retryable), not a crash.
  for (const allowWasm of [true, false]) {
    const strict = await browser.newPage();
    strict.on("console", (message) => lines.push(message.text()));
    const policy = `default-src 'self'; script-src 'self'${allowWasm ? " 'wasm-unsafe-eval'" : ""}; connect-src 'self' http://127.0.0.1:*`;
    await strict.goto(`${page_url}?csp=${encodeURIComponent(policy)}`);
    const outcome = await strict.evaluate(async ({ baseUrl, apiKey }) => {
      const { ModelGates } = await import("../dist/index.js");
      try {
        return { slug: (await new ModelGates({ apiKey, baseUrl }).getWorkspace("default")).slug };
      } catch (error) {
        return { error: error.name, kind: error.kind, retryable: error.retryable };
      }
    }, { baseUrl, apiKey });
    const ok = allowWasm
      ? outcome.slug === "default"
      : outcome.error === "EngineLoadError" && outcome.kind === "engine" && outcome.retryable === false;
    console.log(`${ok ? "ok  " : "FAIL"} under the CSP "${policy}": ${JSON.stringify(outcome)}`);
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
