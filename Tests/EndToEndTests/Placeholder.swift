import DunningStore
import Testing
