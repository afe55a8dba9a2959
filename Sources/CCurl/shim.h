// CCurl: libcurl for Swift. Only what Swift cannot import goes here (see the Curl target).
#include <curl/curl.h>

// CURLVERSION_NOW is a macro Swift does not import.
static inline const curl_version_info_data *ccurl_version_info(void) { return curl_version_info(CURLVERSION_NOW); }
