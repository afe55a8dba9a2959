#include "CPhoneNumber.h"
#include <phonenumbers/phonenumberutil.h>
#include <cstring>
#include <string>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// The C enums promise libphonenumber's values; a new libphonenumber that renumbers them fails here.
#define CPHONENUMBER_SAME(c, cpp) \
    static_assert(static_cast<int>(c) == static_cast<int>(PhoneNumberUtil::cpp), #c " is not libphonenumber's " #cpp)
CPHONENUMBER_SAME(CPHONENUMBER_NO_PARSING_ERROR, NO_PARSING_ERROR);
CPHONENUMBER_SAME(CPHONENUMBER_INVALID_COUNTRY_CODE_ERROR, INVALID_COUNTRY_CODE_ERROR);
CPHONENUMBER_SAME(CPHONENUMBER_NOT_A_NUMBER, NOT_A_NUMBER);
CPHONENUMBER_SAME(CPHONENUMBER_TOO_SHORT_AFTER_IDD, TOO_SHORT_AFTER_IDD);
CPHONENUMBER_SAME(CPHONENUMBER_TOO_SHORT_NSN, TOO_SHORT_NSN);
CPHONENUMBER_SAME(CPHONENUMBER_TOO_LONG_NSN, TOO_LONG_NSN);
CPHONENUMBER_SAME(CPHONENUMBER_TOO_LONG_NSN, kMaxErrorType);

CPHONENUMBER_SAME(CPHONENUMBER_IS_POSSIBLE, IS_POSSIBLE);
CPHONENUMBER_SAME(CPHONENUMBER_IS_POSSIBLE_LOCAL_ONLY, IS_POSSIBLE_LOCAL_ONLY);
CPHONENUMBER_SAME(CPHONENUMBER_INVALID_COUNTRY_CODE, INVALID_COUNTRY_CODE);
CPHONENUMBER_SAME(CPHONENUMBER_TOO_SHORT, TOO_SHORT);
CPHONENUMBER_SAME(CPHONENUMBER_INVALID_LENGTH, INVALID_LENGTH);
CPHONENUMBER_SAME(CPHONENUMBER_TOO_LONG, TOO_LONG);
CPHONENUMBER_SAME(CPHONENUMBER_TOO_LONG, kMaxValidationResult);

CPHONENUMBER_SAME(CPHONENUMBER_FIXED_LINE, FIXED_LINE);
CPHONENUMBER_SAME(CPHONENUMBER_MOBILE, MOBILE);
CPHONENUMBER_SAME(CPHONENUMBER_FIXED_LINE_OR_MOBILE, FIXED_LINE_OR_MOBILE);
CPHONENUMBER_SAME(CPHONENUMBER_TOLL_FREE, TOLL_FREE);
CPHONENUMBER_SAME(CPHONENUMBER_PREMIUM_RATE, PREMIUM_RATE);
CPHONENUMBER_SAME(CPHONENUMBER_SHARED_COST, SHARED_COST);
CPHONENUMBER_SAME(CPHONENUMBER_VOIP, VOIP);
CPHONENUMBER_SAME(CPHONENUMBER_PERSONAL_NUMBER, PERSONAL_NUMBER);
CPHONENUMBER_SAME(CPHONENUMBER_PAGER, PAGER);
CPHONENUMBER_SAME(CPHONENUMBER_UAN, UAN);
CPHONENUMBER_SAME(CPHONENUMBER_VOICEMAIL, VOICEMAIL);
CPHONENUMBER_SAME(CPHONENUMBER_UNKNOWN, UNKNOWN);

namespace {

/// Copies `text` and a NUL into `buffer`; false when it does not fit.
template <size_t N>
bool copy(const std::string &text, char (&buffer)[N]) {
    if (text.size() >= N) {
        return false;
    }
    std::memcpy(buffer, text.data(), text.size());
    buffer[text.size()] = '\0';
    return true;
}

}  // namespace

extern "C" int cphonenumber_parse(const char *text, size_t length, const char *default_region,
                                  cphonenumber_result *result) {
    try {
        *result = cphonenumber_result{};
        const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
        const std::string region(default_region);
        // 0 for a region without metadata; libphonenumber logs nothing (its logger is a NullLogger).
        result->region_known = util.GetCountryCodeForRegion(region) != 0;

        PhoneNumber number;
        PhoneNumberUtil::ErrorType error = util.Parse(std::string(text, length), region, &number);
        result->parse_error = error;
        if (error != PhoneNumberUtil::NO_PARSING_ERROR) {
            return 0;
        }
        result->valid = util.IsValidNumber(number);
        result->possibility = util.IsPossibleNumberWithReason(number);
        result->type = util.GetNumberType(number);
        result->country_code = number.country_code();

        std::string formatted, number_region;
        util.Format(number, PhoneNumberUtil::E164, &formatted);
        util.GetRegionCodeForNumber(number, &number_region);
        if (!copy(formatted, result->e164) || !copy(number_region, result->region) ||
            !copy(number.extension(), result->extension)) {
            return -1;
        }
        return 0;
    } catch (...) {
        return -1;
    }
}
