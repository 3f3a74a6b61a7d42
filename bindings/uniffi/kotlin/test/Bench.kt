package ai.modelgates.sdk.test

import ai.modelgates.sdk.*
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
// whole SDK call (Kotlin -> Rust core -> transport -> back). Then throughput with 20 calls in
// flight. Needs the sandbox env (scripts/with-sandbox.sh).
// Enough for the JIT to finish compiling each path: with 200, the first line measured (the raw
// call) came out about 40 % slower than the same call measured again at the end of the run.
private const val WARM_UP = 2000
private const val CALLS = 1000

private fun measure(what: String, call: () -> Unit): Double {
    repeat(WARM_UP) { call() }
    val times = (1..CALLS).map {
        val start = System.nanoTime()
        call()
        (System.nanoTime() - start) / 1e6
    }.sorted()
    println("%-58s median %.3f ms, p95 %.3f ms".format(what, times[CALLS / 2], times[CALLS * 95 / 100]))
    return times[CALLS / 2]
}

fun main() {
    val baseUrl = System.getenv("MODELGATES_BASE_URL")
    val apiKey = System.getenv("MODELGATES_API_KEY")
    val url = "$baseUrl/workspaces/default"

    // java.net.http
    val jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build()
    val javaRequest = JavaHttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer $apiKey").header("Accept", "application/json").build()
    val javaRaw = measure("java.net.http alone (send, body as bytes)") { jdk.send(javaRequest, BodyHandlers.ofByteArray()).body() }
    val javaAsync = measure("java.net.http alone, async (sendAsync, join)") { jdk.sendAsync(javaRequest, BodyHandlers.ofByteArray()).join().body() }
    val javaClient = ModelGatesClient(apiKey, ClientOptions(baseUrl = baseUrl), JavaHttpTransport(jdk))
    val sdkRequest = captureRequest()
    val javaTransport = JavaHttpTransport(jdk)
    val javaAlone = measure("JavaHttpTransport.send alone") { runBlocking { javaTransport.send(sdkRequest) } }
    val javaSdk = measure("SDK getWorkspace over JavaHttpTransport") { runBlocking { javaClient.getWorkspace("default") } }

    // OkHttp
    val ok = OkHttpClient.Builder().followRedirects(false).followSslRedirects(false).retryOnConnectionFailure(false).build()
    val okRequest = Request.Builder().url(url).header("Authorization", "Bearer $apiKey").header("Accept", "application/json").build()
    val okRaw = measure("OkHttp alone (execute, body as bytes)") { OkHttpBench.bytes(ok.newCall(okRequest)) }
    val okAsync = measure("OkHttp alone, async (enqueue, wait)") { OkHttpBench.bytesAsync(ok.newCall(okRequest)) }
    val okTransport = OkHttpTransport(ok)
    val okAlone = measure("OkHttpTransport.send alone") { runBlocking { okTransport.send(sdkRequest) } }
    val okClient = ModelGatesClient(apiKey, ClientOptions(baseUrl = baseUrl), OkHttpTransport(ok))
    val okSdk = measure("SDK getWorkspace over OkHttpTransport") { runBlocking { okClient.getWorkspace("default") } }

    // Where the SDK's own time goes, without a network: a whole call over a transport that
    // answers at once from memory (the core, the FFI and the async hand-offs).
    val canned = HttpResponse(200, listOf(HttpHeader("content-type", "application/json")), captureBody())
    val inMemory = object : HttpTransport {
        override suspend fun send(request: HttpRequest): HttpResponse = canned
    }
    val memoryClient = ModelGatesClient(apiKey, ClientOptions(baseUrl = baseUrl), inMemory)
    measure("SDK getWorkspace over an in-memory transport (no network)") { runBlocking { memoryClient.getWorkspace("default") } }

    println("SDK / raw: java.net.http %.2fx (transport alone %.2fx), OkHttp %.2fx (transport alone %.2fx)".format(
        javaSdk / javaRaw, javaAlone / javaRaw, okSdk / okRaw, okAlone / okRaw))
    println("SDK / raw async: java.net.http %.2fx, OkHttp %.2fx".format(javaSdk / javaAsync, okSdk / okAsync))

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
