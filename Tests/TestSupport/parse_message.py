#!/usr/bin/env python3
"""Reads one RFC 5322 message (path in argv[1]) with Python's `email` package
(policy.default, the modern, strict-ish parser) and prints what it found as JSON:

{"headers": [[name, decoded value], ...],
 "addresses": {"from": [{"name", "addr"}], "to": [...], "reply-to": [...]},
 "defects": ["..."],                      # parser complaints, whole message and parts
 "parts": [{"content_type", "charset", "filename", "disposition",
            "text" (text/* decoded to str, else null),
            "sha256", "size" (of the decoded bytes)}]}   # every part, multiparts included

Used by the MailTests through TestSupport.MIMEPythonParser: an independent reader of
what MessageComposer writes.
"""
import email
import email.policy
import hashlib
import json
import sys


def main() -> None:
    with open(sys.argv[1], "rb") as handle:
        message = email.message_from_bytes(handle.read(), policy=email.policy.default)
    headers = [[name, str(value)] for name, value in message.items()]
    addresses = {}
    for name in ("from", "to", "reply-to"):
        header = message[name]
        if header is not None:
            addresses[name] = [{"name": a.display_name, "addr": a.addr_spec} for a in header.addresses]
    defects = [repr(d) for d in message.defects]
    parts = []
    for part in message.walk():
        defects += [repr(d) for d in part.defects]
        entry = {
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "filename": part.get_filename(),
            "disposition": part.get_content_disposition(),
            "text": None,
            "sha256": None,
            "size": None,
        }
        if not part.is_multipart():
            payload = part.get_payload(decode=True)
            entry["sha256"] = hashlib.sha256(payload).hexdigest()
            entry["size"] = len(payload)
            if part.get_content_maintype() == "text":
                entry["text"] = part.get_content()
        parts.append(entry)
    json.dump({"headers": headers, "addresses": addresses, "defects": defects, "parts": parts},
              sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
