#include "CLedgerJSON.h"
#include <simdjson.h>
#include <algorithm>
#include <cstring>
#include <iterator>
#include <new>
#include <string>
#include <vector>

static_assert(LEDGERJSON_PADDING >= simdjson::SIMDJSON_PADDING, "LEDGERJSON_PADDING must cover simdjson's");

struct ledgerjson_parser {
    simdjson::dom::parser dom;
    std::vector<ledgerjson_token> tokens;
    std::string padded;  // only for input without room for the padding
    int32_t slots[LEDGERJSON_SLOTS];
};

namespace {

void append(std::vector<ledgerjson_token> &out, std::string_view key, bool hasKey, simdjson::dom::element value) {
    using simdjson::dom::element_type;
    size_t index = out.size();
    ledgerjson_token token{};
    if (hasKey) {
        token.key = key.data();
        token.key_length = static_cast<uint32_t>(key.size());
        std::memcpy(&token.key_word, key.data(), key.size() < 8 ? key.size() : 8);
    }
    out.push_back(token);
    switch (value.type()) {
    case element_type::OBJECT:
        out[index].kind = LEDGERJSON_OBJECT;
        for (auto member : simdjson::dom::object(value)) {
            size_t memberIndex = out.size();
            append(out, member.key, true, member.value);
            out[index].names |= uint64_t(1) << ledgerjson_name_bit(out[memberIndex].key_word, out[memberIndex].key_length);
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

/// The index of a member of `object` whose name an earlier member has, or 0.
size_t find_duplicate_member(const std::vector<ledgerjson_token> &tokens, size_t object) {
    for (size_t member = object + 1; member < tokens[object].next; member = tokens[member].next) {
        const ledgerjson_token &key = tokens[member];
        for (size_t earlier = object + 1; earlier < member; earlier = tokens[earlier].next) {
            const ledgerjson_token &other = tokens[earlier];
            if (other.key_length == key.key_length && other.key_word == key.key_word &&
                std::memcmp(other.key, key.key, key.key_length) == 0) {
                return member;
            }
        }
    }
    return 0;
}

/// Fills `slots` with the root object's members and returns the index of a member whose
/// name an earlier member of any object has, or 0.
///
/// Two members of one name share a slot, so the root object (about ten members) is
/// compared pairwise only when a slot is shared; nested objects are small and rare.
size_t index_members(const std::vector<ledgerjson_token> &tokens, int32_t *slots) {
    std::fill(slots, slots + LEDGERJSON_SLOTS, -1);
    bool shared = false;
    if (tokens[0].kind == LEDGERJSON_OBJECT) {
        for (uint32_t member = 1; member < tokens[0].next; member = tokens[member].next) {
            int32_t &slot = slots[ledgerjson_slot(tokens[member].key_word, tokens[member].key_length)];
            shared = shared || slot != -1;
            slot = slot == -1 ? static_cast<int32_t>(member) : -2;
        }
    }
    for (size_t object = shared ? 0 : 1; object < tokens.size(); object++) {
        if (tokens[object].kind == LEDGERJSON_OBJECT) {
            if (size_t duplicate = find_duplicate_member(tokens, object)) {
                return duplicate;
            }
        }
    }
    return 0;
}

}  // namespace

extern "C" ledgerjson_parser *ledgerjson_parser_create(void) {
    return new (std::nothrow) ledgerjson_parser();
}

extern "C" void ledgerjson_parser_destroy(ledgerjson_parser *parser) {
    delete parser;
}

extern "C" int ledgerjson_parse(ledgerjson_parser *parser, const char *bytes, size_t length, size_t capacity,
                                const ledgerjson_token **tokens, size_t *count, const int32_t **slots) {
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
        if (size_t duplicate = index_members(parser->tokens, parser->slots)) {
            *count = duplicate;
            return LEDGERJSON_DUPLICATE_KEY;
        }
        *slots = parser->slots;
        return 0;
    } catch (const std::bad_alloc &) {
        return static_cast<int>(simdjson::MEMALLOC);
    }
}

extern "C" const char *ledgerjson_error_message(int code) {
    if (code == LEDGERJSON_DUPLICATE_KEY) {
        return "an object has two members with the same name";
    }
    return simdjson::error_message(static_cast<simdjson::error_code>(code));
}

extern "C" const char *ledgerjson_implementation(void) {
    return simdjson::get_active_implementation()->name().data();
}
