/// Files: the ledger store, the config loader, CSV import.
import DunningCore
