import Foundation
@testable import Analysis

/// Test networks: the 2016 figures' own values (`original-figures.csv` from the shared
/// reference, verbatim) plus plausible values for the families the 2018 update added.
enum FigureFixtures {
    static let originalFigures = """
    id,top1,params_millions,gops,source
    alexnet,54.61,60.97,2.26,C16
    bn-alexnet,56.60,60.54,1.30,C16
    bn-nin,62.62,8.64,2.52,C16
    enet,68.40,5.86,1.57,C16
    googlenet,68.70,6.99,3.00,C16
    resnet-18,69.57,11.69,3.63,C16
    vgg-16,70.62,138.36,30.97,C16
    vgg-19,70.74,143.67,39.29,C16
    resnet-34,73.27,21.80,7.34,C16
    resnet-50,75.99,25.56,8.21,C16
    resnet-101,77.56,44.60,15.65,C16
    resnet-152,77.84,60.27,23.10,C16
    inception-v3,78.53,23.85,11.45,C16
    inception-v4,80.10,31.57,18.44,C16
    """

    /// Names and families in the order of `networks.csv`.
    static let identities = """
    id,name,family
    alexnet,AlexNet,AlexNet
    bn-alexnet,BN-AlexNet,AlexNet
    bn-nin,BN-NIN,NIN
    enet,ENet,ENet
    googlenet,GoogLeNet,Inception
    vgg-16,VGG-16,VGG
    vgg-19,VGG-19,VGG
    resnet-18,ResNet-18,ResNet
    resnet-34,ResNet-34,ResNet
    resnet-50,ResNet-50,ResNet
    resnet-101,ResNet-101,ResNet
    resnet-152,ResNet-152,ResNet
    inception-v3,Inception-v3,Inception
    inception-v4,Inception-v4,Inception
    squeezenet-1.0,SqueezeNet,SqueezeNet
    mobilenet-v1,MobileNet,MobileNet
    shufflenet-v1,ShuffleNet,ShuffleNet
    xception,Xception,Xception
    densenet-121,DenseNet-121,DenseNet
    """

    /// Plausible sizes and costs of the 2018 additions (published parameter counts and
    /// mult-adds; operations about twice the MACs; the profiler counts grouped and
    /// depthwise convolutions as dense, hence its larger numbers).
    static let added2018 = """
    id,top1,params_millions,gmacs,gops,gops_profiler
    squeezenet-1.0,57.50,1.25,0.82,1.67,1.67
    mobilenet-v1,70.60,4.23,0.57,1.16,5.91
    shufflenet-v1,67.80,1.88,0.14,0.29,1.62
    xception,79.00,22.86,8.42,16.90,29.70
    densenet-121,74.43,7.98,2.87,5.78,5.78
    """

    static func rows(_ csv: String) -> [[String: String]] {
        let lines = csv.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let header = lines[0].split(separator: ",").map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }

    static func number(_ s: String?) -> Double { Double(s ?? "") ?? .nan }

    /// Year of first publication, as in `networks.csv`.
    static let years: [String: Int] = [
        "alexnet": 2012, "bn-alexnet": 2015, "bn-nin": 2015, "enet": 2016, "googlenet": 2014,
        "vgg-16": 2014, "vgg-19": 2014, "resnet-18": 2015, "resnet-34": 2015, "resnet-50": 2015,
        "resnet-101": 2015, "resnet-152": 2015, "inception-v3": 2015, "inception-v4": 2016,
        "squeezenet-1.0": 2016, "mobilenet-v1": 2017, "shufflenet-v1": 2017, "xception": 2016,
        "densenet-121": 2016,
    ]

    /// A few networks of the ten-years-later era, with their torchvision counts.
    static let later: [NetworkSummary] = [
        ("mobilenet-v2", "MobileNetV2", "MobileNet", 71.878, 3_504_872, 300_774_272, 2018),
        ("efficientnet-b0", "EfficientNet-B0", "EfficientNet", 77.692, 5_288_548, 385_814_752, 2019),
        ("convnext-tiny", "ConvNeXt-T", "ConvNeXt", 82.52, 28_589_128, 4_455_531_264, 2022),
        ("vit-b-16", "ViT-B/16", "ViT", 81.072, 86_567_656, 17_563_828_224, 2020),
    ].map { id, name, family, top1, params, macs, year in
        NetworkSummary(id: id, name: name, family: family, inOriginal: false, top1: top1, top5: nil,
                       params: params, macs: macs, ops: 2 * macs, opsProfiler: 2 * macs, source: .derived,
                       era: .later, year: year)
    }

    /// The 19 networks in `networks.csv` order.
    static let networks: [NetworkSummary] = {
        let original = Dictionary(uniqueKeysWithValues: rows(originalFigures).map { ($0["id"]!, $0) })
        let added = Dictionary(uniqueKeysWithValues: rows(added2018).map { ($0["id"]!, $0) })
        return rows(identities).map { who in
            let id = who["id"]!
            if let o = original[id] {
                let gops = number(o["gops"])
                return NetworkSummary(
                    id: id, name: who["name"]!, family: who["family"]!, inOriginal: true,
                    top1: number(o["top1"]), top5: nil, params: Int((number(o["params_millions"]) * 1e6).rounded()),
                    macs: Int((gops / 2 * 1e9).rounded()), ops: Int((gops * 1e9).rounded()),
                    opsProfiler: Int((gops * 1e9).rounded()), source: id == "enet" ? .reported : .derived,
                    year: years[id])
            }
            let a = added[id]!
            return NetworkSummary(
                id: id, name: who["name"]!, family: who["family"]!, inOriginal: false,
                top1: number(a["top1"]), top5: nil, params: Int((number(a["params_millions"]) * 1e6).rounded()),
                macs: Int((number(a["gmacs"]) * 1e9).rounded()), ops: Int((number(a["gops"]) * 1e9).rounded()),
                opsProfiler: Int((number(a["gops_profiler"]) * 1e9).rounded()), source: .derived,
                year: years[id])
        }
    }()
}
