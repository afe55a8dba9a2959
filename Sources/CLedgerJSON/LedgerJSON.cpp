#include "CLedgerJSON.h"
#include <simdjson.h>
#include <new>
#include <string>
#include <vector>

static_assert(LEDGERJSON_PADDING >= simdjson::SIMDJSON_PADDING, "LEDGERJSON_PADDING must cover simdjson's");

struct ledgerjson_parser {
    simdjson::dom::parser dom;
    std::vector<ledgerjson_token> tokens;
    std::string padded;  // only for input without room for the padding
};

namespace {

void append(std::vector<ledgerjson_token> &out, std::string_view key, bool hasKey, simdjson::dom::element value) {
    using simdjson::dom::element_type;
    size_t index = out.size();
    ledgerjson_token token{};
    if (hasKey) {
        token.key = key.data();
        token.key_length = static_cast<uint32_t>(key.size());
    }
    out.push_back(token);
    switch (value.type()) {
    case element_type::OBJECT:
        out[index].kind = LEDGERJSON_OBJECT;
        for (auto member : simdjson::dom::object(value)) {
            append(out, member.key, true, member.value);
        }
        break;
    case element_type::ARRAY:
        out[index].kind = LEDGERJSON_ARRAY;
        for (auto element : simdjson::dom::array(value)) {
            append(out, std::string_view(), false, element);
        }
        break;
    case element_type::STRING: {
        std::string_view text(value);
        out[index].kind = LEDGERJSON_STRING;
        out[index].text = text.data();
        out[index].text_length = static_cast<uint32_t>(text.size());
        break;
    }
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: {
        out[index].kind = LEDGERJSON_NUMBER;
        break;
    }
    case element_type::BOOL:
        out[index].kind = bool(value) ? LEDGERJSON_TRUE : LEDGERJSON_FALSE;
        break;
    case element_type::NULL_VALUE:
        out[index].kind = LEDGERJSON_NULL;
        break;
    }
    out[index].next = static_cast<uint32_t>(out.size());
}

}  // namespace

extern "C" ledgerjson_parser *ledgerjson_parser_create(void) {
    return new (std::nothrow) ledgerjson_parser();
}

extern "C" void ledgerjson_parser_destroy(ledgerjson_parser *parser) {
    delete parser;
}

extern "C" int ledgerjson_parse(ledgerjson_parser *parser, const char *bytes, size_t length, size_t capacity,
                                const ledgerjson_token **tokens, size_t *count) {
    try {
        const char *input = bytes;
        if (capacity < length || capacity - length < LEDGERJSON_PADDING) {
            parser->padded.assign(bytes, length);
            parser->padded.append(LEDGERJSON_PADDING, '\0');
            input = parser->padded.data();
        }
        simdjson::dom::element root;
        auto error = parser->dom.parse(input, length, false).get(root);
        if (error) {
            return static_cast<int>(error);
        }
        parser->tokens.clear();
        append(parser->tokens, std::string_view(), false, root);
        *tokens = parser->tokens.data();
        *count = parser->tokens.size();
        return 0;
    } catch (const std::bad_alloc &) {
        return static_cast<int>(simdjson::MEMALLOC);
    }
}

extern "C" const char *ledgerjson_error_message(int code) {
    return simdjson::error_message(static_cast<simdjson::error_code>(code));
}

extern "C" const char *ledgerjson_implementation(void) {
    return simdjson::get_active_implementation()->name().data();
}
