// swift-tools-version: 6.2
// A site's own hostcheck, built on the HostCheckKit seam (docs/swift-extensions.md): hostcheck's
// capabilities and built-in packs, plus a report format written in Swift and the site's own
// pack, validated and embedded at build time by the HostCheckPackEmbed plugin.
import PackageDescription

let package = Package(
    name: "site-hostcheck",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "hostcheck", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "site-hostcheck",
            dependencies: [.product(name: "HostCheckKit", package: "hostcheck")],
            // rules/ is read by the plugin, not compiled or copied.
            exclude: ["rules"],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")],
            plugins: [.plugin(name: "HostCheckPackEmbed", package: "hostcheck")]
        ),
    ]
)
