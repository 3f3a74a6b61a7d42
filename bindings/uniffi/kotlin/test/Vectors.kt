package ai.modelgates.sdk.test

import ai.modelgates.sdk.*
import ai.modelgates.sdk.core.*
import java.io.File
import java.time.Duration
import java.time.Instant
import java.time.OffsetDateTime
import kotlin.reflect.KClass
import kotlin.reflect.KParameter
import kotlin.reflect.KType
import kotlin.reflect.full.callSuspend
import kotlin.reflect.full.declaredMemberFunctions
import kotlin.reflect.full.memberProperties
import kotlin.reflect.full.primaryConstructor
import kotlinx.coroutines.runBlocking

// Replays every conformance vector through the Kotlin API: a scripted transport checks each
// request and answers from the file, a fake timer records the waits instead of sleeping.

class FakeTimer : RetryTimer {
    var now: Duration = Duration.ZERO
    val waits = ArrayList<Duration>()
    override fun now(): Duration = now
    override suspend fun sleep(duration: Duration) {
        waits.add(duration)
        now = now.plus(duration)
    }
}

@Suppress("UNCHECKED_CAST")
class ScriptedTransport(
    private val exchanges: List<Map<String, Any?>>,
    private val timer: FakeTimer,
    private val apiKey: String,
) : HttpTransport {
    var next = 0
    val checks = TransportChecks()

    // A mismatch is kept in `checks` and ends the call as a transport failure (see TransportChecks).
    override suspend fun send(request: HttpRequest): HttpResponse = checks.guard { answer(request) }

    private fun answer(request: HttpRequest): HttpResponse {
        val n = next + 1
        check(next < exchanges.size) { "unexpected extra request #$n: ${request.method} ${request.url}" }
        val exchange = exchanges[next]
        val expected = exchange["request"] as Map<String, Any?>
        val waitedMs = timer.waits.fold(Duration.ZERO, Duration::plus).toNanos() / 1e6
        timer.waits.clear()
        val range = exchange["wait_ms"] as Map<String, Any?>?
        val min = (range?.get("min") as Long?) ?: 0L
        val max = (range?.get("max") as Long?) ?: 0L
        check(waitedMs >= min - 0.5 && waitedMs <= max + 0.5) { "request #$n: waited $waitedMs ms, expected $min..$max" }
        check(request.method == expected["method"] && request.url == expected["url"]) {
            "request #$n: sent ${request.method} ${request.url}, expected ${expected["method"]} ${expected["url"]}"
        }
        for ((name, value) in (expected["headers"] as Map<String, Any?>? ?: emptyMap())) {
            check(request.header(name) == value) { "request #$n: header $name differs from $value" }
        }
        for (name in (expected["absent_headers"] as List<String>? ?: emptyList())) {
            check(request.header(name) == null) { "request #$n: header $name must not be sent" }
        }
        val body = request.body?.let { Json.parse(it) }
        check(jsonEquals(body, expected["body"])) { "request #$n: body ${request.body}, expected ${toJson(expected["body"])}" }
        check(!request.toString().contains(apiKey)) { "request #$n: toString shows the management key" }
        next++
        when (exchange["transport_error"]) {
            "connect" -> throw TransportException.Connect("simulated connect failure")
            "timeout" -> throw TransportException.Timeout("simulated timeout")
            "io" -> throw TransportException.Io("simulated io failure")
        }
        val response = exchange["response"] as Map<String, Any?>
        val headers = (response["headers"] as Map<String, Any?>? ?: emptyMap()).map { (k, v) -> HttpHeader(k, v as String) }
        val bytes = when {
            response.containsKey("body_text") -> (response["body_text"] as String).toByteArray()
            response.containsKey("body") -> toJson(response["body"]).toByteArray()
            else -> ByteArray(0)
        }
        return HttpResponse((response["status"] as Long).toInt(), headers, bytes)
    }
}

fun jsonEquals(a: Any?, b: Any?): Boolean = when {
    a is Number && b is Number -> a.toDouble() == b.toDouble()
    a is Map<*, *> && b is Map<*, *> -> a.keys == b.keys && a.keys.all { jsonEquals(a[it], b[it]) }
    a is List<*> && b is List<*> -> a.size == b.size && a.indices.all { jsonEquals(a[it], b[it]) }
    else -> a == b
}

