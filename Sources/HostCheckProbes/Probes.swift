import HostCheckCore

/// The probes this module provides, for `hostcheck list probes`. An explicit list: no
/// global registry.
public enum Probes {
    public static let all: [any Probe.Type] = [LinuxProcProbe.self, CaptureProbe.self]
}
