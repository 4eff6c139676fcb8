import Foundation
import Chart

/// The paper's colours: one hue per family, members in shades of it from dark (first
/// member in the data) to light, as in the 2016 figures.
enum Palette {
    /// Dark-to-light colour stops per family; members are spread evenly along them.
    static let families: [String: [String]] = [
        "VGG": ["#00612a", "#6cc36a"],
        "ResNet": ["#6b0062", "#ae017e", "#f0529c", "#f88fb0", "#fbb4b9"],
        "Inception": ["#0b4593", "#4b97c9", "#b9d4ee"],
        "GoogLeNet": ["#0b4593", "#4b97c9", "#b9d4ee"],
        "AlexNet": ["#f97a2a", "#fec44f"],
        "NIN": ["#d81b1f", "#f46d6d"],
        "ENet": ["#000000", "#5a5a5a"],
        "SqueezeNet": ["#8c510a", "#d8b365"],
        "MobileNet": ["#4a5a73", "#a3b2c7"],
        "ShuffleNet": ["#8a8a00", "#d6d66e"],
        "Xception": ["#5b3a9e", "#b9b0dc"],
        "DenseNet": ["#1296b4", "#93d3e3"],
        // The families added ten years later.
        "MnasNet": ["#35978f", "#c7eae5"],
        "EfficientNet": ["#b8860b", "#f0d060"],
        "RegNet": ["#762a83", "#c2a5cf"],
        "ResNeXt": ["#8e0152", "#de77ae"],
        "Wide ResNet": ["#543005", "#bf812d"],
        "ConvNeXt": ["#01665e", "#5ab4ac"],
        "ViT": ["#d73027", "#fc8d59"],
        "Swin": ["#313695", "#74add1"],
    ]

    /// One colour per era, for figures of every network, where twenty families' hues
    /// would no longer tell apart: the 2016 figures' networks, the 2018 update's and
    /// those added ten years later.
    static let eras: [NetworkSummary.Era: Color] = [
        .original: Color(hex: "#3a3a3a")!,
        .update: Color(hex: "#2c7fb8")!,
        .later: Color(hex: "#e6550d")!,
    ]

    static func eraLabel(_ era: NetworkSummary.Era) -> String {
        switch era {
        case .original: "2016 figures"
        case .update: "added in 2018"
        case .later: "added ten years later (2018–2022 networks)"
        }
    }

    static func stops(_ family: String) -> [Color] {
        if let hexes = families[family] { return hexes.compactMap { Color(hex: $0) } }
        // A family the paper does not know yet: a hue from its name, stable across runs.
        var h: UInt32 = 2166136261
        for b in family.utf8 { h = (h ^ UInt32(b)) &* 16777619 }
        let hue = Double(h % 360) / 360
        return [hsl(hue, 0.65, 0.3), hsl(hue, 0.6, 0.75)]
    }

    static func shade(_ stops: [Color], _ t: Double) -> Color {
        guard stops.count > 1 else { return stops.first ?? .black }
        let x = min(max(t, 0), 1) * Double(stops.count - 1)
        let i = min(Int(x), stops.count - 2)
        return stops[i].mixed(with: stops[i + 1], x - Double(i))
    }

    static func hsl(_ h: Double, _ s: Double, _ l: Double) -> Color {
        func f(_ n: Double) -> Double {
            let k = (n + h * 12).truncatingRemainder(dividingBy: 12)
            let a = s * min(l, 1 - l)
            return l - a * max(-1, min(k - 3, 9 - k, 1))
        }
        return Color(red: f(0), green: f(8), blue: f(4))
    }

    static func colors(_ networks: [NetworkSummary]) -> [String: Color] {
        var members: [String: [String]] = [:]
        var familyOrder: [String] = []
        for n in networks {
            if members[n.family] == nil { familyOrder.append(n.family) }
            members[n.family, default: []].append(n.id)
        }
        var out: [String: Color] = [:]
        for family in familyOrder {
            let ids = members[family]!
            let stops = stops(family)
            for (i, id) in ids.enumerated() {
                // Few members stay near the dark end, as in the original (two VGGs:
                // dark and mid green), while five spread over the whole ramp.
                let t = ids.count == 1 ? 0 : Double(i) / Double(max(ids.count - 1, stops.count - 1))
                out[id] = shade(stops, t)
            }
        }
        return out
    }
}

/// The paper's colour for each network, as `#rrggbb`, keyed by id: each family has a
/// hue and its members are shades of it, dark to light in the order of the data. Used by
/// every figure and the networks table.
public func networkColors(_ networks: [NetworkSummary]) -> [String: String] {
    Palette.colors(networks).mapValues(\.hex)
}
