internal import CGMime

extension MIME {
    /// A message read back: its top-level headers and its leaf parts.
    public struct ParsedMessage: Sendable, Equatable {
        /// Top-level headers in order, unfolded, RFC 2047 encoded words decoded to UTF-8.
        public var headers: [Header]
        /// The same headers as written: folded, encoded words still encoded.
        public var rawHeaders: [Header]
        /// Every leaf part (not multiparts), depth-first, in the order they appear.
        public var parts: [ParsedPart]
        /// The decoded headers of every embedded message (`message/rfc822`, `message/global`),
        /// depth-first: what a bounce returns of the message that failed. Its leaf parts are in
        /// `parts`.
        public var embeddedHeaders: [[Header]]

        public init(headers: [Header], rawHeaders: [Header], parts: [ParsedPart], embeddedHeaders: [[Header]] = []) {
            self.headers = headers
            self.rawHeaders = rawHeaders
            self.parts = parts
            self.embeddedHeaders = embeddedHeaders
        }

        /// The first header called `name` (any case), or nil.
        public func header(_ name: String) -> String? {
            let lowered = name.lowercased()
            return headers.first { $0.name.lowercased() == lowered }?.value
        }

        /// The mailboxes of the first header called `name` (`From`, `To`, …), names decoded
        /// (nil when there is none), white space runs as one space; members of groups are left out. Parsed from the raw value, so a quoted comma in a
        /// name stays in the name.
        public func mailboxes(_ name: String) -> [Mailbox] {
            let lowered = name.lowercased()
            guard let raw = rawHeaders.first(where: { $0.name.lowercased() == lowered })?.value else { return [] }
            return MIME.mailboxes(raw)
        }
    }

    /// One leaf part of a parsed message.
    public struct ParsedPart: Sendable, Equatable {
        /// `type/subtype`, e.g. `text/plain`, `application/pdf`.
        public var contentType: String
        /// The `charset` parameter, if any.
        public var charset: String?
        /// The filename from `Content-Disposition` (or `Content-Type`'s `name`), decoded.
        public var filename: String?
        /// The content with its transfer encoding (base64, quoted-printable) undone.
        public var data: [UInt8]
        /// For `text/*`: the content converted from its charset to UTF-8. Line ends are as in
        /// the message (CRLF on the wire).
        public var text: String?

        public init(contentType: String, charset: String? = nil, filename: String? = nil, data: [UInt8], text: String? = nil) {
            self.contentType = contentType
            self.charset = charset
            self.filename = filename
            self.data = data
            self.text = text
        }
    }

    /// Why bytes could not be read as a message.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        /// GMime found no message in the bytes.
        case notAMessage

