// The same first call as the bench page of this SDK (js/bench/bench.mjs): from navigation start
// to the first getWorkspace result, through the official SDK's standalone function (its
// smallest path, the one its README recommends for bundle size).
import { OpenRouterCore } from "@openrouter/sdk/core.js";
import { workspacesGet } from "@openrouter/sdk/funcs/workspacesGet.js";
import { HTTPClient } from "@openrouter/sdk/lib/http.js";

const p = new URLSearchParams(location.hash.slice(1));
// The official Workspace model requires `default_guardrail_id`, a field OpenRouter has and the
// ModelGates API does not: the answer gets an empty one before the SDK reads it (a few
// microseconds), as python/bench/bench.py adapts the official Python SDK.
const httpClient = new HTTPClient({
  fetcher: async (request) => {
    const response = await fetch(request);
    const body = await response.json();
    body.data.default_guardrail_id ??= "";
    return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
  },
});
const client = new OpenRouterCore({ apiKey: p.get("key"), serverURL: p.get("url"), httpClient });
const answer = await workspacesGet(client, { id: "default" });
const first = performance.now();
window.result = answer.ok ? { first, slug: answer.value.data.slug } : { error: String(answer.error) };
