package ai.modelgates.sdk

// HttpRequest and HttpResponse are records (data classes) with a list of headers; HTTP header
// names are case-insensitive, so a lookup by name is one call here rather than in every transport.

/** The value of the header [name] (any case), or null when the request has none. */
fun HttpRequest.header(name: String): String? = headers.firstOrNull { it.name.equals(name, ignoreCase = true) }?.value

/** The value of the header [name] (any case), or null when the response has none. */
fun HttpResponse.header(name: String): String? = headers.firstOrNull { it.name.equals(name, ignoreCase = true) }?.value
