#!/usr/bin/env bash
# The README's main job on the shipped example: a fresh ledger in var/, the example CSVs
# imported, a few bookkeeping records, `check`, the plan as of 2026-11-23, then one send
# cycle (`run --once`) that writes one .eml per due customer into the outbox var/outbox/new/,
# and the bookkeeper's daily digest of that day (the example config has `digest:`).
set -euo pipefail
cd "$(dirname "$0")/.."
export DUNNING_CONFIG="$PWD/config/dunning.yaml"
dunning() { .build/debug/dunning "$@"; }

rm -rf var   # the example config keeps its ledger and outbox in var/
dunning import config/customers.csv config/invoices.csv config/payments.csv
# Recorded as made on Monday 2026-11-23, the day the demo plays (records carry as_of).
day=2026-11-23
dunning ledger dispute --invoice INV-2026-1009 --reason "Pallets arrived damaged; waiting for the carrier's report" --as-of $day >/dev/null
dunning ledger promise --invoice INV-2026-1014 --until 2026-11-30 --as-of $day >/dev/null
dunning ledger credit --invoice INV-2026-1012 --amount 100,00 --date 2026-10-15 --reference "CN-2026-007" --as-of $day >/dev/null
dunning ledger hold --customer C-008 --reason "Customer moved abroad; address being checked" --until 2026-12-31 --as-of $day >/dev/null
dunning check
echo
dunning plan --as-of $day
echo
dunning plan --as-of $day --format json
echo
dunning run --once --as-of $day
echo
echo "outbox: $(ls var/outbox/new | wc -l) message(s) in var/outbox/new/ (open them with any mail program)"
