import MIME
import Testing

@Suite struct MIMEVersionTests {
    @Test("GMime 3 is linked and reports its version")
    func version() {
        #expect(MIME.version.hasPrefix("3."))
    }
}
