// Placeholder: the ledger's simdjson-backed line parser is declared here.
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
/// Returns the simdjson implementation in use ("haswell", "westmere", "fallback").
const char *ledgerjson_implementation(void);
#ifdef __cplusplus
}
#endif
