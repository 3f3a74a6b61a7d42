package ai.modelgates.sdk

import ai.modelgates.sdk.core.ApiKey
import ai.modelgates.sdk.core.ListKeysRequest
import ai.modelgates.sdk.core.Workspace
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

// The walks as cold Flows over the core's pagers: each collection walks from the start, a page
// at a time as the collector asks. A walk never ends early in silence: a page that fails, or a
// list that cannot be walked right, throws its ModelGatesException from `collect`. Stopping early
// (`take`, `first`, cancelling) just stops; the pager's native memory is freed either way.

/** Every workspace, each once (`pageSize`: per request, 1 to 100; null for the API's default). */
fun ModelGatesClient.workspaces(pageSize: Int? = null): Flow<Workspace> = flow {
    workspacePager(pageSize).use { pager ->
        while (true) {
            val page = pager.nextPage() ?: break
            for (workspace in page) emit(workspace)
        }
    }
}

/** Every API key `filters` selects (a workspace, disabled or expired ones too), each once. */
fun ModelGatesClient.keys(filters: ListKeysRequest = ListKeysRequest()): Flow<ApiKey> = flow {
    keyPager(filters).use { pager ->
        while (true) {
            val page = pager.nextPage() ?: break
            for (key in page) emit(key)
        }
    }
}
