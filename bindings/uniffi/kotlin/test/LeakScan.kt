package ai.modelgates.sdk.test

import ai.modelgates.sdk.*
import ai.modelgates.sdk.core.*
import java.io.File
import java.time.Duration
import java.util.UUID
import kotlinx.coroutines.runBlocking

// 403 from a key without management rights, and the secret-leak scan: create a key, force every
// error path, and scan every exception's toString and message and every printable value for
// the management key and the new secret. The tally goes to target/test-logs/leak-scan/kotlin.txt
// for `just audit`. Not scanned: java.net.http's own wire log, which the JDK writes only when
// the app sets -Djdk.httpclient.HttpClient.log (it would print headers; the SDK cannot stop it).

fun leakScanTests(h: Harness, s: Sandbox, apiKey: String) {
    val restrictedKey = System.getenv("MODELGATES_RESTRICTED_KEY")

    h.test("sandbox: a key without management rights gets a 403 that names no key") {
        if (restrictedKey == null) throw AssertionError("MODELGATES_RESTRICTED_KEY not set (see scripts/with-sandbox.sh)")
        try {
            runBlocking { s.client(key = restrictedKey).createWorkspace(CreateWorkspaceRequest(name = "x", slug = s.slug())) }
            throw AssertionError("expected a 403")
        } catch (e: ModelGatesException.Api) {
            check(e.status == 403) { "status ${e.status}" }
            check(!e.toString().contains(restrictedKey) && !messageOf(e).contains(restrictedKey)) { "the error shows the key" }
        }
    }

    h.test("leak scan: no secret in any error, message or printed value") {
        val outputs = ArrayList<String>()
        // The SDK's own log lines are scanned too.
        val logged = java.util.Collections.synchronizedList(mutableListOf<String>())
        val listener = object : LogListener {
            override fun log(line: LogLine) { logged.add(line.message) }
        }
        val client = s.client(logListener = listener)
        val created = runBlocking { client.createKey(CreateKeyRequest(name = "kt leak scan")) }
        val secret = created.revealKey()
        check(secret.length > 16) { "the sandbox returned no real secret" }
        outputs += created.toString()
        outputs += created.data().toString()
        outputs += client.toString()

        val quick = RetrySettings(
            maxRetries = 1, initialBackoff = Duration.ofMillis(5), maxBackoff = Duration.ofMillis(20),
            maxElapsed = Duration.ofSeconds(5), jitter = 0.0,
        )
        val attempts: List<suspend () -> Any?> = listOf(
            { client.createWorkspace(CreateWorkspaceRequest(name = "", slug = "x")) },
            { client.createKey(CreateKeyRequest(name = "k", limit = DoubleOrNull.Value(-1.0))) },
            { client.getWorkspace("") },
            { s.client(logListener = listener, key = apiKey + "-wrong").createKey(CreateKeyRequest(name = "401")) },
            { s.client(logListener = listener, key = restrictedKey ?: "sk-mg-none").createKey(CreateKeyRequest(name = "403")) },
            { client.getWorkspace("no-such-workspace-" + UUID.randomUUID()) },
            { client.createWorkspace(CreateWorkspaceRequest(name = "Default", slug = "default")) },
            { s.client(logListener = listener, fault = "status=429;retry-after=0", retry = quick).createKey(CreateKeyRequest(name = "429")) },
            { s.client(logListener = listener, fault = "status=500", retry = quick).createKey(CreateKeyRequest(name = "500")) },
            { s.client(logListener = listener, fault = "status=503", retry = quick).getWorkspace("default") },
            { s.client(logListener = listener, fault = "status=502;body=html", retry = quick).createKey(CreateKeyRequest(name = "html")) },
            // A gateway error whose metadata carries the create-keys answer, new secret and all.
            { s.client(logListener = listener, fault = "status=502;body=wrapped", retry = quick).createKey(CreateKeyRequest(name = "wrapped")) },
            { s.client(logListener = listener, fault = "drop", retry = quick).createKey(CreateKeyRequest(name = "drop")) },
            { s.client(logListener = listener, fault = "truncate", retry = quick).createKey(CreateKeyRequest(name = "truncate")) },
            { s.client(logListener = listener, fault = "delay-ms=2000", retry = quick, timeout = Duration.ofMillis(200)).createKey(CreateKeyRequest(name = "slow")) },
        )
        for (attempt in attempts) {
            try {
                val value = runBlocking { attempt() }
                throw AssertionError("a forced failure succeeded: $value")
            } catch (e: ModelGatesException) {
                outputs += e.toString()
                outputs += messageOf(e)
                outputs += e.stackTraceToString()
                if (e is ModelGatesException.Api) outputs += e.metadataJson.toString()
            }
        }
        check(logged.any { it.contains(": failed") }) { "the SDK logged no failure: the log scan would prove nothing" }
        outputs += logged
        // Any new key's secret, the ones this scan never saw (minted behind a fault) included.
        val anyNewKey = Regex("sk-mg-v1-[0-9a-f]{12,}")
        val hits = outputs.count { it.contains(apiKey) || it.contains(secret) || anyNewKey.containsMatchIn(it) }
        val report = "leak-scan kotlin: ${outputs.size} outputs scanned, $hits hits"
        File("target/test-logs/leak-scan").mkdirs()
        File("target/test-logs/leak-scan/kotlin.txt").writeText(report + "\n")
        println(report)
        check(hits == 0) { report }
    }
}