        public var description: String {
            switch self {
            case .notAMessage: "not an RFC 5322 message"
            }
        }
    }

    /// Reads an RFC 5322 message (CRLF or LF line ends) through GMime's parser.
    public static func parse(_ bytes: [UInt8]) throws(ParseError) -> ParsedMessage {
        initialize()
        let stream = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { g_mime_stream_mem_new_with_buffer($0.baseAddress, $0.count) }
        }
        guard let stream else { preconditionFailure("g_mime_stream_mem_new_with_buffer returned NULL") }
        defer { g_object_unref(stream) }
        guard let parser = g_mime_parser_new_with_stream(stream) else { preconditionFailure("g_mime_parser_new_with_stream returned NULL") }
        defer { g_object_unref(parser) }
        guard let message = g_mime_parser_construct_message(parser, nil) else { throw .notAMessage }
        defer { g_object_unref(message) }
        let object = cgmime_object(message)
        let (headers, rawHeaders) = headers(of: object)
        let (parts, embedded) = leaves(of: object)
        return ParsedMessage(headers: headers, rawHeaders: rawHeaders, parts: parts, embeddedHeaders: embedded)
    }

    /// The decoded header fields of a block of `Name: value` lines (folded lines unfolded),
    /// read by GMime's header parser: a `text/rfc822-headers` part, or one block of a
    /// `message/delivery-status` part (RFC 3464 fields share RFC 5322's syntax). Parsing stops
    /// at the first empty line; bytes that are no header block give no fields.
    public static func headerFields(_ bytes: [UInt8]) -> [Header] {
        // Message headers end at an empty line; a block without one would be read on into
        // nothing, so one is added.
        do throws(ParseError) {
            return try parse(bytes + [10, 10]).headers
        } catch {
            switch error {
            case .notAMessage: return []
            }
        }
    }

    /// The mailboxes of an address header's raw value (`"Jan" <jan@example.nl>, …`).
    static func mailboxes(_ raw: String) -> [Mailbox] {
        // Unfolded first: GMime keeps a fold's CRLF inside a display name otherwise.
        let unfolded = String(decoding: Array(raw.utf8).filter { $0 != 13 && $0 != 10 }, as: UTF8.self)
        guard let list = internet_address_list_parse(nil, unfolded) else { return [] }
        defer { g_object_unref(list) }
        var mailboxes: [Mailbox] = []
        for index in 0..<internet_address_list_length(list) {
            guard let address = internet_address_list_get_address(list, index), cgmime_is_mailbox(address) != 0,
                  let addr = internet_address_mailbox_get_addr(cgmime_mailbox(address))
            else { continue }
            // Folding white space in a phrase means one space (RFC 5322 3.2.2); GMime keeps it as is.
            let name = internet_address_get_name(address)
                .map { String(cString: $0).split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ") }
                .flatMap { $0.isEmpty ? nil : $0 }
            mailboxes.append(Mailbox(name: name, address: String(cString: addr)))
        }
        return mailboxes
    }

    /// The headers decoded, and as written.
    private static func headers(of object: UnsafeMutablePointer<GMimeObject>) -> ([Header], [Header]) {
        guard let list = g_mime_object_get_header_list(object) else { return ([], []) }
        var headers: [Header] = []
        var rawHeaders: [Header] = []
        for index in 0..<g_mime_header_list_get_count(list) {
            guard let header = g_mime_header_list_get_header_at(list, index),
                  let cName = g_mime_header_get_name(header)
            else { continue }
            let name = String(cString: cName)
            headers.append(Header(name: name, value: g_mime_header_get_value(header).map { String(cString: $0) } ?? ""))
            rawHeaders.append(Header(name: name, value: g_mime_header_get_raw_value(header).map { String(cString: $0) } ?? ""))
        }
        return (headers, rawHeaders)
    }

    /// The leaf parts and the headers of the embedded messages, depth-first.
    private static func leaves(of message: UnsafeMutablePointer<GMimeObject>) -> ([ParsedPart], [[Header]]) {
        guard let iterator = g_mime_part_iter_new(message) else { preconditionFailure("g_mime_part_iter_new returned NULL") }
        defer { g_mime_part_iter_free(iterator) }
        var parts: [ParsedPart] = []
        var embedded: [[Header]] = []
        guard g_mime_part_iter_is_valid(iterator) != 0 else { return (parts, embedded) }
        repeat {
            guard let current = g_mime_part_iter_get_current(iterator) else { continue }
            if cgmime_is_part(current) != 0 {
                parts.append(leaf(current))
            } else if cgmime_is_message_part(current) != 0, let inner = g_mime_message_part_get_message(cgmime_message_part(current)) {
                embedded.append(headers(of: cgmime_object(inner)).0)
            }
        } while g_mime_part_iter_next(iterator) != 0
        return (parts, embedded)
    }

    private static func leaf(_ object: UnsafeMutablePointer<GMimeObject>) -> ParsedPart {
        let part = cgmime_part(object)
        var contentType = "application/octet-stream"
        var charset: String?
        if let type = g_mime_object_get_content_type(object) {
            if let mime = g_mime_content_type_get_mime_type(type) {
                contentType = String(cString: mime).lowercased()
                g_free(mime)
            }
            charset = g_mime_content_type_get_parameter(type, "charset").map { String(cString: $0) }
        }
        let filename = g_mime_part_get_filename(part).map { String(cString: $0) }
        var data: [UInt8] = []
        if let content = g_mime_part_get_content(part) {
            guard let out = g_mime_stream_mem_new() else { preconditionFailure("g_mime_stream_mem_new returned NULL") }
            defer { g_object_unref(out) }
            if g_mime_data_wrapper_write_to_stream(content, out) >= 0 { data = byteArray(of: out) }
        }
        var text: String?
        if cgmime_is_text_part(object) != 0, let converted = g_mime_text_part_get_text(cgmime_text_part(object)) {
            text = String(cString: converted)
            g_free(converted)
        }
        return ParsedPart(contentType: contentType, charset: charset, filename: filename, data: data, text: text)
    }
}
