package ai.modelgates.sdk.test

import java.io.IOException
import java.net.InetAddress
import java.net.ServerSocket
import java.net.Socket
import java.net.SocketTimeoutException
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlin.concurrent.thread

// A real HTTP peer on loopback for what the sandbox cannot do: it reads each request, sends
// `head` (the start of an answer, or nothing) and then says nothing more, so the transport
// waits on a live connection. It notices when the client closes the connection, which is how
// a test proves an exchange was aborted rather than abandoned.
class StallServer(private val head: String) : AutoCloseable {
    private val server = ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    private val requests = CountDownLatch(1)
    private val closedByClient = CountDownLatch(1)
    val baseUrl = "http://127.0.0.1:${server.localPort}/api/v1"

    init {
        thread(isDaemon = true, name = "stall-server") {
            while (true) {
                val socket = try { server.accept() } catch (e: IOException) { break }
                thread(isDaemon = true, name = "stall-connection") { serve(socket) }
            }
        }
    }

    private fun serve(socket: Socket) = socket.use {
        it.soTimeout = 30_000
        val input = it.getInputStream()
        var tail = 0
        try {
            // The request line and headers end with an empty line; no request here has a body.
            while (tail != 0x0d0a0d0a) {
                val b = input.read()
                if (b < 0) return
                tail = (tail shl 8) or b
            }
            requests.countDown()
            it.getOutputStream().apply { write(head.toByteArray()); flush() }
            while (input.read() >= 0) Unit
            closedByClient.countDown()
        } catch (e: SocketTimeoutException) {
            // 30 s of silence from the client: it did not close; give up without counting it.
        } catch (e: IOException) {
            closedByClient.countDown() // a reset is a close too
        }
    }

    fun awaitRequest(ms: Long) = requests.await(ms, TimeUnit.MILLISECONDS)
    fun awaitClientClose(ms: Long) = closedByClient.await(ms, TimeUnit.MILLISECONDS)

    override fun close() = server.close()
}
