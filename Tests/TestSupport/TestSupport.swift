import DunningStore
/// Real parts for tests: temp folders, ledgers, servers.
public enum TestSupport {}
