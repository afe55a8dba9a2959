internal import CGMime
import Glibc

extension MIME {
    /// Writes `message` as RFC 5322 bytes with CRLF line ends, through GMime.
    ///
    /// GMime encodes and folds the headers (RFC 2047 for non-ASCII text, at most 78
    /// characters a line where a header has room to fold) and encodes the bodies; the
    /// format options turn every line end into CRLF. The same `message` gives the same
    /// bytes: boundaries come from the caller, the date from `message.date`.
    public static func write(_ message: Message) -> [UInt8] {
        initialize()
        for header in message.headerValues { checkHeaderValue(header) }
        // No "pretty" placeholders: headers come out in the order they are set here, each
        // under the name given (`Message-ID`, not GMime's `Message-Id`).
        guard let gmessage = g_mime_message_new(0) else { preconditionFailure("g_mime_message_new returned NULL") }
        defer { g_object_unref(gmessage) }
        let object = cgmime_object(gmessage)

        g_mime_object_append_header(object, "Message-ID", "<\(message.messageID)>", nil)
        guard let utc = g_date_time_new_from_unix_utc(gint64(message.date)) else {
            preconditionFailure("g_date_time_new_from_unix_utc(\(message.date)) returned NULL")
        }
        defer { g_date_time_unref(utc) }
        guard let zone = g_time_zone_new_offset(message.utcOffset) else { preconditionFailure("g_time_zone_new_offset returned NULL") }
        defer { g_time_zone_unref(zone) }
        guard let date = g_date_time_to_timezone(utc, zone) else { preconditionFailure("g_date_time_to_timezone returned NULL") }
        g_mime_message_set_date(gmessage, date)
        g_date_time_unref(date)
        for mailbox in message.from { g_mime_message_add_mailbox(gmessage, GMIME_ADDRESS_TYPE_FROM, mailbox.name, mailbox.address) }
        for mailbox in message.replyTo { g_mime_message_add_mailbox(gmessage, GMIME_ADDRESS_TYPE_REPLY_TO, mailbox.name, mailbox.address) }
        for mailbox in message.to { g_mime_message_add_mailbox(gmessage, GMIME_ADDRESS_TYPE_TO, mailbox.name, mailbox.address) }
        g_mime_message_set_subject(gmessage, message.subject, "utf-8")
        g_mime_object_append_header(object, "MIME-Version", "1.0", nil)
        for header in message.headers { g_mime_object_append_header(object, header.name, header.value, "utf-8") }

        let body = makeObject(message.body)
        g_mime_message_set_mime_part(gmessage, body)
        g_object_unref(body)
        return bytes(of: object)
    }

