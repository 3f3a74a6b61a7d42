package ai.modelgates.sdk

import java.io.InterruptedIOException
import java.net.ConnectException
import java.net.NoRouteToHostException
import java.net.SocketTimeoutException
import java.net.UnknownHostException
import javax.net.ssl.SSLException
import kotlinx.coroutines.suspendCancellableCoroutine
import okhttp3.OkHttpClient

/**
 * An [HttpTransport] on OkHttp (3.12+ or 4.x): the one to use on Android, where java.net.http
 * does not exist. Pass the app's own client to share its connection pool, dispatcher,
 * interceptors and certificate pinning; the transport derives one from it that never follows a
 * redirect and never re-sends a request by itself (the SDK decides both). Each attempt's timeout
 * covers the whole exchange, body included; cancelling the calling coroutine cancels the OkHttp
 * call, which closes its socket.
 *
 * It is a [BlockingHttpTransport] too: `ModelGatesClient.withBlockingTransport(key, options,
 * OkHttpTransport())` sends with `execute()` on the thread running the call, for threads that
 * may block (a `Worker`, `Dispatchers.IO`).
 *
 * It only moves bytes and names the failure: retries and errors are decided by the SDK. Any
 * other `Throwable` reaches the SDK as a `Transport` error through the generated glue.
 */
class OkHttpTransport(client: OkHttpClient = OkHttpClient()) : HttpTransport, BlockingHttpTransport {
    private val client: OkHttpClient = OkHttpCalls.forSdk(client)

    override suspend fun send(request: HttpRequest): HttpResponse = suspendCancellableCoroutine { continuation ->
        val call = newCall(request)
        OkHttpCalls.enqueue(call, Answer(request) { continuation.resumeWith(it) })
        continuation.invokeOnCancellation { call.cancel() }
    }

    override fun sendBlocking(request: HttpRequest): HttpResponse {
        var answer: Result<HttpResponse>? = null
        OkHttpCalls.execute(newCall(request), Answer(request) { answer = it })
        return checkNotNull(answer) { "OkHttpCalls.execute returned without an answer" }.getOrThrow()
    }

    private fun newCall(request: HttpRequest): okhttp3.Call {
        val headers = request.headers.flatMap { listOf(it.name, it.value) }
        return OkHttpCalls.newCall(
            client,
            request.method,
            request.url,
            headers.toTypedArray(),
            request.body,
            request.timeout?.toMillis() ?: 0L,
        )
    }

    /** The exchange's end as the SDK's response or failure, handed to [done]. */
    private inner class Answer(
        private val request: HttpRequest,
        private val done: (Result<HttpResponse>) -> Unit,
    ) : OkHttpCalls.Listener {
        override fun onResponse(status: Int, headerNamesAndValues: Array<String>, body: ByteArray) {
            val pairs = (headerNamesAndValues.indices step 2).map { HttpHeader(headerNamesAndValues[it], headerNamesAndValues[it + 1]) }
            done(Result.success(HttpResponse(status, pairs, body)))
        }

        override fun onFailure(failure: Throwable) {
            done(Result.failure(named(failure, request)))
        }
    }

    /** The failure as the SDK's kind: `Connect` only where nothing can have been sent. */
    private fun named(failure: Throwable, request: HttpRequest): Throwable = when {
        failure is ConnectException || failure is UnknownHostException || failure is NoRouteToHostException ->
            TransportException.Connect("${failure.javaClass.simpleName}: ${failure.message}")
        failure is SocketTimeoutException && failure.message.orEmpty().contains("connect", ignoreCase = true) ->
            TransportException.Connect("connect timed out: ${failure.message}")
        failure is SSLException -> TransportException.Connect("TLS failed: ${failure.message}")
        failure is InterruptedIOException -> TransportException.Timeout("no complete response within ${request.timeout}: ${failure.message}")
        else -> TransportException.Io("${failure.javaClass.simpleName}: ${failure.message}")
    }
}