// ---- vector input → typed requests; what the Kotlin types cannot express is skipped --------

/** A vector's number as a Kotlin caller passes it: the core's marker for NaN and the infinities
 * becomes that Double. */
private fun inputNumber(value: Any?): Double? = when {
    value is Number -> value.toDouble()
    value is Map<*, *> && value.keys == setOf("\$non_finite") -> when (value["\$non_finite"]) {
        "NaN" -> Double.NaN
        "Infinity" -> Double.POSITIVE_INFINITY
        "-Infinity" -> Double.NEGATIVE_INFINITY
        else -> null
    }
    else -> null
}

@Suppress("UNCHECKED_CAST")
private class Input(private val map: Map<String, Any?>, private val known: Set<String>) {
    init {
        val unknown = map.keys - known
        if (unknown.isNotEmpty()) throw Harness.Skip("unknown field(s) $unknown")
    }

    fun requiredString(name: String): String = map[name] as? String ?: bad(name, map[name])
    fun int(name: String): Int? = if (!map.containsKey(name)) null else intOf(map[name]) ?: bad(name, map[name])
}

private fun bad(name: String, value: Any?): Nothing = throw Harness.Skip("`$name` = ${toJson(value)} has no Kotlin value")

private fun intOf(value: Any?): Int? = (value as? Long)?.takeIf { it in Int.MIN_VALUE..Int.MAX_VALUE }?.toInt()

private fun snake(name: String) = name.replace(Regex("[A-Z]")) { "_" + it.value.lowercase() }

@Suppress("UNCHECKED_CAST")
private fun objectOf(value: Any?): Map<String, Any?> = when (value) {
    null -> emptyMap()
    is Map<*, *> -> value as Map<String, Any?>
    else -> throw Harness.Skip("input is not an object")
}

/**
 * A request record from a vector's JSON object, by reflection over the record's constructor:
 * each parameter from the field of the same name (camelCase to snake_case), an absent field
 * left to the record's default (not sent). No request's fields are listed here, so a field
 * added to the core needs nothing in this file.
 */
private fun <T : Any> record(type: KClass<T>, body: Map<String, Any?>): T {
    val constructor = type.primaryConstructor ?: error("${type.simpleName} has no constructor")
    val byName = constructor.parameters.associateBy { snake(it.name!!) }
    val unknown = body.keys - byName.keys
    if (unknown.isNotEmpty()) throw Harness.Skip("unknown field(s) $unknown")
    val arguments = HashMap<KParameter, Any?>()
    for ((name, parameter) in byName) {
        if (!body.containsKey(name) && parameter.isOptional) continue
        arguments[parameter] = valueOf(body[name], parameter.type, name, body[name])
    }
    return constructor.callBy(arguments)
}

/** A JSON value as the Kotlin type a record's parameter has; what no Kotlin value can carry
 * (a number for a text, null for a non-null field) is skipped, naming the field and `whole`. */
private fun valueOf(value: Any?, type: KType, name: String, whole: Any?): Any? {
    val kind = type.classifier as KClass<*>
    if (kind.sealedSubclasses.any { it.simpleName == "Other" }) return (value as? String)?.let { openEnumOf(kind, it) } ?: bad(name, whole)
    if (kind.isSealed) {
        // An XOrNull: null is sent as null, a value as Value(value).
        if (value == null) return kind.sealedSubclasses.first { it.simpleName == "Null" }.objectInstance
        val constructor = kind.sealedSubclasses.first { it.simpleName == "Value" }.primaryConstructor!!
        return constructor.call(valueOf(value, constructor.parameters[0].type, name, whole))
    }
    return when (kind) {
        String::class -> value as? String
        Boolean::class -> value as? Boolean
        Double::class -> inputNumber(value)
        Long::class -> value as? Long
        Int::class -> intOf(value)
        // A timestamp is an Instant: text without an offset names none, so it has no Kotlin value.
        Instant::class -> (value as? String)?.let { runCatching { OffsetDateTime.parse(it).toInstant() }.getOrNull() }
        List::class -> (value as? List<*>)?.map { valueOf(it, type.arguments[0].type!!, name, whole) }
        else -> error("no conversion to ${kind.simpleName} for `$name`")
    } ?: bad(name, whole)
}

