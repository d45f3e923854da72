/// The probes this module provides, in the order `hostcheck list probes` shows them. A new
/// probe is one file with its descriptor and one line here.
public enum ProbeCatalog {
    /// Every built-in probe's descriptor, in catalog order.
    public static var builtin: [ProbeDescriptor] {
        [
            LinuxProcProbe.descriptor,
            CaptureProbe.descriptor,
        ]
    }
}
