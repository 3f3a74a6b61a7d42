// Server-side rendering with the SDK, as a Vite app does it: src/render.js loaded by Vite's dev
// SSR (ssrLoadModule) and by a production SSR build run in a plain Node process, each rendering
// the sandbox's workspaces. Ends with "N passed, N failed".
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createServer } from "vite";
import { steps } from "../../test/steps.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const { MODELGATES_BASE_URL: baseUrl, MODELGATES_API_KEY: apiKey } = process.env;
if (!baseUrl || !apiKey) throw new Error("run under scripts/with-sandbox.sh");

// A workspace the render must show (it asks for 100, more than the suites leave behind).
const slug = `ssr-${Math.random().toString(36).slice(2, 10)}`;
const made = await fetch(`${baseUrl}/workspaces`, {
  method: "POST",
  headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
  body: JSON.stringify({ name: "Rendered <on> the server", slug }),
});
if (made.status !== 201) throw new Error(`seeding failed: ${made.status}`);
const shows = (html) => html.includes(`<code>${slug}</code>`) && html.includes("Rendered &lt;on&gt; the server");

const { step, finish } = steps();

await step("Vite dev SSR (ssrLoadModule) renders the workspaces", async () => {
  const vite = await createServer({ root: here, logLevel: "warn", appType: "custom", server: { middlewareMode: true } });
  try {
    const { renderWorkspaces } = await vite.ssrLoadModule("/src/render.js");
    const html = await renderWorkspaces({ apiKey, baseUrl, limit: 100 });
    if (!shows(html)) throw new Error(`the render lacks ${slug}: ${html.slice(0, 300)}`);
    return `${html.length} characters of HTML`;
  } finally {
    await vite.close();
  }
});

await step("a production SSR build (vite build --ssr) renders in plain Node", () => {
  const out = join(here, "dist-ssr");
  rmSync(out, { recursive: true, force: true });
  execFileSync(join(here, "node_modules/.bin/vite"), ["build", "--ssr", "src/render.js", "--outDir", "dist-ssr", "--logLevel", "warn"],
    { cwd: here, encoding: "utf8", stdio: "pipe" });
  const html = execFileSync("node", ["--input-type=module", "-e",
    `const { renderWorkspaces } = await import(${JSON.stringify(join(out, "render.js"))});
     console.log(await renderWorkspaces({ apiKey: process.env.MODELGATES_API_KEY, baseUrl: process.env.MODELGATES_BASE_URL, limit: 100 }));`],
    { cwd: here, encoding: "utf8", stdio: "pipe" });
  if (!shows(html)) throw new Error(`the render lacks ${slug}: ${html.slice(0, 300)}`);
  return `${html.length} characters of HTML`;
});

finish();
