package ai.modelgates.sdk.test

// The vectors the Kotlin API cannot even express, each with the reason Vectors.kt gives. The
// run fails when the skipped set differs from this list in any way (a new skip, a skip that
// went away, another reason), so a drift in the vector format or in the input conversion
// cannot quietly turn passing cases into skips. Update the list only for a vector that really
// holds a value no Kotlin type can carry (a number for a string, null for a non-null field,
// a misspelt field, a fractional count, text that names no instant).
val expectedSkips: Map<String, String> = linkedMapOf(
    // An Instant carries only an instant: text that names none has no Kotlin value.
    "create-keys/expires-at-date-only.json" to "`expires_at` = \"2029-11-30\" has no Kotlin value",
    "create-keys/expires-at-invalid-date.json" to "`expires_at` = \"2029-02-30T12:00:00Z\" has no Kotlin value",
    "create-keys/expires-at-not-a-date.json" to "`expires_at` = \"tomorrow\" has no Kotlin value",
    "create-keys/expires-at-number.json" to "`expires_at` = 1890777599 has no Kotlin value",
    "create-keys/expires-at-without-offset.json" to "`expires_at` = \"2029-11-30T23:59:59\" has no Kotlin value",
    "create-keys/include-byok-not-boolean.json" to "`include_byok_in_limit` = \"false\" has no Kotlin value",
    "create-keys/limit-not-a-number.json" to "`limit` = \"100\" has no Kotlin value",
    "create-keys/missing-name.json" to "`name` = null has no Kotlin value",
    "create-keys/name-null.json" to "`name` = null has no Kotlin value",
    "create-keys/unknown-field.json" to "unknown field(s) [expires]",
    "create-workspace/api-key-ids-fractional.json" to "`io_logging_api_key_ids` = [1.5] has no Kotlin value",
    "create-workspace/api-key-ids-string.json" to "`io_logging_api_key_ids` = [\"a\"] has no Kotlin value",
    "create-workspace/boolean-field-given-string.json" to "`is_observability_broadcast_enabled` = \"true\" has no Kotlin value",
    "create-workspace/description-not-a-string.json" to "`description` = 42 has no Kotlin value",
    "create-workspace/missing-name.json" to "`name` = null has no Kotlin value",
    "create-workspace/missing-slug.json" to "`slug` = null has no Kotlin value",
    "create-workspace/name-not-a-string.json" to "`name` = 5 has no Kotlin value",
    "create-workspace/name-null.json" to "`name` = null has no Kotlin value",
    "create-workspace/sampling-rate-null.json" to "`io_logging_sampling_rate` = null has no Kotlin value",
    "create-workspace/unknown-field.json" to "unknown field(s) [nmae]",
    "delete-workspace/confirm-not-boolean.json" to "`confirm_default_workspace_deletion` = \"true\" has no Kotlin value",
    "delete-workspace/confirm-null.json" to "`confirm_default_workspace_deletion` = null has no Kotlin value",
    "list-all-keys/include-expired-not-boolean.json" to "`include_expired` = 1 has no Kotlin value",
    "list-keys/include-disabled-string.json" to "`include_disabled` = \"true\" has no Kotlin value",
    "list-keys/include-expired-null.json" to "`include_expired` = null has no Kotlin value",
    "list-keys/offset-fractional.json" to "`offset` = 2.5 has no Kotlin value",
    "list-workspaces/limit-fractional.json" to "`limit` = 1.5 has no Kotlin value",
    "list-workspaces/limit-string.json" to "`limit` = \"10\" has no Kotlin value",
    "list-workspaces/offset-fractional.json" to "`offset` = 2.5 has no Kotlin value",
    "update-keys/disabled-not-boolean.json" to "`disabled` = \"true\" has no Kotlin value",
    "update-keys/disabled-null.json" to "`disabled` = null has no Kotlin value",
    "update-keys/include-byok-null.json" to "`include_byok_in_limit` = null has no Kotlin value",
    "update-keys/limit-string.json" to "`limit` = \"100\" has no Kotlin value",
    "update-keys/name-null.json" to "`name` = null has no Kotlin value",
    "update-keys/unknown-field.json" to "unknown field(s) [expires_at]",
    "update-keys/workspace-id-null.json" to "`workspace_id` = null has no Kotlin value",
    "update-workspace/api-key-ids-fractional.json" to "`io_logging_api_key_ids` = [1,2.5] has no Kotlin value",
    "update-workspace/broadcast-null.json" to "`is_observability_broadcast_enabled` = null has no Kotlin value",
    "update-workspace/name-null.json" to "`name` = null has no Kotlin value",
    "update-workspace/sampling-rate-null.json" to "`io_logging_sampling_rate` = null has no Kotlin value",
    "update-workspace/slug-null.json" to "`slug` = null has no Kotlin value",
    "update-workspace/unknown-field.json" to "unknown field(s) [nmae]",
)

/** What differs between the expected and the actual skips (path to reason); empty if nothing. */
fun skipDifferences(expected: Map<String, String>, actual: Map<String, String>): List<String> {
    val problems = ArrayList<String>()
    for ((path, reason) in actual) {
        when (val wanted = expected[path]) {
            null -> problems += "unexpected skip $path ($reason)"
            reason -> {}
            else -> problems += "$path skipped for '$reason', expected '$wanted'"
        }
    }
    for (path in expected.keys - actual.keys) problems += "$path was expected to be skipped but was not (it passed, failed or is gone)"
    return problems
}
