import Curl
import Testing

/// `CurlError`: libcurl's codes as Swift values.
@Suite struct CurlErrorTests {
    @Test("a libcurl error code matches its Swift name in a catch")
    func curlErrorPattern() {
        let error: any Error = CurlError.couldNotConnect
        switch error {
        case CurlError.operationTimedOut: Issue.record("matched the wrong code")
        case CurlError.couldNotConnect: break
        default: Issue.record("did not match")
        }
        #expect(CurlError.couldNotConnect.description == "Couldn't connect to server")
    }
}
