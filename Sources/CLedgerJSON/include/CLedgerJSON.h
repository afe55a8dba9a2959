// The ledger's line parser: simdjson's DOM parser behind a C API Swift can import.
//
// One call parses one JSON text and flattens it into tokens in document order. Swift walks
// the tokens; no simdjson type crosses the boundary. Everything a parse returns (tokens,
// key and string bytes) lives in the parser and stays valid until its next parse.
#pragma once
#include <stddef.h>
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif

/// Bytes that must be readable after a text for `ledgerjson_parse` to read it in place.
#define LEDGERJSON_PADDING 64

typedef enum {
    LEDGERJSON_STRING = 1,
    LEDGERJSON_NUMBER = 2,
    LEDGERJSON_TRUE = 3,
    LEDGERJSON_FALSE = 4,
    LEDGERJSON_NULL = 5,
    LEDGERJSON_OBJECT = 6,
    LEDGERJSON_ARRAY = 7,
} ledgerjson_kind;

/// One JSON value. Members of an object or array follow their container in order; `next`
/// is the index just past the value and all its members, so a caller can skip it.
typedef struct {
    /// The member name, unescaped UTF-8, not NUL-terminated; NULL for array elements and the root.
    const char *key;
    /// A string's unescaped UTF-8, not NUL-terminated; NULL for other kinds (the ledger has no
    /// numeric fields, so a number's value is not passed on).
    const char *text;
    /// The first 8 bytes of `key`, little-endian, zero-padded: most member names are
    /// compared with one integer comparison.
    uint64_t key_word;
    /// Objects only: bit `ledgerjson_name_bit(...)` is set for every member name, so a
    /// lookup of a name the object lacks mostly fails without a scan.
    uint64_t names;
    uint32_t key_length;
    uint32_t text_length;
    uint32_t next;
    uint32_t kind;
} ledgerjson_token;

/// The bit of `ledgerjson_token.names` (0...63) that stands for a member name, given its
/// `key_word` and length.
static inline unsigned ledgerjson_name_bit(uint64_t key_word, uint32_t length) {
    return (unsigned)(((key_word ^ length) * 0x9E3779B97F4A7C15ull) >> 58);
}

/// The number of slots in the table of the root object's members (see `ledgerjson_parse`).
#define LEDGERJSON_SLOTS 128

/// A member name's slot in that table. The multiplier was chosen so that the 40 member
/// names of the ledger's schema all have different slots; other names may share one
/// (`confirm`, added later, shares the slot of `text`: no record type has both).
static inline unsigned ledgerjson_slot(uint64_t key_word, uint32_t length) {
    return (unsigned)(((key_word ^ length) * 0x75fa6dd891fde85dull) >> 57);
}

typedef struct ledgerjson_parser ledgerjson_parser;

/// A parser with its buffers; NULL when out of memory. One thread at a time.
ledgerjson_parser *ledgerjson_parser_create(void);
void ledgerjson_parser_destroy(ledgerjson_parser *parser);

/// Returned when an object names a member twice (JSON allows it; the ledger does not).
#define LEDGERJSON_DUPLICATE_KEY 1000

/// Parses `length` bytes of JSON (fully validated, UTF-8 included).
///
/// If `capacity - length >= LEDGERJSON_PADDING` the bytes are read in place, otherwise they
/// are copied into a padded buffer first. Returns 0 and sets `tokens`/`count`, or a nonzero
/// simdjson error code (see `ledgerjson_error_message`). For `LEDGERJSON_DUPLICATE_KEY`,
/// `tokens[count]` is the second member of that name.
///
/// `slots` gets a table of `LEDGERJSON_SLOTS` entries for the root object's members: by
/// `ledgerjson_slot`, the token index of the member in that slot, -1 for none, or -2 when
/// several members share the slot (then scan the tokens).
int ledgerjson_parse(ledgerjson_parser *parser, const char *bytes, size_t length, size_t capacity,
                     const ledgerjson_token **tokens, size_t *count, const int32_t **slots);

/// A static, human-readable message for a `ledgerjson_parse` error code.
const char *ledgerjson_error_message(int code);

/// Returns the simdjson implementation in use ("haswell", "westmere", "fallback").
const char *ledgerjson_implementation(void);

#ifdef __cplusplus
}
#endif
