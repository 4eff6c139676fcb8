// Every defined network builds, its shapes are those of its paper, and the zoo answers
// by id.
import Testing
@testable import Analysis

@Suite("Network zoo")
struct NetworkZooTests {
    static let ids = [
        "alexnet", "bn-alexnet", "bn-nin", "enet-encoder", "googlenet", "vgg-16", "vgg-19",
        "resnet-18", "resnet-34", "resnet-50", "resnet-101", "resnet-152", "inception-v3",
        "inception-v4", "squeezenet-1.0", "mobilenet-v1", "shufflenet-v1", "xception",
        "densenet-121",
    ]

    /// The networks of 2018–2022, with the input side each is evaluated at.
    static let later: [String: Int] = [
        "mobilenet-v2": 224, "mobilenet-v3-large": 224, "mobilenet-v3-small": 224, "shufflenet-v2": 224,
        "mnasnet-1.0": 224, "efficientnet-b0": 224, "efficientnet-b4": 380, "efficientnet-b7": 600,
        "efficientnet-v2-s": 384, "regnet-y-400mf": 224, "regnet-y-8gf": 224, "resnext-50": 224,
        "wide-resnet-50": 224, "convnext-tiny": 224, "convnext-base": 224, "vit-b-16": 224,
        "vit-l-16": 224, "swin-t": 224,
    ]

    @Test func idsAreTheDefinedNetworks() {
        #expect(Set(Zoo.ids) == Set(Self.ids).union(Self.later.keys))
        #expect(Zoo.ids.count == Self.ids.count + Self.later.count)
    }

    @Test(arguments: later.keys.sorted())
    func laterBuildAndClassify(_ id: String) throws {
        let counts = try #require(try Zoo.counts(id))
        #expect(counts.inputShape == [3, Self.later[id]!, Self.later[id]!])
        #expect(counts.layers.last?.outputShape == [1000])
        #expect(counts.params == counts.layers.reduce(0) { $0 + $1.params })
        #expect(counts.macs == counts.layers.reduce(0) { $0 + $1.macs })
        #expect(Set(counts.layers.map(\.path)).count == counts.layers.count, "paths are unique")
        #expect(counts.layers.allSatisfy { $0.path.hasPrefix(id + "/") })
        // A grouped or depthwise convolution is what makes the profiler's count larger.
        let grouped = counts.layers.contains { $0.kind.contains("groups") }
        #expect(grouped == (counts.opsProfiler > counts.ops))
    }

    @Test("intermediate shapes of the 2018–2022 networks follow their papers' tables", arguments: [
        ("mobilenet-v2/bottleneck7/unit1/project/bn1", [320, 7, 7]),
        ("mobilenet-v3-large/conv2/hardswish1", [960, 7, 7]),
        ("shufflenet-v2/stage4/unit4/shuffle1", [464, 7, 7]),
        ("efficientnet-b0/stage6/block4/add", [192, 7, 7]),
        ("efficientnet-b7/stage1/block1/depthwise/conv1", [64, 300, 300]),
        ("efficientnet-b7/head/conv1", [2560, 19, 19]),
        ("efficientnet-v2-s/stage6/block15/add", [256, 12, 12]),
        ("regnet-y-8gf/stage4/block1/c/conv1", [2016, 7, 7]),
        ("resnext-50/layer1/block1/conv2", [128, 56, 56]),
        ("wide-resnet-50/layer4/block1/conv2", [1024, 7, 7]),
        ("convnext-tiny/stage3/block9/add", [384, 14, 14]),
        ("convnext-base/stage4/block3/fc2", [7, 7, 1024]),
        ("vit-b-16/encoder/layer12/attn1", [197, 768]),
        ("vit-l-16/encoder/layer24/fc2", [197, 1024]),
        ("swin-t/stage1/block2/attn1", [56, 56, 96]),
        ("swin-t/stage4/block2/attn1", [7, 7, 768]),
        ("swin-t/patch_merging3/fc1", [7, 7, 768]),
    ])
    func laterIntermediateShapes(_ path: String, _ shape: [Int]) throws {
        let id = String(path.prefix { $0 != "/" })
        let counts = try #require(try Zoo.counts(id))
        let layer = try #require(counts.layers.first { $0.path == path }, "no \(path)")
        #expect(layer.outputShape == shape)
    }

