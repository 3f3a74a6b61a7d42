package ai.modelgates.sdk.test

import ai.modelgates.sdk.*
import ai.modelgates.sdk.core.*
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest as JavaHttpRequest
import java.net.http.HttpResponse.BodyHandlers
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import okhttp3.OkHttpClient
import okhttp3.Request

// One GET of a workspace on loopback, side by side in one run, for each shipped transport:
// the raw HTTP client alone, the SDK's transport alone (a request as the SDK hands it), and the
// whole SDK call (Kotlin -> Rust core -> transport -> back), suspend and with the blocking
// transport. Then throughput with 20 calls in flight. Needs the sandbox env
// (scripts/with-sandbox.sh).
// Each line is warmed up first, then the lines take turns, ROUNDS times CALLS each, so that a
// drift of the machine (JIT, GC, other load) falls on every line alike rather than on whichever
// was measured first.
private const val WARM_UP = 2000
private const val ROUNDS = 20
private const val CALLS = 100

private class Line(val what: String, val call: () -> Unit) {
    val times = mutableListOf<Double>()
    val median: Double get() = times.sorted()[times.size / 2]
    val p95: Double get() = times.sorted()[times.size * 95 / 100]
}

private fun measureAll(lines: List<Line>) {
    for (line in lines) repeat(WARM_UP) { line.call() }
    repeat(ROUNDS) {
        for (line in lines) repeat(CALLS) {
            val start = System.nanoTime()
            line.call()
            line.times += (System.nanoTime() - start) / 1e6
        }
    }
    for (line in lines) println("%-58s median %.3f ms, p95 %.3f ms".format(line.what, line.median, line.p95))
}

