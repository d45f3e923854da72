/// How many packs the plugin embedded (never built: the pack is broken).
public let embeddedPackCount = EmbeddedPacks.files.count
