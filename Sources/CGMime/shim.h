// CGMime: GNU GMime 3 for Swift. Only what Swift cannot import goes here (see the MIME target).
//
// GObject's casts and type checks are macros (G_TYPE_CHECK_INSTANCE_CAST and
// G_TYPE_CHECK_INSTANCE_TYPE over a GType getter), which Swift does not import. Each shim
// below is one such macro as a function, named after it. The casts are checked: a wrong
// type makes GLib log a critical warning and return the pointer unchanged, as in C.
// g_object_unref is a plain function and is called from Swift directly. The shims take and
// return non-null pointers (_Nonnull), so Swift sees no optionals where there are none.
#include <gmime/gmime.h>

// GMIME_OBJECT: any GMime part, multipart or message as the GMimeObject it derives from
// (the type g_mime_object_write_to_stream, set_header and g_mime_multipart_add take).
static inline GMimeObject *_Nonnull cgmime_object(void *_Nonnull object) { return GMIME_OBJECT(object); }

// GMIME_PART: a leaf part (a GMimeTextPart is one) for the g_mime_part_* calls.
static inline GMimePart *_Nonnull cgmime_part(void *_Nonnull object) { return GMIME_PART(object); }

// GMIME_TEXT_PART: a parsed leaf known to be text, for g_mime_text_part_get_text.
static inline GMimeTextPart *_Nonnull cgmime_text_part(void *_Nonnull object) { return GMIME_TEXT_PART(object); }

// GMIME_STREAM_MEM: the memory stream g_mime_stream_mem_new returns as a GMimeStream,
// for g_mime_stream_mem_get_byte_array.
static inline GMimeStreamMem *_Nonnull cgmime_stream_mem(GMimeStream *_Nonnull stream) { return GMIME_STREAM_MEM(stream); }

// GMIME_IS_PART: is this object a leaf (text or file), as opposed to a multipart or an
// embedded message? The parser walks a tree of GMimeObjects.
static inline gboolean cgmime_is_part(void *_Nonnull object) { return GMIME_IS_PART(object); }

// GMIME_IS_TEXT_PART: is this leaf text/*, whose content GMime converts to UTF-8?
static inline gboolean cgmime_is_text_part(void *_Nonnull object) { return GMIME_IS_TEXT_PART(object); }

// INTERNET_ADDRESS_IS_MAILBOX: is this parsed address a mailbox (not a group)?
static inline gboolean cgmime_is_mailbox(void *_Nonnull address) { return INTERNET_ADDRESS_IS_MAILBOX(address); }

// INTERNET_ADDRESS_MAILBOX: a parsed address known to be a mailbox, for its addr-spec.
static inline InternetAddressMailbox *_Nonnull cgmime_mailbox(void *_Nonnull address) { return INTERNET_ADDRESS_MAILBOX(address); }

// GMIME_IS_MESSAGE_PART: is this object an embedded message (message/rfc822, message/global),
// whose headers a bounce returns? The part iterator descends into it but yields no headers.
static inline gboolean cgmime_is_message_part(void *_Nonnull object) { return GMIME_IS_MESSAGE_PART(object); }

// GMIME_MESSAGE_PART: an object known to be an embedded message, for g_mime_message_part_get_message.
static inline GMimeMessagePart *_Nonnull cgmime_message_part(void *_Nonnull object) { return GMIME_MESSAGE_PART(object); }

// A multipart with its Content-Type given whole, boundary included. g_mime_multipart_new and
// g_mime_multipart_new_with_subtype first draw a random boundary from /dev/urandom (an open,
// a read and a close per message), which a caller that sets its own boundary never uses.
static inline GMimeMultipart *_Nonnull cgmime_multipart_new_with_content_type(GMimeContentType *_Nonnull type) {
    GMimeMultipart *multipart = GMIME_MULTIPART(g_object_new(GMIME_TYPE_MULTIPART, NULL));
    g_mime_object_set_content_type(GMIME_OBJECT(multipart), type);
    return multipart;
}
