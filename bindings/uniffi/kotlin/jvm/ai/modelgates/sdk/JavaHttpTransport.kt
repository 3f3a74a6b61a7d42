package ai.modelgates.sdk

import java.io.IOException
import java.net.ConnectException
import java.net.URI
import java.net.UnknownHostException
import java.net.http.HttpClient
import java.net.http.HttpConnectTimeoutException
import java.net.http.HttpRequest.BodyPublishers
import java.net.http.HttpResponse.BodyHandlers
import java.net.http.HttpTimeoutException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException
import kotlinx.coroutines.suspendCancellableCoroutine

/**
 * The default [HttpTransport], on java.net.http (Java 11+; it supports PATCH, which
 * HttpURLConnection does not). Cancelling the calling coroutine aborts the exchange. As a
 * [BlockingHttpTransport] (`ModelGatesClient.withBlockingTransport`) it waits on the calling
 * thread. It never follows a redirect ([HttpRequest.followRedirects] is always false): a 3xx
 * comes back as it is and the SDK makes it an error.
 * It only moves bytes and names the failure: retries and errors are decided by the SDK.
 *
 * Any other `Throwable` from the JDK or from an app's own `HttpClient`, `java.lang.Error`
 * included, reaches the SDK as a `Transport` error of the call (the generated glue catches it,
 * bindings/uniffi/scripts/catch-throwable.py); it may have happened after sending, so a POST is
 * not retried.
 */
class JavaHttpTransport(
    private val client: HttpClient = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build(),
) : HttpTransport, BlockingHttpTransport {
    init {
        // The SDK never follows a redirect (the key would go wherever the server points): a
        // client that does would hide the 3xx the SDK turns into an error.
        // (A client that cannot even say, such as a test double, is left to fail when it sends.)
        val policy = runCatching { client.followRedirects() }.getOrNull()
        require(policy == null || policy == HttpClient.Redirect.NEVER) {
            "JavaHttpTransport needs an HttpClient with followRedirects(HttpClient.Redirect.NEVER)"
        }
    }

    override suspend fun send(request: HttpRequest): HttpResponse {
        val response = named(request) { client.sendAsync(javaRequest(request), BodyHandlers.ofByteArray()).awaitOrAbort() }
        return sdkResponse(response)
    }

    /**
     * Waits on the calling thread, in the JDK's blocking `send`: the public `sendAsync` hands
     * every answer to the common pool before its future completes, one thread hop per request
     * (java.net.http's `HttpClientImpl`), which `send` does not. Its own timeout stops at the
     * headers, so the whole exchange is timed by an [ExchangeDeadline]: past `request.timeout` the
     * waiting thread is interrupted, which makes `send` abort the exchange, and it ends as a `Timeout`.
     */
    override fun sendBlocking(request: HttpRequest): HttpResponse {
        val javaRequest = javaRequest(request)
        val deadline = request.timeout?.let { ExchangeDeadline.start(it) }
        val response = named(request) {
            try {
                client.send(javaRequest, BodyHandlers.ofByteArray())
            } catch (e: InterruptedException) {
                if (deadline?.passed() == true) {
                    throw HttpTimeoutException("the whole exchange took longer than ${request.timeout}")
                }
                // The thread's owner asked it to stop: keep the flag for it to see.
                Thread.currentThread().interrupt()
                throw TransportException.Io("the thread waiting for the response was interrupted")
            } finally {
                deadline?.end()
            }
        }
        return sdkResponse(response)
    }

    private fun javaRequest(request: HttpRequest): java.net.http.HttpRequest {
        val body = request.body
        val builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url))
            .method(request.method, if (body == null) BodyPublishers.noBody() else BodyPublishers.ofString(body))
        for (header in request.headers) builder.header(header.name, header.value)
        request.timeout?.let { builder.timeout(it) }
        return builder.build()
    }

    private fun sdkResponse(response: java.net.http.HttpResponse<ByteArray>): HttpResponse {
        val headers = response.headers().map().flatMap { (name, values) -> values.map { HttpHeader(name, it) } }
        return HttpResponse(response.statusCode(), headers, response.body())
    }

    /** What [exchange] returns; a failure it throws named as the SDK's kind. */
    private inline fun <T> named(request: HttpRequest, exchange: () -> T): T = try {
        exchange()
    } catch (e: HttpConnectTimeoutException) {
        throw TransportException.Connect("connect timed out: ${e.message}")
    } catch (e: HttpTimeoutException) {
        throw TransportException.Timeout("no response within ${request.timeout}: ${e.message}")
    } catch (e: ConnectException) {
        throw TransportException.Connect("connection refused: ${e.message}")
    } catch (e: UnknownHostException) {
        throw TransportException.Connect("unknown host: ${e.message}")
    } catch (e: IOException) {
        throw TransportException.Io("${e.javaClass.simpleName}: ${e.message}")
    }
}

/**
 * Waits for the exchange; cancelling the coroutine aborts it. Not kotlinx's `await()`: that
 * cancels the future with cancel(false), which java.net.http takes as "stop waiting" and
 * leaves the exchange running on its connection; cancel(true) aborts it and closes the
 * connection (JDK 16+). The cancel(false) would also complete the future first, making a later
 * cancel(true) a no-op.
 */
private suspend fun <T> CompletableFuture<T>.awaitOrAbort(): T = suspendCancellableCoroutine { continuation ->
    whenComplete { value, failure ->
        if (failure == null) {
            continuation.resume(value)
        } else {
            continuation.resumeWithException((failure as? CompletionException)?.cause ?: failure)
        }
    }
    continuation.invokeOnCancellation { cancel(true) }
}
