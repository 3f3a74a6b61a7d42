// The npm package's own tests, run inside headless Chromium by run.mjs against the sandbox
// (a different origin from this page, so every call is real cross-origin fetch with CORS).
import {
  ModelGates, ModelGatesError, InvalidInputError, ApiError, TransportError, TimeoutError,
  AbortedError, NotFoundError, InternalServerError, RedirectError, ConflictError,
  BadRequestError, DecodeError, EngineLoadError, Secret, preload,
} from "../dist/index.js";
// The module that maps what the engine throws, on its own (the package bundles it in).
import * as errors from "../src/errors.js";

// `only`: the names of the tests to run (all when left out).
export async function run({ baseUrl, apiKey, restrictedKey, directBaseUrl = baseUrl, only }) {
  const secrets = [];
  const notes = [];
  // directBaseUrl is the sandbox itself when baseUrl is Prism's validating proxy in front of it
  // (scripts/with-prism.sh): counts, and faults that break HTTP on purpose, go straight there.
  const origin = directBaseUrl.replace(/\/api\/v1$/, "");
  const label = () => `js-${Math.random().toString(16).slice(2)}`;
  const slug = () => `js-e2e-${Math.random().toString(36).slice(2, 10)}`;
  const client = (extra = {}) =>
    new ModelGates({ apiKey, baseUrl, retry: { initialBackoffMs: 20, maxBackoffMs: 100 }, ...extra });
  const faulty = (fault, extra = {}) => client({
    headers: { "X-Sandbox-Fault": fault },
    ...(/drop|truncate|body=|redirect/.test(fault) ? { baseUrl: directBaseUrl } : {}),
    ...extra,
  });
  const count = async (key, operation) =>
    (await (await fetch(`${origin}/_sandbox/counts?key=${key}`)).json())[operation];
  const check = (ok, what) => { if (!ok) throw new Error(what); };
  const rejects = async (promise) => {
    try { await promise; } catch (error) { console.log("caught:", String(error), error); return error; }
    throw new Error("expected the call to fail");
  };

  const tests = {
    async "create, get, update, list, iterate and create a key, all camelCase"() {
      const mg = client();
      const s = slug();
      const ws = await mg.createWorkspace({ name: "JS team", slug: s, defaultTextModel: "m/x", ioLoggingSamplingRate: 0.25 });
      check(ws.slug === s && ws.defaultTextModel === "m/x" && ws.ioLoggingSamplingRate === 0.25, "created");
      check(!("default_text_model" in ws) && ws.createdAt && ws.updatedAt === null, "camelCase fields");
      const got = await mg.getWorkspace(s);
      check(got.id === ws.id, "get by slug");
      const updated = await mg.updateWorkspace(ws.id, { defaultTextModel: null, isDataDiscountLoggingEnabled: false });
      check(updated.defaultTextModel === null && updated.updatedAt, "update");
      const page = await mg.listWorkspaces({ offset: 0, limit: 1 });
      check(page.data.length === 1 && page.totalCount >= 2, "one page");
      const all = [];
      for await (const w of mg.workspaces({ pageSize: 1 })) all.push(w);
      check(all.length === page.totalCount && all.some((w) => w.id === ws.id), "every page");
      const created = await mg.createKey({ name: "js key", workspaceId: ws.id, limit: 10, limitReset: "weekly" });
      check(created.key instanceof Secret && created.key.reveal().startsWith("sk-mg-v1-"), "secret");
      secrets.push(created.key.reveal());
      check(String(created.key) === "[REDACTED]" && !JSON.stringify(created).includes(created.key.reveal()), "redacted");
      check(created.data.workspaceId === ws.id && created.data.limitReset === "weekly", "key data");
      console.log("created key", created, JSON.stringify(created), `${created.key}`);
      console.log("client", mg, JSON.stringify(mg));
    },
    async "the walk goes on past short pages and a list that grows mid-walk, and resumes after a failed page"() {
      const mg = client();
      const prefix = slug();
      for (let i = 0; i < 4; i++) await mg.createWorkspace({ name: `walk ${i}`, slug: `${prefix}-${i}` });
      const total = (await mg.listWorkspaces({ limit: 1 })).totalCount;
      // The server gives 2 per page although 100 are asked for: every workspace still comes.
      let capped = 0;
      for await (const _ of faulty("page-cap=2").workspaces()) capped++;
      check(capped === total, `capped pages gave ${capped} of ${total}`);
      // A workspace created mid-walk: the walk goes on to the end of the list as it now stands.
      const seen = [];
      for await (const w of mg.workspaces({ pageSize: 2 })) {
        if (seen.length === 0) await mg.createWorkspace({ name: "late", slug: `${prefix}-late` });
        seen.push(w.slug);
      }
      check(seen.length === total + 1 && seen.at(-1) === `${prefix}-late`, `grew: ${seen.length} of ${total + 1}`);
      check(new Set(seen).size === seen.length, "an id twice");
      // The first page fails once (no retries): iterating the same walk again retries it.
      const key = label();
      const walk = faulty(`status=500;times=1;key=${key}`, { retry: { maxRetries: 0 } }).workspaces({ pageSize: 3 });
      const failed = await rejects((async () => { for await (const _ of walk); })());
      check(failed instanceof ApiError && failed.status === 500, "the failed page");
      let resumed = 0;
      for await (const _ of walk) resumed++;
      check(resumed === total + 1, `resumed walk gave ${resumed} of ${total + 1}`);
    },
    async "the key lifecycle: walk, get, update (null clears), conflict, delete, and the calling key"() {
      const mg = client();
      const ws = await mg.createWorkspace({ name: "JS keys", slug: slug() });
      const made = [];
      for (let i = 0; i < 3; i++) {
        const created = await mg.createKey({ name: `js key ${i}`, workspaceId: ws.id, limit: 5 });
        secrets.push(created.key.reveal());
        made.push(created.data.hash);
      }
      const walked = [];
      for await (const key of mg.keys({ workspaceId: ws.id })) walked.push(key.hash);
      check(JSON.stringify(walked) === JSON.stringify(made), `walk ${walked}`);
      const got = await mg.getKey(made[0]);
      check(got.name === "js key 0" && got.limit === 5 && got.lastUsedAt === null, "get");
      const updated = await mg.updateKey(made[0], { name: "renamed", disabled: true, limit: null });
      check(updated.name === "renamed" && updated.disabled && updated.limit === null, "update");
      const page = await mg.listKeys({ workspaceId: ws.id });
      check(page.data.length === 2, "a disabled key is hidden");
      check((await mg.listKeys({ workspaceId: ws.id, includeDisabled: true })).data.length === 3, "unless asked for");
      const clash = await rejects(mg.updateKey(made[2], { name: "js key 1" }));
      check(clash instanceof ConflictError && clash.status === 409, `conflict ${clash.name}`);
      const nothing = await rejects(mg.updateKey(made[2], {}));
      check(nothing instanceof InvalidInputError && nothing.field === "body", "an empty update");
      const busy = await rejects(mg.deleteWorkspace(ws.id));
      check(busy instanceof BadRequestError, `active keys: ${busy.name}`);
      for (const hash of made) check((await mg.deleteKey(hash)).deleted === true, "deleted");
      check((await rejects(mg.getKey(made[0]))) instanceof NotFoundError, "gone");
      check((await mg.deleteWorkspace(ws.slug)).deleted === true, "workspace deleted");
      const me = await mg.getCurrentKey();
      check(me.isManagementKey === true && Array.isArray(me.allowedDataRegions), "the calling key");
    },
    async "a DELETE whose answer was lost is reported done"() {
      const mg = client();
      const created = await mg.createKey({ name: "lost answer" });
      secrets.push(created.key.reveal());
      const key = label();
      const done = await faulty(`truncate;times=1;key=${key}`).deleteKey(created.data.hash);
      check(done.deleted === true, "deleted");
      check((await count(key, "delete-keys")) === 2, "retried once");
    },
    async "next() called again before the last one settled gives each item once, in turn"() {
      const mg = client();
      for (let i = 0; i < 3; i++) await mg.createWorkspace({ name: "queued", slug: slug() });
      const { totalCount } = await mg.listWorkspaces({ limit: 1 });
      const walk = mg.workspaces({ pageSize: 1 });
      // Before, each pending next() opened its own walk: the first workspace came every time.
      const results = await Promise.all(Array.from({ length: totalCount + 2 }, () => walk.next()));
      const ids = results.filter((r) => !r.done).map((r) => r.value.id);
      check(ids.length === totalCount && new Set(ids).size === totalCount, `${ids.length} items, ${new Set(ids).size} distinct, of ${totalCount}`);
      check(results.slice(totalCount).every((r) => r.done), "then done");
      const again = mg.workspaces({ pageSize: 2 });
      const [first, ended, after] = await Promise.all([again.next(), again.return("stop"), again.next()]);
      check(!first.done && ended.done && ended.value === "stop" && after.done, "return waits for the pending next, then ends the walk");
    },
    async "invalid input is an InvalidInputError naming the camelCase field, nothing sent"() {
      const key = label();
      const mg = faulty(`key=${key}`);
      const bad = await rejects(mg.createWorkspace({ name: "x", slug: "Not A Slug" }));
      check(bad instanceof InvalidInputError && bad instanceof ModelGatesError && bad instanceof Error, "classes");
      check(bad.kind === "invalid_input" && bad.field === "slug", "slug field");
      const rate = await rejects(mg.updateWorkspace("default", { ioLoggingSamplingRate: 5 }));
      check(rate.field === "ioLoggingSamplingRate" && rate.message.startsWith("ioLoggingSamplingRate:"), rate.message);
      const typo = await rejects(mg.createKey({ name: "k", limitRest: "daily" }));
      check(typo.field === "limitRest", `typo field ${typo.field}`);
      const limit = await rejects(mg.listWorkspaces({ limit: 101 }));
      check(limit.field === "limit", "limit");
      check((await count(key, "create-workspace")) === 0 && (await count(key, "update-workspace")) === 0, "sent");
      check((await count(key, "create-keys")) === 0 && (await count(key, "list-workspaces")) === 0, "sent");
    },
    async "NaN and Infinity are refused by field name, never sent as null (no limit)"() {
      const key = label();
      const mg = faulty(`key=${key}`);
      for (const limit of [NaN, Infinity, -Infinity]) {
        const bad = await rejects(mg.createKey({ name: "nan key", limit }));
        check(bad instanceof InvalidInputError && bad.field === "limit" && bad.message.startsWith("limit:"), `${limit}: ${bad.message}`);
      }
      const rate = await rejects(mg.createWorkspace({ name: "n", slug: slug(), ioLoggingSamplingRate: NaN }));
      check(rate.field === "ioLoggingSamplingRate", `rate: ${rate.field}`);
      const page = await rejects(mg.listWorkspaces({ limit: NaN }));
      check(page.field === "limit" && !/u32|expected/.test(page.message), page.message);
      check((await count(key, "create-keys")) === 0 && (await count(key, "create-workspace")) === 0, "sent");
    },
    async "an invalid Date, an id that is not text and a zero timeout are refused by name, nothing sent"() {
      const key = label();
      const mg = faulty(`key=${key}`);
      // JSON.stringify writes an invalid Date as null: a key that never expires.
      const date = await rejects(mg.createKey({ name: "bad date", expiresAt: new Date("not a date") }));
      check(date instanceof InvalidInputError && date.field === "expiresAt", `date: ${date.field} ${date.message}`);
      for (const id of [{ id: "default" }, 5, ["default"]]) {
        const bad = await rejects(mg.getWorkspace(id));
        check(bad instanceof InvalidInputError && bad.field === "id", `id ${JSON.stringify(id)}: ${bad.name} ${bad.message}`);
      }
      const missing = await rejects(mg.getKey());
      check(missing instanceof InvalidInputError && missing.field === "hash", `no hash: ${missing.message}`);
      for (const options of [{ timeoutMs: 0 }, { timeoutMs: -1 }]) {
        const zero = await rejects(mg.getWorkspace("default", options));
        check(zero.field === "timeoutMs" && zero.message.startsWith("timeoutMs:"), `${options.timeoutMs}: ${zero.message}`);
      }
      const client0 = await rejects(client({ timeoutMs: 0 }).getCurrentKey());
      check(client0.field === "timeoutMs", `client timeoutMs 0: ${client0.message}`);
      check((await count(key, "create-keys")) === 0 && (await count(key, "get-workspace")) === 0, "sent");
      check((await count(key, "get-key")) === 0, "sent");
    },
    async "a message that names other fields names them as JavaScript spells them"() {
      const key = label();
      const mg = faulty(`key=${key}`);
      const empty = await rejects(mg.updateKey("abc", {}));
      check(empty instanceof InvalidInputError && empty.field === "body", `${empty.field}: ${empty.message}`);
      check(/includeByokInLimit, limit, limitReset, workspaceId$/.test(empty.message) && !empty.message.includes("_"), empty.message);
      // A value the caller gave is quoted as given, never respelled.
      const reset = await rejects(mg.updateKey("abc", { limitReset: "every_day" }));
      check(reset.field === "limitReset" && reset.message.includes("`every_day`"), reset.message);
      check((await count(key, "update-keys")) === 0, "sent");
    },
    async "options that are not objects, a signal that is not one and a fetch that is not a function are refused by name"() {
      const key = label();
      const mg = faulty(`key=${key}`);
      // A key passed on its own: its characters would have been read as settings.
      const keyOnly = await rejects(new ModelGates(apiKey).getCurrentKey());
      check(keyOnly instanceof InvalidInputError && keyOnly.field === "options" && !keyOnly.message.includes(apiKey), keyOnly.message);
      const fetchless = await rejects(client({ fetch: "window.fetch" }).getCurrentKey());
      check(fetchless instanceof InvalidInputError && fetchless.field === "fetch", `fetch: ${fetchless.name} ${fetchless.message}`);
      const signal = await rejects(mg.getWorkspace("default", { signal: "stop" }));
      check(signal instanceof InvalidInputError && signal.field === "signal", `signal: ${signal.name} ${signal.message}`);
      const callOptions = await rejects(mg.getWorkspace("default", "fast"));
      check(callOptions instanceof InvalidInputError && callOptions.field === "options", callOptions.message);
      const walkSignal = await rejects(mg.workspaces({ signal: 5 }).next());
      check(walkSignal instanceof InvalidInputError && walkSignal.field === "signal", `walk: ${walkSignal.message}`);
      const filters = await rejects(mg.keys("default").next());
      check(filters instanceof InvalidInputError && filters.field === "filters", `filters: ${filters.message}`);
      const derived = await rejects(mg.withOptions([1]).getCurrentKey());
      check(derived instanceof InvalidInputError && derived.field === "options", `withOptions: ${derived.message}`);
      check((await count(key, "get-workspace")) === 0 && (await count(key, "list-workspaces")) === 0, "sent");
      check((await count(key, "list-keys")) === 0 && (await count(key, "get-current-key")) === 0, "sent");
      // The API's own spelling is not a JavaScript name: refused, naming the one to use.
      const snakeField = await rejects(mg.createKey({ name: "k", workspace_id: "x", workspaceId: "y" }));
      check(snakeField instanceof InvalidInputError && snakeField.field === "workspace_id" && /workspaceId/.test(snakeField.message), snakeField.message);
      // A misspelt option is called an option, not a field of a request.
      const unknown = await rejects(client({ timeout: 5 }).getCurrentKey());
      check(unknown.field === "timeout" && /is not an option/.test(unknown.message), unknown.message);
      const unknownRetry = await rejects(mg.getWorkspace("default", { retry: { tries: 1 } }));
      check(unknownRetry.field === "retry.tries" && /is not an option/.test(unknownRetry.message), unknownRetry.message);
      const unknownPage = await rejects(mg.workspaces({ size: 5 }).next());
      check(unknownPage.field === "size" && /is not an option/.test(unknownPage.message), unknownPage.message);
      // A header's name is the caller's, never respelled.
      const header = await rejects(client({ headers: { X_Trace: 5 } }).getCurrentKey());
      check(header.field === "headers.X_Trace" && header.message.startsWith("headers.X_Trace:"), header.message);
      const snakeOption = await rejects(client({ retry: { max_retries: 0 } }).getCurrentKey());
      check(snakeOption.field === "retry.max_retries" && /maxRetries/.test(snakeOption.message), snakeOption.message);
      check((await count(key, "create-keys")) === 0, "sent");
      // A dictionary without a prototype is an object of fields like any other.
      const bare = Object.assign(Object.create(null), { name: "bare", slug: slug(), ioLoggingSamplingRate: 0.5 });
      check((await client().createWorkspace(bare)).ioLoggingSamplingRate === 0.5, "Object.create(null) body");
    },
    async "a redirect is a RedirectError, never followed nor retried"() {
      const key = label();
      const error = await rejects(faulty(`redirect;key=${key}`).getWorkspace("default"));
      check(error instanceof RedirectError && error instanceof ApiError && error.retryable === false, `${error.name}`);
      check(/redirect/.test(error.message), error.message);
      check((await count(key, "get-workspace")) === 1, "one request");
    },
    async "a gateway error wrapping a create-keys answer shows no secret, in the message or the metadata"() {
      const key = label();
      const error = await rejects(faulty(`status=502;body=wrapped;key=${key}`).createKey({ name: "wrapped" }));
      check(error instanceof ApiError && error.status === 502, `${error.name} ${error.status}`);
      check((await count(key, "create-keys")) === 1, "a key was minted behind the fault, once");
      const shown = [error.message, String(error), JSON.stringify(error.metadata), error.stack ?? ""].join(" ");
      check(error.metadata?.upstream?.key === "[REDACTED]", "the metadata's key member is hidden");
      check(!/sk-mg-v1-[0-9a-f]{12}/.test(shown), "a new key's secret is shown");
    },
    async "error classes come from the core: status classes are ApiErrors"() {
      const missing = await rejects(client().getWorkspace(`no-such-${slug()}`));
      check(missing instanceof NotFoundError && missing instanceof ApiError && missing.name === "NotFoundError", missing.name);
      // The bundle is minified without keeping names: the classes consoles show name themselves.
      const named = [ModelGates, Secret, ModelGatesError, NotFoundError, EngineLoadError, missing.constructor];
      check(named.map((cls) => cls.name).join() === "ModelGates,Secret,ModelGatesError,NotFoundError,EngineLoadError,NotFoundError", named.map((cls) => cls.name).join());
      check(missing.retryable === false, "404 is not retryable");
      const busy = await rejects(faulty(`status=503;key=${label()}`, { retry: { maxRetries: 0 } }).getWorkspace("default"));
      check(busy instanceof InternalServerError && busy.retryable === true, `${busy.name} ${busy.retryable}`);
    },
    async "the logger gets each attempt, retry wait and answer, and never a secret"() {
      const lines = [];
      const key = label();
      const mg = faulty(`status=503;times=1;key=${key}`, { logger: (level, message) => lines.push([level, message]) });
      const workspace = await mg.getWorkspace("default");
      check(workspace.slug === "default", "the call still works");
      const text = lines.map(([level, message]) => `${level} ${message}`);
      const want = [/^debug get-workspace: sending GET .*\/workspaces\/default \(attempt 1 of at most 3\)$/,
        /^info get-workspace: HTTP 503/, /^info get-workspace: retry 1 of 2 in \d+ ms \(backoff\)$/,
        /^debug get-workspace: sending GET .* \(attempt 2 of at most 3\)$/, /^debug get-workspace: HTTP 200/];
      check(text.length === want.length && want.every((re, i) => re.test(text[i])), text.join(" | "));
      check(!text.some((line) => line.includes(apiKey)), "a line shows the key");
      const consoleLike = [];
      const levels = { debug: (m) => consoleLike.push(`D ${m}`), info: (m) => consoleLike.push(`I ${m}`), warn: (m) => consoleLike.push(`W ${m}`) };
      await rejects(client({ logger: levels }).getWorkspace(`no-such-${slug()}`));
      check(consoleLike.length === 2 && consoleLike[1].startsWith("W modelgates get-workspace: failed: "), consoleLike.join(" | "));
      const thrower = client({ logger: () => { throw new Error("logger broke"); } });
      check((await thrower.getWorkspace("default")).slug === "default", "a logger that throws changes nothing");
      const bad = await rejects(client({ logger: "verbose" }).getWorkspace("default"));
      check(bad instanceof InvalidInputError && bad.field === "logger", `${bad.name} ${bad.field}`);
    },
    async "withOptions and a call's own settings change only those calls"() {
      const key = label();
      const mg = faulty(`status=503;key=${key}`, { headers: { "X-Sandbox-Fault": `status=503;key=${key}`, "X-Team": "core" } });
      const once = mg.withOptions({ retry: { maxRetries: 0 } });
      const first = await rejects(once.getWorkspace("default"));
      const firstCount = await count(key, "get-workspace");
      check(first instanceof InternalServerError && firstCount === 1, `withOptions: ${first.name} after ${firstCount} attempts`);
      await rejects(mg.getWorkspace("default", { retry: { maxRetries: 1 } }));
      check((await count(key, "get-workspace")) === 3, "a call's own retry: two attempts");
      await rejects(mg.getWorkspace("default"));
      check((await count(key, "get-workspace")) === 6, "the client itself still makes three");
      let sent;
      const seeing = client({ fetch: (request) => { sent = request.headers.get("x-team"); return fetch(request); }, headers: { "X-Team": "core" } });
      await seeing.getWorkspace("default", { headers: { "X-Team": "ops" } });
      check(sent === "ops", `per-call header: ${sent}`);
      await seeing.getWorkspace("default");
      check(sent === "core", `the client's header again: ${sent}`);
      const typo = await rejects(client().getWorkspace("default", { timoutMs: 5 }));
      check(typo instanceof InvalidInputError && typo.field === "timoutMs", `typo: ${typo.field}`);
      const backwards = await rejects(client().withOptions({ retry: { initialBackoffMs: 20000 } }).getWorkspace("default"));
      check(backwards instanceof InvalidInputError && backwards.field === "retry.initialBackoffMs", `retry: ${backwards.field}`);
    },
    async "withResponse() gives the answer a result came in, sending nothing twice"() {
      const key = label();
      const mg = faulty(`delay-ms=1;key=${key}`);
      const { data, response } = await mg.getWorkspace("default").withResponse();
      check(data.slug === "default" && response.status === 200, `status ${response.status}`);
      check(response.requestId?.startsWith("req_") && response.headers.get("x-request-id") === response.requestId, `request id ${response.requestId}`);
      check((await count(key, "get-workspace")) === 1, "sent once");
      const plain = await mg.getWorkspace("default");
      check(plain.slug === "default", "the plain result");
      const made = await client().createKey({ name: "raw" }).withResponse();
      check(made.response.status === 201 && made.data.key instanceof Secret, "create: 201 and the secret kept as a Secret");
      secrets.push(made.data.key.reveal());
      const missing = await rejects(client().getWorkspace(`no-such-${slug()}`).withResponse());
      check(missing instanceof NotFoundError, `errors stay errors: ${missing.name}`);
    },
    async "expiresAt takes a Date, sent in UTC; timestamps come back as RFC 3339 strings"() {
      const made = await client().createKey({ name: "dated", expiresAt: new Date(Date.UTC(2031, 5, 1, 12, 30)) });
      secrets.push(made.key.reveal());
      check(made.data.expiresAt?.startsWith("2031-06-01T12:30:00"), `expiresAt ${made.data.expiresAt}`);
      check(!Number.isNaN(new Date(made.data.createdAt).getTime()), `createdAt ${made.data.createdAt}`);
      await client().deleteKey(made.data.hash);
    },
    async "bad options are refused by name"() {
      const empty = await rejects(new ModelGates({ apiKey: "" }).getWorkspace("default"));
      check(empty instanceof InvalidInputError && empty.field === "apiKey", `apiKey: ${empty.field}`);
      const unknown = await rejects(new ModelGates({ apiKey, timeout: 5 }).getWorkspace("default"));
      check(unknown.field === "timeout", `unknown: ${unknown.field}`);
      const backwards = await rejects(new ModelGates({ apiKey, retry: { initialBackoffMs: 9000, maxBackoffMs: 1000 } }).getWorkspace("default"));
      check(backwards instanceof InvalidInputError && backwards.field === "retry.initialBackoffMs", `retry: ${backwards.field}`);
      check(/maxBackoffMs/.test(backwards.message), backwards.message);
      const noTime = await rejects(new ModelGates({ apiKey, retry: { maxElapsedMs: 0 } }).getWorkspace("default"));
      check(noTime.field === "retry.maxElapsedMs", `retry: ${noTime.field}`);
    },
    async "a key without management rights is a 403 ApiError that does not show the key"() {
      check(restrictedKey, "MODELGATES_RESTRICTED_KEY not set (see scripts/with-sandbox.sh)");
      const denied = await rejects(new ModelGates({ apiKey: restrictedKey, baseUrl }).createWorkspace({ name: "x", slug: slug() }));
      check(denied instanceof ApiError && denied.status === 403, `status ${denied.status}`);
      check(!String(denied).includes(restrictedKey) && !denied.message.includes(restrictedKey), "key shown");
      console.log("caught:", String(denied), denied);
    },
    async "a wrong key is an ApiError that does not show the key"() {
      const wrong = "sk-mg-wrong-js-key-never-shown";
      const error = await rejects(new ModelGates({ apiKey: wrong, baseUrl }).getWorkspace("default"));
      check(error instanceof ApiError && error.status === 401 && error.code === 401, "401");
      check(error.requestId?.startsWith("req_"), "request id");
      check(!`${error.message} ${error.stack} ${JSON.stringify(error)}`.includes(wrong), "key shown");
    },
    async "429 with Retry-After is retried after the wait"() {
      const key = label();
      const started = performance.now();
      await faulty(`status=429;retry-after=1;times=1;key=${key}`).getWorkspace("default");
      check(performance.now() - started >= 950, "waited");
      check((await count(key, "get-workspace")) === 2, "two requests");
    },
    async "503 on GET twice is retried; 503 on POST is not"() {
      let key = label();
      await faulty(`status=503;times=2;key=${key}`).listWorkspaces();
      check((await count(key, "list-workspaces")) === 3, "three GETs");
      key = label();
      const error = await rejects(faulty(`status=503;key=${key}`).createWorkspace({ name: "n", slug: slug() }));
      check(error instanceof ApiError && error.status === 503, "503");
      check((await count(key, "create-workspace")) === 1, "one POST");
    },
    async "a truncated key response is a TransportError without the secret"() {
      const key = label();
      const error = await rejects(faulty(`truncate;key=${key}`).createKey({ name: "cut" }));
      check(error instanceof TransportError && !`${error.message}${error.stack}`.includes("sk-mg-v1-"), "transport");
      check((await count(key, "create-keys")) === 1, "one POST");
    },
    async "timeouts and aborts are distinct kinds"() {
      const slow = faulty(`delay-ms=3000;key=${label()}`, { timeoutMs: 300, retry: { maxRetries: 0 } });
      const timeout = await rejects(slow.getWorkspace("default"));
      check(timeout instanceof TimeoutError && timeout.kind === "timeout", `timeout: ${timeout.kind}`);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const aborted = await rejects(faulty(`delay-ms=3000;key=${label()}`).getWorkspace("default", { signal: controller.signal }));
      check(aborted instanceof AbortedError && !(aborted instanceof TimeoutError) && aborted.kind === "aborted", "aborted");
      const stop = new AbortController();
      const walk = faulty(`status=503;key=${label()}`, { retry: { initialBackoffMs: 5000 } }).workspaces({ signal: stop.signal });
      setTimeout(() => stop.abort(), 200);
      const inBackoff = await rejects(walk.next());
      check(inBackoff instanceof AbortedError, "aborted in backoff");
      // The signal's reason is the error's cause, as fetch rejects with it.
      const reason = new Error("user left the page");
      const mine = new AbortController();
      setTimeout(() => mine.abort(reason), 200);
      const withReason = await rejects(faulty(`delay-ms=3000;key=${label()}`).getWorkspace("default", { signal: mine.signal }));
      check(withReason instanceof AbortedError && withReason.cause === reason, `cause: ${withReason.cause}`);
      // (Not in the run that removes AbortSignal.timeout, as older browsers lack it.)
      if (typeof AbortSignal.timeout === "function") {
        const timed = await rejects(faulty(`delay-ms=3000;key=${label()}`).getWorkspace("default", { signal: AbortSignal.timeout(200) }));
        check(timed instanceof AbortedError && timed.cause?.name === "TimeoutError", `timeout signal cause: ${timed.cause}`);
      }
      const walkReason = new AbortController();
      walkReason.abort("stop");
      const walked = await rejects(client().workspaces({ signal: walkReason.signal }).next());
      check(walked instanceof AbortedError && walked.cause === "stop", `walk cause: ${walked.cause}`);
    },
    async "anything the engine throws that is not its error description is an internal error"() {
      for (const thrown of ["5", "null", '{"message": "x"}', '{"kind": "nope", "message": "x"}', '{"class": "toString", "message": "x"}', new Error("unreachable")]) {
        const error = errors.toError(thrown);
        check(error instanceof errors.ModelGatesError && error.kind === "internal" && error.name === "InternalError", `${thrown}: ${error.kind}`);
      }
      check(errors.toError('{"kind": "api", "class": "InternalServerError", "message": "m", "status": 500}') instanceof errors.ApiError, "a description still maps");
    },
    async "a custom fetch that drops the request's signal still ends at the timeout and on abort"() {
      // A wrapper rebuilding the request without its signal (a common slip): before, the call
      // then never settled, whatever timeoutMs or the caller's signal said.
      const dropping = (request) => fetch(request.url, { method: request.method, headers: request.headers });
      const delayed = (extra) => faulty(`delay-ms=4000;key=${label()}`, { fetch: dropping, retry: { maxRetries: 0 }, ...extra });
      let started = performance.now();
      const timeout = await rejects(delayed({ timeoutMs: 300 }).getWorkspace("default"));
      check(timeout instanceof TimeoutError && performance.now() - started < 3000, `${timeout.name} after ${performance.now() - started} ms`);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      started = performance.now();
      const aborted = await rejects(delayed({}).getWorkspace("default", { signal: controller.signal }));
      check(aborted instanceof AbortedError && performance.now() - started < 3000, `${aborted.name} after ${performance.now() - started} ms`);
    },
    async "a custom fetch is used"() {
      let calls = 0;
      const mg = client({ fetch: (request) => { calls += 1; return fetch(request); } });
      await mg.getWorkspace("default");
      check(calls === 1, `calls ${calls}`);
    },
    async "a custom fetch that resolves to something else is a transport error, and a POST is not repeated"() {
      let calls = 0;
      const mg = client({ fetch: async (request) => { calls += 1; await fetch(request); return { status: 201 }; } });
      const odd = await rejects(mg.createKey({ name: "odd fetch" }));
      check(odd instanceof TransportError && odd.kind === "transport", `kind ${odd.kind}`);
      check(calls === 1, `a POST that may have been sent was sent ${calls} times`);
      let gets = 0;
      const again = client({ fetch: async () => { gets += 1; return "not a response"; } });
      await rejects(again.getWorkspace("default"));
      check(gets === 3, `a GET is retried (1 + 2 retries), sent ${gets} times`);
    },
    // The engine reads a body's nesting by recursion on its own stack (512 KiB, build.sh): a
    // body at or past the 127-level limit must be a readable error, not a trap.
    async "answers nested to and past JSON's depth limit are readable errors"() {
      const nested = (depth) => "[".repeat(depth) + "]".repeat(depth);
      let answer;
      const mg = client({ fetch: async () => new Response(answer.body, { status: answer.status }), retry: { maxRetries: 0 } });
      for (const depth of [125, 126, 127, 128, 100000]) {
        answer = { status: 200, body: `{"data":${nested(depth)}}` };
        const read = await rejects(mg.getWorkspace("default"));
        check(read instanceof DecodeError, `2xx nested ${depth} deep: ${read.name} ${read.message}`);
        check(depth < 127 ? read.message.includes("got an array") : read.message.includes("nesting too deep"), read.message);
        answer = { status: 400, body: `{"error":{"code":400,"message":"bad","metadata":{"deep":${nested(depth)}}}}` };
        const refused = await rejects(mg.getWorkspace("default"));
        check(refused instanceof BadRequestError, `400 nested ${depth} deep: ${refused.name} ${refused.message}`);
      }
    },
  };

  // Run alone, in a page whose first request for the .wasm fails (run.mjs).
  if (only?.includes("an engine that fails to load is an EngineLoadError, and the next call loads it")) {
    tests["an engine that fails to load is an EngineLoadError, and the next call loads it"] = async () => {
      const failed = await rejects(client().getWorkspace("default"));
      check(failed instanceof EngineLoadError && failed instanceof ModelGatesError, `${failed.name}`);
      check(failed.kind === "engine" && failed.retryable && /WebAssembly engine/.test(failed.message), failed.message);
      await preload();
      const workspace = await client().getWorkspace("default");
      check(typeof workspace.id === "string", "the next call works");
    };
  }

  // What a user sees when a create-keys connection drops: the SDK's fetch is called once, but
  // Chromium may resend the POST on its own (README, "Errors"). The arrivals are reported.
  tests["a dropped create-keys is sent once by the SDK; the browser's own resends are counted"] = async () => {
    const arrivals = [];
    for (let i = 0; i < 5; i++) {
      const key = label();
      let sent = 0;
      const mg = faulty(`drop;key=${key}`, { fetch: (request) => { sent += 1; return fetch(request); } });
      const error = await rejects(mg.createKey({ name: "dropped" }));
      check(error instanceof TransportError && sent === 1, `${error.name}, the SDK sent it ${sent} times`);
      arrivals.push(await count(key, "create-keys"));
    }
    notes.push(`a dropped create-keys reached the server ${arrivals.join(", ")} times (5 tries, 1 SDK attempt each)`);
  };

  const results = [];
  for (const [name, test] of Object.entries(tests)) {
    if (only && !only.includes(name)) continue;
    try {
      await test();
      results.push({ name, ok: true });
    } catch (error) {
      results.push({ name, ok: false, error: String(error && error.stack || error) });
    }
  }
  return { results, secrets, notes };
}