typealias Operation = suspend (ModelGatesClient) -> Any?

/** The operation of a vector as a call on the client; input conversion happens before any call. */
/**
 * The operation of a vector as a call on the client, found through the core's table
 * (`operations()`): the client's method of that name, its path parameters as text and its
 * `body` or `query` record built by reflection. Input conversion happens before any call, and
 * nothing here lists an operation or a field.
 */
@Suppress("UNCHECKED_CAST")
private fun operationOf(operation: String, input: Map<String, Any?>, walkErrors: List<Any?>): Operation {
    when (operation) {
        "list-all-workspaces" -> {
            val pageSize = Input(input, setOf("page_size")).int("page_size")
            return { c ->
                val pager = c.workspacePager(pageSize)
                walk({ pager.nextPage() }, walkErrors)
            }
        }
        "list-all-keys" -> {
            val filters = record(ListKeysRequest::class, input)
            return { c ->
                val pager = c.keyPager(filters)
                walk({ pager.nextPage() }, walkErrors)
            }
        }
    }
    val entry = operations().firstOrNull { it.id == operation } ?: error("unknown operation $operation")
    val method = ModelGatesClient::class.declaredMemberFunctions.first { it.name == entry.method }
    val unknown = input.keys - entry.inputs.toSet()
    if (unknown.isNotEmpty()) throw Harness.Skip("unknown input(s) $unknown")
    val arguments = method.parameters.drop(1).map { parameter ->
        val name = snake(parameter.name!!)
        when (name) {
            "body", "query" -> @Suppress("UNCHECKED_CAST") record(parameter.type.classifier as KClass<Any>, objectOf(input[name]))
            else -> input[name] as? String ?: bad(name, input[name])
        }
    }
    return { c ->
        try {
            method.callSuspend(c, *arguments.toTypedArray())
        } catch (e: java.lang.reflect.InvocationTargetException) {
            throw e.targetException // what the method threw, not reflection's wrapper
        }
    }
}

/** Every item of a walk; after each failed page the vector lists, the walk is asked again. */
private suspend fun walk(next: suspend () -> List<Any>?, walkErrors: List<Any?>): List<Any> {
    val items = ArrayList<Any>()
    var failed = 0
    while (true) {
        // A failed page does not end the walk: asking again retries it.
        val batch = try {
            next()
        } catch (e: ModelGatesException) {
            if (failed == walkErrors.size) throw e
            checkError(walkErrors[failed] as Map<*, *>, e)
            failed++
            continue
        } ?: break
        items.addAll(batch)
    }
    check(failed == walkErrors.size) { "the walk ended after $failed failed pages" }
    return items
}

// ---- expected values and errors ------------------------------------------------------------

private fun camel(name: String) = name.split('_').mapIndexed { i, part -> if (i == 0) part else part.replaceFirstChar { it.uppercase() } }.joinToString("")

private fun number(value: Any?): Double? = when (value) {
    is Number -> value.toDouble()
    is ULong -> value.toDouble()
    is UInt -> value.toDouble()
    else -> null
}

/** An open enum's case for the API's spelling (the inverse of [openEnumValue]): the documented
 * case whose name it is (`"weekly"` is `Weekly`), else `Other(value)`. */
fun openEnumOf(kind: KClass<*>, value: String): Any {
    val known = kind.sealedSubclasses.firstOrNull { it.objectInstance != null && snake(it.simpleName!!).removePrefix("_") == value }
    if (known != null) return known.objectInstance!!
    return kind.sealedSubclasses.first { it.simpleName == "Other" }.primaryConstructor!!.call(value)
}

/** An open enum's value as the API spells it (the core's `open_enum!`: a sealed class with a
 * case per documented value and `Other` for any other): `Global` is "global",
 * `WorkspaceDefaultMember` "workspace_default_member", `Other("x")` "x". Null for anything else. */
