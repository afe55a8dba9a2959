/// Bounce messages as an MTA writes them, for the intake tests.
public enum BounceMessages {
    /// An RFC 3464 report from Postfix about `recipient`, delivered to `deliveredTo`, quoting
    /// the headers of the message `messageID` (nil: no returned headers).
    public static func dsn(recipient: String, status: String = "5.1.1", action: String = "failed",
                    deliveredTo: String = "bounce@voorbeeld.nl", messageID: String? = nil, queueID: String = "4AbCdEf") -> [UInt8] {
        let returned = messageID.map {
            """
            --B\r
            Content-Description: Undelivered Message Headers\r
            Content-Type: text/rfc822-headers\r
            \r
            Message-ID: <\($0)>\r
            From: Voorbeeld B.V. <debiteuren@voorbeeld.nl>\r
            To: <\(recipient)>\r
            Subject: Herinnering\r
            \r

            """
        } ?? ""
        return Array("""
            Return-Path: <>\r
            Delivered-To: \(deliveredTo)\r
            From: MAILER-DAEMON@mx.voorbeeld.nl (Mail Delivery System)\r
            To: \(deliveredTo)\r
            Subject: Undelivered Mail Returned to Sender\r
            Auto-Submitted: auto-replied\r
            Message-Id: <\(queueID)@mx.voorbeeld.nl>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r
            \r
            --B\r
            Content-Type: text/plain; charset=us-ascii\r
            \r
            I'm sorry to have to inform you that your message could not be delivered.\r
            \r
            --B\r
            Content-Type: message/delivery-status\r
            \r
            Reporting-MTA: dns; mx.voorbeeld.nl\r
            X-Postfix-Queue-ID: \(queueID)\r
            \r
            Final-Recipient: rfc822; \(recipient)\r
            Original-Recipient: rfc822;\(recipient)\r
            Action: \(action)\r
            Status: \(status)\r
            Diagnostic-Code: smtp; 550 \(status) <\(recipient)>: Recipient address rejected: User unknown\r
            \r
            \(returned)--B--\r

            """.utf8)
    }

    public static let outOfOffice = Array("""
        From: Jan <jan@klant.nl>\r
        To: bounce+x@voorbeeld.nl\r
        Subject: Afwezig: Herinnering\r
        Auto-Submitted: auto-replied\r
        X-Autoreply: yes\r
        \r
        Ik ben tot 1 december afwezig.\r

        """.utf8)
}
