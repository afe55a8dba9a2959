import Curl
import Testing

@Suite struct LibraryVersionTests {
    @Test("libcurl is linked and reports its version")
    func versions() {
        #expect(Curl.version.split(separator: ".").count >= 2)
    }
}
