// The first call timed by js/bench/bench.mjs, from navigation start to the first getWorkspace
// result, in a production build; the page also holds every other operation (`?all` runs them
// once), so the build weighs what a dashboard using all eleven ships.
import { ModelGates } from "modelgates";

const p = new URLSearchParams(location.hash.slice(1));
const client = new ModelGates({ apiKey: p.get("key"), baseUrl: p.get("url") });
const workspace = await client.getWorkspace("default");
window.result = { first: performance.now(), slug: workspace.slug };

if (p.has("all")) {
  const slug = `bench-${Date.now()}`;
  const created = await client.createWorkspace({ name: "Bench", slug });
  await client.updateWorkspace(created.id, { description: "every operation" });
  await client.listWorkspaces({ limit: 5 });
  const key = await client.createKey({ name: "bench", workspaceId: created.id });
  await client.getKey(key.data.hash);
  await client.updateKey(key.data.hash, { disabled: true });
  await client.listKeys({ workspaceId: created.id });
  for await (const listed of client.keys({ workspaceId: created.id })) void listed;
  for await (const listed of client.workspaces({ pageSize: 50 })) void listed;
  await client.getCurrentKey().catch(() => null);
  await client.deleteKey(key.data.hash);
  await client.deleteWorkspace(created.id);
  window.everyOperation = "done";
}