fun openEnumValue(value: Any?): String? {
    if (value == null) return null
    val parent = value::class.supertypes.mapNotNull { it.classifier as? KClass<*> }.firstOrNull { it.isSealed } ?: return null
    val other = parent.sealedSubclasses.firstOrNull { it.simpleName == "Other" } ?: return null
    return if (other.isInstance(value)) {
        other.memberProperties.first().getter.call(value) as String
    } else {
        snake(value::class.simpleName!!).removePrefix("_")
    }
}

fun compareValue(expected: Any?, actual: Any?, path: String) {
    when {
        openEnumValue(actual) != null -> check(expected == openEnumValue(actual)) { "$path: expected $expected, got $actual" }
        actual is CreatedKey -> {
            val e = expected as Map<*, *>
            compareValue(e["data"], actual.data(), "$path.data")
            check(actual.revealKey() == e["key"]) { "$path.key differs" }
            check(!actual.toString().contains(actual.revealKey())) { "$path: toString shows the key secret" }
        }
        expected == null -> check(actual == null) { "$path: expected null, got $actual" }
        expected is Map<*, *> -> {
            checkNotNull(actual) { "$path: expected an object, got null" }
            for ((key, value) in expected) {
                val property = actual::class.memberProperties.firstOrNull { it.name == camel(key as String) }
                checkNotNull(property) { "$path: ${actual::class.simpleName} has no field $key" }
                compareValue(value, property.getter.call(actual), "$path.$key")
            }
        }
        expected is List<*> -> {
            check(actual is List<*> && actual.size == expected.size) { "$path: expected ${expected.size} items, got $actual" }
            expected.indices.forEach { compareValue(expected[it], (actual as List<*>)[it], "$path[$it]") }
        }
        expected is Number -> check(number(actual) == expected.toDouble()) { "$path: expected $expected, got $actual" }
        actual is Instant -> check(expected is String && OffsetDateTime.parse(expected).toInstant() == actual) { "$path: expected $expected, got $actual" }
        else -> check(expected == actual) { "$path: expected $expected, got $actual" }
    }
}

fun kindOf(e: ModelGatesException): String = when (e) {
    is ModelGatesException.InvalidInput -> "invalid_input"
    is ModelGatesException.Api -> "api"
    is ModelGatesException.Decode -> "decode"
    is ModelGatesException.Transport -> "transport"
    is ModelGatesException.Timeout -> "timeout"
    is ModelGatesException.Cancelled -> "cancelled"
    is ModelGatesException.Internal -> "internal"
}

fun messageOf(e: ModelGatesException): String = when (e) {
    is ModelGatesException.InvalidInput -> e.reason
    is ModelGatesException.Api -> e.reason
    is ModelGatesException.Decode -> e.reason
    is ModelGatesException.Transport -> e.reason
    is ModelGatesException.Timeout -> e.reason
    is ModelGatesException.Cancelled -> e.reason
    is ModelGatesException.Internal -> e.reason
}

private fun errorField(e: ModelGatesException, name: String): Any? = when (name) {
    "status" -> (e as? ModelGatesException.Api)?.status?.toInt() ?: (e as? ModelGatesException.Decode)?.status?.toInt()
    "code" -> (e as? ModelGatesException.Api)?.code
    "field" -> (e as? ModelGatesException.InvalidInput)?.field
    "request_id" -> (e as? ModelGatesException.Api)?.requestId
    "user_id" -> (e as? ModelGatesException.Api)?.userId
    "retry_after_ms" -> (e as? ModelGatesException.Api)?.retryAfter?.toMillis()
    "metadata" -> (e as? ModelGatesException.Api)?.metadataJson?.let { Json.parse(it) }
    "location" -> (e as? ModelGatesException.Api)?.location
    "class" -> classOf(e)
    "retryable" -> classOf(e) in setOf("RateLimit", "InternalServer", "Connection", "Timeout")
    else -> error("unknown expected error field $name")
}