    /// A new GMime object for `body`; the caller owns one reference.
    private static func makeObject(_ body: Body) -> UnsafeMutablePointer<GMimeObject> {
        switch body {
        case .text(let subtype, let text):
            guard let part = g_mime_text_part_new_with_subtype(subtype) else {
                preconditionFailure("g_mime_text_part_new_with_subtype(\(subtype)) returned NULL")
            }
            setContent(cgmime_part(part), normalizingLineEnds(Array(text.utf8)))
            g_mime_text_part_set_charset(part, "utf-8")
            let leaf = cgmime_part(part)
            g_mime_part_set_content_encoding(leaf, g_mime_part_get_best_content_encoding(leaf, GMIME_ENCODING_CONSTRAINT_7BIT))
            return cgmime_object(part)
        case .attachment(let mediaType, let filename, let data):
            let type = mediaType.split(separator: "/", maxSplits: 1).map(String.init)
            precondition(type.count == 2, "media type \(mediaType) is not type/subtype")
            guard let part = g_mime_part_new_with_type(type[0], type[1]) else {
                preconditionFailure("g_mime_part_new_with_type(\(mediaType)) returned NULL")
            }
            setContent(part, data)
            g_mime_part_set_filename(part, filename)
            g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64)
            return cgmime_object(part)
        case .multipart(let subtype, let boundary, let parts):
            guard let type = g_mime_content_type_new("multipart", subtype) else {
                preconditionFailure("g_mime_content_type_new(multipart, \(subtype)) returned NULL")
            }
            g_mime_content_type_set_parameter(type, "boundary", boundary)
            let multipart = cgmime_multipart_new_with_content_type(type)  // takes its own reference
            g_object_unref(type)
            for child in parts {
                let object = makeObject(child)
                g_mime_multipart_add(multipart, object)  // takes its own reference
                g_object_unref(object)
            }
            return cgmime_object(multipart)
        }
    }

    /// Sets `data` as the part's decoded content (GMime copies it).
    private static func setContent(_ part: UnsafeMutablePointer<GMimePart>, _ data: [UInt8]) {
        let stream = data.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { g_mime_stream_mem_new_with_buffer($0.baseAddress, $0.count) }
        }
        guard let stream else { preconditionFailure("g_mime_stream_mem_new_with_buffer returned NULL") }
        defer { g_object_unref(stream) }
        guard let wrapper = g_mime_data_wrapper_new_with_stream(stream, GMIME_CONTENT_ENCODING_DEFAULT) else {
            preconditionFailure("g_mime_data_wrapper_new_with_stream returned NULL")
        }
        defer { g_object_unref(wrapper) }
        g_mime_part_set_content(part, wrapper)
    }

    /// `object` written with CRLF line ends into memory.
    static func bytes(of object: UnsafeMutablePointer<GMimeObject>) -> [UInt8] {
        guard let options = g_mime_format_options_new() else { preconditionFailure("g_mime_format_options_new returned NULL") }
        defer { g_mime_format_options_free(options) }
        g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS)
        guard let stream = g_mime_stream_mem_new() else { preconditionFailure("g_mime_stream_mem_new returned NULL") }
        defer { g_object_unref(stream) }
        // Writing to memory fails only when memory does.
        guard g_mime_object_write_to_stream(object, options, stream) >= 0 else {
            preconditionFailure("g_mime_object_write_to_stream into memory failed")
        }
        return byteArray(of: stream)
    }

    /// The bytes a memory stream holds.
    static func byteArray(of stream: UnsafeMutablePointer<GMimeStream>) -> [UInt8] {
        guard let array = g_mime_stream_mem_get_byte_array(cgmime_stream_mem(stream)), array.pointee.len > 0,
              let data = array.pointee.data
        else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: Int(array.pointee.len)))
    }

    /// Every line end (CRLF, lone CR, lone LF) as LF, the form GMime's encoders and its
    /// CRLF output filter expect: CRLF would be written as CR CR LF, a lone CR as is.
    static func normalizingLineEnds(_ bytes: [UInt8]) -> [UInt8] {
        // Text without a CR (what templates give) comes back as it is, found with memchr.
        guard bytes.withUnsafeBytes({ $0.baseAddress.flatMap { memchr($0, 13, bytes.count) } }) != nil else { return bytes }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 13 {
                result.append(10)
                if index + 1 < bytes.count, bytes[index + 1] == 10 { index += 1 }
            } else {
                result.append(byte)
            }
            index += 1
        }
        return result
    }

    private static func checkHeaderValue(_ value: String) {
        precondition(!value.utf8.contains { $0 == 13 || $0 == 10 || $0 == 0 },
                     "a header value with CR, LF or NUL reached MIME.write; callers must reject it")
    }
}

extension MIME.Message {
    /// Every string that ends up in a header, for the CR/LF/NUL check.
    fileprivate var headerValues: [String] {
        var values = [messageID, subject]
        for mailbox in from + replyTo + to {
            values.append(mailbox.address)
            if let name = mailbox.name { values.append(name) }
        }
        for header in headers { values += [header.name, header.value] }
        var bodies = [body]
        while let next = bodies.popLast() {
            switch next {
            case .text(let subtype, _): values.append(subtype)
            case .attachment(let mediaType, let filename, _): values += [mediaType, filename]
            case .multipart(let subtype, let boundary, let parts): values += [subtype, boundary]; bodies += parts
            }
        }
        return values
    }
}
