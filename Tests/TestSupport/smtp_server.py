#!/usr/bin/env python3
"""A real SMTP server for dunning's tests (aiosmtpd on loopback).

Binds 127.0.0.1 on a free port, prints the port as one line on stdout when it accepts
connections, and stores every message it accepts in --store:
  NNNNNN.eml   the bytes received (envelope.original_content: un-dot-stuffed, CRLF kept)
  NNNNNN.json  the envelope and the session: mail_from, rcpt_tos, peer, tls, login, reply
The .json is written last (by rename), so a reader that lists *.json sees whole pairs.

Misbehaviour on request, per recipient address:
  --reject ADDR         550 to RCPT TO
  --reject-data ADDR    554 after the message (the end of DATA)
  --defer-once ADDR     451 after the message, once; the next attempt is accepted
  --drop-after-data ADDR  reads the whole message, stores it, closes the connection: no reply
  --delay-ms N          waits N ms before answering the end of DATA (a slow server)
  --tls-cert/--tls-key  offer STARTTLS and require it before MAIL
  --implicit-tls        TLS from the first byte (smtps) with the same cert and key
  --auth-user/--auth-password  require AUTH (PLAIN or LOGIN) with these credentials
A missing aiosmtpd is an import error: exit 1 before the port line, so the test fails.
"""
import argparse
import asyncio
import json
import os
import signal
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, args):
        self.args = args
        self.count = 0
        self.stored = 0
        self.deferred = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.args.reject:
            return "550 5.1.1 <%s>: Recipient address rejected" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.args.delay_ms:
            await asyncio.sleep(self.args.delay_ms / 1000)
        recipients = set(envelope.rcpt_tos)
        if recipients & set(self.args.reject_data):
            return "554 5.7.1 Message rejected by policy"
        once = recipients & set(self.args.defer_once) - self.deferred
        if once:
            self.deferred |= once
            return "451 4.7.1 Try again later"
        if recipients & set(self.args.drop_after_data):
            self.store(session, envelope, server, reply=None)
            server.transport.close()
            return "250 never sent"
        self.count += 1
        reply = "250 2.0.0 Ok: queued as Q%06d" % self.count
        self.store(session, envelope, server, reply=reply)
        return reply

    def store(self, session, envelope, server, reply):
        self.stored += 1
        name = os.path.join(self.args.store, "%06d" % self.stored)
        with open(name + ".eml", "wb") as f:
            f.write(envelope.original_content)
        sidecar = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "peer": list(session.peer[:2]),
            "tls": server.transport.get_extra_info("sslcontext") is not None,
            "login": session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
            "reply": reply,
        }
        with open(name + ".json.tmp", "w") as f:
            json.dump(sidecar, f)
        os.replace(name + ".json.tmp", name + ".json")


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == user.encode() and auth_data.password == password.encode())
        # handled=False: aiosmtpd answers 535 itself (handled=True would leave the client waiting).
        return AuthResult(success=ok, handled=False, auth_data=auth_data)
    return check


async def main(args):
    context = None
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
    handler = Handler(args)
    loop = asyncio.get_running_loop()

    def factory():
        options = dict(hostname="dunning-test", decode_data=False, loop=loop)
        if context and not args.implicit_tls:
            options.update(tls_context=context, require_starttls=True)
        if args.auth_user is not None:
            options.update(auth_required=True, auth_require_tls=context is not None,
                           authenticator=authenticator(args.auth_user, args.auth_password))
        return SMTP(handler, **options)

    server = await loop.create_server(factory, host="127.0.0.1", port=0,
                                      ssl=context if args.implicit_tls else None)
    stop = asyncio.Event()
    # A parent may hand down a blocked SIGTERM (threads of a test runner); take it back.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    print(server.sockets[0].getsockname()[1], flush=True)
    await stop.wait()
    server.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--reject", action="append", default=[])
    parser.add_argument("--reject-data", action="append", default=[])
    parser.add_argument("--defer-once", action="append", default=[])
    parser.add_argument("--drop-after-data", action="append", default=[])
    parser.add_argument("--delay-ms", type=int, default=0)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--auth-user")
    parser.add_argument("--auth-password")
    arguments = parser.parse_args()
    if arguments.implicit_tls and not arguments.tls_cert:
        parser.error("--implicit-tls needs --tls-cert and --tls-key")
    os.makedirs(arguments.store, exist_ok=True)
    asyncio.run(main(arguments))
    sys.exit(0)
