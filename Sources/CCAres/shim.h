// CCAres: c-ares for Swift (Debian libc-ares-dev 1.18). Only what Swift cannot import goes here
// (see MailDNS/AresChannel.swift).
#include <ares.h>
#include <string.h>

// ARES_LIB_INIT_ALL is a macro over another macro, which Swift does not import.
static inline int ccares_library_init(void) { return ares_library_init(ARES_LIB_INIT_ALL); }

// A channel for mail-domain lookups. The option mask and the flags are or-ed macros; setting
// them here keeps each option next to the bit that makes c-ares read it.
// NOSEARCH, NOALIASES: a name is asked as given, never completed with resolv.conf's search
// domains or rewritten through HOSTALIASES.
// NOCHECKRESP: a SERVFAIL, REFUSED or NOTIMP answer goes to the callback as it is. Without it
// c-ares 1.18 asks again (the next server, the next try) and, when every try is spent, reports
// ARES_ECONNREFUSED whatever the servers said, so a refusing server could not be told from a
// closed port. With it, c-ares ends the query at the first SERVFAIL or REFUSED (timeouts and
// closed ports still move on to the next server); AresChannel moves on past those itself, with
// a channel for each server to start from, so the next servers are still asked.
// timeout_ms is the first try's timeout (c-ares doubles it on each later round over the
// servers); tries counts rounds.
static inline int ccares_init(ares_channel *channel, int timeout_ms, int tries) {
    struct ares_options options;
    memset(&options, 0, sizeof options);
    options.flags = ARES_FLAG_NOSEARCH | ARES_FLAG_NOALIASES | ARES_FLAG_NOCHECKRESP;
    options.timeout = timeout_ms;
    options.tries = tries;
    return ares_init_options(channel, &options, ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES);
}

// ARES_GETSOCK_READABLE and ARES_GETSOCK_WRITABLE are function-like macros.
static inline int ccares_getsock_readable(int bits, int index) { return ARES_GETSOCK_READABLE(bits, index) != 0; }
static inline int ccares_getsock_writable(int bits, int index) { return ARES_GETSOCK_WRITABLE(bits, index) != 0; }
