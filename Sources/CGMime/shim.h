// CGMime: GNU GMime 3 for Swift. Only what Swift cannot import goes here (see the MIME target).
#include <gmime/gmime.h>
