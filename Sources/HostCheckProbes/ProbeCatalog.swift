/// The probes this module provides, in the order `hostcheck list probes` shows them. A new
/// probe is one file with its descriptor and one line here.
public enum ProbeCatalog {
    public static var builtin: [ProbeDescriptor] {
        [
            LinuxProcProbe.descriptor,
            CaptureProbe.descriptor,
        ]
    }
}
