package ai.modelgates.sdk.test

import ai.modelgates.sdk.TransportException
import java.util.concurrent.ExecutionException
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import kotlinx.coroutines.CancellationException

// A plain test runner (no JUnit download): named cases, each caught on its own, a final
// "N passed, N failed" line and a non-zero exit on any failure.
class Harness {
    private var passed = 0
    private var failed = 0
    private val failures = ArrayList<String>()

    /** The skipped cases and why, in order: Main compares them with the expected list. */
    val skips = LinkedHashMap<String, String>()

    class Skip(reason: String) : Exception(reason)

    /** Put before each case's name while a suite runs again (with another transport). */
    var prefix = ""

    fun test(title: String, body: () -> Unit) {
        val name = prefix + title
        try {
            body()
            passed++
            println("PASS $name")
        } catch (skip: Skip) {
            skips[name] = skip.message ?: ""
            println("SKIP $name: ${skip.message}")
        } catch (t: Throwable) {
            failed++
            val why = "${t.javaClass.simpleName}: ${t.message}"
            failures.add("$name: $why")
            println("FAIL $name: $why")
        }
    }

    fun finish(): Int {
        if (failures.isNotEmpty()) {
            println("\nfailures:")
            failures.forEach { println("  $it") }
        }
        println("${skips.size} skipped (inputs the Kotlin types cannot express)")
        println("$passed passed, $failed failed")
        return if (failed == 0) 0 else 1
    }
}

fun check(condition: Boolean, message: () -> String) {
    if (!condition) throw AssertionError(message())
}

private val boundedRunner = Executors.newCachedThreadPool { r -> Thread(r, "bounded-test").apply { isDaemon = true } }

/** Runs [body] on a daemon thread and fails if it has not ended within [seconds]: a hang is a
 *  FAIL line naming the case, not a stalled run. What [body] throws is rethrown as is. */
fun <T> bounded(seconds: Long, body: () -> T): T {
    val future = boundedRunner.submit<T> { body() }
    try {
        return future.get(seconds, TimeUnit.SECONDS)
    } catch (e: TimeoutException) {
        future.cancel(true)
        throw AssertionError("no result within $seconds s (the call hangs)")
    } catch (e: ExecutionException) {
        throw e.cause ?: e
    }
}

/**
 * The checks a fake transport makes while the SDK waits on it. The first problem is kept for
 * the test to report (the call itself may retry or turn it into another error), and `send`
 * throws a `TransportException` instead, which the SDK maps like any transport failure, so
 * the call ends.
 */
class TransportChecks {
    @Volatile var problem: String? = null
        private set

    suspend fun <T> guard(body: suspend () -> T): T =
        try {
            body()
        } catch (e: TransportException) {
            throw e
        } catch (e: CancellationException) {
            throw e
        } catch (t: Throwable) {
            val what = if (t is AssertionError) "${t.message}" else "${t.javaClass.simpleName}: ${t.message}"
            synchronized(this) { if (problem == null) problem = what }
            throw TransportException.Io("the test transport's check failed: $what")
        }

    /** Throws the first problem a check found, if any. */
    fun rethrow(context: String = "") {
        problem?.let { throw AssertionError(context + it) }
    }
}
