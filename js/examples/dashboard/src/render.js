// The dashboard's first screen rendered on the server (what an SSR framework's loader does):
// the same `modelgates` import as the page, resolved to the package's Node entry there.
import { ModelGates } from "modelgates";

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/** The first page of workspaces as an HTML list. */
export async function renderWorkspaces({ apiKey, baseUrl, limit = 5 }) {
  const mg = new ModelGates({ apiKey, baseUrl });
  const page = await mg.listWorkspaces({ limit });
  const items = page.data.map((w) => `<li>${escape(w.name)} <code>${escape(w.slug)}</code></li>`);
  return `<ul data-total="${page.totalCount}">${items.join("")}</ul>`;
}
