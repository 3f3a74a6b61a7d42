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
import kotlinx.coroutines.future.await

/**
 * The default [HttpTransport], on java.net.http (Java 11+; it supports PATCH, which
 * HttpURLConnection does not). Cancelling the calling coroutine cancels the exchange.
 * It only moves bytes and names the failure: retries and errors are decided by the SDK.
 */
class JavaHttpTransport(
    private val client: HttpClient = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build(),
) : HttpTransport {
    override suspend fun send(request: HttpRequest): HttpResponse {
        val body = request.body()
        val builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
            .method(request.method(), if (body == null) BodyPublishers.noBody() else BodyPublishers.ofString(body))
        for (name in request.headerNames()) {
            request.header(name)?.let { builder.header(name, it) }
        }
        request.timeout()?.let { builder.timeout(it) }
        val response = try {
            client.sendAsync(builder.build(), BodyHandlers.ofByteArray()).await()
        } catch (e: HttpConnectTimeoutException) {
            throw TransportException.Connect("connect timed out: ${e.message}")
        } catch (e: HttpTimeoutException) {
            throw TransportException.Timeout("no response within ${request.timeout()}: ${e.message}")
        } catch (e: ConnectException) {
            throw TransportException.Connect("connection refused: ${e.message}")
        } catch (e: UnknownHostException) {
            throw TransportException.Connect("unknown host: ${e.message}")
        } catch (e: IOException) {
            throw TransportException.Io("${e.javaClass.simpleName}: ${e.message}")
        }
        val headers = response.headers().map().flatMap { (name, values) -> values.map { HttpHeader(name, it) } }
        return HttpResponse(response.statusCode().toUShort(), headers, response.body())
    }
}
