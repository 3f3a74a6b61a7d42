// A page that calls one operation, getWorkspace: what `just bench-js` weighs beside the official
// SDK's standalone function, which a bundler trims to that one call. (This SDK's operations all
// go through one engine call, so a page pays for the engine whatever it uses.)
import { ModelGates } from "modelgates";

const p = new URLSearchParams(location.hash.slice(1));
const client = new ModelGates({ apiKey: p.get("key"), baseUrl: p.get("url") });
const workspace = await client.getWorkspace("default");
window.result = { first: performance.now(), slug: workspace.slug };
