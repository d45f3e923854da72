/// The effective value of a pack variable in a run (results JSON `packs[].variables`).
public enum VariableSetting: Sendable, Hashable {
    /// `magaya_port: 3691`, written as the text it was given as.
    case scalar(String)
    /// `magaya_images: ["magaya*", "mgy*"]`.
    case list([String])
}
