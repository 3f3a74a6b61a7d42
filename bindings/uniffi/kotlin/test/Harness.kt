package ai.modelgates.sdk.test

// A plain test runner (no JUnit download): named cases, each caught on its own, a final
// "N passed, N failed" line and a non-zero exit on any failure.
class Harness {
    private var passed = 0
    private var failed = 0
    private var skipped = 0
    private val failures = ArrayList<String>()

    class Skip(reason: String) : Exception(reason)

    fun test(name: String, body: () -> Unit) {
        try {
            body()
            passed++
            println("PASS $name")
        } catch (skip: Skip) {
            skipped++
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
        println("$skipped skipped (inputs the Kotlin types cannot express)")
        println("$passed passed, $failed failed")
        return if (failed == 0) 0 else 1
    }
}

fun check(condition: Boolean, message: () -> String) {
    if (!condition) throw AssertionError(message())
}
