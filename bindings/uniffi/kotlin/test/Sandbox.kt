package ai.modelgates.sdk.test

import ai.modelgates.sdk.*
import ai.modelgates.sdk.core.*
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpResponse.BodyHandlers
import java.time.Duration
import java.time.Instant
import java.time.OffsetDateTime
import java.util.UUID
import okhttp3.OkHttpClient
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.withTimeoutOrNull

// The whole flow against the sandbox over real HTTP with the default java.net.http transport,
// including the sandbox's injected faults; request counts prove what was (not) retried.

// `directBaseUrl` is the sandbox itself when `baseUrl` is Prism's validating proxy in front of
// it (scripts/with-prism.sh): request counts, and the faults that break HTTP or the spec on
// purpose (drop, truncate, an HTML body), go straight to the sandbox.
class Sandbox(
    val baseUrl: String,
    val apiKey: String,
    private val directBaseUrl: String = baseUrl,
    /**
     * Clients made with `withBlockingTransport` whenever the transport is a blocking one too (the
     * shipped ones; a test's own suspend-only transport still gets a suspend client).
     */
    val blocking: Boolean = false,
    /** The transport every client of these tests sends through (the suite runs once per shipped transport). */
    val transport: () -> HttpTransport = { JavaHttpTransport() },
) {
    private val origin = directBaseUrl.removeSuffix("/").removeSuffix("/api/v1")
    private val http = HttpClient.newHttpClient()

    fun client(
        fault: String? = null,
        retry: RetrySettings? = null,
        timeout: Duration? = null,
        key: String = apiKey,
        transport: HttpTransport = this.transport(),
        logListener: LogListener? = null,
        responseListener: ResponseListener? = null,
    ): ModelGatesClient = clientWith(
        ClientOptions(
            baseUrl = if (fault != null && Regex("drop|truncate|body=|redirect").containsMatchIn(fault)) directBaseUrl else baseUrl,
            retry = retry,
            timeout = timeout,
            headers = fault?.let { listOf(HttpHeader("X-Sandbox-Fault", it)) },
            logListener = logListener,
            responseListener = responseListener,
        ),
        key,
        transport,
    )

    /** A client with exactly these options (another server, say), made as [blocking] says. */
    fun clientWith(options: ClientOptions, key: String = apiKey, transport: HttpTransport = this.transport()): ModelGatesClient =
        if (blocking && transport is BlockingHttpTransport) {
            ModelGatesClient.withBlockingTransport(key, options, transport)
        } else {
            ModelGatesClient(key, options, transport)
        }

    /** Requests per operation that carried `key=label` in their fault header. */
    @Suppress("UNCHECKED_CAST")
    fun counts(label: String): Map<String, Long> {
        val request = java.net.http.HttpRequest.newBuilder(URI.create("$origin/_sandbox/counts?key=$label")).build()
        return Json.parse(http.send(request, BodyHandlers.ofString()).body()) as Map<String, Long>
    }

    fun label() = "kt-" + UUID.randomUUID().toString().take(8)
    fun slug() = "kt-" + UUID.randomUUID().toString().take(12)
}

private val fastRetry = RetrySettings(
    maxRetries = 2, initialBackoff = Duration.ofMillis(50), maxBackoff = Duration.ofMillis(200),
    maxElapsed = Duration.ofSeconds(10), jitter = 0.25,
)

private val noRetry = fastRetry.copy(maxRetries = 0)

private fun msSince(started: Long) = (System.nanoTime() - started) / 1_000_000

/** Wraps a transport and records what became of each `send`: entered, cancelled, or ended. */
class ObservedTransport(private val inner: HttpTransport) : HttpTransport {
    val entered = CompletableDeferred<Unit>()
    val cancelled = CompletableDeferred<Unit>()
    val ended = AtomicInteger() // a response or a failure other than cancellation

    override suspend fun send(request: HttpRequest): HttpResponse {
        entered.complete(Unit)
        try {
            return inner.send(request).also { ended.incrementAndGet() }
        } catch (e: CancellationException) {
            cancelled.complete(Unit)
            throw e
        } catch (t: Throwable) {
            ended.incrementAndGet()
            throw t
        }
    }
}

/** A transport that suspends until cancelled, and says whether it was. */
class ForeverTransport : HttpTransport {
    val cancelled = CompletableDeferred<Unit>()
    override suspend fun send(request: HttpRequest): HttpResponse =
        try {
            awaitCancellation()
        } catch (e: CancellationException) {
            cancelled.complete(Unit)
            throw e
        }
}

/** An `HttpClient` whose every method is `TODO()`: it throws `NotImplementedError`, an `Error`. */
private class UnfinishedHttpClient : HttpClient() {
    override fun cookieHandler(): java.util.Optional<java.net.CookieHandler> = TODO()
    override fun connectTimeout(): java.util.Optional<Duration> = TODO()
    override fun followRedirects(): HttpClient.Redirect = TODO()
    override fun proxy(): java.util.Optional<java.net.ProxySelector> = TODO()
    override fun sslContext(): javax.net.ssl.SSLContext = TODO()
    override fun sslParameters(): javax.net.ssl.SSLParameters = TODO()
    override fun authenticator(): java.util.Optional<java.net.Authenticator> = TODO()
    override fun version(): HttpClient.Version = TODO()
    override fun executor(): java.util.Optional<java.util.concurrent.Executor> = TODO()
    override fun <T> send(request: java.net.http.HttpRequest, handler: java.net.http.HttpResponse.BodyHandler<T>): java.net.http.HttpResponse<T> = TODO()
    override fun <T> sendAsync(request: java.net.http.HttpRequest, handler: java.net.http.HttpResponse.BodyHandler<T>): java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<T>> = TODO()
    override fun <T> sendAsync(
        request: java.net.http.HttpRequest,
        handler: java.net.http.HttpResponse.BodyHandler<T>,
        push: java.net.http.HttpResponse.PushPromiseHandler<T>?,
    ): java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<T>> = TODO()
}

private inline fun <reified E : ModelGatesException> expectError(block: () -> Any?): E {
    try {
        val value = block()
        throw AssertionError("expected ${E::class.simpleName}, got $value")
    } catch (e: ModelGatesException) {
        if (e !is E) throw AssertionError("expected ${E::class.simpleName}, got ${e.javaClass.simpleName}: ${messageOf(e)}")
        return e
    }
}

