import Foundation

extension CSVFile {
    /// `data` as text: UTF-8, a leading byte order mark dropped.
    ///
    /// Anything else is refused, naming the line and byte column of the first byte that is
    /// not UTF-8, with what that byte would be in Windows-1252 (what Excel writes for "CSV"
    /// on a Western European Windows). There is no guessing and converting: the same byte
    /// is another letter in Windows-1250 or ISO 8859-16 (Romanian exports), and a wrong
    /// guess would put a wrong name in a letter.
    static func text(of data: Data, path: String) throws(ImportError) -> String {
        if let bad = firstInvalidByte(in: data) {
            let byte = data[data.startIndex + bad.offset]
            let hex = "0x" + String(byte, radix: 16, uppercase: true)
            let guess = String(data: Data([byte]), encoding: .windowsCP1252).map { " ('\($0)' in Windows-1252)" } ?? ""
            throw ImportError(path: path, line: bad.line, column: bad.column,
                              message: "byte \(hex)\(guess) is not UTF-8: export the file as UTF-8 (in Excel: \"CSV UTF-8\") and import it again")
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }

    /// Where the first byte that does not start a valid UTF-8 sequence is: its offset in
    /// `data`, its 1-based line and its 1-based byte column in that line; `nil` for valid UTF-8.
    static func firstInvalidByte(in data: Data) -> (offset: Int, line: Int, column: Int)? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = data.makeIterator()
        var offset = 0, line = 1, lineStart = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1, encoded.first == UInt8(ascii: "\n") {
                    line += 1
                    lineStart = offset + 1
                }
                offset += encoded.count
            case .error:
                return (offset, line, offset - lineStart + 1)
            case .emptyInput:
                return nil
            }
        }
    }
}
