import Curl
import MIME
import Testing

@Suite struct LibraryVersionTests {
    @Test("libcurl and GMime 3 are linked and report their versions")
    func versions() {
        #expect(Curl.version.split(separator: ".").count >= 2)
        #expect(MIME.version.hasPrefix("3."))
    }
}