fun sandboxTests(h: Harness, s: Sandbox, apiKey: String) {
    val client = s.client()

    h.test("sandbox: create, get, update (set and clear), list, page through, create a key") {
        runBlocking {
            val slug = s.slug()
            val created = client.createWorkspace(CreateWorkspaceRequest(name = "Kotlin $slug", slug = slug, description = StringOrNull.Value("from Kotlin")))
            check(created.slug == slug && created.description == "from Kotlin") { "created $created" }
            check(client.getWorkspace(slug).id == created.id) { "get by slug" }
            val updated = client.updateWorkspace(created.id, UpdateWorkspaceRequest(description = StringOrNull.Null, ioLoggingSamplingRate = 0.5))
            check(updated.description == null && updated.ioLoggingSamplingRate == 0.5 && updated.updatedAt != null) { "updated $updated" }
            val page = client.listWorkspaces(ListWorkspacesRequest(offset = 0, limit = 1))
            check(page.data.size == 1 && page.totalCount >= 2L) { "page $page" }
            val pager = client.workspacePager(2)
            val all = ArrayList<Workspace>()
            while (true) all.addAll(pager.nextPage() ?: break)
            check(all.size.toLong() == page.totalCount && all.any { it.id == created.id }) { "pager gave ${all.size} of ${page.totalCount}" }
            check(pager.isFinished()) { "the walk is not over" }
            val key = client.createKey(CreateKeyRequest(name = "kt key", workspaceId = created.id, limit = DoubleOrNull.Value(5.0), limitReset = LimitResetOrNull.Value(LimitReset.Monthly)))
            val secret = key.revealKey()
            check(secret.startsWith("sk-mg-v1-")) { "the key secret has an unexpected form" }
            check(key.data().workspaceId == created.id && key.data().limitReset == LimitReset.Monthly) { "key data ${key.data()}" }
            check(!key.toString().contains(secret)) { "CreatedKey.toString shows the secret" }
            check(key.toString() == "CreatedKey(hash=${key.data().hash}, name=kt key, key=[REDACTED])") { "toString: $key" }
        }
    }

    h.test("sandbox: the walks as Flows: each item once, take() stops early, a failed page throws from collect") {
        runBlocking {
            val ws = client.createWorkspace(CreateWorkspaceRequest(name = "Kotlin flow", slug = s.slug()))
            repeat(3) { client.createKey(CreateKeyRequest(name = "kt flow $it", workspaceId = ws.id)) }
            val all = client.workspaces(pageSize = 2).toList()
            val total = client.listWorkspaces(ListWorkspacesRequest(offset = 0, limit = 1)).totalCount
            check(all.size.toLong() == total && all.map { it.id }.toSet().size == all.size && all.any { it.id == ws.id }) { "flow gave ${all.size} of $total" }
            check(client.workspaces(pageSize = 1).take(2).toList().size == 2) { "take(2)" }
            val keys = client.keys(ListKeysRequest(workspaceId = ws.id)).toList()
            check(keys.map { it.name }.sorted() == listOf("kt flow 0", "kt flow 1", "kt flow 2")) { "keys ${keys.map { it.name }}" }
            val label = s.label()
            val failing = s.client(fault = "status=500;key=$label", retry = noRetry)
            val e = expectError<ModelGatesException.Api> { runBlocking { failing.workspaces().toList() } }
            check(e.status == 500) { "status ${e.status}" }
            keys.forEach { client.deleteKey(it.hash) }
            client.deleteWorkspace(ws.id, DeleteWorkspaceRequest())
        }
    }

    h.test("sandbox: timestamps are java.time.Instant, in and out") {
        runBlocking {
            val before = Instant.now()
            val ws = client.createWorkspace(CreateWorkspaceRequest(name = "Kotlin time", slug = s.slug()))
            val createdAt: Instant = ws.createdAt
            check(Duration.between(before, createdAt).abs() < Duration.ofMinutes(1)) { "createdAt $createdAt, now $before" }
            val expiry = OffsetDateTime.parse("2031-06-01T14:30:00.25+02:00").toInstant()
            val key = client.createKey(CreateKeyRequest(name = "kt dated", workspaceId = ws.id, expiresAt = TimestampOrNull.Value(expiry)))
            check(key.data().expiresAt == expiry) { "expiresAt ${key.data().expiresAt}, sent $expiry" }
            check(key.data().expiresAt.toString() == "2031-06-01T12:30:00.250Z") { "expiresAt ${key.data().expiresAt}" }
            client.deleteKey(key.data().hash)
            client.deleteWorkspace(ws.id, DeleteWorkspaceRequest())
        }
    }

    h.test("sandbox: the walk goes on past short pages and a growing list, and resumes after a failed page") {
        runBlocking {
            repeat(4) { client.createWorkspace(CreateWorkspaceRequest(name = "walk $it", slug = s.slug())) }
            val total = client.listWorkspaces(ListWorkspacesRequest(limit = 1)).totalCount.toInt()
            suspend fun walkAll(pager: WorkspacePager): List<Workspace> {
                val all = ArrayList<Workspace>()
                while (true) all.addAll(pager.nextPage() ?: break)
                return all
            }
            val capped = walkAll(s.client(fault = "page-cap=2").workspacePager(null))
            check(capped.size == total) { "capped pages gave ${capped.size} of $total" }
            // The README's loop, with a workspace created after the first page.
            val pager = client.workspacePager(2)
            val seen = ArrayList(pager.nextPage()!!)
            val late = client.createWorkspace(CreateWorkspaceRequest(name = "late", slug = s.slug()))
            seen.addAll(walkAll(pager))
            check(seen.size == total + 1 && seen.last().id == late.id) { "grown walk gave ${seen.size} of ${total + 1}" }
            check(seen.map { it.id }.toSet().size == seen.size) { "a workspace twice" }
            // A failed page (no retries): the pager is not "done", nextPage retries it.
            val label = s.label()
            val flaky = s.client(fault = "status=500;times=1;key=$label", retry = noRetry).workspacePager(3)
            try {
                flaky.nextPage()
                error("the first page should fail")
            } catch (e: ModelGatesException.Api) {
                check(e.status == 500) { "status ${e.status}" }
            }
            check(!flaky.isFinished()) { "a failed page ended the walk" }
            val resumed = walkAll(flaky)
            check(resumed.size == total + 1) { "resumed walk gave ${resumed.size} of ${total + 1}" }
        }
    }

    // Both paths: the suspend one drops the request; a blocking transport finishes it, and the
    // pager then leaves its answer unread (before, the walk went on after that page's items).
    h.test("sandbox: a nextPage cancelled mid-page leaves the walk to ask for that page again") {
        runBlocking {
            val total = client.listWorkspaces(ListWorkspacesRequest(limit = 1)).totalCount.toInt()
            // Only the first request is slow: the one the timeout abandons.
            val pager = s.client(fault = "delay-ms=400;times=1;key=${s.label()}").workspacePager(1)
            // On an IO thread: a blocked thread cannot run its own timeout; another one cancels it.
            val first = withContext(Dispatchers.IO) { withTimeoutOrNull(100) { pager.nextPage() } }
            check(first == null) { "the first page came within 100 ms" }
            // Before, this failed as Internal: the pager still waited for the abandoned request.
            val all = ArrayList<Workspace>()
            while (true) all.addAll(pager.nextPage() ?: break)
            check(all.size == total && all.map { it.id }.toSet().size == total) { "resumed walk gave ${all.size} of $total" }
        }
    }

    h.test("sandbox: the key lifecycle: walk, get, update (null clears), conflict, deletions, the calling key") {
        runBlocking {
            val ws = client.createWorkspace(CreateWorkspaceRequest(name = "kt keys", slug = s.slug()))
            val made = (0 until 3).map {
                client.createKey(CreateKeyRequest(name = "kt key $it", workspaceId = ws.id, limit = DoubleOrNull.Value(5.0))).data().hash
            }
            val pager = client.keyPager(ListKeysRequest(workspaceId = ws.id))
            val walked = ArrayList<String>()
            while (true) walked.addAll((pager.nextPage() ?: break).map { it.hash })
            check(walked == made) { "walk $walked" }
            val got = client.getKey(made[0])
            check(got.name == "kt key 0" && got.limit == 5.0 && got.lastUsedAt == null) { "get $got" }
            val updated = client.updateKey(made[0], UpdateKeyRequest(name = "renamed", disabled = true, limit = DoubleOrNull.Null))
            check(updated.name == "renamed" && updated.disabled && updated.limit == null) { "update $updated" }
            check(client.listKeys(ListKeysRequest(workspaceId = ws.id)).data.size == 2) { "a disabled key is hidden" }
            check(client.listKeys(ListKeysRequest(workspaceId = ws.id, includeDisabled = true)).data.size == 3) { "unless asked for" }
            val clash = expectError<ModelGatesException.Api> { runBlocking { client.updateKey(made[2], UpdateKeyRequest(name = "kt key 1")) } }
            check(clash.status == 409) { "conflict ${clash.status}" }
            val nothing = expectError<ModelGatesException.InvalidInput> { runBlocking { client.updateKey(made[2], UpdateKeyRequest()) } }
            check(nothing.field == "body") { "field ${nothing.field}" }
            // The fields it lists are named as Kotlin names them.
            check(nothing.reason.endsWith("includeByokInLimit, limit, limitReset, workspaceId")) { nothing.reason }
            val busy = expectError<ModelGatesException.Api> { runBlocking { client.deleteWorkspace(ws.id, DeleteWorkspaceRequest()) } }
            check(busy.status == 400) { "active keys: ${busy.status}" }
            for (hash in made) check(client.deleteKey(hash).deleted) { "deleted $hash" }
            val gone = expectError<ModelGatesException.Api> { runBlocking { client.getKey(made[0]) } }
            check(gone.status == 404) { "gone ${gone.status}" }
            check(client.deleteWorkspace(ws.slug, DeleteWorkspaceRequest()).deleted) { "workspace deleted" }
            check(client.getCurrentKey().isManagementKey) { "the calling key" }
        }
    }

    h.test("sandbox: a DELETE whose answer was lost is reported done") {
        val label = s.label()
        val hash = runBlocking { client.createKey(CreateKeyRequest(name = "lost answer")).data().hash }
        val done = runBlocking { s.client(fault = "truncate;times=1;key=$label", retry = fastRetry).deleteKey(hash) }
        check(done.deleted) { "not deleted" }
        check(s.counts(label)["delete-keys"] == 2L) { "counts ${s.counts(label)}" }
    }

    h.test("sandbox: bad input names the field and sends nothing") {
        val label = s.label()
        val e = expectError<ModelGatesException.InvalidInput> {
            runBlocking { s.client(fault = "key=$label").createWorkspace(CreateWorkspaceRequest(name = "x", slug = "Not A Slug")) }
        }
        check(e.field == "slug") { "field ${e.field}" }
        check(s.counts(label).values.sum() == 0L) { "a request was sent: ${s.counts(label)}" }
    }

    h.test("sandbox: a redirect is an error naming its Location, never followed nor retried") {
        val label = s.label()
        val e = expectError<ModelGatesException.Api> {
            runBlocking { s.client(fault = "redirect;key=$label", retry = fastRetry).getWorkspace("default") }
        }
        check(e.status == 302 && e.location == "http://127.0.0.1:9/api/v1/redirected") { "status ${e.status}, location ${e.location}" }
        check(e.reason.contains("http://127.0.0.1:9/api/v1/redirected")) { "message ${e.reason}" }
        check(s.counts(label)["get-workspace"] == 1L) { "counts ${s.counts(label)}" }
    }

    h.test("sandbox: 429 with Retry-After: 1 is retried after a second") {
        val label = s.label()
        val started = System.nanoTime()
        runBlocking { s.client(fault = "status=429;retry-after=1;times=1;key=$label").getWorkspace("default") }
        val ms = (System.nanoTime() - started) / 1_000_000
        check(ms >= 950) { "retried after $ms ms" }
        check(s.counts(label)["get-workspace"] == 2L) { "counts ${s.counts(label)}" }
    }

    h.test("sandbox: 503 twice on GET is retried, the third attempt succeeds") {
        val label = s.label()
        val page = runBlocking { s.client(fault = "status=503;times=2;key=$label", retry = fastRetry).listWorkspaces(ListWorkspacesRequest()) }
        check(page.totalCount >= 1L) { "page $page" }
        check(s.counts(label)["list-workspaces"] == 3L) { "counts ${s.counts(label)}" }
    }

    h.test("sandbox: a log listener gets each attempt, retry wait and answer, never the key; one that throws changes nothing") {
        val lines = java.util.Collections.synchronizedList(mutableListOf<LogLine>())
        val listener = object : LogListener {
            override fun log(line: LogLine) { lines.add(line) }
        }
        val label = s.label()
        runBlocking { s.client(fault = "status=503;times=1;key=$label", retry = fastRetry, logListener = listener).getWorkspace("default") }
        val seen = lines.map { "${it.level} ${it.message}" }
        val want = listOf(
            Regex("DEBUG get-workspace: sending GET .*/workspaces/default \\(attempt 1 of at most 3\\)"),
            Regex("INFO get-workspace: HTTP 503.*"),
            Regex("INFO get-workspace: retry 1 of 2 in \\d+ ms \\(backoff\\)"),
            Regex("DEBUG get-workspace: sending GET .* \\(attempt 2 of at most 3\\)"),
            Regex("DEBUG get-workspace: HTTP 200.*"),
        )
        check(seen.size == want.size && want.zip(seen).all { (re, line) -> re.matches(line) }) { "lines: $seen" }
        check(seen.none { apiKey in it }) { "a line shows the key" }
        val thrower = object : LogListener {
            override fun log(line: LogLine) { throw IllegalStateException("listener broke") }
        }
        val workspace = runBlocking { s.client(logListener = thrower).getWorkspace("default") }
        check(workspace.slug == "default") { "workspace $workspace" }
    }

    h.test("RetrySettings: a field left null is the default (or the client's, in withOptions); a negative maxRetries is refused by name") {
        val defaults = defaultRetrySettings()
        check(defaults.maxRetries == 2 && defaults.jitter == 0.25 && defaults.initialBackoff == Duration.ofMillis(500)) { "defaults $defaults" }
        val refused = expectError<ModelGatesException.InvalidInput> { s.client(retry = RetrySettings(maxRetries = -1)) }
        check(refused.field == "retry.maxRetries" && refused.reason.contains("0 or more")) { "${refused.field}: ${refused.reason}" }
        val label = s.label()
        val waits = java.util.Collections.synchronizedList(ArrayList<String>())
        val logged = object : LogListener {
            override fun log(line: LogLine) { if (line.message.contains("(backoff)")) waits.add(line.message) }
        }
        val c = s.client(fault = "status=503;key=$label", retry = fastRetry, logListener = logged)
        expectError<ModelGatesException.Api> { runBlocking { c.withOptions(CallOptions(retry = RetrySettings(maxRetries = 1))).getWorkspace("default") } }
        check(s.counts(label)["get-workspace"] == 2L) { "counts ${s.counts(label)}" }
        // Only maxRetries changed: the wait is the client's 50 ms backoff (with jitter), not the default's 500 ms.
        val waited = waits.singleOrNull()?.let { Regex("retry 1 of 1 in (\\d+) ms").find(it)?.groupValues?.get(1)?.toLong() }
        check(waited != null && waited <= 50) { "waits: $waits" }
    }

    h.test("a call into Rust that fails leaves nothing behind for the next one on its thread (call statuses are reused)") {
        val c = s.client()
        repeat(3) {
            val e = expectError<ModelGatesException.InvalidInput> { c.withOptions(CallOptions(timeout = Duration.ofSeconds(-1))) }
            check(e.field == "timeout") { "field ${e.field}" }
            c.withOptions(CallOptions(timeout = Duration.ofSeconds(1)))
        }
    }

    h.test("a negative length of time in the settings is refused by name, as InvalidInput, before anything is sent") {
        val label = s.label()
        val timeout = expectError<ModelGatesException.InvalidInput> { s.client(fault = "key=$label", timeout = Duration.ofSeconds(-1)) }
        check(timeout.field == "timeout" && timeout.reason.contains("0 or more") && timeout.reason.contains("-1")) { "${timeout.field}: ${timeout.reason}" }
        val backoff = expectError<ModelGatesException.InvalidInput> { s.client(retry = RetrySettings(initialBackoff = Duration.ofMillis(-5))) }
        check(backoff.field == "retry.initialBackoff") { "${backoff.field}: ${backoff.reason}" }
        val c = s.client(fault = "key=$label")
        val call = expectError<ModelGatesException.InvalidInput> { c.withOptions(CallOptions(timeout = Duration.ofNanos(-1))) }
        check(call.field == "timeout") { "${call.field}: ${call.reason}" }
        val elapsed = expectError<ModelGatesException.InvalidInput> { c.withOptions(CallOptions(retry = RetrySettings(maxElapsed = Duration.ofDays(-2)))) }
        check(elapsed.field == "retry.maxElapsed") { "${elapsed.field}: ${elapsed.reason}" }
        check(s.counts(label).values.all { it == 0L }) { "sent: ${s.counts(label)}" }
        // Sub-millisecond settings survive the crossing, and the defaults read back as they were.
        val defaults = defaultRetrySettings()
        check(defaults.initialBackoff == Duration.ofMillis(500) && defaults.maxBackoff == Duration.ofSeconds(8) && defaults.maxElapsed == Duration.ofSeconds(30)) { "defaults $defaults" }
        val fine = runBlocking { s.client(timeout = Duration.ofNanos(1_500_000_000)).getWorkspace("default") }
        check(fine.slug == "default") { "workspace $fine" }
    }

    h.test("an expiresAt RFC 3339 cannot write (Instant.MAX, year 10000) is refused by name, as InvalidInput, before anything is sent") {
        val label = s.label()
        val c = s.client(fault = "key=$label")
        for (far in listOf(Instant.MAX, Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z"))) {
            val refused = expectError<ModelGatesException.InvalidInput> {
                runBlocking { c.createKey(CreateKeyRequest(name = "kt far", expiresAt = TimestampOrNull.Value(far))) }
            }
            check(refused.field == "expiresAt" && refused.reason.contains("9999")) { "$far: ${refused.field}: ${refused.reason}" }
        }
        check(s.counts(label).values.all { it == 0L }) { "sent: ${s.counts(label)}" }
    }

    h.test("sandbox: withOptions changes the settings of some calls only, checked as the client's") {
        val label = s.label()
        val c = s.client(fault = "status=503;key=$label", retry = fastRetry)
        expectError<ModelGatesException.Api> { runBlocking { c.withOptions(CallOptions(retry = noRetry)).getWorkspace("default") } }
        check(s.counts(label)["get-workspace"] == 1L) { "withOptions: ${s.counts(label)}" }
        expectError<ModelGatesException.Api> { runBlocking { c.getWorkspace("default") } }
        check(s.counts(label)["get-workspace"] == 4L) { "the client itself: ${s.counts(label)}" }
        val refused = expectError<ModelGatesException.InvalidInput> {
            c.withOptions(CallOptions(headers = listOf(HttpHeader("Connection", "close"))))
        }
        check(refused.field == "headers") { "field ${refused.field}" }
    }

    h.test("sandbox: a response listener gets each call's final answer: status, headers, request id") {
        val answers = java.util.Collections.synchronizedList(mutableListOf<ResponseInfo>())
        val listener = object : ResponseListener {
            override fun onResponse(response: ResponseInfo) { answers.add(response) }
        }
        val label = s.label()
        val c = s.client(fault = "status=503;times=1;key=$label", retry = fastRetry, responseListener = listener)
        val workspace = runBlocking { c.getWorkspace("default") }
        check(workspace.slug == "default") { "workspace $workspace" }
        check(answers.size == 1) { "one answer per call, the last: $answers" }
        val answer = answers.single()
        check(answer.operation == "get-workspace" && answer.status == 200) { "answer $answer" }
        check(answer.requestId?.startsWith("req_") == true) { "request id ${answer.requestId}" }
        check(answer.headers.any { it.name == "content-type" && it.value.startsWith("application/json") }) { "headers ${answer.headers}" }
        expectError<ModelGatesException.Api> { runBlocking { c.getWorkspace("no-such-" + s.slug()) } }
        check(answers.size == 2 && answers[1].status == 404) { "a failed call's answer too: $answers" }
    }

    h.test("sandbox: 503 on POST is not retried (the sandbox saw one request)") {
        val label = s.label()
        val e = expectError<ModelGatesException.Api> {
            runBlocking { s.client(fault = "status=503;key=$label", retry = fastRetry).createWorkspace(CreateWorkspaceRequest(name = "x", slug = s.slug())) }
        }
        check(e.status == 503 && e.requestId != null) { "error $e" }
        check(s.counts(label)["create-workspace"] == 1L) { "counts ${s.counts(label)}" }
    }

    h.test("sandbox: a dropped connection is a transport error; GET retried, POST not") {
        val getLabel = s.label()
        var sends = 0
        val counting = object : HttpTransport {
            val inner = s.transport()
            override suspend fun send(request: HttpRequest): HttpResponse { sends++; return inner.send(request) }
        }
        expectError<ModelGatesException.Transport> {
            runBlocking { s.client(fault = "drop;key=$getLabel", retry = fastRetry, transport = counting).getWorkspace("default") }
        }
        // The SDK makes 1 + 2 attempts; java.net.http itself silently re-sends an idempotent GET
        // once when the connection closes before any response, so the server may see up to 6.
        check(sends == 3) { "the SDK made $sends attempts" }
        check(s.counts(getLabel)["get-workspace"]!! in 3L..6L) { "GET counts ${s.counts(getLabel)}" }
        val postLabel = s.label()
        expectError<ModelGatesException.Transport> {
            runBlocking { s.client(fault = "drop;key=$postLabel", retry = fastRetry).createKey(CreateKeyRequest(name = "dropped")) }
        }
        check(s.counts(postLabel)["create-keys"] == 1L) { "POST counts ${s.counts(postLabel)}" }
    }

    h.test("sandbox: a truncated body is a transport error, retried on GET") {
        val label = s.label()
        val ws = runBlocking { s.client(fault = "truncate;times=1;key=$label", retry = fastRetry).getWorkspace("default") }
        check(ws.slug == "default") { "got $ws" }
        check(s.counts(label)["get-workspace"] == 2L) { "counts ${s.counts(label)}" }
        val postLabel = s.label()
        val e = expectError<ModelGatesException.Transport> {
            runBlocking { s.client(fault = "truncate;key=$postLabel", retry = fastRetry).createKey(CreateKeyRequest(name = "truncated")) }
        }
        check(!messageOf(e).contains("sk-mg-v1-")) { "the error quotes the key secret" }
        check(s.counts(postLabel)["create-keys"] == 1L) { "POST counts ${s.counts(postLabel)}" }
    }

    h.test("sandbox: a slow answer past the timeout is a timeout error") {
        val label = s.label()
        val started = System.nanoTime()
        expectError<ModelGatesException.Timeout> {
            runBlocking {
                s.client(fault = "delay-ms=3000;key=$label", timeout = Duration.ofMillis(300), retry = fastRetry.copy(maxRetries = 0)).getWorkspace("default")
            }
        }
        val ms = (System.nanoTime() - started) / 1_000_000
        check(ms < 2500) { "gave up after $ms ms" }
    }

    h.test("sandbox: an error's message is its plain-words reason; the status and request id are fields, not text") {
        val e = expectError<ModelGatesException.Api> { runBlocking { client.getWorkspace("missing-" + UUID.randomUUID()) } }
        check(e.status == 404 && e.requestId != null) { "status ${e.status}, request id ${e.requestId}" }
        check(e.message == e.reason && !e.message!!.contains(e.requestId!!) && !e.message!!.contains("status=")) { "message: ${e.message}" }
        val bad = expectError<ModelGatesException.InvalidInput> { runBlocking { client.getWorkspace("") } }
        check(bad.message == bad.reason && bad.message!!.startsWith("id")) { "message: ${bad.message}" }
    }

    h.test("sandbox: a wrong key is a 401 whose error does not show the key") {
        val wrong = "sk-mg-wrong-" + UUID.randomUUID()
        val e = expectError<ModelGatesException.Api> { runBlocking { s.client(key = wrong).getWorkspace("default") } }
        check(e.status == 401) { "status ${e.status}" }
        check(!e.toString().contains(wrong) && !messageOf(e).contains(wrong)) { "the error shows the key" }
    }

    h.test("sandbox: cancelling the coroutine cancels the transport's coroutine at once; nothing completes late") {
        val observed = ObservedTransport(s.transport())
        runBlocking {
            val started = System.nanoTime()
            val job = launch(Dispatchers.Default) { s.client(fault = "delay-ms=2000", transport = observed).getWorkspace("default") }
            withTimeout(5000) { observed.entered.await() }
            delay(200)
            job.cancel()
            job.join()
            val ms = msSince(started)
            check(job.isCancelled && ms < 1500) { "cancelled=${job.isCancelled} after $ms ms" }
            check(withTimeoutOrNull(1000) { observed.cancelled.await() } != null) { "the transport's coroutine never saw CancellationException" }
            delay(maxOf(0L, 3000L - msSince(started))) // until well past the moment the sandbox answers
            check(observed.ended.get() == 0) { "the cancelled send still ended ${observed.ended.get()} time(s)" }
        }
    }

    h.test("cancelling the coroutine aborts the HTTP exchange: the server sees the connection close") {
        StallServer(head = "").use { server ->
            val c = ModelGatesClient(apiKey, ClientOptions(baseUrl = server.baseUrl, timeout = Duration.ofSeconds(30), retry = noRetry), s.transport())
            bounded(20) {
                runBlocking {
                    val job = launch(Dispatchers.Default) { c.getWorkspace("default") }
                    check(server.awaitRequest(5000)) { "the request never reached the server" }
                    job.cancel()
                    job.join()
                }
            }
            check(server.awaitClientClose(3000)) { "the connection is still open 3 s after the cancel: the exchange was abandoned, not aborted" }
        }
    }

    h.test(if (s.blocking) "sandbox: a CallCancellation lets the attempt in flight finish (a blocked thread cannot be interrupted) and ends a later call before it sends" else "sandbox: a CallCancellation ends a call in flight at once, and a later one before it sends") {
        val cancellation = CallCancellation()
        val slow = s.client(fault = "delay-ms=2000").withCancellation(cancellation)
        val started = System.nanoTime()
        val outcome = bounded(20) {
            runBlocking {
                val call = async(Dispatchers.Default) { runCatching { slow.getWorkspace("default") } }
                delay(300)
                cancellation.cancel()
                call.await()
            }
        }
        if (s.blocking) {
            // Its answer is kept: it may be what cannot be had twice (a new key's secret).
            check(outcome.getOrNull()?.slug == "default") { "got $outcome" }
            check(msSince(started) >= 1900) { "ended after ${msSince(started)} ms, before the answer came" }
        } else {
            val e = outcome.exceptionOrNull()
            check(e is ModelGatesException.Cancelled) { "got $outcome" }
            check(msSince(started) < 1500) { "ended after ${msSince(started)} ms" }
        }
        check(cancellation.isCancelled()) { "isCancelled" }
        val label = s.label()
        expectError<ModelGatesException.Cancelled> { runBlocking { s.client(fault = "delay-ms=1;key=$label").withCancellation(cancellation).getWorkspace("default") } }
        check((s.counts(label)["get-workspace"] ?: 0L) == 0L) { "sent anyway: ${s.counts(label)}" }
        // The client it came from is not affected.
        check(runBlocking { client.getWorkspace("default") }.slug == "default") { "the original client" }
    }

    h.test("sandbox: a pager's stop, isFinished and totalCount are plain calls, answered while a page is in flight") {
        val pager = s.client(fault = "delay-ms=1500").workspacePager(1)
        runBlocking {
            val page = async(Dispatchers.Default) { pager.nextPage() }
            delay(300)
            val asked = System.nanoTime()
            check(!pager.isFinished() && pager.totalCount() == null) { "before the first page" }
            pager.stop()
            check(pager.isFinished() && msSince(asked) < 500) { "stop/isFinished waited ${msSince(asked)} ms" }
            check(page.await()?.size == 1) { "the page in flight still arrives" }
            check(pager.nextPage() == null) { "the walk goes on after stop" }
        }
    }

    h.test("sandbox: a cancelled call still lets the client make the next one") {
        runBlocking {
            val job = launch(Dispatchers.Default) { client.getWorkspace("default") }
            job.cancel()
            job.join()
            check(client.getWorkspace("default").slug == "default") { "next call failed" }
        }
    }

    h.test("sandbox: 20 concurrent calls on one client run at once (each answered after 500 ms)") {
        val label = s.label()
        val shared = s.client(fault = "delay-ms=500;key=$label")
        val slugs = (1..20).map { s.slug() }
        val started = System.nanoTime()
        // A blocking transport holds a thread per call in flight: Dispatchers.IO has threads to
        // spare, Default only one per core.
        val created = runBlocking(if (s.blocking) Dispatchers.IO else Dispatchers.Default) {
            slugs.map { slug -> async { shared.createWorkspace(CreateWorkspaceRequest(name = "c $slug", slug = slug)) } }.awaitAll()
        }
        val ms = msSince(started)
        check(created.map { it.slug }.toSet() == slugs.toSet()) { "created ${created.map { it.slug }}" }
        check(s.counts(label)["create-workspace"] == 20L) { "counts ${s.counts(label)}" }
        // One after another would take 20 x 500 ms = 10 s; at once, a little over 500 ms.
        check(ms in 500..4000) { "20 calls of 500 ms each took $ms ms" }
    }

    h.test("a transport that throws an arbitrary exception gives a typed transport error") {
        val throwing = object : HttpTransport {
            override suspend fun send(request: HttpRequest): HttpResponse = throw IllegalStateException("boom from the app")
        }
        val e = expectError<ModelGatesException.Transport> {
            runBlocking { s.client(transport = throwing, retry = fastRetry).createWorkspace(CreateWorkspaceRequest(name = "x", slug = s.slug())) }
        }
        check(messageOf(e).contains("boom from the app")) { "message ${messageOf(e)}" }
    }

    h.test("a transport that answers a status no HTTP response has gives a transport error") {
        val odd = object : HttpTransport {
            override suspend fun send(request: HttpRequest) = HttpResponse(70000, emptyList(), ByteArray(0))
        }
        val e = expectError<ModelGatesException.Transport> { runBlocking { s.client(transport = odd, retry = noRetry).getWorkspace("default") } }
        check(messageOf(e).contains("70000")) { "message ${messageOf(e)}" }
    }

    h.test("a timer that throws gives a typed internal error, not a crash") {
        val unavailable = object : HttpTransport {
            override suspend fun send(request: HttpRequest) = HttpResponse(503, emptyList(), ByteArray(0))
        }
        val broken = object : RetryTimer {
            override fun now(): Duration = Duration.ZERO
            override suspend fun sleep(duration: Duration): Unit = throw IllegalStateException("the clock broke")
        }
        val c = ModelGatesClient.withTimer(apiKey, ClientOptions(baseUrl = "http://127.0.0.1:9/api/v1"), unavailable, broken)
        val e = expectError<ModelGatesException.Internal> { runBlocking { c.getWorkspace("default") } }
        check(messageOf(e).contains("the clock broke")) { "message ${messageOf(e)}" }
    }

    h.test("a connection refused is a transport error after retries") {
        val closed = ModelGatesClient(apiKey, ClientOptions(baseUrl = "http://127.0.0.1:9/api/v1", retry = fastRetry), s.transport())
        val e = expectError<ModelGatesException.Transport> { runBlocking { closed.getWorkspace("default") } }
        check(!e.toString().contains(apiKey)) { "the error shows the key" }
    }

    h.test("the request given to a transport never prints the management key") {
        var printed = ""
        val checks = TransportChecks()
        val spy = object : HttpTransport {
            override suspend fun send(request: HttpRequest): HttpResponse = checks.guard {
                printed = request.toString() + " " + listOf(request).toString()
                check(request.header("authorization") == "Bearer $apiKey") { "authorization header missing" }
                s.transport().send(request)
            }
        }
        bounded(30) { runBlocking { s.client(transport = spy).getWorkspace("default") } }
        checks.rethrow()
        check(printed.isNotEmpty() && !printed.contains(apiKey) && printed.contains("REDACTED")) { "toString: $printed" }
    }

    h.test("a failed check inside a fake transport ends the call and is reported") {
        val checks = TransportChecks()
        val failing = object : HttpTransport {
            override suspend fun send(request: HttpRequest): HttpResponse = checks.guard {
                check(false) { "the fake transport's check failed on purpose" }
                error("unreachable")
            }
        }
        expectError<ModelGatesException.Transport> { bounded(20) { runBlocking { s.client(transport = failing, retry = noRetry).getWorkspace("default") } } }
        check(checks.problem == "the fake transport's check failed on purpose") { "recorded ${checks.problem}" }
    }

    h.test("a transport that never completes ends as a timeout within the configured timeout, and is cancelled") {
        val forever = ForeverTransport()
        val started = System.nanoTime()
        val e = expectError<ModelGatesException.Timeout> {
            bounded(20) { runBlocking { s.client(transport = forever, timeout = Duration.ofMillis(400), retry = noRetry).getWorkspace("default") } }
        }
        val ms = msSince(started)
        // The SDK leaves the transport 2 s past its timeout to report it itself (driver.rs).
        check(ms in 2400..3900) { "gave up after $ms ms with a 400 ms timeout" }
        check(messageOf(e).contains("within 400ms")) { "message ${messageOf(e)}" }
        check(runBlocking { withTimeoutOrNull(2000) { forever.cancelled.await() } } != null) { "the transport's coroutine was not cancelled" }
    }

    h.test("a body that stalls after the headers ends as a timeout, and the exchange is aborted") {
        // java.net.http's request timeout stops at the headers; the SDK's own limit covers the body.
        StallServer(head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"data\": ").use { server ->
            val c = s.clientWith(ClientOptions(baseUrl = server.baseUrl, timeout = Duration.ofMillis(500), retry = noRetry))
            val started = System.nanoTime()
            expectError<ModelGatesException.Timeout> { bounded(20) { runBlocking { c.getWorkspace("default") } } }
            val ms = msSince(started)
            // java.net.http's own timeout ends at the headers, so the SDK's (2 s later) ends this;
            // OkHttp's covers the body and ends it itself. A blocking send cannot be ended by the
            // SDK: both transports time the whole exchange there.
            val limit = if (s.blocking) 1500 else 4000
            check(ms in 450..limit) { "gave up after $ms ms with a 500 ms timeout" }
            check(server.awaitClientClose(3000)) { "the stalled connection was left open" }
        }
    }

    h.test("a transport that lets a java.lang.Error escape fails the call at once, as a transport error") {
        // uniffi's own glue catches only kotlin.Exception; the generated code is widened to
        // Throwable (bindings/uniffi/scripts/catch-throwable.py), so the Error reaches the call.
        val leaking = object : HttpTransport {
            override suspend fun send(request: HttpRequest): HttpResponse = TODO("an app's unfinished transport")
        }
        val started = System.nanoTime()
        val e = expectError<ModelGatesException.Transport> {
            bounded(20) { runBlocking { s.client(transport = leaking, timeout = Duration.ofSeconds(10), retry = noRetry).getWorkspace("default") } }
        }
        check(messageOf(e).contains("an app's unfinished transport")) { "message ${messageOf(e)}" }
        check(msSince(started) < 3000) { "took ${msSince(started)} ms: it waited for the timeout" }
    }

    h.test("a log listener that throws a java.lang.Error changes nothing") {
        val throwing = object : LogListener {
            override fun log(line: LogLine): Unit = throw StackOverflowError("a listener bug")
        }
        check(runBlocking { s.client(logListener = throwing).getWorkspace("default") }.slug == "default") { "the call failed" }
    }
}

/** What only java.net.http's transport does. */
fun javaHttpTransportTests(h: Harness, s: Sandbox) {
    h.test("JavaHttpTransport refuses an HttpClient that follows redirects") {
        val following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
        val e = runCatching { JavaHttpTransport(following) }.exceptionOrNull()
        check(e is IllegalArgumentException && e.message!!.contains("NEVER")) { "got $e" }
    }

    h.test("the default transport turns an Error from its HttpClient into a transport error at once") {
        val started = System.nanoTime()
        val e = expectError<ModelGatesException.Transport> {
            bounded(20) {
                runBlocking { s.client(transport = JavaHttpTransport(UnfinishedHttpClient()), timeout = Duration.ofSeconds(10), retry = noRetry).getWorkspace("default") }
            }
        }
        check(messageOf(e).contains("NotImplementedError")) { "message ${messageOf(e)}" }
        check(msSince(started) < 3000) { "took ${msSince(started)} ms: it waited for the timeout" }
    }
}

/** What only the OkHttp transport does. */
fun okHttpTransportTests(h: Harness, s: Sandbox) {
    h.test("OkHttpTransport never follows a redirect, even given a client that does") {
        val following = OkHttpClient.Builder().followRedirects(true).followSslRedirects(true).build()
        val e = expectError<ModelGatesException.Api> {
            bounded(20) { runBlocking { s.client(fault = "redirect", transport = OkHttpTransport(following), retry = noRetry).getWorkspace("default") } }
        }
        check(e.status == 302 && e.location != null) { "status ${e.status}, location ${e.location}" }
    }

    h.test("OkHttpTransport shares the given client's interceptors (one OkHttp set-up for the app)") {
        val seen = java.util.concurrent.atomic.AtomicInteger()
        val app = OkHttpClient.Builder().addInterceptor { chain -> seen.incrementAndGet(); chain.proceed(chain.request()) }.build()
        runBlocking { s.client(transport = OkHttpTransport(app)).getWorkspace("default") }
        check(seen.get() == 1) { "the app's interceptor saw ${seen.get()} requests" }
    }
}

/** What only a client made with `withBlockingTransport` does. */
fun blockingTransportTests(h: Harness, s: Sandbox) {
    h.test("withBlockingTransport sends on the thread that runs the call") {
        val callers = java.util.concurrent.ConcurrentLinkedQueue<Thread>()
        val recording = object : BlockingHttpTransport {
            private val inner = s.transport() as BlockingHttpTransport
            override fun sendBlocking(request: HttpRequest): HttpResponse {
                callers.add(Thread.currentThread())
                return inner.sendBlocking(request)
            }
        }
        val c = ModelGatesClient.withBlockingTransport(s.apiKey, ClientOptions(baseUrl = s.baseUrl), recording)
        val caller = runBlocking { c.getWorkspace("default"); Thread.currentThread() }
        check(callers.toList() == listOf(caller)) { "sent on ${callers.map { it.name }}, called on ${caller.name}" }
    }

    h.test("a blocking transport that throws a java.lang.Error fails the call at once, as a transport error") {
        val leaking = object : BlockingHttpTransport {
            override fun sendBlocking(request: HttpRequest): HttpResponse = TODO("an app's unfinished blocking transport")
        }
        val c = ModelGatesClient.withBlockingTransport(s.apiKey, ClientOptions(baseUrl = s.baseUrl, retry = noRetry), leaking)
        val started = System.nanoTime()
        val e = expectError<ModelGatesException.Transport> { bounded(20) { runBlocking { c.getWorkspace("default") } } }
        check(messageOf(e).contains("an app's unfinished blocking transport")) { "message ${messageOf(e)}" }
        check(msSince(started) < 3000) { "took ${msSince(started)} ms" }
    }

    h.test("a blocking transport's TransportException is the call's error of that kind, retried on GET") {
        val sends = AtomicInteger()
        val refusing = object : BlockingHttpTransport {
            override fun sendBlocking(request: HttpRequest): HttpResponse {
                sends.incrementAndGet()
                throw TransportException.Connect("nothing listens there")
            }
        }
        val c = ModelGatesClient.withBlockingTransport(s.apiKey, ClientOptions(baseUrl = s.baseUrl, retry = fastRetry), refusing)
        val e = expectError<ModelGatesException.Transport> { bounded(20) { runBlocking { c.getWorkspace("default") } } }
        check(messageOf(e).contains("nothing listens there")) { "message ${messageOf(e)}" }
        check(sends.get() == 3) { "${sends.get()} sends for 2 retries" }
    }
}

/** What only java.net.http's transport does as a blocking one. */
fun javaHttpBlockingTests(h: Harness, s: Sandbox) {
    h.test("JavaHttpTransport: a blocking call whose thread is interrupted mid-request ends as a transport error and leaves the thread interrupted") {
        // (On a thread interrupted before the call, runBlocking itself throws InterruptedException;
        // OkHttp 3's socket reads do not hear an interrupt, so it ends with the answer.)
        val c = s.client(fault = "delay-ms=2000", retry = noRetry)
        val started = System.nanoTime()
        val (outcome, stillInterrupted) = bounded(20) {
            val caller = Thread.currentThread()
            Thread { Thread.sleep(300); caller.interrupt() }.start()
            val outcome = runCatching { runBlocking { c.getWorkspace("default") } }
            outcome to Thread.interrupted() // and clears it for the pool's next task
        }
        check(msSince(started) < 1500) { "ended after ${msSince(started)} ms: the interrupt did not end the request" }
        val e = outcome.exceptionOrNull()
        check(e is ModelGatesException.Transport && messageOf(e).contains("interrupted")) { "got $outcome" }
        check(stillInterrupted) { "the thread's interrupt flag was cleared" }
    }

    h.test("JavaHttpTransport: a blocking call's whole-exchange limit ends a stalled body as a timeout and leaves the thread uninterrupted") {
        // The limit interrupts the waiting thread (java.net.http's `send` aborts on that); the
        // interrupt is the transport's own and must not outlive the call.
        StallServer(head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"data\": ").use { server ->
            val c = s.clientWith(ClientOptions(baseUrl = server.baseUrl, timeout = Duration.ofMillis(400), retry = noRetry))
            val started = System.nanoTime()
            val (outcome, interrupted) = bounded(20) {
                val outcome = runCatching { runBlocking { c.getWorkspace("default") } }
                outcome to Thread.interrupted()
            }
            check(msSince(started) in 350..1500) { "ended after ${msSince(started)} ms with a 400 ms limit" }
            check(outcome.exceptionOrNull() is ModelGatesException.Timeout) { "got $outcome" }
            check(!interrupted) { "the limit's interrupt was left on the caller's thread" }
            check(server.awaitClientClose(3000)) { "the stalled exchange was not aborted" }
        }
    }

    h.test("JavaHttpTransport: a blocking call answered in time leaves no interrupt to come when its limit passes") {
        val c = s.client(timeout = Duration.ofMillis(300), retry = noRetry)
        val interrupted = bounded(20) {
            runBlocking { c.getWorkspace("default") }
            try {
                Thread.sleep(700) // past the call's limit
                Thread.interrupted()
            } catch (e: InterruptedException) {
                true
            }
        }
        check(!interrupted) { "the thread was interrupted after its call had ended" }
    }
}
