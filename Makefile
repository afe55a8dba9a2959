# dunning: build, demo and test entry points (the README's quick start uses these).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libsimdjson-dev python3 python3-pip libcurl4-openssl-dev libgmime-3.0-dev openssl ca-certificates \
	libc-ares-dev libidn2-dev dnsmasq-base libphonenumber-dev systemd libsystemd-dev

.PHONY: deps build demo test bench clean

# Debian packages the build and the tests need; aiosmtpd (PyPI) is the tests' SMTP server.
deps:
	@if ! dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(APT_PACKAGES); fi

	@python3 -c 'import aiosmtpd' 2>/dev/null || python3 -m pip install -q aiosmtpd \
		|| python3 -m pip install -q --break-system-packages aiosmtpd

build: deps
	swift build

# The main job on the shipped example (see scripts/demo.sh).
demo: build
	scripts/demo.sh

test: deps
	swift test

bench: deps
	swift run -c release dunning-bench

clean:
	rm -rf .build
