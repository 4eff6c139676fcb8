import Foundation
import Testing
import Chart
@testable import Analysis

/// One colour scheme: a hue per family, shades within it, the original's hues.
@Suite struct FigurePaletteTests {
    let colors = networkColors(FigureFixtures.networks).mapValues { Color(hex: $0)! }

    /// Hue in degrees and lightness, to compare colours the way readers see them.
    func hsl(_ c: Color) -> (hue: Double, lightness: Double, saturation: Double) {
        let mx = max(c.red, c.green, c.blue), mn = min(c.red, c.green, c.blue)
        let l = (mx + mn) / 2, d = mx - mn
        guard d > 1e-9 else { return (0, l, 0) }
        var h: Double
        if mx == c.red { h = ((c.green - c.blue) / d).truncatingRemainder(dividingBy: 6) }
        else if mx == c.green { h = (c.blue - c.red) / d + 2 }
        else { h = (c.red - c.green) / d + 4 }
        h *= 60
        if h < 0 { h += 360 }
        return (h, l, d / (1 - abs(2 * l - 1)))
    }

    @Test func originalHues() {
        func hue(_ id: String) -> Double { hsl(colors[id]!).hue }
        for id in ["vgg-16", "vgg-19"] { #expect((90...160).contains(hue(id)), "\(id) green") }
        for id in ["resnet-18", "resnet-34", "resnet-50", "resnet-101", "resnet-152"] {
            #expect(hue(id) >= 280 || hue(id) <= 5, "\(id) pink or purple")
        }
        for id in ["googlenet", "inception-v3", "inception-v4"] { #expect((195...230).contains(hue(id)), "\(id) blue") }
        for id in ["alexnet", "bn-alexnet"] { #expect((15...50).contains(hue(id)), "\(id) orange") }
        #expect(hue("bn-nin") < 10 || hue("bn-nin") > 350)
        #expect(hsl(colors["enet"]!).lightness < 0.05)
    }

    @Test func membersAreShadesDarkToLight() {
        let byFamily = Dictionary(grouping: FigureFixtures.networks, by: \.family)
        for (family, members) in byFamily where members.count > 1 {
            let lightness = members.map { hsl(colors[$0.id]!).lightness }
            #expect(lightness == lightness.sorted(), "\(family)")
            #expect(Set(members.map { colors[$0.id]!.hex }).count == members.count, "\(family) members differ")
        }
    }

    @Test func familiesAddedIn2018HaveTheirOwnHues() {
        let added = FigureFixtures.networks.filter { !$0.inOriginal }
        for n in added {
            for other in FigureFixtures.networks where other.family != n.family {
                let a = colors[n.id]!, b = colors[other.id]!
                let distance = ((a.red - b.red) * (a.red - b.red) + (a.green - b.green) * (a.green - b.green)
                    + (a.blue - b.blue) * (a.blue - b.blue)).squareRoot()
                #expect(distance > 0.12, "\(n.name) too close to \(other.name)")
            }
        }
    }

    @Test func deterministicAndIndependentOfOtherFamilies() {
        #expect(networkColors(FigureFixtures.networks) == networkColors(FigureFixtures.networks))
        let onlyVGG = networkColors(FigureFixtures.networks.filter { $0.family == "VGG" })
        #expect(onlyVGG["vgg-16"] == colors["vgg-16"]!.hex)
        // A family the palette does not know still gets a stable colour of its own.
        var stranger = FigureFixtures.networks[0]
        stranger.id = "efficientnet-b0"; stranger.family = "EfficientNet"
        let c = networkColors([stranger])["efficientnet-b0"]
        #expect(c == networkColors([stranger])["efficientnet-b0"] && c != nil && c != "#808080")
    }
}
