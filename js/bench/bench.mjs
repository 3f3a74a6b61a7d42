// Prints what a browser downloads for the SDK (every file of js/dist a page loads, gzipped one
// by one at level 9, as a server would send them) and the time to first call in headless
// Chromium against the sandbox: from navigation start to the first getWorkspace result, on a
// cold page (new browser context, empty cache), median of 7.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { chromiumArgs } from "../test/chromium.mjs";
import { weigh, weighSdk } from "./download.mjs";

const js = fileURLToPath(new URL("..", import.meta.url));
const { MODELGATES_BASE_URL: baseUrl, MODELGATES_API_KEY: apiKey } = process.env;
if (!baseUrl || !apiKey) throw new Error("run under scripts/with-sandbox.sh");

const download = weighSdk();
for (const { file, raw, gzipped } of download.files) {
  console.log(`  ${file.padEnd(48)} ${String(raw).padStart(8)} B  ${String(gzipped).padStart(7)} B gzipped`);
}
console.log(`SDK download: ${download.gzipped} B gzipped (${download.raw} B raw): wasm ${download.wasm} B + JS ${download.gzipped - download.wasm} B`);
// Two Vite production builds (made by the recipe), served and timed beside the page above: a
// page using every operation of this SDK (js/bench/app), and the reference, the official SDK's
// standalone getWorkspace (js/bench/official). A third, weighed only: a page of this SDK that
// calls getWorkspace alone (js/bench/app/one.html).
const builds = { app: join(js, "bench/app/dist"), official: join(js, "bench/official/dist") };
const gzippedBuild = (dir) => weigh(dir).gzipped;
console.log(`Vite build of a page using every operation of this SDK: ${gzippedBuild(builds.app)} B gzipped (JS + wasm)`);
console.log(`Vite build of a page calling getWorkspace only: ${gzippedBuild(join(js, "bench/app/dist-one"))} B gzipped (JS + wasm)`);
console.log(`Vite build of the official SDK's standalone workspacesGet (@openrouter/sdk): ${gzippedBuild(builds.official)} B gzipped`);

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  // A page that calls the API 300 ms after it loads (a click, say), with or without calling
  // preload() at load: the time from that call to its result.
  if (path === "/later") {
    res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><script type="module">
      import { ModelGates, preload } from "/dist/index.js";
      const p = new URLSearchParams(location.hash.slice(1));
      if (p.get("preload") === "1") preload();
      setTimeout(async () => {
        const start = performance.now();
        const w = await new ModelGates({ apiKey: p.get("key"), baseUrl: p.get("url") }).getWorkspace("default");
        window.result = { call: performance.now() - start, slug: w.slug };
      }, 300);
    </script>`);
    return;
  }
  if (path === "/") {
    res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><script type="module">
      import { ModelGates } from "/dist/index.js";
      const start = performance.now();
      const p = new URLSearchParams(location.hash.slice(1));
      const client = new ModelGates({ apiKey: p.get("key"), baseUrl: p.get("url") });
      const w = await client.getWorkspace("default");
      const first = performance.now();
      await client.getWorkspace("default");
      window.result = { first, sdk: first - start, warm: performance.now() - first, slug: w.slug };
    </script>`);
    return;
  }
  try {
    const build = Object.keys(builds).find((name) => path.startsWith(`/${name}/`));
    const file = build ? join(builds[build], path.slice(build.length + 2) || "index.html") : join(js, path);
    const body = readFileSync(file);
    const type = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" }[extname(file)];
    res.writeHead(200, { "content-type": type ?? "application/octet-stream" }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: chromiumArgs });
const firsts = [], sdks = [], warms = [], later = { 0: [], 1: [] }, built = { app: [], official: [] };
try {
  for (let run = 0; run < 7; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const hash = new URLSearchParams({ url: baseUrl, key: apiKey });
    await page.goto(`http://127.0.0.1:${server.address().port}/#${hash}`);
    const result = await (await page.waitForFunction(() => window.result)).jsonValue();
    if (result.slug !== "default") throw new Error("unexpected answer");
    firsts.push(result.first);
    sdks.push(result.sdk);
    warms.push(result.warm);
    await context.close();
    for (const name of run % 2 ? ["official", "app"] : ["app", "official"]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${server.address().port}/${name}/#${hash}`);
      const result = await (await page.waitForFunction(() => window.result)).jsonValue();
      if (result.slug !== "default") throw new Error(`the ${name} page's answer: ${JSON.stringify(result)}`);
      built[name].push(result.first);
      await context.close();
    }
    for (const preload of [0, 1]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const hash = new URLSearchParams({ url: baseUrl, key: apiKey, preload });
      await page.goto(`http://127.0.0.1:${server.address().port}/later#${hash}`);
      const result = await (await page.waitForFunction(() => window.result)).jsonValue();
      if (result.slug !== "default") throw new Error("unexpected answer");
      later[preload].push(result.call);
      await context.close();
    }
  }
  // The every-operation page really runs every operation (once, untimed), so its build weighs
  // code a dashboard uses.
  const context = await browser.newContext();
  const page = await context.newPage();
  const hash = new URLSearchParams({ url: baseUrl, key: apiKey, all: 1 });
  await page.goto(`http://127.0.0.1:${server.address().port}/app/#${hash}`);
  await page.waitForFunction(() => window.everyOperation === "done", null, { timeout: 20000 });
  await context.close();
} finally {
  await browser.close();
  server.close();
}
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`time to first call: ${median(firsts).toFixed(1)} ms median (navigation start to first result, cold, 7 runs)`);
console.log(`Vite builds, same runs: this SDK ${median(built.app).toFixed(1)} ms, the official SDK's standalone function ${median(built.official).toFixed(1)} ms (median, cold, navigation start to first result)`);
console.log(`  of which from \`new ModelGates\` to the first result (engine fetch, compile, first request): ${median(sdks).toFixed(1)} ms`);
console.log(`a later call: ${median(warms).toFixed(1)} ms median`);
console.log(`a first call 300 ms after load: ${median(later[0]).toFixed(1)} ms median without preload(), ${median(later[1]).toFixed(1)} ms with preload() at load`);