    @Test func enetHasNoArchitectureAndUnknownIdsNone() throws {
        #expect(try Zoo.counts("enet") == nil)
        #expect(try Zoo.counts("resnet-51") == nil)
    }

    @Test(arguments: ids)
    func buildsAndClassifies(_ id: String) throws {
        let counts = try #require(try Zoo.counts(id))
        let side = ["alexnet": 227, "inception-v3": 299, "inception-v4": 299, "xception": 299][id] ?? 224
        #expect(counts.inputShape == [3, side, side])
        let output = id == "enet-encoder" ? [30, 28, 28] : [1000]
        #expect(counts.layers.last?.outputShape == output)
        #expect(counts.weightBytes == 4 * counts.params)
        #expect(counts.params == counts.layers.reduce(0) { $0 + $1.params })
        #expect(counts.ops == counts.layers.reduce(0) { $0 + $1.ops })
        #expect(counts.peakActivations > 0 && counts.peakActivations < counts.activations)
        #expect(Set(counts.layers.map(\.path)).count == counts.layers.count, "paths are unique")
        #expect(counts.layers.allSatisfy { $0.path.hasPrefix(id + "/") })
    }

    @Test(arguments: ids)
    func profilerCountDiffersOnlyWithGroups(_ id: String) throws {
        let counts = try #require(try Zoo.counts(id))
        let grouped = counts.layers.contains { $0.kind.contains("groups") }
        #expect(grouped == ["alexnet", "mobilenet-v1", "shufflenet-v1", "xception"].contains(id))
        if grouped {
            #expect(counts.opsProfiler > counts.ops)
        } else {
            #expect(counts.opsProfiler == counts.ops)
        }
    }

    @Test("intermediate shapes follow the papers' tables", arguments: [
        ("resnet-50/layer3/block2/conv2", [256, 14, 14]),
        ("resnet-50/layer4/block3/relu3", [2048, 7, 7]),
        ("resnet-18/layer2/block1/shortcut/conv1", [128, 28, 28]),
        ("vgg-16/stage5/maxpool1", [512, 7, 7]),
        ("alexnet/pool5", [256, 6, 6]),
        ("alexnet/conv2/conv1", [256, 27, 27]),
        ("bn-alexnet/features/maxpool3", [256, 6, 6]),
        ("bn-nin/block4/relu3", [1024, 7, 7]),
        ("googlenet/pool1", [64, 56, 56]),
        ("googlenet/inception_3a/concat", [256, 28, 28]),
        ("googlenet/inception_5b/concat", [1024, 7, 7]),
        ("inception-v3/Mixed_5b/concat", [256, 35, 35]),
        ("inception-v3/Mixed_6e/concat", [768, 17, 17]),
        ("inception-v3/Mixed_7c/concat", [2048, 8, 8]),
        ("inception-v4/stem/concat3", [384, 35, 35]),
        ("inception-v4/reduction_a/concat", [1024, 17, 17]),
        ("inception-v4/reduction_b/concat", [1536, 8, 8]),
        ("inception-v4/inception_c3/concat", [1536, 8, 8]),
        ("squeezenet-1.0/fire9/concat1", [512, 13, 13]),
        ("mobilenet-v1/conv_dw13/relu2", [1024, 7, 7]),
        ("shufflenet-v1/stage2/unit1/concat", [240, 28, 28]),
        ("shufflenet-v1/stage4/unit4/relu2", [960, 7, 7]),
        ("xception/entry/block4/add", [728, 19, 19]),
        ("xception/exit/block13/add", [1024, 10, 10]),
        ("xception/exit/block14/relu2", [2048, 10, 10]),
        ("densenet-121/transition3/avgpool1", [512, 7, 7]),
        ("densenet-121/denseblock4/denselayer16/concat", [1024, 7, 7]),
        ("enet-encoder/initial/concat", [16, 112, 112]),
        ("enet-encoder/bottleneck2.0/add1", [128, 28, 28]),
    ])
    func intermediateShape(_ path: String, _ shape: [Int]) throws {
        let id = String(path.prefix { $0 != "/" })
        let counts = try #require(try Zoo.counts(id))
        let layer = try #require(counts.layers.first { $0.path == path }, "no layer \(path)")
        #expect(layer.outputShape == shape)
    }
}
