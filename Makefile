# dunning: build, demo and test entry points (the README's quick start uses these).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libsimdjson-dev python3 python3-pip libcurl4-openssl-dev libgmime-3.0-dev openssl ca-certificates \
	libc-ares-dev libidn2-dev dnsmasq-base libphonenumber-dev dovecot-imapd postfix systemd libsystemd-dev faketime

.PHONY: deps build demo test bench clean install install-files uninstall

# Debian packages the build and the tests need; aiosmtpd (PyPI) is the tests' SMTP server.
deps:
# Postfix is preseeded to "Local only" so its install asks nothing (the tests start their own
# instances with their own main.cf; nothing listens on port 25).
	@if ! dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then \
		echo "postfix postfix/main_mailer_type select Local only" | $(SUDO) debconf-set-selections; \
		echo "postfix postfix/mailname string localhost" | $(SUDO) debconf-set-selections; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); fi

	@python3 -c 'import aiosmtpd' 2>/dev/null || python3 -m pip install -q aiosmtpd \
		|| python3 -m pip install -q --break-system-packages aiosmtpd

build: deps
	swift build

# The main job on the shipped example (see scripts/demo.sh).
demo: build
	scripts/demo.sh

test: deps
	swift test

# Release builds link the Swift runtime and Foundation statically: the installed binary
# needs only Debian's libraries (no Swift toolchain on the server), starts faster and spends
# less time in the dynamic linker. The benchmarks time that binary.
RELEASE_FLAGS := --static-swift-stdlib

bench: deps
	swift build -c release $(RELEASE_FLAGS)
	.build/release/dunning-bench

clean:
	rm -rf .build

# Installation as a systemd service (docs/operations.md): a release build, then
# the files. PREFIX=/usr/local by default; DESTDIR for staging (packages, the tests).
PREFIX ?= /usr/local
CONFIGURATION ?= release
# The binary install-files takes (install builds it first).
BUILT ?= .build/$(CONFIGURATION)/dunning
BINDIR := $(PREFIX)/bin
UNITDIR := $(PREFIX)/lib/systemd/system
SYSUSERSDIR := $(PREFIX)/lib/sysusers.d
TMPFILESDIR := $(PREFIX)/lib/tmpfiles.d
DATADIR := $(PREFIX)/share/dunning
DOCDIR := $(PREFIX)/share/doc/dunning
CONFDIR := /etc/dunning

install: deps
	swift build -c $(CONFIGURATION) $(if $(filter release,$(CONFIGURATION)),$(RELEASE_FLAGS)) --product dunning
	$(MAKE) install-files

# Only the files, from the binary BUILT (no build: the tests run this on their debug build).
# The config is written only when there is none: an edited one is kept. The templates in
# DATADIR are this version's built-in set, replaced on every install: copy a KIND from there
# to edit it (see `dunning export-templates --help`).
install-files:
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(TMPFILESDIR) \
		$(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR) $(DESTDIR)$(CONFDIR)
	install -m 0755 $(BUILT) $(DESTDIR)$(BINDIR)/dunning
	sed -e 's#/usr/local/bin/dunning#$(BINDIR)/dunning#' -e 's#/usr/local/share/doc/dunning#$(DOCDIR)#' \
		systemd/dunning.service > $(DESTDIR)$(UNITDIR)/dunning.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/dunning.service
	install -m 0644 systemd/dunning.sysusers $(DESTDIR)$(SYSUSERSDIR)/dunning.conf
	install -m 0644 systemd/dunning.tmpfiles $(DESTDIR)$(TMPFILESDIR)/dunning.conf
	install -m 0644 README.md docs/*.md $(DESTDIR)$(DOCDIR)/
	rm -rf $(DESTDIR)$(DATADIR)/templates
	$(BUILT) export-templates $(DESTDIR)$(DATADIR)/templates
	@if [ -e $(DESTDIR)$(CONFDIR)/dunning.yaml ]; then \
		echo "kept $(DESTDIR)$(CONFDIR)/dunning.yaml"; \
	else \
		{ echo "# Installed by make install from config/dunning.yaml: the files live in /var/lib/dunning/."; \
		  sed -E '/^[[:space:]]*#/! s#\.\./var/#/var/lib/dunning/#g' config/dunning.yaml; } > $(DESTDIR)$(CONFDIR)/dunning.yaml; \
		chmod 0644 $(DESTDIR)$(CONFDIR)/dunning.yaml; \
		echo "wrote $(DESTDIR)$(CONFDIR)/dunning.yaml"; \
	fi
	@echo "next: systemd-sysusers; systemd-tmpfiles --create; systemctl daemon-reload; systemctl enable --now dunning"

# Removes what install put in PREFIX; keeps the config (/etc/dunning) and the ledger (/var/lib/dunning).
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/dunning $(DESTDIR)$(UNITDIR)/dunning.service \
		$(DESTDIR)$(SYSUSERSDIR)/dunning.conf $(DESTDIR)$(TMPFILESDIR)/dunning.conf
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)
	@echo "kept $(DESTDIR)$(CONFDIR) and /var/lib/dunning (the ledger)"
