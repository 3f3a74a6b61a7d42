// A typed walk through the package; `just test-js` type-checks it with `tsc --noEmit --strict`
// against the installed tarball, and the pack test runs it in Chromium.
import {
  ModelGates,
  ModelGatesError,
  InvalidInputError,
  ApiError,
  type CreatedKey,
  type CreateKeyRequest,
  type ErrorKind,
  type Workspace,
  type WorkspacePage,
} from "modelgates";

export async function example(baseUrl: string, apiKey: string): Promise<string[]> {
  const client = new ModelGates({ apiKey, baseUrl, timeoutMs: 10_000, retry: { maxRetries: 1 } });
  const notes: string[] = [];

  const slug = `typed-${Date.now().toString(36)}`;
  const workspace: Workspace = await client.createWorkspace({ name: "Typed", slug });
  const changed = await client.updateWorkspace(workspace.id, { description: "typed", defaultProviderSort: "latency" });
  notes.push(`updated ${changed.slug}: ${changed.description ?? "-"}`);

  const page: WorkspacePage = await client.listWorkspaces({ limit: 10 });
  notes.push(`${page.data.length} of ${page.totalCount} on the first page`);

  let all = 0;
  for await (const item of client.workspaces({ pageSize: 2 })) {
    all += item.name.length > 0 ? 1 : 0;
  }
  notes.push(`${all} workspaces in all`);

  const controller = new AbortController();
  const created: CreatedKey = await client.createKey(
    { name: "typed key", workspaceId: workspace.id, limit: 5, limitReset: "daily" },
    { signal: controller.signal },
  );
  const secret: string = created.key.reveal();
  // The request types come from the core: a request takes only the documented periods.
  // @ts-expect-error "yearly" is not a LimitReset
  const yearly: CreateKeyRequest = { name: "typed key", limitReset: "yearly" };
  notes.push(typeof yearly.limitReset);
  notes.push(`key ${created.data.label} (${secret.length} characters, shown once)`);

  try {
    await client.getWorkspace("Not A Slug!");
  } catch (error) {
    if (error instanceof InvalidInputError) {
      const field: string = error.field;
      notes.push(`refused: ${field}`);
    } else if (error instanceof ApiError) {
      const status: number = error.status;
      notes.push(`api error ${status}`);
    } else if (error instanceof ModelGatesError) {
      const kind: ErrorKind = error.kind;
      notes.push(kind);
    } else {
      throw error;
    }
  }
  return notes;
}
