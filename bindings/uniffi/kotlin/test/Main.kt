package ai.modelgates.sdk.test

import java.io.File
import kotlin.system.exitProcess

// Usage: Main <tests/vectors dir>; with MODELGATES_BASE_URL and MODELGATES_API_KEY set (see
// scripts/with-sandbox.sh) the sandbox tests run too, otherwise they count as failures.
fun main(args: Array<String>) {
    val harness = Harness()
    val root = File(args.getOrElse(0) { "tests/vectors" })
    val files = vectorFiles(root)
    harness.test("found the conformance vectors") { check(files.size >= 200) { "only ${files.size} vectors under $root" } }
    for (file in files) harness.test("vector ${file.relativeTo(root)}") { replayVector(file) }

    val baseUrl = System.getenv("MODELGATES_BASE_URL")
    val apiKey = System.getenv("MODELGATES_API_KEY")
    if (baseUrl == null || apiKey == null) {
        harness.test("sandbox tests") { throw AssertionError("MODELGATES_BASE_URL / MODELGATES_API_KEY not set") }
    } else {
        val sandbox = Sandbox(baseUrl, apiKey, System.getenv("MODELGATES_DIRECT_BASE_URL") ?: baseUrl)
        sandboxTests(harness, sandbox, apiKey)
        leakScanTests(harness, sandbox, apiKey)
    }
    exitProcess(harness.finish())
}
