// A small dashboard over the `modelgates` package: list workspaces page by page, create and
// edit one, create an API key and show its secret once, list a workspace's keys and revoke
// (delete) one.
import { ModelGates, ModelGatesError } from "modelgates";

const PAGE_SIZE = 5;
const $ = (id) => document.getElementById(id);
let client;
let offset = 0;
let editing;
let keyWorkspace;
let keysWorkspace;

function say(text, isError = false) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

// Errors carry their kind and, for bad input, the field; the message never holds a secret.
function fail(error) {
  // As an app would: the whole error to the console too (safe to log, see the test).
  console.error("dashboard:", String(error), error);
  if (error instanceof ModelGatesError) {
    say(`${error.name} (${error.kind}${error.field ? `, field ${error.field}` : ""}): ${error.message}`, true);
  } else {
    say(String(error), true);
  }
}

function cell(text) {
  const td = document.createElement("td");
  td.textContent = text ?? "";
  return td;
}

function button(label, onClick) {
  const b = document.createElement("button");
  b.textContent = label;
  b.addEventListener("click", onClick);
  return b;
}

async function showPage() {
  const page = await client.listWorkspaces({ offset, limit: PAGE_SIZE });
  const rows = page.data.map((workspace) => {
    const tr = document.createElement("tr");
    tr.dataset.slug = workspace.slug;
    const actions = document.createElement("td");
    actions.append(
      button("Edit", () => startEdit(workspace)),
      button("New key", () => startKey(workspace)),
      button("Keys", () => showKeys(workspace).catch(fail)),
    );
    tr.append(cell(workspace.name), cell(workspace.slug), cell(workspace.description), actions);
    return tr;
  });
  $("rows").replaceChildren(...rows);
  const last = offset + page.data.length;
  $("range").textContent = `${page.data.length ? offset + 1 : 0}–${last} of ${page.totalCount}`;
  $("prev").disabled = offset === 0;
  $("next").disabled = last >= page.totalCount;
}

// Every key of the workspace (the walk fetches page after page), disabled ones too.
async function showKeys(workspace) {
  keysWorkspace = workspace;
  const rows = [];
  for await (const key of client.keys({ workspaceId: workspace.id, includeDisabled: true })) {
    const tr = document.createElement("tr");
    tr.dataset.hash = key.hash;
    const actions = document.createElement("td");
    actions.append(button("Revoke", () => revoke(key).catch(fail)));
    tr.append(cell(key.name), cell(key.label), cell(key.limit ?? "none"), cell(key.disabled ? "disabled" : "active"), actions);
    rows.push(tr);
  }
  $("keys-workspace").textContent = workspace.slug;
  $("key-rows").replaceChildren(...rows);
  $("keys-empty").hidden = rows.length > 0;
  $("keys").hidden = false;
}

// Revoking deletes the key: it stops working at once and cannot be restored.
async function revoke(key) {
  if (!window.confirm(`Revoke ${key.name} (${key.label})? It stops working at once.`)) return;
  await client.deleteKey(key.hash);
  await showKeys(keysWorkspace);
  say(`Revoked key ${key.label}.`);
}

function startEdit(workspace) {
  editing = workspace;
  $("edit-slug").textContent = workspace.slug;
  $("edit-name").value = workspace.name;
  $("edit-description").value = workspace.description ?? "";
  $("edit").hidden = false;
}

function startKey(workspace) {
  keyWorkspace = workspace;
  $("key-workspace").textContent = workspace.slug;
  $("key").hidden = false;
}

const handle = (form, action) =>
  $(form).addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await action();
    } catch (error) {
      fail(error);
    }
  });

handle("connect", async () => {
  client = new ModelGates({ apiKey: $("api-key").value, baseUrl: $("base-url").value || undefined });
  offset = 0;
  await showPage();
  $("workspaces").hidden = false;
  say("Connected.");
});

$("prev").addEventListener("click", () => { offset = Math.max(0, offset - PAGE_SIZE); showPage().catch(fail); });
$("next").addEventListener("click", () => { offset += PAGE_SIZE; showPage().catch(fail); });

handle("create", async () => {
  const workspace = await client.createWorkspace({ name: $("create-name").value, slug: $("create-slug").value });
  $("create").reset();
  await showPage();
  say(`Created workspace ${workspace.slug}.`);
});

handle("edit", async () => {
  const description = $("edit-description").value;
  const workspace = await client.updateWorkspace(editing.id, {
    name: $("edit-name").value,
    description: description === "" ? null : description,
  });
  $("edit").hidden = true;
  await showPage();
  say(`Saved workspace ${workspace.slug}.`);
});
$("edit-cancel").addEventListener("click", () => { $("edit").hidden = true; });

handle("key", async () => {
  const limit = $("key-limit").value;
  const created = await client.createKey({
    name: $("key-name").value,
    workspaceId: keyWorkspace.id,
    limit: limit === "" ? undefined : Number(limit),
  });
  $("key").reset();
  $("key").hidden = true;
  // The only place the secret is revealed: into the page, once, never to the console.
  $("secret").textContent = created.key.reveal();
  $("secret-box").hidden = false;
  say(`Created key ${created.data.label} in ${keyWorkspace.slug}.`);
});

$("secret-done").addEventListener("click", () => {
  $("secret").textContent = "";
  $("secret-box").hidden = true;
});
