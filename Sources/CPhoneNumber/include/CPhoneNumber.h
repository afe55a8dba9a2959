// Google's libphonenumber (C++, Debian libphonenumber-dev 8.12) behind a C API Swift can import.
//
// One call parses a number with the customer's country as the default region and reports
// what libphonenumber says about it: the parse error, validity, possibility, type, E.164 form
// and extension. No libphonenumber type and no C++ exception crosses the boundary; the result
// goes into a caller-provided struct, so nothing is allocated for the caller to free.
//
// Thread-safe: see `cphonenumber_parse`.
#pragma once
#include <stddef.h>
#ifdef __cplusplus
extern "C" {
#endif

/// `PhoneNumberUtil::ErrorType`, same values (checked by static_assert in the .cpp).
typedef enum {
    CPHONENUMBER_NO_PARSING_ERROR = 0,
    /// The number starts with `+` or an international prefix (00) and an unknown calling code,
    /// or it is national and the default region is not one libphonenumber knows.
    CPHONENUMBER_INVALID_COUNTRY_CODE_ERROR = 1,
    /// Not a phone number: fewer than two digits, or letters and symbols around them.
    CPHONENUMBER_NOT_A_NUMBER = 2,
    /// Too few digits after an international prefix (`0031 2`).
    CPHONENUMBER_TOO_SHORT_AFTER_IDD = 3,
    /// The national significant number has fewer than 2 digits.
    CPHONENUMBER_TOO_SHORT_NSN = 4,
    /// The national significant number has more than 17 digits (or the text over 250 bytes).
    CPHONENUMBER_TOO_LONG_NSN = 5,
} cphonenumber_parse_error;

/// `PhoneNumberUtil::ValidationResult` (of `IsPossibleNumberWithReason`), same values.
typedef enum {
    CPHONENUMBER_IS_POSSIBLE = 0,
    CPHONENUMBER_IS_POSSIBLE_LOCAL_ONLY = 1,
    CPHONENUMBER_INVALID_COUNTRY_CODE = 2,
    CPHONENUMBER_TOO_SHORT = 3,
    CPHONENUMBER_INVALID_LENGTH = 4,
    CPHONENUMBER_TOO_LONG = 5,
} cphonenumber_possibility;

/// `PhoneNumberUtil::PhoneNumberType`, same values.
typedef enum {
    CPHONENUMBER_FIXED_LINE = 0,
    CPHONENUMBER_MOBILE = 1,
    CPHONENUMBER_FIXED_LINE_OR_MOBILE = 2,
    CPHONENUMBER_TOLL_FREE = 3,
    CPHONENUMBER_PREMIUM_RATE = 4,
    CPHONENUMBER_SHARED_COST = 5,
    CPHONENUMBER_VOIP = 6,
    CPHONENUMBER_PERSONAL_NUMBER = 7,
    CPHONENUMBER_PAGER = 8,
    CPHONENUMBER_UAN = 9,
    CPHONENUMBER_VOICEMAIL = 10,
    CPHONENUMBER_UNKNOWN = 11,
} cphonenumber_type;

/// Bytes of `cphonenumber_result.e164`: `+`, a calling code of up to 3 digits and a national
/// number of up to 17 digits (libphonenumber's parse limits; a valid number has at most 15
/// digits in all, ITU-T E.164), and the NUL.
#define CPHONENUMBER_E164_CAPACITY 24

/// Bytes of `cphonenumber_result.extension`: libphonenumber takes up to 20 digits, and the NUL.
#define CPHONENUMBER_EXTENSION_CAPACITY 24

typedef struct {
    /// Nonzero when libphonenumber has metadata for the default region passed in (the customer's
    /// country); zero for an unknown or malformed code (`XX`, `nl`, `ZZ`).
    int region_known;
    /// A `cphonenumber_parse_error`. The fields below are set only when it is `NO_PARSING_ERROR`.
    int parse_error;
    /// Nonzero when `IsValidNumber`: the number matches a number range its country assigns.
    int valid;
    /// A `cphonenumber_possibility`: why an invalid number is invalid, when its length says so.
    int possibility;
    /// A `cphonenumber_type`; `CPHONENUMBER_UNKNOWN` for invalid numbers.
    int type;
    /// The calling code (31 for NL), from the text or from the default region.
    int country_code;
    /// The number's region as libphonenumber sees it (`NL`; `DE` for `+49…` whatever the
    /// default region), `ZZ` when no single region matches (invalid numbers under `+1`), NUL-terminated.
    char region[4];
    /// The number in E.164 (`+31205551234`), NUL-terminated; E.164 has no extension.
    char e164[CPHONENUMBER_E164_CAPACITY];
    /// The extension's digits (`020 555 1234 ext. 12` → `12`), empty for none, NUL-terminated.
    char extension[CPHONENUMBER_EXTENSION_CAPACITY];
} cphonenumber_result;

/// Parses `length` bytes of UTF-8 `text` as a phone number, national numbers in the region
/// `default_region` (ISO 3166 alpha-2, NUL-terminated, upper case as libphonenumber wants),
/// and fills `result`.
///
/// Returns 0, or -1 when libphonenumber threw (out of memory) or a result did not fit its
/// buffer; `result` is then unspecified.
///
/// Thread-safe: `PhoneNumberUtil::GetInstance()` is created once through `pthread_once`
/// (Debian builds libphonenumber with its POSIX singleton: the library imports `pthread_once`
/// and links no Boost), its methods used here are `const`, and its only shared mutable state,
/// the regular-expression cache, is guarded by a mutex; each match makes its own ICU matcher.
int cphonenumber_parse(const char *text, size_t length, const char *default_region, cphonenumber_result *result);

#ifdef __cplusplus
}
#endif
