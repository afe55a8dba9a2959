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

    @Test("each Swift name stands for libcurl's code of that name (curl/curl.h)", arguments: [
        (CurlError.unsupportedProtocol, 1), (.failedInit, 2), (.malformedURL, 3), (.couldNotResolveHost, 6), (.couldNotConnect, 7),
        (.weirdServerReply, 8), (.outOfMemory, 27), (.operationTimedOut, 28), (.abortedByCallback, 42), (.badFunctionArgument, 43),
        (.unknownOption, 48), (.gotNothing, 52), (.sslConnectError, 35), (.sslCertificateProblem, 58), (.badCAFile, 77),
        (.peerFailedVerification, 60), (.tlsRequiredButUnavailable, 64), (.sendError, 55), (.receiveError, 56),
        (.sendFailRewind, 65), (.loginDenied, 67), (.readError, 26),
    ] as [(CurlError, Int32)])
    func codes(error: CurlError, code: Int32) {
        #expect(error.rawValue == code)
        #expect(CurlError(rawValue: code) == error)
        #expect(error.call == nil)
    }

    @Test("errors are equal and hash by code alone; the failing call only shows in the description")
    func equality() {
        var withCall = CurlError(rawValue: 7)
        withCall.call = "curl_easy_perform"
        #expect(withCall == .couldNotConnect)
        #expect(Set([withCall, .couldNotConnect, .operationTimedOut]).count == 2)
        #expect(withCall.description == "curl_easy_perform: Couldn't connect to server")
        #expect(CurlError.operationTimedOut.description == "Timeout was reached")
    }

    @Test("a catch pattern matches only a CurlError of that code")
    func pattern() {
        struct Other: Error {}
        #expect(!(CurlError.couldNotConnect ~= Other()))
        #expect(!(CurlError.couldNotConnect ~= CurlError.operationTimedOut))
        #expect(CurlError.loginDenied ~= CurlError(rawValue: 67))
    }
}
