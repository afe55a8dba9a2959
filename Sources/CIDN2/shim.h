// CIDN2: GNU libidn2 for Swift (Debian libidn2-dev). Only what Swift cannot import goes here
// (see MailDNS/IDNA.swift).
#include <idn2.h>

// Idn2_flags is an anonymous C enum: its cases import as values of a struct, not as an int.
// UTS #46 non-transitional processing (IDNA2008: "ß" stays "ß"), input normalized to NFC.
// Not IDN2_USE_STD3_ASCII_RULES: libidn2 2.3.3 then silently drops characters such as "_" or
// " " ("a_b.de" becomes "ab.de") instead of rejecting them.
static inline int cidn2_lookup_flags(void) { return IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT; }
