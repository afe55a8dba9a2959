// CCurl: libcurl for Swift. Only what Swift cannot import goes here (see the Curl target).
#include <curl/curl.h>

// CURLVERSION_NOW is a macro Swift does not import.
static inline const curl_version_info_data *ccurl_version_info(void) { return curl_version_info(CURLVERSION_NOW); }

// CURL_GLOBAL_DEFAULT is an or-ed macro Swift does not import.
static inline CURLcode ccurl_global_init(void) { return curl_global_init(CURL_GLOBAL_DEFAULT); }

// Swift cannot call the variadic curl_easy_setopt: one wrapper per argument type.
static inline CURLcode ccurl_set_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_set_offset(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_set_text(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_set_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_set_list(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_set_read_callback(CURL *h, CURLoption o, curl_read_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_set_seek_callback(CURL *h, CURLoption o, curl_seek_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_set_debug_callback(CURL *h, CURLoption o, curl_debug_callback v) { return curl_easy_setopt(h, o, v); }

// The same for the variadic curl_easy_getinfo.
static inline CURLcode ccurl_get_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode ccurl_get_text(CURL *h, CURLINFO i, const char **v) { return curl_easy_getinfo(h, i, v); }

// libcurl 8.2 fixed the option's spelling (CURLOPT_MAIL_RCPT_ALLLOWFAILS before); Debian 12 has 7.88.
static inline CURLcode ccurl_set_mail_rcpt_allowfails(CURL *h, long v) {
#if LIBCURL_VERSION_NUM >= 0x080200
    return curl_easy_setopt(h, CURLOPT_MAIL_RCPT_ALLOWFAILS, v);
#else
    return curl_easy_setopt(h, CURLOPT_MAIL_RCPT_ALLLOWFAILS, v);
#endif
}

// CURLOPT_HEADERFUNCTION / CURLOPT_WRITEFUNCTION take a curl_write_callback.
static inline CURLcode ccurl_set_write_callback(CURL *h, CURLoption o, curl_write_callback v) { return curl_easy_setopt(h, o, v); }
