#include "CLedgerJSON.h"
#include <simdjson.h>
extern "C" const char *ledgerjson_implementation(void) {
    return simdjson::get_active_implementation()->name().data();
}