/** The core's error class, as a Kotlin caller tells it from the exception and its status. */
fun classOf(e: ModelGatesException): String = when (e) {
    is ModelGatesException.InvalidInput -> "InvalidInput"
    is ModelGatesException.Decode -> "Decode"
    is ModelGatesException.Transport -> "Connection"
    is ModelGatesException.Timeout -> "Timeout"
    is ModelGatesException.Cancelled -> "Cancelled"
    is ModelGatesException.Internal -> "Internal"
    is ModelGatesException.Api -> when (e.status.toInt()) {
        0, in 300..399 -> "Redirect"
        400 -> "BadRequest"
        401 -> "Authentication"
        403 -> "PermissionDenied"
        404 -> "NotFound"
        409 -> "Conflict"
        429 -> "RateLimit"
        in 500..599 -> "InternalServer"
        else -> "ApiStatus"
    }
}

private fun checkError(expected: Map<*, *>, e: ModelGatesException) {
    val message = messageOf(e)
    // Kotlin names fields in camelCase, in `field` and in the message.
    val inputError = expected["kind"] == "invalid_input"
    for ((key, raw) in expected) {
        val value = if (inputError && (key == "field" || key == "message_contains")) camel(raw as String) else raw
        when (key) {
            "kind" -> check(kindOf(e) == value) { "error kind ${kindOf(e)}, expected $value ($message)" }
            "message" -> check(message == value) { "error message '$message', expected '$value'" }
            "message_contains" -> check(message.contains(value as String)) { "error message '$message' lacks '$value'" }
            "message_not_contains" -> check(!message.contains(value as String) && !e.toString().contains(value)) { "error shows '$value'" }
            else -> {
                val actual = errorField(e, key as String)
                check(if (value is Number || actual is Number) number(actual) == number(value) else jsonEquals(actual, value)) {
                    "error $key = $actual, expected ${toJson(value)}"
                }
            }
        }
    }
}

fun replayVector(file: File) = replayVector(file.readText())

@Suppress("UNCHECKED_CAST")
fun replayVector(text: String) {
    val vector = Json.parse(text) as Map<String, Any?>
    val config = vector["config"] as Map<String, Any?>? ?: emptyMap()
    val apiKey = config["api_key"] as String? ?: "mg-vector-management-key"
    val retry = (config["retry"] as Map<String, Any?>?)?.let {
        RetrySettings(
            maxRetries = (it["max_retries"] as Long).toInt(),
            initialBackoff = Duration.ofMillis(it["initial_backoff_ms"] as Long),
            maxBackoff = Duration.ofMillis(it["max_backoff_ms"] as Long),
            maxElapsed = Duration.ofMillis(it["max_elapsed_ms"] as Long),
            jitter = (it["jitter"] as Number).toDouble(),
        )
    }
    val exchanges = vector["exchanges"] as List<Map<String, Any?>>
    val expect = vector["expect"] as Map<String, Any?>
    val walkErrors = expect["walk_errors"] as List<Any?>? ?: emptyList()
    val operation = operationOf(vector["operation"] as String, objectOf(vector["input"]), walkErrors)

    for (seed in listOf(0uL, 1uL, 0xDEADBEEFuL)) {
        val timer = FakeTimer()
        val transport = ScriptedTransport(exchanges, timer, apiKey)
        var value: Any? = null
        var error: ModelGatesException? = null
        try {
            val options = ClientOptions(baseUrl = config["base_url"] as String?, retry = retry, seed = seed)
            val client = ModelGatesClient.withTimer(apiKey, options, transport, timer)
            value = runBlocking { operation(client) }
        } catch (e: ModelGatesException) {
            error = e
        }
        transport.checks.rethrow("seed $seed: ")
        check(transport.next == exchanges.size) { "seed $seed: ${transport.next} requests sent, expected ${exchanges.size}" }
        if (expect.containsKey("value")) {
            check(error == null) { "seed $seed: expected a value, got ${error?.let { "${kindOf(it)}: ${messageOf(it)}" }}" }
            compareValue(expect["value"], value, "value")
        } else {
            checkNotNull(error) { "seed $seed: expected an error, got $value" }
            checkError(expect["error"] as Map<*, *>, error)
            check(!error.toString().contains(apiKey) || apiKey.length < 8) { "the error shows the management key" }
        }
    }
}

fun vectorFiles(root: File): List<File> =
    root.walkTopDown().filter { it.isFile && it.extension == "json" && !it.path.contains("/tools/") }.sortedBy { it.path }.toList()