fun main() {
    val baseUrl = System.getenv("MODELGATES_BASE_URL")
    val apiKey = System.getenv("MODELGATES_API_KEY")
    val url = "$baseUrl/workspaces/default"
    val options = ClientOptions(baseUrl = baseUrl)
    val sdkRequest = captureRequest()

    // java.net.http
    val jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build()
    val javaRequest = JavaHttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer $apiKey").header("Accept", "application/json").build()
    val javaTransport = JavaHttpTransport(jdk)
    val javaClient = ModelGatesClient(apiKey, options, javaTransport)
    val javaBlockingClient = ModelGatesClient.withBlockingTransport(apiKey, options, javaTransport)
    val javaRaw = Line("java.net.http alone (send, body as bytes)") { jdk.send(javaRequest, BodyHandlers.ofByteArray()).body() }
    val javaAsync = Line("java.net.http alone, async (sendAsync, join)") { jdk.sendAsync(javaRequest, BodyHandlers.ofByteArray()).join().body() }
    // As a hand-written client does it: the request (its URL holds the id) built for each call.
    val javaBuilt = Line("java.net.http alone, request built per call") {
        val request = JavaHttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer $apiKey").header("Accept", "application/json").build()
        jdk.send(request, BodyHandlers.ofByteArray()).body()
    }
    val javaAlone = Line("JavaHttpTransport.send alone") { runBlocking { javaTransport.send(sdkRequest) } }
    val javaSdk = Line("SDK getWorkspace over JavaHttpTransport") { runBlocking { javaClient.getWorkspace("default") } }
    val javaBlockingAlone = Line("JavaHttpTransport.sendBlocking alone") { javaTransport.sendBlocking(sdkRequest) }
    val javaBlocking = Line("SDK getWorkspace, withBlockingTransport(JavaHttpTransport)") { runBlocking { javaBlockingClient.getWorkspace("default") } }

    // OkHttp
    val ok = OkHttpClient.Builder().followRedirects(false).followSslRedirects(false).retryOnConnectionFailure(false).build()
    val okRequest = Request.Builder().url(url).header("Authorization", "Bearer $apiKey").header("Accept", "application/json").build()
    val okTransport = OkHttpTransport(ok)
    val okClient = ModelGatesClient(apiKey, options, okTransport)
    val okBlockingClient = ModelGatesClient.withBlockingTransport(apiKey, options, okTransport)
    val okRaw = Line("OkHttp alone (execute, body as bytes)") { OkHttpBench.bytes(ok.newCall(okRequest)) }
    val okAsync = Line("OkHttp alone, async (enqueue, wait)") { OkHttpBench.bytesAsync(ok.newCall(okRequest)) }
    val okBuilt = Line("OkHttp alone, request built per call") {
        val request = Request.Builder().url(url).header("Authorization", "Bearer $apiKey").header("Accept", "application/json").build()
        OkHttpBench.bytes(ok.newCall(request))
    }
    val okAlone = Line("OkHttpTransport.send alone") { runBlocking { okTransport.send(sdkRequest) } }
    val okSdk = Line("SDK getWorkspace over OkHttpTransport") { runBlocking { okClient.getWorkspace("default") } }
    val okBlockingAlone = Line("OkHttpTransport.sendBlocking alone") { okTransport.sendBlocking(sdkRequest) }
    val okBlocking = Line("SDK getWorkspace, withBlockingTransport(OkHttpTransport)") { runBlocking { okBlockingClient.getWorkspace("default") } }

    // Where the SDK's own time goes, without a network: a whole call over a transport that
    // answers at once from memory (the core, the FFI and, suspending, the async hand-offs).
    val canned = HttpResponse(200, listOf(HttpHeader("content-type", "application/json")), captureBody())
    val inMemory = object : HttpTransport, BlockingHttpTransport {
        override suspend fun send(request: HttpRequest): HttpResponse = canned
        override fun sendBlocking(request: HttpRequest): HttpResponse = canned
    }
    val memoryClient = ModelGatesClient(apiKey, options, inMemory)
    val memoryBlockingClient = ModelGatesClient.withBlockingTransport(apiKey, options, inMemory)
    val memory = Line("SDK getWorkspace over an in-memory transport (no network)") { runBlocking { memoryClient.getWorkspace("default") } }
    val memoryBlocking = Line("SDK getWorkspace, withBlockingTransport(in-memory)") { runBlocking { memoryBlockingClient.getWorkspace("default") } }

    // A walk's page against the list call that fetches the same page: what the pager adds (its
    // checks, and the one yield before it reads an answer that keeps a cancelled page unread).
    runBlocking { repeat(9) { javaClient.createWorkspace(CreateWorkspaceRequest(name = "bench $it", slug = "bench-walk-$it")) } }
    fun walkPage(client: ModelGatesClient, what: String): Line {
        var pager = client.workspacePager(1)
        return Line(what) {
            runBlocking {
                if (pager.nextPage() == null) {
                    pager.close()
                    pager = client.workspacePager(1)
                    pager.nextPage()
                }
            }
        }
    }
    val javaWalk = walkPage(javaClient, "SDK walk page (workspacePager(1)) over JavaHttpTransport")
    val javaList = Line("SDK listWorkspaces(limit 1) over JavaHttpTransport") { runBlocking { javaClient.listWorkspaces(ListWorkspacesRequest(limit = 1)) } }
    val javaBlockingWalk = walkPage(javaBlockingClient, "SDK walk page, withBlockingTransport(JavaHttpTransport)")
    val javaBlockingList = Line("SDK listWorkspaces(limit 1), withBlockingTransport(Java)") { runBlocking { javaBlockingClient.listWorkspaces(ListWorkspacesRequest(limit = 1)) } }

    measureAll(listOf(javaRaw, javaAsync, javaBuilt, javaAlone, javaSdk, javaBlockingAlone, javaBlocking,
        okRaw, okAsync, okBuilt, okAlone, okSdk, okBlockingAlone, okBlocking, memory, memoryBlocking,
        javaWalk, javaList, javaBlockingWalk, javaBlockingList))

    println("SDK / raw: java.net.http %.2fx (transport alone %.2fx), OkHttp %.2fx (transport alone %.2fx)".format(
        javaSdk.median / javaRaw.median, javaAlone.median / javaRaw.median, okSdk.median / okRaw.median, okAlone.median / okRaw.median))
    println("SDK / raw async: java.net.http %.2fx, OkHttp %.2fx".format(javaSdk.median / javaAsync.median, okSdk.median / okAsync.median))
    println("SDK withBlockingTransport / raw: java.net.http %.2fx (sendBlocking alone %.2fx), OkHttp %.2fx (sendBlocking alone %.2fx)".format(
        javaBlocking.median / javaRaw.median, javaBlockingAlone.median / javaRaw.median, okBlocking.median / okRaw.median, okBlockingAlone.median / okRaw.median))
    println("SDK withBlockingTransport / raw with its request built per call: java.net.http %.2fx, OkHttp %.2fx".format(
        javaBlocking.median / javaBuilt.median, okBlocking.median / okBuilt.median))

    runBlocking {
        for ((name, client) in listOf("JavaHttpTransport" to javaClient, "OkHttpTransport" to okClient)) {
            val rounds = 25
            val start = System.nanoTime()
            repeat(rounds) { (1..20).map { async(Dispatchers.Default) { client.getWorkspace("default") } }.awaitAll() }
            val seconds = (System.nanoTime() - start) / 1e9
            println("SDK getWorkspace over $name, 20 in flight, ${rounds * 20} calls: %.0f calls/s".format(rounds * 20 / seconds))
        }
    }
}

/** The sandbox's answer to getWorkspace("default"), as bytes. */
private fun captureBody(): ByteArray {
    val request = JavaHttpRequest.newBuilder(URI.create("${System.getenv("MODELGATES_BASE_URL")}/workspaces/default"))
        .header("Authorization", "Bearer ${System.getenv("MODELGATES_API_KEY")}").build()
    return HttpClient.newHttpClient().send(request, BodyHandlers.ofByteArray()).body()
}

/** The request the SDK hands its transport for getWorkspace("default"), kept by a transport that sends it on. */
private fun captureRequest(): HttpRequest {
    var kept: HttpRequest? = null
    val keeping = object : HttpTransport {
        override suspend fun send(request: HttpRequest): HttpResponse {
            kept = request
            return JavaHttpTransport().send(request)
        }
    }
    val sdk = ModelGatesClient(System.getenv("MODELGATES_API_KEY"), ClientOptions(baseUrl = System.getenv("MODELGATES_BASE_URL")), keeping)
    runBlocking { sdk.getWorkspace("default") }
    return checkNotNull(kept)
}
