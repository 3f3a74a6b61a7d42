"""Every method of the package, sync and async, against a live API (the sandbox by default:
`scripts/with-sandbox.sh target/py-venv/bin/python python/examples/tour.py`). It is also the
script `mypy --strict` checks, so it shows what the types give you."""

from __future__ import annotations

import asyncio
import secrets

import httpx

import modelgates
from modelgates import CreatedKey, Workspace, WorkspacePage


def sync_tour() -> None:
    retry = modelgates.RetryPolicy(max_retries=3, initial_backoff=0.2)
    with modelgates.Client(retry=retry, timeout=10) as client:  # MODELGATES_API_KEY, MODELGATES_BASE_URL
        slug = f"tour-{secrets.token_hex(3)}"
        workspace: Workspace = client.workspaces.create(
            name="Tour", slug=slug, description="made by the tour", is_observability_broadcast_enabled=True
        )
        print("created", workspace)
        same = client.workspaces.get(workspace.id, timeout=5)
        assert same == workspace
        page: WorkspacePage = client.workspaces.list(offset=0, limit=10)
        print(f"page of {len(page.data)}, {page.total_count} in all")
        updated = client.workspaces.update(slug, description=None, default_text_model="openai/gpt-4o")
        print("updated", updated.description, updated.default_text_model, updated.updated_at)
        names = [w.name for w in client.workspaces.list_all(page_size=2)]
        print("every workspace:", names)
        key: CreatedKey = client.keys.create(name="tour", workspace_id=workspace.id, limit=5.0, limit_reset="weekly")
        print("new key", key)  # the secret stays hidden
        print("secret length", len(key.key))
        details: dict[str, object] = key.data.to_dict()
        print("key details", sorted(details))
        try:
            client.workspaces.get("no-such-workspace")
        except modelgates.NotFoundError as error:
            print("not found:", error.status, error.request_id)
        try:
            client.workspaces.create(name="Bad", slug="Not A Slug")
        except modelgates.ValidationError as error:
            print("refused before sending:", error.field)


async def async_tour() -> None:
    async with httpx.AsyncClient() as http, modelgates.AsyncClient(http_client=http, max_retries=1) as client:
        workspace = await client.workspaces.create(name="Async tour", slug=f"tour-{secrets.token_hex(3)}")
        print("async created", workspace.slug)
        print("async got", (await client.workspaces.get(workspace.slug)).id == workspace.id)
        print("async page", len(await client.workspaces.list(limit=5)))
        print("async updated", (await client.workspaces.update(workspace.id, name="Renamed")).name)
        print("async every", [w.slug async for w in client.workspaces.list_all()])
        key = await client.keys.create(name="async tour", expires_at="2099-01-01T00:00:00Z")
        print("async key", key.data.expires_at, key.data.workspace_id)
        try:
            await client.keys.create(name="")
        except modelgates.ModelGatesError as error:
            print("async refused:", type(error).__name__, error.message)


if __name__ == "__main__":
    sync_tour()
    asyncio.run(async_tour())
