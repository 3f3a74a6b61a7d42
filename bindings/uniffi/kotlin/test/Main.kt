package ai.modelgates.sdk.test

import ai.modelgates.sdk.JavaHttpTransport
import ai.modelgates.sdk.OkHttpTransport
import java.io.File
import kotlin.system.exitProcess

// Usage: Main <tests/vectors dir>; with MODELGATES_BASE_URL and MODELGATES_API_KEY set (see
// scripts/with-sandbox.sh) the sandbox tests run too, otherwise they count as failures.
fun main(args: Array<String>) {
    val harness = Harness()
    val root = File(args.getOrElse(0) { "tests/vectors" })
    val files = vectorFiles(root)
    harness.test("found the conformance vectors") { check(files.size >= 200) { "only ${files.size} vectors under $root" } }
    for (file in files) harness.test("vector ${file.relativeTo(root)}") { bounded(60) { replayVector(file) } }
    harness.test("the skipped vectors are exactly the expected ones") {
        val skipped = harness.skips.filterKeys { it.startsWith("vector ") }.mapKeys { it.key.removePrefix("vector ") }
        val problems = skipDifferences(expectedSkips, skipped)
        check(problems.isEmpty()) { "${problems.size} difference(s) from ExpectedSkips.kt: " + problems.joinToString("; ") }
    }
    harnessSelfTests(harness)

    val baseUrl = System.getenv("MODELGATES_BASE_URL")
    val apiKey = System.getenv("MODELGATES_API_KEY")
    if (baseUrl == null || apiKey == null) {
        harness.test("sandbox tests") { throw AssertionError("MODELGATES_BASE_URL / MODELGATES_API_KEY not set") }
    } else {
        val direct = System.getenv("MODELGATES_DIRECT_BASE_URL") ?: baseUrl
        // Every sandbox case once per shipped transport: java.net.http (the JVM default) and
        // OkHttp (Android's).
        val sandbox = Sandbox(baseUrl, apiKey, direct) { JavaHttpTransport() }
        sandboxTests(harness, sandbox, apiKey)
        javaHttpTransportTests(harness, sandbox)
        leakScanTests(harness, sandbox, apiKey)
        harness.prefix = "[OkHttp] "
        val okHttp = Sandbox(baseUrl, apiKey, direct) { OkHttpTransport() }
        sandboxTests(harness, okHttp, apiKey)
        okHttpTransportTests(harness, okHttp)
        // And again with the blocking transport (`withBlockingTransport`), each request on the
        // calling thread.
        for ((name, transport) in listOf("java.net.http" to { JavaHttpTransport() }, "OkHttp" to { OkHttpTransport() })) {
            harness.prefix = "[$name, blocking] "
            val blocking = Sandbox(baseUrl, apiKey, direct, blocking = true, transport = transport)
            sandboxTests(harness, blocking, apiKey)
            blockingTransportTests(harness, blocking)
            if (name == "java.net.http") javaHttpBlockingTests(harness, blocking)
        }
        harness.prefix = ""
    }
    exitProcess(harness.finish())
}

// The checks above must be able to fail: a vector the SDK does not match, and a skip list that
// differs, are each shown to fail (promptly, not by hanging).
private fun harnessSelfTests(h: Harness) {
    h.test("self-test: a vector whose request differs fails with the difference instead of hanging") {
        val vector = """
            {"operation": "get-workspace", "input": {"id": "production"},
             "exchanges": [{"request": {"method": "GET", "url": "https://modelgates.ai/api/v1/workspaces/staging"},
                            "response": {"status": 404, "body": {"error": {"code": 404, "message": "Not found"}}}}],
             "expect": {"error": {"kind": "api", "status": 404}}}
        """
        val failure = try {
            bounded(30) { replayVector(vector) }
            null
        } catch (e: AssertionError) {
            e.message
        }
        check(failure != null && failure.contains("sent GET https://modelgates.ai/api/v1/workspaces/production, expected GET https://modelgates.ai/api/v1/workspaces/staging")) {
            "the mismatch was reported as: $failure"
        }
    }

    h.test("self-test: a skip that is new, gone or has another reason is reported") {
        val expected = mapOf("a.json" to "`name` = 5 has no Kotlin value", "b.json" to "unknown field(s) [nmae]")
        check(skipDifferences(expected, expected).isEmpty()) { "equal lists differ" }
        val problems = skipDifferences(expected, mapOf("a.json" to "unknown field(s) [name]", "c.json" to "x"))
        check(problems.size == 3 && problems.any { it.contains("unexpected skip c.json") } && problems.any { it.startsWith("b.json was expected") } &&
            problems.any { it.startsWith("a.json skipped for") }) { "reported $problems" }
    }
}
