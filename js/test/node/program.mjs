// A Node program written as a user would, run from an empty project where the packed tarball is
// installed (test/pack.mjs): no bundler, the package imported by name. Prints one JSON line.
import { ModelGates, ModelGatesError, EngineLoadError, NotFoundError, preload } from "modelgates";

const { MODELGATES_BASE_URL: baseUrl, MODELGATES_API_KEY: apiKey } = process.env;
const notes = {};

// Bytes that are not WebAssembly: an EngineLoadError, and the next load tries again.
try {
  await preload(new Uint8Array([0, 1, 2, 3]));
  notes.badEngine = "loaded";
} catch (error) {
  notes.badEngine = `${error.name} ${error instanceof EngineLoadError && error instanceof ModelGatesError} ${error.kind} ${error.retryable}`;
}

const mg = new ModelGates({ apiKey, baseUrl });
const slug = `node-${Math.random().toString(36).slice(2, 10)}`;
const created = await mg.createWorkspace({ name: "From Node", slug });
const got = await mg.getWorkspace(slug);
const walked = [];
for await (const workspace of mg.workspaces({ pageSize: 2 })) walked.push(workspace.id);
await mg.deleteWorkspace(created.id);
const gone = await mg.getWorkspace(created.id).catch((error) => error);
Object.assign(notes, {
  created: created.slug === slug,
  got: got.id === created.id,
  walkedIt: walked.includes(created.id),
  deleted: gone instanceof NotFoundError,
});
console.log(JSON.stringify(notes));
