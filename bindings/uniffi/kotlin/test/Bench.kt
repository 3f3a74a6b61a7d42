package ai.modelgates.sdk.test

import ai.modelgates.sdk.*
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking

// Latency of one call through the whole stack (Kotlin → Rust core → JNA callback → java.net.http
// → sandbox on loopback → back), and throughput with 20 calls in flight. Needs the sandbox env.
fun main() {
    val client = ModelGatesClient(System.getenv("MODELGATES_API_KEY"), ClientOptions(baseUrl = System.getenv("MODELGATES_BASE_URL")), JavaHttpTransport())
    runBlocking {
        repeat(50) { client.getWorkspace("default") }
        val times = (1..500).map {
            val start = System.nanoTime()
            client.getWorkspace("default")
            (System.nanoTime() - start) / 1e6
        }.sorted()
        println("kotlin get-workspace, sequential, 500 calls: median %.2f ms, p95 %.2f ms".format(times[250], times[475]))
        val rounds = 25
        val start = System.nanoTime()
        repeat(rounds) {
            (1..20).map { async(Dispatchers.Default) { client.getWorkspace("default") } }.awaitAll()
        }
        val seconds = (System.nanoTime() - start) / 1e9
        println("kotlin get-workspace, 20 in flight, ${rounds * 20} calls: %.0f calls/s".format(rounds * 20 / seconds))
    }
}
