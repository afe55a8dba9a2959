// CSystemd: libsystemd's sd-daemon API for Swift (Debian libsystemd-dev): sd_notify and
// sd_watchdog_enabled, wrapped by Daemon/ServiceNotifier.swift. Swift imports both
// directly (neither is variadic), so there are no shims.
#include <systemd/sd-daemon.h>
