import MIME
import Testing

/// `MIME.sha256Hex`: GLib's SHA-256 against the FIPS 180-2 test vectors.
@Suite struct MIMEDigestTests {
    @Test("SHA-256 of the standard test inputs, as 64 lowercase hex digits", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func vectors(input: String, expected: String) {
        #expect(MIME.sha256Hex(Array(input.utf8)) == expected)
    }

    @Test("a million bytes, and bytes that are no UTF-8, hash like any others")
    func largeAndBinary() {
        #expect(MIME.sha256Hex([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        let binary = (0...255).map { UInt8($0) }
        #expect(MIME.sha256Hex(binary) == "40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880")
        #expect(MIME.sha256Hex(binary) != MIME.sha256Hex(binary.reversed()))
    }
}
