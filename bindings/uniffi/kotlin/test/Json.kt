package ai.modelgates.sdk.test

// A small JSON reader for the test vectors (kotlinc ships no JSON library, and the test must
// not download one). Objects keep their key order; numbers are Long when integral, else Double.
class Json private constructor(private val text: String) {
    private var pos = 0

    companion object {
        fun parse(text: String): Any? {
            val json = Json(text)
            val value = json.value()
            json.skipSpace()
            require(json.pos == text.length) { "trailing characters at ${json.pos}" }
            return value
        }
    }

    private fun skipSpace() {
        while (pos < text.length && text[pos].isWhitespace()) pos++
    }

    private fun value(): Any? {
        skipSpace()
        require(pos < text.length) { "unexpected end of JSON" }
        return when (val c = text[pos]) {
            '{' -> obj()
            '[' -> array()
            '"' -> string()
            't' -> literal("true", true)
            'f' -> literal("false", false)
            'n' -> literal("null", null)
            else -> if (c == '-' || c.isDigit()) number() else error("unexpected '$c' at $pos")
        }
    }

    private fun literal(word: String, value: Any?): Any? {
        require(text.startsWith(word, pos)) { "bad literal at $pos" }
        pos += word.length
        return value
    }

    private fun obj(): Map<String, Any?> {
        val map = LinkedHashMap<String, Any?>()
        pos++
        skipSpace()
        if (text[pos] == '}') { pos++; return map }
        while (true) {
            skipSpace()
            val key = string()
            skipSpace()
            require(text[pos] == ':') { "expected ':' at $pos" }
            pos++
            map[key] = value()
            skipSpace()
            when (text[pos++]) {
                ',' -> continue
                '}' -> return map
                else -> error("expected ',' or '}' at ${pos - 1}")
            }
        }
    }

    private fun array(): List<Any?> {
        val list = ArrayList<Any?>()
        pos++
        skipSpace()
        if (text[pos] == ']') { pos++; return list }
        while (true) {
            list.add(value())
            skipSpace()
            when (text[pos++]) {
                ',' -> continue
                ']' -> return list
                else -> error("expected ',' or ']' at ${pos - 1}")
            }
        }
    }

    private fun string(): String {
        require(text[pos] == '"') { "expected a string at $pos" }
        pos++
        val out = StringBuilder()
        while (true) {
            val c = text[pos++]
            when (c) {
                '"' -> return out.toString()
                '\\' -> {
                    when (val e = text[pos++]) {
                        '"', '\\', '/' -> out.append(e)
                        'b' -> out.append('\b')
                        'f' -> out.append('\u000C')
                        'n' -> out.append('\n')
                        'r' -> out.append('\r')
                        't' -> out.append('\t')
                        'u' -> { out.append(text.substring(pos, pos + 4).toInt(16).toChar()); pos += 4 }
                        else -> error("bad escape \\$e at $pos")
                    }
                }
                else -> out.append(c)
            }
        }
    }

    private fun number(): Any {
        val start = pos
        while (pos < text.length && (text[pos].isDigit() || text[pos] in "+-.eE")) pos++
        val raw = text.substring(start, pos)
        return if (raw.any { it in ".eE" }) raw.toDouble() else raw.toLongOrNull() ?: raw.toDouble()
    }
}

/** Writes a value read by [Json] back as JSON text (for request bodies of fake responses). */
fun toJson(value: Any?): String = when (value) {
    null -> "null"
    is String -> "\"" + value.flatMap { c ->
        when {
            c == '"' -> listOf('\\', '"')
            c == '\\' -> listOf('\\', '\\')
            c < ' ' -> "\\u%04x".format(c.code).toList()
            else -> listOf(c)
        }
    }.joinToString("") + "\""
    is Map<*, *> -> value.entries.joinToString(",", "{", "}") { (k, v) -> toJson(k as String) + ":" + toJson(v) }
    is List<*> -> value.joinToString(",", "[", "]") { toJson(it) }
    else -> value.toString()
}
